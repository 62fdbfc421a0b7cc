"""Scoring proposal merges against annotated groups: which group an extracted proposal belongs
to, and pairwise precision and recall (kg.evaluation.proposal_groups)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluation.proposal_groups import IGNORED, Groups, Node, final_iri, pairwise

ANNOTATION = Path(__file__).parents[1] / "data" / "proposals" / "groups.json"

GROUPS = Groups(
    mentions={"suspension": {"a1": ["suspension of the assembly", "request to suspend the assembly"],
                             "a2": ["suspension"], "a3": ["assembly suspension"]},
              "wall": {"a1": ["sea wall"], "a2": ["sea wall"]}},
    ignore={"a2": ["the move"]})


@pytest.mark.parametrize("article, names, group", [
    ("a1", {"request to suspend the assembly for a month"}, "suspension"),  # contains a phrase
    ("a1", {"request"}, "suspension"),                                       # is contained in one
    ("a1", {"plan to build a sea wall"}, "wall"),
    ("a1", {"sea wall suspension of the assembly"}, "suspension"),           # the longest phrase wins
    ("a2", {"the move"}, IGNORED),
    ("a3", {"sea wall"}, None),                                              # not annotated in a3
    ("a1", {"a new harbour"}, None),
])
def test_proposal_groups_node_belongs_to_a_group_by_its_names(article, names, group):
    assert GROUPS.group_of(Node("x", article, frozenset(names))) == group


def test_proposal_groups_pairwise_precision_and_recall():
    nodes = [Node("s1", "a1", frozenset({"suspension of the assembly"})), Node("s2", "a2", frozenset({"suspension"})),
             Node("s3", "a3", frozenset({"assembly suspension"})), Node("w1", "a1", frozenset({"sea wall"})),
             Node("w2", "a2", frozenset({"sea wall"})), Node("x3", "a3", frozenset({"ferry"}))]
    # s2 and s3 into s1 (right), w2 into x3 (wrong), w1 alone
    score = pairwise(nodes, {"s2": "s1", "s3": "s1", "w2": "x3"}, GROUPS)
    assert (score.merged, score.correct, score.gold, score.found) == (4, 3, 4, 3)
    assert (score.precision, score.recall) == (0.75, 0.75)


def test_proposal_groups_final_iri_follows_chains():
    assert final_iri("c", {"c": "b", "b": "a"}) == "a" and final_iri("a", {"a": "b", "b": "a"}) == "b"


def test_proposal_groups_annotation_file_is_well_formed():
    groups = Groups.load(ANNOTATION)
    assert len(groups.mentions) >= 10 and len(groups.articles) >= 15
    assert sum(len(m) >= 3 for m in groups.mentions.values()) >= 4  # followed over three articles or more
    for gid, mentions in groups.mentions.items():
        assert all(phrases and all(p.strip() for p in phrases) for phrases in mentions.values()), gid
