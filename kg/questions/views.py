"""The networkx view of one article, read from its triples in Python, and the view of many.

`kg.questions.network.to_networkx` asks a store for the view with SPARQL; a build already holds
each article's graph in memory, so its workers read the same view from the triples
(`article_view`, about a millisecond an article) and the corpus page joins the views
(`join_views`) instead of loading every article into a store and querying it back. Both give
the same graph (``tests/questions/test_views.py`` checks it).

Each sentence behind a fact carries its dates as the stored queries read them (``queries/
stances.rq``, ``timeline.rq``): the day the fact happened when this sentence holds the words it
was read from (``kg:timeText``), else none, the fact then being dated by its article's day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import networkx as nx

from ..rdf.counting import FACT, NODE_TYPES, RDF_PREDICATE, RDF_TYPE, pairs_in_triples
from ..rdf.namespace import KG, SCHEMA, local_name

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
LABELS = {RDFS_LABEL, str(SCHEMA.text)}
ALIAS, JOB_TITLE = str(SCHEMA.alternateName), str(SCHEMA.jobTitle)
ROLE_TITLE, ROLE_OF = str(KG.roleTitle), str(KG.roleOf)
CONFIDENCE, EVIDENCE = str(KG.confidence), str(KG.evidence)
SENTENCE, START, END = str(KG.sentence), str(KG.startOffset), str(KG.endOffset)
HEADLINE, DATE, NEWS = str(SCHEMA.headline), str(SCHEMA.datePublished), str(SCHEMA.NewsArticle)
HAPPENED, TIME_TEXT, PRECISION = str(KG.happenedOn), str(KG.timeText), str(KG.timePrecision)


class ViewNode(NamedTuple):
    """An entity, proposal or quotation as the view shows it."""

    iri: str
    type: str
    labels: tuple[str, ...]
    aliases: tuple[str, ...]
    titles: tuple[str, ...]


class ViewEvidence(NamedTuple):
    """A sentence a fact was read from, where it is in its article, and when it says the fact
    happened: ``happened`` the first day of the day, week, month or year (``precision``) that its
    words ``time`` name; None when the sentence names no time."""

    sentence: str
    start: int
    end: int
    article: str
    happened: str | None = None
    precision: str | None = None
    time: str | None = None


def dated_evidence(sentence: str, start: int, end: int, article: str, *, happened: str | None = None,
                   precision: str | None = None, time: str | None = None) -> ViewEvidence:
    """A sentence behind a fact, with the fact's time (``kg:happenedOn``, ``kg:timePrecision``,
    ``kg:timeText``) only if the sentence holds the words it was read from: a fact read from
    several sentences was dated by one of them, and the others tell only when it was reported
    (the test ``stances.rq`` and ``timeline.rq`` make).

    >>> dated_evidence("They met on Monday.", 0, 19, "a", happened="2024-03-04", precision="day", time="on Monday").happened
    '2024-03-04'
    >>> dated_evidence("They met again.", 20, 35, "a", happened="2024-03-04", precision="day", time="on Monday").happened is None
    True
    """
    if happened and time and time in sentence:
        return ViewEvidence(sentence, start, end, article, happened, precision or "day", time)
    return ViewEvidence(sentence, start, end, article)


def last_day(first: str, precision: str | None) -> str:
    """The last day of the day, week, month or year that starts on ``first`` (an ISO day; a
    value that is not one is given back as it is).

    >>> [last_day("2024-02-01", p) for p in ("day", "week", "month", "year")]
    ['2024-02-01', '2024-02-07', '2024-02-29', '2024-12-31']
    """
    try:
        day = dt.date.fromisoformat(first)
    except ValueError:
        return first
    if precision == "week":
        day += dt.timedelta(days=6)
    elif precision == "month":
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    elif precision == "year":
        day = day.replace(month=12, day=31)
    return day.isoformat()


def evidence_order(evidence: ViewEvidence) -> tuple:
    """Sentences in the order of their articles and of their places in them."""
    return (evidence.article, evidence.start, evidence.end, evidence.sentence, evidence.happened or "",
            evidence.precision or "", evidence.time or "")


def evidence_record(evidence: ViewEvidence) -> dict:
    """A sentence as the networkx view (and the page) holds it: ``sentence``, ``start``, ``end``,
    ``article``, and, when it says when the fact happened, ``happened`` and ``until`` (the first
    and last day of the period it names) and ``time`` (its words)."""
    record = {"sentence": evidence.sentence, "start": evidence.start, "end": evidence.end, "article": evidence.article}
    if evidence.happened:
        record |= {"happened": evidence.happened, "until": last_day(evidence.happened, evidence.precision),
                   "time": evidence.time}
    return record


class ViewFact(NamedTuple):
    """A fact as an edge of the view: a role points at what it is of (``target`` None when the
    role is of nothing named: counted, not drawn)."""

    fact: str
    subject: str
    predicate: str
    target: str | None
    title: str | None
    confidence: float
    evidence: tuple[ViewEvidence, ...]


class ArticleView(NamedTuple):
    """One article's part of the view, and what `kg.rdf.counting` counts in it."""

    article: str
    headline: str | None
    date: str | None
    nodes: tuple[ViewNode, ...]
    facts: tuple[ViewFact, ...]
    counted: tuple[list, list, list]
    triples: int


def article_view(triples: Iterable[tuple[str, str, str]], article: str) -> ArticleView:
    """The view of one article graph, from its triples (strings, or rdflib terms)."""
    about: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kept = []
    for triple in triples:
        s, p, o = (str(term) for term in triple)  # rdflib's terms are not equal to their strings
        kept.append((s, p, o))
        about[s][p].append(o)
    nodes = []
    for iri, props in sorted(about.items()):
        kinds = [NODE_TYPES[t] for t in props.get(RDF_TYPE, []) if t in NODE_TYPES]
        for kind in sorted(kinds):
            labels = sorted(label for p in LABELS for label in props.get(p, []))
            nodes.append(ViewNode(iri, kind, tuple(labels), tuple(sorted(set(props.get(ALIAS, [])))),
                                  tuple(sorted(set(props.get(JOB_TITLE, []))))))
    facts = []
    for iri, props in sorted(about.items()):
        if FACT not in props.get(RDF_TYPE, []) or not props.get(RDF_PREDICATE) or not props.get(RDF_SUBJECT):
            continue
        obj = props.get(RDF_OBJECT, [None])[0]
        role = about.get(obj, {}) if obj is not None else {}
        # a role named two ways in one article ("vice president", "vice-president"): the least
        title = min(role.get(ROLE_TITLE, []), default=None)
        target = min(role.get(ROLE_OF, []), default=None) if title is not None else obj
        time = {"happened": props.get(HAPPENED, [None])[0], "precision": props.get(PRECISION, [None])[0],
                "time": props.get(TIME_TEXT, [None])[0]}
        evidence = []
        for ev in sorted(props.get(EVIDENCE, [])):
            parts = about.get(ev, {})
            if parts.get(SENTENCE):
                evidence.append(dated_evidence(parts[SENTENCE][0], int(parts[START][0]), int(parts[END][0]), article,
                                               **time))
        facts.append(ViewFact(iri, props[RDF_SUBJECT][0], local_name(props[RDF_PREDICATE][0]), target, title,
                              float(props.get(CONFIDENCE, ["0"])[0]), tuple(sorted(set(evidence), key=evidence_order))))
    head = about.get(article, {})
    return ArticleView(article, head.get(HEADLINE, [None])[0], head.get(DATE, [None])[0], tuple(nodes), tuple(facts),
                       pairs_in_triples(kept), len(kept))


def add_nodes(graph: nx.MultiDiGraph, nodes: dict[str, dict]) -> None:
    """Nodes gathered as ``{iri: {"type", "labels", "aliases", "titles"}}`` (sets), added sorted
    with the attributes `to_networkx` gives: the label is the least of the labels."""
    for iri in sorted(nodes):
        data = nodes[iri]
        label = min(data["labels"]) if data["labels"] else local_name(iri)
        graph.add_node(iri, label=label, type=data["type"], names=sorted({label, *data["aliases"]}),
                       titles=sorted(data["titles"]))


def add_facts(graph: nx.MultiDiGraph, facts: Iterable[ViewFact]) -> None:
    """Facts between nodes of ``graph`` as its edges: one edge per subject, target, relation and
    title, with the best confidence, every sentence, and how many facts it holds."""
    edges: dict[tuple[str, str, str], dict] = {}
    for fact in facts:
        if fact.target is None or fact.subject not in graph or fact.target not in graph:
            continue
        key = (fact.subject, fact.target, f"{fact.predicate}:{fact.title}" if fact.title else fact.predicate)
        data = edges.setdefault(key, {"predicate": fact.predicate, "title": fact.title, "confidence": 0.0,
                                      "evidence": set(), "facts": set()})
        data["confidence"] = max(data["confidence"], fact.confidence)
        data["evidence"].update(fact.evidence)
        data["facts"].add(fact.fact)
    for (subject, target, key), data in sorted(edges.items()):
        evidence = sorted(data["evidence"], key=evidence_order)
        graph.add_edge(subject, target, key=key, predicate=data["predicate"], title=data["title"],
                       confidence=data["confidence"], facts=len(data["facts"]),
                       evidence=[evidence_record(e) for e in evidence])


def join_views(views: Iterable[ArticleView]) -> nx.MultiDiGraph:
    """The view of several articles: nodes joined by IRI, facts as edges (what `to_networkx`
    gives for a store holding these articles); ``graph.graph`` maps the articles to their
    ``dates`` and ``headlines``."""
    nodes: dict[str, dict] = {}
    facts: list[ViewFact] = []
    dates: dict[str, str] = {}
    headlines: dict[str, str] = {}
    for view in views:
        gather_nodes(nodes, view.nodes)
        facts.extend(view.facts)
        if view.date:
            dates[view.article] = view.date
        if view.headline:
            headlines[view.article] = view.headline
    graph = nx.MultiDiGraph(dates=dict(sorted(dates.items())), headlines=dict(sorted(headlines.items())))
    add_nodes(graph, nodes)
    add_facts(graph, facts)
    return graph


def gather_nodes(into: dict[str, dict], nodes: Iterable[ViewNode]) -> None:
    """Join nodes by IRI: their labels, other names and titles."""
    for node in nodes:
        data = into.setdefault(node.iri, {"type": node.type, "labels": set(), "aliases": set(), "titles": set()})
        data["labels"].update(node.labels)
        data["aliases"].update(node.aliases)
        data["titles"].update(node.titles)


def view_of_turtle(turtle: bytes, article: str) -> ArticleView:
    """The view of an article graph written earlier (Turtle), read with Oxigraph's parser."""
    import pyoxigraph as ox

    return article_view(((t.subject.value, t.predicate.value, t.object.value)
                         for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)), article)
