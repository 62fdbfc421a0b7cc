"""A synthetic knowledge graph shaped like a news corpus, as the networkx view kg builds
(`kg.questions.network.to_networkx`): countries and organisations as hubs, people holding roles in them,
meetings, proposals backed and opposed, quotations hanging from their speakers."""

from __future__ import annotations

import random

import networkx as nx

BASE = "https://example.org/kg/id/"


def news_graph(nodes: int = 5000, *, seed: int = 7) -> nx.MultiDiGraph:
    """About ``nodes`` nodes: 3% countries, 3% places, 8% organisations, 50% people, 10%
    proposals, 26% quotations; about 1.5 facts a node, each with an evidence sentence."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    share = {"Country": 0.03, "Place": 0.03, "Organization": 0.08, "Person": 0.5, "Proposal": 0.1, "Quotation": 0.26}
    ids: dict[str, list[str]] = {}
    for kind, fraction in share.items():
        ids[kind] = []
        for i in range(max(1, int(nodes * fraction))):
            node = f"{BASE}{kind.lower()}/{i}"
            label = f"{kind} {i}"
            graph.add_node(node, label=label, type=kind, names=[label], titles=[])
            ids[kind].append(node)

    def hub(kind: str) -> str:  # a few hubs get most of the links, as in the news
        return ids[kind][min(int(rng.paretovariate(1.2)) - 1, len(ids[kind]) - 1)]

    def fact(u: str, v: str, predicate: str, title: str | None = None) -> None:
        sentence = f"{graph.nodes[u]['label']} {predicate} {graph.nodes[v]['label']} (sentence {graph.number_of_edges()})."
        graph.add_edge(u, v, key=f"{predicate}:{title}" if title else predicate, predicate=predicate, title=title,
                       confidence=round(rng.uniform(0.4, 0.95), 2),
                       evidence=[{"sentence": sentence, "start": 0, "end": len(sentence), "article": ""}])

    for person in ids["Person"]:
        fact(person, hub(rng.choice(["Country", "Organization"])), "holdsRole", rng.choice(["minister", "president", "spokesperson"]))
        graph.nodes[person]["titles"] = ["minister"]
        if rng.random() < 0.5:
            fact(person, rng.choice(ids["Person"]), "met")
        if rng.random() < 0.2:
            fact(person, hub("Place"), "visited")
    for place in ids["Place"]:
        fact(place, hub("Country"), "locatedIn")
    for proposal in ids["Proposal"]:
        for _ in range(rng.randint(1, 4)):
            who = rng.choice(ids["Person"]) if rng.random() < 0.7 else hub("Country")
            fact(who, proposal, rng.choice(["proposes", "backs", "opposes", "considers"]))
    for quote in ids["Quotation"]:
        fact(rng.choice(ids["Person"][: len(ids["Person"]) // 3]), quote, "said")
    return graph
