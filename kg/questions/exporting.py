"""Reading kg's RDF files back, exporting them to other formats, and counting what is in them."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import networkx as nx

from ..core.errors import InputError
from ..rdf.namespace import local_name
from ..rdf.store import FORMATS, GraphStore
from .network import to_networkx

RDF_EXPORTS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "jsonld"}
EXPORT_FORMATS = (*RDF_EXPORTS, "graphml", "csv")
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "jsonld": ".jsonld", "graphml": ".graphml", "csv": ".csv"}


def export(store: GraphStore, format: str) -> bytes:
    """The store's content in an RDF format, as GraphML (the networkx view), or as CSV (one row
    per fact and evidence sentence)."""
    if format in RDF_EXPORTS:
        if format in ("turtle", "nt", "jsonld"):
            # triple formats carry no graph names: the union of the article graphs
            import pyoxigraph as ox

            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.store}
            return ox.serialize(sorted(triples, key=str), format=FORMATS[format])
        return store.dump(format)
    graph = to_networkx(store)
    if format == "graphml":
        return graphml(graph)
    if format == "csv":
        return facts_csv(graph).encode("utf-8")
    raise InputError(f"unknown export format '{format}'; use one of {', '.join(EXPORT_FORMATS)}")


# characters XML 1.0 cannot hold, even escaped: C0 controls other than tab and newlines, lone
# surrogates and the two non-characters U+FFFE and U+FFFF
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of the networkx view; list attributes are joined with '; '. Characters XML cannot
    hold (a NUL in an article's text) become U+FFFD, so the file always parses."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(_xml_text(node), label=_xml_text(data["label"]), type=data["type"],
                      names=_xml_text("; ".join(data["names"])), titles=_xml_text("; ".join(data["titles"])))
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(_xml_text(u), _xml_text(v), key=_xml_text(str(key)), predicate=data["predicate"],
                      title=_xml_text(data.get("title") or ""), confidence=float(data["confidence"]),
                      evidence=_xml_text(" | ".join(e["sentence"] for e in data["evidence"])))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer)
    return buffer.getvalue()


def facts_csv(graph: nx.MultiDiGraph) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["subject", "subject_label", "predicate", "title", "object", "object_label", "confidence",
                     "sentence", "start", "end", "article"])
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["predicate"], e[1])):
        for ev in data["evidence"]:
            writer.writerow([u, graph.nodes[u]["label"], data["predicate"], data.get("title") or "", v,
                             graph.nodes[v]["label"], f"{data['confidence']:.3f}", ev["sentence"], ev["start"],
                             ev["end"], ev["article"]])
    return buffer.getvalue()


def stats(store: GraphStore) -> dict[str, object]:
    """Counts of what the graphs hold: triples, articles, entities by type, facts by relation."""
    graph = to_networkx(store)
    articles = sum(1 for _ in store.query("SELECT DISTINCT ?a WHERE { ?a a <https://schema.org/NewsArticle> }"))
    types = Counter(d["type"] for _, d in graph.nodes(data=True))
    # facts, not edges of the networkx view: one edge carries every fact of a pair and predicate
    relations = Counter(local_name(str(row["p"].value)) for row in store.query(
        "SELECT DISTINCT ?f ?p WHERE { ?f a <https://example.org/kg/ontology#Fact> ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p }"))
    facts = sum(relations.values())
    return {"triples": len(store), "articles": articles, "facts": facts,
            "entities": dict(sorted(types.items())), "relations": dict(sorted(relations.items()))}


__all__ = ["EXPORT_FORMATS", "SUFFIXES", "export", "facts_csv", "graphml", "local_name", "stats"]
