"""Cross-article proposal merging, scored against the groups annotated in
tests/data/proposals/groups.json (pairwise precision and recall; kg/evaluation/proposal_groups.py).

Builds the Wikinews corpus into a store without merging, reads every extracted proposal (its IRI,
article and names), runs the entity and then the proposal merges `kg build --store` runs, and
scores where each proposal ended. The annotation names phrases of the articles, not extracted
nodes, so this can be run again after any change to the extractor.

Usage: python benchmarks/proposal_merge.py [--corpus FILE] [--store DIR]
  --store  a store built from the corpus with --no-merge (copied, never changed); default: build one
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from measure import CORPUS

from kg.building.build import build
from kg.building.merge import list_merges, merge_entities
from kg.building.proposal_merge import merge_proposals, proposals_in
from kg.evaluation.proposal_groups import IGNORED, Groups, Node, final_iri, pairwise
from kg.questions import results
from kg.rdf.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ROOT / "tests" / "data" / "proposals" / "groups.json"
IDS = "SELECT ?a ?id WHERE { GRAPH ?a { ?a <https://schema.org/identifier> ?id } }"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--store", type=Path, help="a store of the corpus built with --no-merge")
    args = parser.parse_args()
    groups = Groups.load(GROUPS)
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "store"
        if args.store:
            shutil.copytree(args.store, location)
            store = GraphStore(location)
        else:
            store = GraphStore(location)
            report = build([args.corpus], Path(tmp) / "out", store=store, html=False, merge=False)
            print(f"built {report.articles} articles into a store in {report.seconds:.0f} s", file=sys.stderr)
        article_id = {row["a"]: row["id"] for row in results.rows(store.query(IDS))}
        nodes = [Node(p.iri, article_id[a], p.names) for p in proposals_in(store) for a in p.articles]
        started = time.perf_counter()
        entity_merges = merge_entities(store)
        proposal_merges = merge_proposals(store)
        seconds = time.perf_counter() - started
        in_force = {r.removed: r.kept for r in list_merges(store) if not r.undone}
        cluster_of = {n.iri: final_iri(n.iri, in_force) for n in nodes}
    score = pairwise(nodes, cluster_of, groups)
    labelled = Counter(groups.group_of(n) for n in nodes)
    covered = sum(c for g, c in labelled.items() if g not in (None, IGNORED))
    print(f"corpus: {args.corpus.name}, {len(article_id)} articles, {len(nodes)} proposals "
          f"({covered} in {len(groups.mentions)} annotated groups, {labelled[IGNORED]} ignored)")
    print(f"merges: {len(entity_merges)} of entities, then {len(proposal_merges)} of proposals ({seconds:.1f} s)")
    print(f"pairwise precision {score.precision:.3f} ({score.correct}/{score.merged} merged pairs in one group), "
          f"recall {score.recall:.3f} ({score.found}/{score.gold} pairs of one group merged)")
    by_group: dict[str, set[str]] = {}
    for n in nodes:
        g = groups.group_of(n)
        if g not in (None, IGNORED):
            by_group.setdefault(g, set()).add(f"{n.article[:10]}→{cluster_of[n.iri].rsplit('/', 2)[-2][:6]}")
    for g, placed in sorted(by_group.items()):
        print(f"  {g}: {', '.join(sorted(placed))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
