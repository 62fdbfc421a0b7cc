"""Scoring a knowledge graph against gold annotations (`kg eval`).

Two gold formats are read:

- **article gold** (``tests/data/gold/ANNOTATION.md``): entities with names, aliases and types,
  proposals with keyword groups, facts with a relation class, and forbidden facts. Figures:
  core-fact and all-fact recall, entity recall and precision, proposal recall, duplicates, wrong
  types, forbidden facts present.
- **GUM coreference gold**: named person/place/organisation clusters with all their mentions.
  Figures: recall, precision, type agreement, split and merge errors.

Graphs are matched by name and relation class, never by IRI, exactly as the reference scorer
used to judge kg does: predicates are mapped by their IRI local name, so any vocabulary with the
right local names scores the same.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, URIRef

from .errors import InputError

RELATIONS = {  # relation class -> accepted predicate local names (lowercase); "~x": the inverse
    "met": {"met", "metwith", "meets", "meetswith", "~met", "~metwith"},
    "visited": {"visited", "visits", "traveledto", "travelledto", "trippedto", "visit"},
    "considers": {"considers", "considered", "isconsidering", "consider", "~consideredby"},
    "proposes": {"proposes", "proposed", "~proposedby", "~proposer", "proposer_of", "plans", "planned"},
    "backs": {"backs", "backed", "~backedby", "endorses", "~endorsedby", "supportsproposal", "supports", "favours",
              "favors", "~proposedby", "proposes", "proposed"},
    "discusses": {"discusses", "discussed", "~discussedby"},
    "commits_to": {"commitsto", "committedto", "pledges", "pledged", "~committedby", "~pledgedby"},
    "concerns": {"concerns", "involves", "about", "regards", "targets", "affects", "~concernedby", "~involvedin",
                 "subject", "location", "involvescountry", "concernscountry", "beneficiary"},
    "said": {"said", "says", "quoted", "~creator", "~author", "~spokenby", "~saidby", "~attributedto", "~speaker",
             "quote", "made"},
    "located_in": {"locatedin", "containedinplace", "incountry", "country", "partof", "~containsplace"},
    "supports": {"supports", "aids", "givessupportto", "providesaidto", "militarysupport", "supportsmilitarily",
                 "helps", "~supportedby", "support"},
    "conflict": {"conflict", "inconflictwith", "atwarwith", "conflictwith", "waragainst", "attacks", "invaded",
                 "~atwarwith", "~conflictwith", "fights", "war"},
    "opposes": {"opposes", "~opposedby", "rejects"},
    "member_of": {"memberof", "~member", "~hasmember"},
}
TYPES = {
    "Person": {"person"}, "Country": {"country"},
    "Organization": {"organization", "organisation", "governmentorganization", "org"},
    "Place": {"place", "city", "location", "administrativearea"},
    "Proposal": {"proposal", "plan", "policy", "commitment", "agreement"},
}
NAME_PREDICATES = {"label", "name", "alternatename", "altlabel", "preflabel", "alias"}
ROLE_PREDICATES = {"jobtitle", "role", "holdsrole", "position", "holdsposition", "title", "hasrole", "roletitle",
                   "office", "holdsoffice"}
ROLE_OF_PREDICATES = ROLE_PREDICATES | {"leaderof", "headof", "presidentof", "primeministerof", "worksfor", "memberof",
                                        "nationality", "citizenof", "affiliation", "representative"}
NAME_PARTICLES = {"of", "the", "and", "for", "on", "in", "at", "to", "de", "la", "al", "du", "des", "von", "van", "der",
                  "del", "y"}


def local(term) -> str:
    """An IRI's local name, lowercase: what relation classes are matched on."""
    return re.split(r"[#/:]", str(term))[-1].lower()


def norm(text: str) -> str:
    """A name as compared: lowercase, no possessive, punctuation as space, no leading "the"."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


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


@dataclass
class GraphView:
    """What scoring needs from a graph: names and types of nodes, and every edge (reified
    statements count as edges too)."""

    graph: Graph
    names: dict = field(default_factory=lambda: defaultdict(set))
    types: dict = field(default_factory=lambda: defaultdict(set))
    edges: set = field(default_factory=set)

    @classmethod
    def of(cls, graph: Graph) -> GraphView:
        view = cls(graph)
        for s, p, o in graph:
            if isinstance(o, Literal) and local(p) in NAME_PREDICATES:
                view.names[s].add(norm(str(o)))
            if p == RDF.type:
                for kind, keys in TYPES.items():
                    if local(o) in keys:
                        view.types[s].add(kind)
            view.edges.add((s, local(p), o))
        for statement in graph.subjects(RDF.type, RDF.Statement):
            s, p, o = (graph.value(statement, x) for x in (RDF.subject, RDF.predicate, RDF.object))
            if s is not None and p is not None and o is not None:
                view.edges.add((s, local(p), o))
        return view

    def has(self, subjects: set, relation: str, objects: set) -> bool:
        keys = RELATIONS[relation]
        for a, p, b in self.edges:
            if p in keys and a in subjects and b in objects:
                return True
            if "~" + p in keys and b in subjects and a in objects:
                return True
        return False

    def holding_text(self, text: str) -> set:
        """Nodes with an edge to a literal containing ``text`` (a quotation node)."""
        wanted = norm(text)
        return {a for a, _, b in self.edges if isinstance(b, Literal) and wanted in norm(str(b))}

    def has_role(self, subjects: set, title: str) -> bool:
        pattern = re.compile(r"\b" + re.escape(norm(title)) + r"\b")
        for a, p, b in self.edges:
            if a in subjects and p in ROLE_PREDICATES:
                if isinstance(b, Literal) and pattern.search(norm(str(b))):
                    return True
                if pattern.search(" | ".join(self.names[b])) or any(
                        isinstance(x, Literal) and pattern.search(norm(str(x))) for x in self.graph.objects(b, None)):
                    return True
        return False

    def has_role_of(self, subjects: set, objects: set) -> bool:
        for a, p, b in self.edges:
            if a in subjects and p in ROLE_PREDICATES and isinstance(b, (URIRef, BNode)):
                if any(x in objects for x in self.graph.objects(b, None)):
                    return True
            if a in subjects and b in objects and p in ROLE_OF_PREDICATES:
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
    out["proposal_recall"] = sum(1 for i in proposals if match[i]) / len(proposals) if proposals else 1.0
    out["proposal_missed"] = [e["name"] for e in gold["entities"] if e["type"] == "Proposal" and not match[e["id"]]]
    found = [(fact, _fact_present(view, match, fact)) for fact in gold["facts"]]
    core_facts = [ok for fact, ok in found if fact.get("core")]
    out["core_fact_recall"] = sum(core_facts) / len(core_facts) if core_facts else 1.0
    out["all_fact_recall"] = sum(ok for _, ok in found) / len(found) if found else 1.0
    out["missed_core"] = [f"{f['s']} {f['rel']} {f['o']}" for f, ok in found if f.get("core") and not ok]
    out["missed_other"] = [f"{f['s']} {f['rel']} {f['o']}" for f, ok in found if not f.get("core") and not ok]
    out["forbidden_present"] = [f"{f['s']} {f['rel']} {f['o']}" for f in gold.get("forbidden", [])
                                if _forbidden_present(view, match, f)]
    out["triples"] = len(view.graph)
    return out


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


def load_gold(path: Path) -> tuple[dict, str]:
    """A gold file and its kind: ``article`` or ``gum``.

    Raises:
        InputError: the file is missing, not JSON, or of neither format.
    """
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: not a readable JSON gold file ({err})") from None
    if isinstance(gold, dict) and "facts" in gold and "entities" in gold:
        return gold, "article"
    if isinstance(gold, dict) and gold.get("entities") and "mentions" in gold["entities"][0]:
        return gold, "gum"
    raise InputError(f"{path}: not a gold file (expected 'entities' and 'facts', or GUM 'entities' with 'mentions')")


def article_for(gold_path: Path) -> Path:
    """The article a gold file scores: ``X.gold.json`` -> ``X.txt``, ``X.json`` -> ``X.txt``, or
    the only ``.txt`` file beside it.

    Raises:
        InputError: no article can be found.
    """
    name = gold_path.name
    stem = name[: -len(".gold.json")] if name.endswith(".gold.json") else gold_path.stem
    candidate = gold_path.with_name(stem + ".txt")
    if candidate.is_file():
        return candidate
    texts = sorted(gold_path.parent.glob("*.txt"))
    if len(texts) == 1:
        return texts[0]
    raise InputError(f"{gold_path}: cannot find its article; put {stem}.txt beside it")


def mean_figures(rows: Iterable[dict], kind: str) -> dict:
    """The summary over several articles, as the reference suite reports it."""
    rows = list(rows)
    mean = lambda key: sum(r[key] for r in rows) / len(rows)  # noqa: E731
    if kind == "article":
        out = {k: mean(k) for k in ("core_fact_recall", "all_fact_recall", "entity_recall", "entity_precision",
                                    "proposal_recall")}
        out.update(duplicates=sum(r["entity_duplicates"] for r in rows), wrong_type=sum(r["entity_wrong_type"] for r in rows),
                   forbidden=sum(len(r["forbidden_present"]) for r in rows))
    else:
        total = max(1, sum(r["gold_entities"] for r in rows))
        out = {k: mean(k) for k in ("recall", "precision", "type_agreement")}
        out.update(recall_multi=mean("recall_multi_mention"), split_rate=sum(r["split_errors"] for r in rows) / total,
                   merge_rate=sum(r["merge_errors"] for r in rows) / total)
    out["docs"] = len(rows)
    return out


@dataclass
class ArticleScore:
    """The figures of one gold file."""

    gold: Path
    article: Path
    kind: str  # article | gum
    figures: dict


def evaluate(gold_paths: Iterable[str | Path], *, model: str | None = None) -> list[ArticleScore]:
    """Build each gold file's article with kg and score the graph against the gold.

    Raises:
        InputError: a gold file or its article cannot be read.
    """
    from .evaluate_gum import score_gum

    jobs = []
    for raw in gold_paths:
        path = Path(raw)
        gold, kind = load_gold(path)
        jobs.append((path, article_for(path), gold, kind))
    graphs = _graphs_of([article for _, article, _, _ in jobs], model)
    scores = []
    for (path, article, gold, kind), graph in zip(jobs, graphs):
        view = GraphView.of(graph)
        text = article.read_text(encoding="utf-8")
        figures = score_article(view, gold, text) if kind == "article" else score_gum(view, gold)
        scores.append(ArticleScore(path, article, kind, figures))
    return scores


def _graphs_of(articles: list[Path], model: str | None) -> list[Graph]:
    """The graphs ``kg build`` writes for these article files (read, parsed and extracted the
    same way)."""
    from .extract import extract_articles
    from .loading import read_text_file
    from .model import article_graph

    read = [read_text_file(path)[0] for path in articles]
    return [article_graph(extraction) for extraction in extract_articles(read, model=model)]
