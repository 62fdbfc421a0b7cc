"""What scoring reads from a graph, in any vocabulary: the names and types of its nodes and every
edge, predicates matched by the local name of their IRI, names compared in a normal form."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef

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
