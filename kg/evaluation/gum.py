"""Scoring entities and their coreference against GUM gold (CC BY 4.0, Zeldes 2017).

GUM annotates every referring expression with its coreference cluster; the gold entities here
are the person, place and organisation clusters that carry a proper name. A graph's node is
matched to a cluster when one of its names is one of the cluster's name forms.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .graphview import GraphView, norm

SKIP_FIRST = {"the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "his", "her",
              "their", "its", "we", "i", "you", "our", "my", "your", "them", "him", "us", "me", "who", "which",
              "some", "many", "one", "two", "all", "both", "each", "other", "another", "most", "more", "several"}
GUM_TYPES = {"person": {"Person"}, "place": {"Place", "Country"}, "organization": {"Organization", "Country"}}
PARTICLES = {"of", "the", "and", "de", "la", "del", "von", "van", "al", "bin", "for", "&", "-"}


def name_part(mention: str) -> str | None:
    """The proper-name part of a mention: its leading run of capitalised words (with particles)."""
    words = mention.replace("\u2019", "'").split()
    if not words or words[0].lower() in SKIP_FIRST:
        return None
    run = []
    for word in words:
        if word[:1].isupper() or (run and word.lower() in PARTICLES):
            run.append(word)
        else:
            break
    while run and run[-1].lower() in PARTICLES:
        run.pop()
    return " ".join(run) if run and len(run) <= 6 else None


def _tails(mention: str, shortest: int) -> set[str]:
    """Capitalised endings of a mention: "Afghan Ambassador Hamdullah Mohib" -> "Hamdullah Mohib"."""
    words = mention.split()
    return {norm(" ".join(words[-k:])) for k in range(shortest, min(4, len(words)) + 1)
            if all(w[:1].isupper() for w in words[-k:])}


def gold_clusters(doc: dict) -> list[dict]:
    """The named person/place/organisation clusters, each with every form its name takes."""
    out = []
    for entity in doc["entities"]:
        if entity["type"] not in GUM_TYPES:
            continue
        mentions = [m["text"] for m in entity["mentions"]]
        full = [m for m in mentions if name_part(m) == m.replace("\u2019", "'").strip()]
        forms = {norm(p) for p in map(name_part, mentions) if p} | {norm(m) for m in full}
        for mention in mentions:
            forms |= _tails(mention, 1 if entity["type"] == "person" else 2)
        if entity["wikipedia"]:
            title = re.sub(r"\s*\(.*\)$", "", entity["wikipedia"].replace("_", " "))
            forms |= {norm(title), norm(title.split(",")[0])}
        if entity["wikipedia"] or full:
            out.append({"eid": entity["eid"], "type": entity["type"], "forms": forms, "mentions": len(mentions)})
    return out


def _merged(names: set[str], clusters: list[dict]) -> bool:
    """A node merges clusters when it holds names exclusive to two of them."""
    own = []
    for cluster in clusters:
        others = set().union(*(c["forms"] for c in clusters if c is not cluster))
        own.append(bool((names & cluster["forms"]) - others))
    return sum(own) >= 2


def score_gum(view: GraphView, doc: dict) -> dict:
    """Entity recall, precision, type agreement, split and merge errors against one GUM text."""
    nodes = [n for n in view.types if view.types[n] & {"Person", "Country", "Organization", "Place"}]
    gold = gold_clusters(doc)
    any_forms = set()  # every mention of any cluster, of any type, is a legitimate thing to name
    for entity in doc["entities"]:
        for mention in entity["mentions"]:
            text = mention["text"]
            any_forms |= {norm(text), *_tails(text, 1)}
            if part := name_part(text):
                any_forms.add(norm(part))
    node_gold, gold_node = defaultdict(set), defaultdict(set)
    for node in nodes:
        for cluster in gold:
            if view.names[node] & cluster["forms"]:
                node_gold[node].add(cluster["eid"])
                gold_node[cluster["eid"]].add(node)
    found = [c for c in gold if gold_node[c["eid"]]]
    legit = [n for n in nodes if node_gold[n] or view.names[n] & any_forms]
    multi = [c for c in gold if c["mentions"] >= 2]
    typed = [n for n in nodes if node_gold[n]]
    by_id = {c["eid"]: c for c in gold}
    return {
        "gold_entities": len(gold),
        "kg_entities": len(nodes),
        "recall": len(found) / max(1, len(gold)),
        "recall_multi_mention": sum(1 for c in multi if gold_node[c["eid"]]) / max(1, len(multi)),
        "precision": len(legit) / max(1, len(nodes)),
        "split_errors": sum(len(gold_node[c["eid"]]) - 1 for c in found),
        "merge_errors": sum(1 for n, ids in node_gold.items() if len(ids) > 1
                            and _merged(view.names[n], [by_id[i] for i in ids])),
        "type_agreement": sum(1 for n in typed if any(view.types[n] & GUM_TYPES[by_id[i]["type"]]
                                                      for i in node_gold[n])) / max(1, len(typed)),
        "missed": sorted(sorted(c["forms"])[0] for c in gold if not gold_node[c["eid"]])[:15],
        "spurious": sorted(sorted(view.names[n])[0] if view.names[n] else str(n) for n in nodes if n not in legit)[:15],
    }
