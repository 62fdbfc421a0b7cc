"""Scoring entities and their coreference against GUM gold (CC BY 4.0, Zeldes 2017).

GUM annotates every referring expression with its coreference cluster; the gold entities here
are the person, place and organisation clusters that carry a proper name. A graph's node is
matched to a cluster when one of its names is one of the cluster's name forms.

A cluster's name forms are of two strengths. *Strong* forms are the mentions that are wholly a
name ("Ada Lovelace", "Bank of Acme"), their heads ("Bank"), and the cluster's Wikipedia title.
*Derived* forms are read out of a longer mention: the name before a post-modifier ("Ada Lovelace
of London, a mathematician" -> "Ada Lovelace") or after a title ("Countess Ada Lovelace" -> "Ada
Lovelace", "Lovelace"). A derived form that is a strong form of another cluster names that
cluster, not this one: in "Acme founder Jo Bloggs", "Acme" is the company's, never the person's.
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
POST_MODIFIER = re.compile(r"\s*(?:,|\(|\bof\b|\bfrom\b|\bat\b|\bin\b|\bwho\b|\bwhich\b|\bwhose\b|\bfor\b|\bwith\b).*$")


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


def head_part(mention: str) -> str:
    """A mention without its post-modifiers: "Jo Bloggs from the Harbour Trust" -> "Jo Bloggs"."""
    return POST_MODIFIER.sub("", mention.replace("\u2019", "'")).strip()


def title_tails(mention: str, shortest: int) -> list[str]:
    """The capitalised endings of a mention's head ("Harbour Master Jo Bloggs" -> "Jo Bloggs",
    "Bloggs"), never reaching back over a possessive ("Acme's Jo Bloggs" gives no "Acme's ...")."""
    words = head_part(mention).split()
    tails = []
    for k in range(shortest, min(4, len(words)) + 1):
        tail = words[-k:]
        if all(w[:1].isupper() for w in tail) and not any(w.endswith(("'s", "'")) for w in tail[:-1]):
            tails.append(" ".join(tail))
    return tails


def capitalised_endings(mention: str) -> set[str]:
    """Every ending of one to four capitalised words of the raw mention, normalised: what counts
    as naming something mentioned at all (precision), looser than `title_tails`."""
    words = mention.split()
    return {norm(" ".join(words[-k:])) for k in range(1, min(4, len(words)) + 1)
            if all(w[:1].isupper() for w in words[-k:])}


def gold_clusters(doc: dict) -> list[dict]:
    """The named person/place/organisation clusters, each with the name ``forms`` that match it:
    its strong forms, and its derived forms that are no other cluster's strong form."""
    clusters = []
    for entity in doc["entities"]:
        if entity["type"] not in GUM_TYPES:
            continue
        texts = [m["text"].replace("\u2019", "'").strip() for m in entity["mentions"]]
        whole_names = [t for t in texts if name_part(t) == t]
        strong = {norm(t) for t in whole_names} | {norm(head_part(t)) for t in whole_names if head_part(t)}
        if entity["wikipedia"]:
            title = re.sub(r"\s*\(.*\)$", "", entity["wikipedia"].replace("_", " "))
            strong |= {norm(title), norm(title.split(",")[0])}
        derived = set()
        for text in texts:
            head = head_part(text)
            if head and name_part(head) == head:  # a name followed only by post-modifiers
                derived.add(norm(head))
            derived |= {norm(t) for t in title_tails(text, 1 if entity["type"] == "person" else 2)}
        if entity["wikipedia"] or whole_names:
            clusters.append({"eid": entity["eid"], "type": entity["type"], "strong": strong,
                             "derived": derived - strong, "mentions": len(entity["mentions"])})
    for cluster in clusters:
        others = set().union(*(c["strong"] for c in clusters if c is not cluster))
        cluster["forms"] = cluster["strong"] | (cluster["derived"] - others)
    return clusters


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
            any_forms |= {norm(text), *capitalised_endings(text)}
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
