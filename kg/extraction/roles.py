"""Roles: the positions people hold, and of which country or organisation.

Five patterns of English carry a role:

- a title before the name: "Danish Finance Minister Lars Holm", "secretary of state Ana Ruiz",
  "President of Chile Gabriel Boric", "Presidents A of X and B of Y" (each with their own "of");
- an apposition: "Lars Holm, the finance minister of Denmark", "The Danish finance minister,
  Lars Holm, said";
- a copula: "Holm, who is the finance minister", "Holm was the party's treasurer";
- "as": "Holm served as the Danish ambassador", "his second term as Danish prime minister";
- a post held: "Holm, who occupied the office of treasurer", "she took up the post of mayor";
- a tenure: "during Holm's premiership", "the presidency of Lars Holm" (`offices_held`).

A title's country or organisation comes from its own noun phrase ("Danish", "Denmark's", "of
Denmark", "the committee") and never from a neighbouring clause. The titles themselves are found
by `titles.py`; one that names no one ("the prime minister said") is a role reference, resolved to
a person in `references.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc, Token

from ..core.records import Entity
from .clauses import agents_of, is_asserted
from .titles import TitleSpan, title_heads, unheld_modifiers

APPOINTING_VERBS = {"elect", "appoint", "name", "nominate", "choose", "select", "make", "confirm", "install",
                    "designate", "crown", "re-elect", "reelect", "swear"}
# "occupied the office of treasurer", "took up the post of mayor": nouns standing for a position
POST_NOUNS = {"post", "office", "position", "role", "job", "title", "seat", "rank", "portfolio"}
LEADING_VERBS = {"lead", "head", "chair", "run", "direct", "govern", "rule", "command"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}
CLOSING = {",", ".", ";", ":", ")", "—", "–", "-", "!", "?"}


# --- what a title is of -------------------------------------------------------------------------

def _phrase_entities(token: Token, token_entity: dict[int, str]):
    """The entity keys of a phrase's tokens in order, not descending into clauses."""
    stack = [token]
    out = []
    while stack:
        t = stack.pop(0)
        if t.i in token_entity:
            out.append((t.i, token_entity[t.i]))
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return [key for _, key in sorted(out)]


def _name_root(doc: Doc, i: int, token_entity: dict[int, str]) -> Token:
    """The word of a name (ending at ``i``) that the rest of the sentence attaches to: "House" in
    "House of Commons"."""
    key, start = token_entity[i], i
    while start > 0 and token_entity.get(start - 1) == key:
        start -= 1
    inside = range(start, i + 1)
    return next((t for t in doc[start:i + 1] if t.head.i not in inside or t.head == t), doc[i])


def _in_phrase(token: Token, title: TitleSpan, name: range) -> bool:
    """The word before a title modifies the title or the name, not another phrase: "US" in "US
    President X" does, "France" in "talks in France President X said" does not."""
    node = token
    for _ in range(4):
        if node.i in range(title.span.start, title.span.end) or node.i in name:
            return True
        if node.dep_ not in ("compound", "amod", "nmod", "poss", "case", "npadvmod", "appos") or node.head == node:
            return False
        node = node.head
    return False


def qualifier_of(title: TitleSpan, token_entity: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """The country or organisation a title is of: an entity before it in its own phrase
    ("Danish", "US", "Labour Party", "the committee", "the United Kingdom's"), or after it with
    "of" or "for" ("president of the Chess League", "Secretary of Health for Ontario")."""
    doc = title.span.doc
    acting = ("Country", "Organization", "Place")
    i = title.span.start - 1
    if i >= 0 and doc[i].text in ("'s", "’s", "'"):
        i -= 1
    named = _name_after(title, token_entity, entities)
    if i >= 0 and i in token_entity and entities[token_entity[i]].type in acting \
            and _in_phrase(_name_root(doc, i, token_entity), title, named):
        return token_entity[i]
    if named and (key := qualifier_after_name(doc, named.stop, token_entity, entities)):
        return key  # "President Ana Ruiz of Chile"
    if named and (key := _led(doc[named.stop - 1], token_entity, entities)):
        return key  # "the court is led by President Ana Ruiz"
    inside = {token_entity[t.i] for t in title.span if t.i in token_entity}  # a name cut out of the title
    for child in (c for token in title.span for c in token.children):  # "secretary-general of the alliance"
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i >= title.span.end:
            # the complement's own name first: "director of Chile's Red Cross" is of the Red Cross
            own = [key for obj in child.children if obj.dep_ == "pobj" and (key := token_entity.get(obj.i))]
            for key in own + _phrase_entities(child, token_entity):
                if entities[key].type in acting and key not in inside:
                    return key
            if child.n_rights == 0:  # "Chancellor of Austria Karl Nehring", the name parsed apart
                j = child.i + 1 + (child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "the")
                key = token_entity.get(j)
                if key and entities[key].type in acting and key not in inside:
                    return key
    return None


def _led(name: Token, token_entity: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """"The court, led by President Ana Ruiz", "the court is headed by President Ana Ruiz": the
    organisation a person heads."""
    agent = name.head
    verb = agent.head
    if name.dep_ != "pobj" or verb.lemma_.lower() not in LEADING_VERBS:
        return None
    if agent.dep_ == "agent":
        heads = [c for c in verb.children if c.dep_ == "nsubjpass"] + ([verb.head] if verb.dep_ == "acl" else [])
    elif agent.dep_ == "prep" and agent.lower_ == "by" and verb.dep_ == "acomp":
        # the participle read as an adjective ("the court is headed by"; "is lead by", a common
        # misspelling): the subject of the copula
        heads = [c for c in verb.head.children if c.dep_ == "nsubj"]
    else:
        return None
    for head in heads:
        key = token_entity.get(head.i)
        if key and entities[key].type in ("Organization", "Country"):
            return key
    return None


def qualifier_after_name(doc: Doc, end: int, token_entity: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """"... Ana Ruiz of Chile": the country or organisation named after "of" right after a name."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        key = token_entity.get(end + 1) or token_entity.get(end + 2)
        if key and entities[key].type in ("Country", "Organization"):
            return key
    return None


def _name_after(title: TitleSpan, token_entity: dict[int, str], entities: dict[str, Entity]) -> range:
    """The tokens of the person's name right after the title, if one follows."""
    doc = title.span.doc
    start = title.span.end
    key = token_entity.get(start)
    if key is None or entities[key].type != "Person" or key in _own_keys(title, token_entity, entities):
        return range(0)
    end = start
    while end < len(doc) and token_entity.get(end) == key:
        end += 1
    return range(start, end)


def _own_keys(title: TitleSpan, token_entity: dict[int, str], entities: dict[str, Entity]) -> set[str]:
    """Entities whose names the title's own words are part of: "Executive" in a name "Executive
    Branch" is no title of it (a title used as a form of address, "Chancellor Ana Ruiz", is not
    part of her name)."""
    return {key for t in title.span if (key := token_entity.get(t.i))
            and t.lower_ in entities[key].name.lower().split()}


# --- whom a title names -------------------------------------------------------------------------

def person_named_by(title: TitleSpan, token_entity: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """The person a title names: the name right after it, an apposition, or the subject of a
    copula, an "as" phrase or a post held."""
    own = _own_keys(title, token_entity, entities)

    def person(i: int) -> str | None:
        key = token_entity.get(i)
        return key if key and entities[key].type == "Person" and key not in own else None

    for pattern in (_before_name, _apposition, _copula, _as_phrase, _post_held, _listed_in_apposition,
                    _comma_apposition, _shared_name, _complement_apposition):
        key = pattern(title, person)
        if key:
            return key
    return None


def _before_name(title: TitleSpan, person) -> str | None:
    """"Prime Minister Ana Ruiz", "Ambassador to the Holy See Ana Ruiz", "MP (Member of
    Parliament) Ana Ruiz" (a gloss in brackets between them)."""
    doc = title.span.doc
    after = title.span.end
    if after < len(doc) and (key := person(after)):
        return key
    if after < len(doc) and doc[after].text == "(":
        close = next((t.i for t in doc[after + 1:after + 8] if t.text == ")"), None)
        if close is not None and close + 1 < len(doc) and (key := person(close + 1)):
            return key
    for child in title.head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "for"):
            if any(t.lower_ in title_heads() for t in doc[child.i + 1:child.right_edge.i + 1]):
                continue  # "an adviser to President Ana Ruiz": the name is the president's
            # the name right after the title's complement: "Ambassador to Chile Ana Ruiz"
            edge = child.right_edge.i
            if edge + 1 < len(doc) and doc[edge].ent_type_ and (key := person(edge + 1)):
                return key
            # … or parsed into it, after the organisation: "to the United Nations Ana Ruiz"
            for obj in child.subtree:
                key = person(obj.i)
                if key and doc[obj.i - 1].ent_type_ in ("ORG", "GPE") and person(obj.i - 1) != key:
                    return key
            # … or hung on the name, the preposition left without an object: the first person
            # among the names that follow it
            if child.n_rights == 0:
                j = child.i + 1 + (child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "the")
                while j < min(len(doc), child.i + 8) and doc[j].ent_type_:
                    if key := person(j):
                        return key if j > child.i + 1 else None
                    j += 1
    return None


def _apposition(title: TitleSpan, person) -> str | None:
    """"The Danish finance minister, Lars Holm," / "Lars Holm, the finance minister of Denmark"."""
    head = title.head
    for child in head.children:
        if child.dep_ == "appos" and (key := person(child.i)):
            return key
    if head.dep_ == "appos":
        return person(head.head.i)
    return None


def _copula(title: TitleSpan, person) -> str | None:
    """"X is the finance minister", "X, who is the finance minister"."""
    head, doc = title.head, title.span.doc
    if head.dep_ != "attr" or head.head.lemma_ not in ("be", "become", "remain"):
        return None
    verb = head.head
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in ("who", "that") and verb.dep_ == "relcl":
                # the parser may hang "who" on the wrong noun: the name just before it wins
                before = child.i - 2 if child.i >= 2 and doc[child.i - 1].text == "," else child.i - 1
                return person(before) or person(verb.head.i)
            return person(child.i)
    return None


def _as_phrase(title: TitleSpan, person) -> str | None:
    """"served as the Danish ambassador", "sworn in for a second term as mayor"; appointing verbs
    give the title to their object: "voted to elect Ana Ruiz as the new leader", "appointed her
    finance minister"."""
    head = title.head
    if head.dep_ == "oprd" and head.head.lemma_ in APPOINTING_VERBS:
        for child in head.head.children:
            if child.dep_ in ("dobj", "nsubjpass") and (key := person(child.i)):
                return key
    if head.dep_ != "pobj" or head.head.lower_ != "as":
        return None
    node = head.head.head
    for _ in range(4):
        deps = ("dobj", "nsubjpass", "nsubj", "poss") if node.lemma_ in APPOINTING_VERBS else ("nsubj", "nsubjpass", "poss")
        for dep in deps:
            for child in node.children:
                if child.dep_ != dep:
                    continue
                if child.lower_ in ("who", "that") and node.dep_ == "relcl":
                    child = node.head  # "Ana Ruiz, who succeeded him as mayor"
                if key := person(child.i):
                    return key
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    if node.pos_ in ("VERB", "AUX"):  # "voted for Ana Ruiz to serve as mayor": the clause's agent
        return _agent(node, person)
    return None


def _post_held(title: TitleSpan, person) -> str | None:
    """"Ana Ruiz, who occupied the office of treasurer", "took up the post of mayor"."""
    head = title.head
    if head.dep_ != "pobj" or head.head.lower_ != "of" or head.head.head.lemma_.lower() not in POST_NOUNS:
        return None
    post = head.head.head
    if post.dep_ not in ("dobj", "attr") or post.head.pos_ not in ("VERB", "AUX"):
        return None
    return _agent(post.head, person)


def _agent(verb: Token, person) -> str | None:
    """The person doing what ``verb`` says; "who" stands for the name it follows."""
    for agent in agents_of(verb):
        if agent.lower_ in ("who", "that") and verb.dep_ == "relcl":
            agent = verb.head
        if key := person(agent.i):
            return key
    return None


def _listed_in_apposition(title: TitleSpan, person) -> str | None:
    """"Ana Ruiz — former Finance Minister, mayor of Lima, and member of Congress —": a title
    listed after one in apposition to a name (the parser may join them to the name itself).
    Not a title joined to another title standing for someone: "the President and Vice
    President" names no one."""
    node = title.head
    while node.dep_ in ("appos", "conj") and node.head != node:
        node = node.head
        if node.lower_ not in title_heads() and (key := person(node.i)):
            return key
    return None


def _comma_apposition(title: TitleSpan, person) -> str | None:
    """The apposition read from the words when the parse misses it: "the president of the Chess
    League, Ana Ruiz, said" (the title's phrase, a comma, a name, closing punctuation) or "Ana
    Ruiz, the president of the Chess League, said"."""
    doc = title.span.doc
    start, end = title.span.start, _phrase_end(title)
    if end + 1 < len(doc) and doc[end].text == "," and (key := person(end + 1)):
        stop = end + 1
        while stop < len(doc) and person(stop) == key:
            stop += 1
        if stop >= len(doc) or doc[stop].text in CLOSING or doc[stop].is_space:
            return key
        # "The party's leader, Ana Ruiz announced ...": no comma closes the apposition, and the
        # parser makes the title and the name two subjects of one verb
        root = doc[stop - 1]
        if root.dep_ == "nsubj" and title.head.dep_ == "nsubj" and root.head == title.head.head:
            return key
    while start > 0 and (doc[start - 1].lower_ in ("the", "a", "an") or doc[start - 1].ent_type_ in ("GPE", "NORP")):
        start -= 1
    if start > 1 and doc[start - 1].text == "," and doc[start].lower_ in ("the", "a", "an") and (key := person(start - 2)) \
            and (end >= len(doc) or doc[end].text in CLOSING or doc[end].is_space):
        return key
    return None


def _phrase_end(title: TitleSpan) -> int:
    """Where the title's noun phrase ends: after its "of"/"for" complement ("the president of
    the Chess League for Young Players")."""
    end = title.span.end
    for token in title.span:
        for child in token.children:
            if child.dep_ == "prep" and child.i >= title.span.end:
                end = max(end, child.right_edge.i + 1)
    return end




def _shared_name(title: TitleSpan, person) -> str | None:
    """Two titles joined by "and" before one name are both that person's: "Green Party leader
    and Finance Minister Ana Ruiz". Not after a determiner ("the president and Prime Minister Ana
    Ruiz" may be two people), and the second title must run straight into the name."""
    doc = title.span.doc
    start, end = title.span.start, title.span.end
    while start > 0 and doc[start - 1].ent_type_ in ("ORG", "GPE", "NORP"):
        start -= 1
    if start > 0 and doc[start - 1].lower_ in ("the", "a", "an", "this", "that", "his", "her", "their", "its"):
        return None
    if start > 0 and doc[start - 1].lower_ == "for":  # an office sought: "Ana Ruiz for president and Ben Ode"
        return None
    if end + 2 >= len(doc) or doc[end].lower_ != "and":
        return None
    for stop in range(end + 2, min(len(doc), end + 6)):
        if (key := person(stop)) is not None:
            second = doc[end + 1:stop]
            words = [t for t in second if not (t.ent_type_ in ("ORG", "GPE", "NORP") and t.lower_ not in title_heads())]
            return key if words and words[-1].lower_ in title_heads() and not any(t.is_punct and t.text != "-" for t in second) else None
        if doc[stop].is_punct and doc[stop].text != "-":
            return None
    return None


def _complement_apposition(title: TitleSpan, person) -> str | None:
    """The parser hangs the apposition of a title on the organisation its "of" names: in "the
    director of the Red Cross, Ana Ruiz, said" the name is an apposition of "Red Cross", which an
    organisation cannot have: it names the director."""
    for token in title.span:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "for") or prep.i < title.span.end:
                continue
            for obj in prep.subtree:
                if obj.dep_ == "appos" and obj.head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") \
                        and person(obj.head.i) is None and (key := person(obj.i)):
                    return key
    return None


# --- a tenure: "during Ana Ruiz's presidency" ------------------------------------------------

@cache
def office_nouns() -> dict[str, str]:
    """Nouns naming the tenure of an office, and the office (``data/office_nouns.tsv``)."""
    text = files("kg.extraction").joinpath("data", "office_nouns.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {noun.strip(): title.strip() for noun, title in rows}


RANK_WORDS = {"vice", "deputy", "co", "acting", "interim"}
# verbs whose subject holds (or held) the office they take: "resigned the leadership of the party"
HOLDING_VERBS = {"hold", "resign", "assume", "keep", "retain", "regain", "relinquish", "quit", "leave", "give",
                 "hand", "take", "win", "inherit"}


def offices_held(doc: Doc, token_entity: dict[int, str],
                 entities: dict[str, Entity]) -> Iterator[tuple[str, str, str | None, Token]]:
    """(person, title, what it is of, noun) for a tenure said to be someone's: "during Ana Ruiz's
    presidency", "her premiership", "the presidency of Ana Ruiz", "she resigned the leadership of
    the Green Party" (a verb of holding or leaving an office, its subject the holder). Not one
    still to come ("her future presidency", "a Ruiz presidency", "sought the presidency"), nor
    another office ("his vice-presidency")."""
    nouns = office_nouns()
    for token in doc:
        pair = f"{doc[token.i - 1].lower_} {token.lower_}" if token.i else ""
        title = nouns.get(pair) or nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
        if title is None or token.i in token_entity:
            continue
        if any(c.lower_ in unheld_modifiers() or c.lower_.rstrip("-") in RANK_WORDS for c in token.children) \
                or any(t.lower_.rstrip("-") in RANK_WORDS for t in doc[max(0, token.i - 2):token.i]):
            continue
        of = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        def person(t: Token) -> bool:
            return t.i in token_entity and entities[token_entity[t.i]].type == "Person"

        holders = [t for t in [c for c in token.children if c.dep_ == "poss"] + of if person(t)]
        if not holders and token.dep_ == "dobj" and token.head.lemma_.lower() in HOLDING_VERBS \
                and is_asserted(token.head):  # not "she takes the chair's post if he dies"
            holders = [t for t in agents_of(token.head) if person(t)]
        organisation = next((k for o in of if (k := token_entity.get(o.i))
                             and entities[k].type in ("Organization", "Country")), None)
        for holder in holders:
            key = token_entity.get(holder.i)
            if key and entities[key].type == "Person":
                yield key, title, organisation, token
                break
