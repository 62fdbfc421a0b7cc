"""What the relation, proposal and quote stages share about one parsed article: which tokens
refer to which entity, where the quotations are, and how to find a verb's arguments.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..core.records import Entity, Evidence
from .clauses import agents_of
from .gazetteer import gazetteer
from .resolve import head_words

AGENT_TYPES = ("Person", "Country", "Organization")  # what can propose, back, oppose or say
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# nouns naming a person chosen for a post: "the governor's pick for attorney general, Ana Ruiz"
SELECTION_NOUNS = {"pick", "choice", "nominee", "candidate", "appointee", "successor", "replacement"}
# nouns naming a group of people acting for an entity: "the delegations of Cyprus and Greece"
AGENT_NOUNS = {"delegation", "government", "leader", "official", "minister", "representative", "people",
               "authority", "administration", "force", "troop", "army", "military", "president", "spokesman",
               "spokeswoman", "spokesperson", "office", "ministry", "embassy", "envoy", "parliament", "side",
               "statement", "communique", "announcement", "report", "letter", "decree", "media", "legislature",
               "assembly", "cabinet", "court", "council", "regulator", "agency", "committee", "tribunal"}


@dataclass
class ArticleContext:
    """One parsed article and what the earlier stages resolved in it."""

    doc: Doc
    entities: dict[str, Entity]
    token_entity: dict[int, str]
    quote_spans: list[tuple[int, int]] = field(default_factory=list)  # character ranges, sorted
    confidence_of_token: dict[int, float] = field(default_factory=dict)  # < 1 for guessed references
    token_group: dict[int, list[str]] = field(default_factory=dict)  # "the two men" -> two people
    sentences: list[Span] = field(default_factory=list)  # spaCy's Token.sent recomputes them each call
    sentence_of: list[int] = field(default_factory=list)  # token index -> sentence number

    text: str = ""  # the document's text: spaCy's Doc.text rebuilds it on every call
    tokens: list[Token] = field(default_factory=list)  # made once: iterating a Doc makes new objects

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text
        self.tokens = self.tokens or list(self.doc)
        if not self.sentences:
            self.sentences = list(self.doc.sents)
        if not self.sentence_of:
            self.sentence_of = [0] * len(self.doc)
            for number, sent in enumerate(self.sentences):
                self.sentence_of[sent.start:sent.end] = [number] * (sent.end - sent.start)

    def sent(self, token: Token) -> Span:
        """The sentence holding ``token``."""
        return self.sentences[self.sentence_of[token.i]]

    def dominant_country(self) -> str | None:
        """The country the article names most often (demonyms included), if one leads strictly."""
        counts = sorted(((len(e.mentions), key) for key, e in self.entities.items() if e.type == "Country"),
                        reverse=True)
        if not counts or len(counts) > 1 and counts[0][0] == counts[1][0]:
            return None
        return counts[0][1]

    # --- quotations ---------------------------------------------------------------------------

    def in_quote(self, token: Token) -> bool:
        """True when the token lies inside a direct quotation."""
        starts = [s for s, _ in self.quote_spans]
        i = bisect_right(starts, token.idx) - 1
        return i >= 0 and self.quote_spans[i][0] <= token.idx < self.quote_spans[i][1]

    # --- reference ----------------------------------------------------------------------------

    def entity_of(self, token: Token) -> str | None:
        """The entity a single token refers to (a name, a resolved pronoun or role reference)."""
        key = self.token_entity.get(token.i)
        if key is not None:
            return key
        for child in token.children:
            if child.dep_ in ("compound", "flat") and child.i in self.token_entity and child.i > token.i - 4:
                return self.token_entity[child.i]
            if child.dep_ == "appos" and child.i in self.token_entity:
                # "Mr Trump's pick, Marco Rubio", "One of these groups, the SDF,"
                if self.entities[self.token_entity[child.i]].type == "Person" or token.pos_ in ("NUM", "PRON", "NOUN"):
                    return self.token_entity[child.i]
        return None

    def refers_to(self, token: Token, *, through_groups: bool = True) -> list[str]:
        """Every entity a noun phrase headed by ``token`` refers to: its own entity, those of its
        conjuncts ("Cyprus, Greece and Israel"), the antecedent of a relative pronoun, and the
        entities a group noun stands for ("the delegations of Cyprus")."""
        heads = [token, *token.conjuncts] if token.dep_ != "conj" else [token]
        found: list[str] = []
        for head in heads:
            if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                before = self.doc[head.i - 2] if head.i >= 2 and self.doc[head.i - 1].text == "," else self.doc[head.i - 1]
                head = before if head.lower_ == "who" and self.entity_of(before) else head.head.head
            keys = self.token_group.get(head.i) or [self.entity_of(head)]
            if keys[0] is None and head.lemma_.lower() in SELECTION_NOUNS:
                keys = [self._selected(head)]
            if keys[0] is None and through_groups and head.lemma_.lower() in AGENT_NOUNS:
                keys = [self._named_body(head) or self._group_entity(head) or self._possessor_entity(head)]
                if keys[0] is None:
                    keys = self._of_entities(head)
            # "Presidents A of X and B of Y": the title names every person coordinated in its apposition
            keys += [self.entity_of(c) for a in head.children if a.dep_ == "appos" and a.i in self.token_entity
                     for c in a.conjuncts]
            for key in keys:
                if key is not None and key not in found:
                    found.append(key)
        return found

    def _selected(self, head: Token) -> str | None:
        """"the governor's pick for attorney general Ana Ruiz": the person picked, not the picker."""
        possessors = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        for token in head.subtree:
            key = self.token_entity.get(token.i)
            if key and token.i not in possessors and token.i > head.i and self.entities[key].type == "Person":
                return key
        return None

    def _named_body(self, head: Token) -> str | None:
        """"the parliament of Chile, the Senate,": the organisation named beside the description
        (the parser often hangs the apposition on "Chile"); "the court", "the party": the last
        organisation named before whose name ends in that noun ("the Supreme Court")."""
        of = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        for token in (head, *of):
            for child in token.children:
                key = self.token_entity.get(child.i) if child.dep_ == "appos" else None
                if key is not None and self.entities[key].type == "Organization":
                    return key
        if [c.lower_ for c in head.children if c.dep_ != "punct"] != ["the"]:
            return None
        noun = head.lemma_.lower()
        best, best_start = None, -1
        for key, entity in self.entities.items():
            heads = {h.rstrip("s") for h in head_words(entity.name.lower())}
            if entity.type != "Organization" or noun.rstrip("s") not in heads:
                continue  # "the court": the Supreme Court; "the government": the Government of Chile
            starts = [m.start for m in entity.mentions if m.start < head.idx]
            if starts and max(starts) > best_start:
                best, best_start = key, max(starts)
        return best

    def _group_entity(self, head: Token) -> str | None:
        # "Turkish officials", "the US administration", "Greek delegation"
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i in self.token_entity:
                key = self.token_entity[child.i]
                if self.entities[key].type in ("Country", "Organization"):
                    return key
        return None

    def _possessor_entity(self, head: Token) -> str | None:
        for child in head.children:
            if child.dep_ == "poss" and child.i in self.token_entity:
                return self.token_entity[child.i]
        return None

    def _of_entities(self, head: Token) -> list[str]:
        out = []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        out.extend(self.refers_to(obj, through_groups=False))
        return out

    # --- arguments ----------------------------------------------------------------------------

    def subjects(self, verb: Token) -> list[str]:
        """The entities doing what ``verb`` says (`kg.extraction.clauses.agents_of`), in order; a
        capital acting stands for its country's government ("Ottawa protested")."""
        found: list[str] = []
        for head in agents_of(verb):
            for key in self.refers_to(head):
                key = self.government_of(key)
                if key not in found:
                    found.append(key)
        return found

    def government_of(self, key: str) -> str:
        """The country a capital stands for when it acts ("Ottawa protested", "talks between
        Ankara and Athens"), added to the article's entities if it names it nowhere else; any
        other entity stands for itself."""
        entity = self.entities[key]
        iso = gazetteer().capital_of(entity.name) if entity.type == "Place" else None
        country = gazetteer().countries.get(iso) if iso else None
        if country is None or not country.sovereign:
            return key
        found = next((k for k, e in self.entities.items() if e.iso == iso and e.type == "Country"), None)
        if found is None:
            found = f"iso:{iso}"
            self.entities[found] = Entity(key=found, type="Country", name=country.name, iso=iso)
        return found

    def evidence(self, token: Token) -> Evidence:
        """The sentence holding ``token``, with its character offsets in the article."""
        sent = self.sent(token)
        return sentence_evidence(self.text, sent.start_char, sent.end_char)


def sentence_evidence(text: str, start: int, end: int) -> Evidence:
    """Evidence for the text between two character offsets, trimmed of surrounding space."""
    raw = text[start:end]
    left = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Evidence(text, start + left, start + left + len(text))
