"""Scoring one article's graph against its article gold (``ANNOTATION.md``): entities matched by
name and type, proposals by keyword groups, facts by relation class; forbidden facts present.

A recall with nothing to recall (an article whose gold has no proposal, or no core fact) is None,
not 1.0: such an article says nothing about that recall, and the means leave it out."""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Literal

from .graphview import GraphView, norm

NAME_PARTICLES = {"of", "the", "and", "for", "on", "in", "at", "to", "de", "la", "al", "du", "des", "von", "van", "der",
                  "del", "y"}


def named_in_text(label: str, text: str | None) -> bool:
    """True when ``label`` occurs in the article written as a proper name (content words
    capitalised); a node none of whose names is written so is junk."""
    words = [w for w in re.split(r"\W+", label) if w]
    if not words or text is None:
        return text is None
    pattern = r"\W+".join(re.escape(w) for w in words)
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        content = [w for w in re.split(r"\W+", match.group(0)) if w and w.lower() not in NAME_PARTICLES]
        if content and all(w[:1].isupper() or w[:1].isdigit() for w in content):
            return True
    return False


def match_entities(view: GraphView, gold: dict) -> dict[str, set]:
    """Gold entity id -> the nodes that stand for it: a typed node sharing one of its names, or,
    for a proposal, a proposal node whose names hold enough of one keyword group."""
    typed = set(view.types)
    match: dict[str, set] = defaultdict(set)
    for entity in gold["entities"] + gold.get("optional_entities", []):
        if entity["type"] == "Proposal":
            for node in typed:
                if "Proposal" not in view.types[node]:
                    continue
                names = " ".join(view.names[node])
                for group in entity["keywords"]:
                    hits = sum(1 for k in group if re.search(r"\b" + re.escape(norm(k)), names))
                    if hits >= min(2, len(group)):
                        match[entity["id"]].add(node)
        else:
            forms = {norm(entity["name"])} | {norm(a) for a in entity.get("aliases", [])}
            for node in typed:
                if view.names[node] & forms:
                    match[entity["id"]].add(node)
    return match


def score_article(view: GraphView, gold: dict, text: str | None = None) -> dict:
    """The figures of one article against its gold (see ANNOTATION.md)."""
    match = match_entities(view, gold)
    core = [e for e in gold["entities"] if e["type"] != "Proposal"]
    out: dict = {"entity_recall": sum(1 for e in core if match[e["id"]]) / len(core)}
    out["entity_duplicates"] = sum(len(match[e["id"]]) - 1 for e in core if len(match[e["id"]]) > 1)
    out["entity_wrong_type"] = sum(1 for e in core for n in match[e["id"]]
                                   if not {e["type"], *e.get("alt_types", [])} & view.types[n])
    matched = set().union(*match.values()) if match else set()
    named = [n for n in view.types if view.types[n] & {"Person", "Country", "Organization", "Place"}]
    unmatched = [n for n in named if n not in matched]
    junk = [n for n in unmatched if not any(named_in_text(x, text) for x in view.names[n])]
    out["entity_precision"] = (len(named) - len(junk) - out["entity_duplicates"]) / max(1, len(named))
    out["entity_junk"] = [sorted(view.names[n])[:1] for n in junk]
    out["entity_extra"] = [sorted(view.names[n])[:1] for n in unmatched if n not in junk]
    out["entity_missed"] = [e["name"] for e in core if not match[e["id"]]]
    proposals = [e["id"] for e in gold["entities"] if e["type"] == "Proposal"]
    out["proposal_recall"] = _share(sum(1 for i in proposals if match[i]), len(proposals))
    out["proposal_missed"] = [e["name"] for e in gold["entities"] if e["type"] == "Proposal" and not match[e["id"]]]
    out.update(_proposal_noise(view, match, gold))
    found = [(fact, _fact_present(view, match, fact)) for fact in gold["facts"]]
    core_facts = [ok for fact, ok in found if fact.get("core")]
    out["core_fact_recall"] = _share(sum(core_facts), len(core_facts))
    out["all_fact_recall"] = _share(sum(ok for _, ok in found), len(found))
    out["missed_core"] = [f"{f['s']} {f['rel']} {f['o']}" for f, ok in found if f.get("core") and not ok]
    out["missed_other"] = [f"{f['s']} {f['rel']} {f['o']}" for f, ok in found if not f.get("core") and not ok]
    out["forbidden_present"] = [f"{f['s']} {f['rel']} {f['o']}" for f in gold.get("forbidden", [])
                                if _forbidden_present(view, match, f)]
    out["triples"] = len(view.graph)
    return out


def _share(hits: int, total: int) -> float | None:
    """A recall: ``hits`` of ``total``, or None when there is nothing to recall."""
    return hits / total if total else None


def _proposal_noise(view: GraphView, match: dict[str, set], gold: dict) -> dict[str, int]:
    """How many proposal nodes the graph has, and how many of them stand for no proposal of the
    gold, optional ones included: "the weather turned cold" made a proposal is one."""
    every = gold["entities"] + gold.get("optional_entities", [])
    matched = set().union(*(match[e["id"]] for e in every if e["type"] == "Proposal"))
    nodes = [n for n in view.types if "Proposal" in view.types[n]]
    return {"proposal_nodes": len(nodes), "proposal_unmatched": sum(1 for n in nodes if n not in matched)}


def _fact_present(view: GraphView, match: dict, fact: dict) -> bool:
    subjects, relation = match.get(fact["s"], set()), fact["rel"]
    if relation == "role":
        return view.has_role(subjects, fact["o"])
    if relation == "role_of":
        return view.has_role_of(subjects, match.get(fact["o"], set()))
    if relation == "said":
        quotes = view.holding_text(fact["o"])
        return view.has(subjects, "said", quotes) or any(
            isinstance(b, Literal) and norm(fact["o"]) in norm(str(b)) for a, _, b in view.edges if a in subjects)
    objects = match.get(fact["o"], set())
    return view.has(subjects, relation, objects) or (
        relation in ("met", "conflict") and view.has(objects, relation, subjects))


def _forbidden_present(view: GraphView, match: dict, fact: dict) -> bool:
    subjects = match.get(fact["s"], set())
    if fact["rel"] == "type":
        return any(fact["o"] in view.types[n] for n in subjects)
    if fact["rel"] == "role":
        return view.has_role(subjects, fact["o"])
    if fact["rel"] == "role_of":
        return view.has_role_of(subjects, match.get(fact["o"], set()))
    if fact["rel"] == "said":
        return False
    return view.has(subjects, fact["rel"], match.get(fact["o"], set()))
