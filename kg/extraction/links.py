"""Relations between entities: met, visited, supports, conflict, memberOf, locatedIn.

Each is read from a few patterns of English over the dependency parse:

- met: "X met (with) Y", "X and Y met", "a meeting with Y" (X: who the clause is about);
- visited: "X visited Y", "X travelled to Y", "X's trip to Y";
- supports: "X backs Y", "X will give military support to Y", "X pours aid into Y";
- conflict: "X's war on Y", "the Ukraine/Russia war", "X fought Y", "X and Y are at odds",
  "X had disagreements with Y", "X is a critic of Y";
- memberOf: "Ana Ruiz of the Green Party", "X, an agency of Y", "X joined Y", a role in an
  organisation ("Green Party leader Ana Ruiz"), a party named before a name or title ("Republican
  Ana Ruiz", "Labour councillor Tom Berg"), "X is a Democrat", "X is a candidate for the
  Democratic nomination", "some Democrats, such as X,";
- locatedIn: "Otranto, Italy", "the Zappeion Hall in Athens", and places whose country the
  gazetteer knows, when the article names that country.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..core.records import Fact, Role
from .clauses import is_asserted
from .context import ArticleContext
from .gazetteer import gazetteer

MEET_NOUNS = {"meeting", "talk", "summit", "encounter"}
TRIP_NOUNS = {"trip", "visit", "tour", "journey", "travel"}
TRAVEL_VERBS = {"travel", "go", "fly", "come", "head", "return", "arrive"}
AID_NOUNS = {"support", "aid", "help", "assistance", "weapon", "arm", "money", "fund", "funding", "troop",
             "equipment", "ammunition", "loan"}
GIVE_VERBS = {"give", "provide", "send", "pour", "supply", "offer", "deliver", "pledge", "ship"}
SUPPORT_VERBS = {"aid", "help", "assist", "arm", "fund", "finance", "defend", "ally"}
CONFLICT_NOUNS = {"war", "conflict", "fight", "fighting", "dispute", "clash", "hostility", "tension", "feud",
                  "disagreement", "rift", "battle", "confrontation"}
CONFLICT_VERBS = {"fight", "attack", "invade", "bomb", "battle", "clash", "disagree", "feud", "strike", "shell",
                  "kill", "assassinate", "murder", "shoot", "behead", "kidnap", "abduct", "raid", "target", "sanction"}
# "X is a critic of Y", "X, an opponent of Y,": a person or body set against another
ADVERSARY_NOUNS = {"critic", "opponent", "adversary", "enemy", "foe", "nemesis", "detractor"}
# what one seeks as a member of a party: "a candidate for the Green nomination"
NOMINATION_NOUNS = {"nomination", "primary", "ticket"}
PART_NOUNS = {"agency", "body", "organ", "arm", "branch", "member", "part", "subsidiary", "unit", "wing",
              "faction", "affiliate", "division"}
MEMBER_TITLES = {"mp", "member", "leader", "chairman", "chairwoman", "chair", "senator", "member of parliament",
                 "representative", "congressman", "congresswoman", "candidate", "delegate",
                 "president", "secretary-general", "spokesman", "spokeswoman", "spokesperson", "lawmaker",
                 "deputy", "councillor", "director", "chief executive", "ceo", "founder", "co-founder", "nominee",
                 "whip", "treasurer", "chair"}
# lemmas that can start a link (entity tokens and appositions always may)
TRIGGERS = frozenset({"visit", "meet", "odds", "odd", "join", "member", "make", "consist", "compose", "comprise", "include",
                      *ADVERSARY_NOUNS, *NOMINATION_NOUNS, "as",
                      *MEET_NOUNS, *TRIP_NOUNS, *TRAVEL_VERBS, *GIVE_VERBS, *SUPPORT_VERBS, *CONFLICT_NOUNS,
                      *CONFLICT_VERBS})
PERSON = ("Person",)
ACTORS = ("Person", "Country", "Organization")
PLACES = ("Place", "Country")


class EntityLinks:
    """Collects the entity-to-entity facts of one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.facts: list[Fact] = []

    def of_type(self, keys: list[str], types: tuple[str, ...]) -> list[str]:
        return [k for k in keys if self.ctx.entities[k].type in types]

    def add(self, subject: str, relation: str, obj: str, token: Token, confidence: float) -> None:
        if subject == obj:
            return
        confidence *= self.ctx.confidence_of_token.get(token.i, 1.0)
        self.facts.append(Fact(subject, relation, obj, self.ctx.evidence(token), round(confidence, 3)))

    def objects(self, verb: Token, deps: tuple[str, ...] = ("dobj",), preps: tuple[str, ...] = ()) -> list[str]:
        found = []
        for child in verb.children:
            if child.dep_ in deps:
                found += self.ctx.refers_to(child)
            elif child.dep_ == "prep" and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += self.ctx.refers_to(obj)
        return found

    def actor_above(self, token: Token, exclude: set[str]) -> list[str]:
        """Who a nominal ("a meeting with Y", "the trip to Y") is about: the nearest subject or
        possessor on the way up the parse, through relative clauses."""
        node = token
        for _ in range(8):
            for child in node.children:
                if child.dep_ in ("poss", "nsubj", "nsubjpass") and child != token:
                    keys = [k for k in self.of_type(self.ctx.refers_to(child), PERSON) if k not in exclude]
                    if keys:
                        return keys
            if node.dep_ == "relcl":
                node = node.head
                keys = [k for k in self.of_type(self.ctx.refers_to(node), PERSON) if k not in exclude]
                if keys:
                    return keys
                continue
            if node.head == node:
                break
            node = node.head
        return []

    # --- the patterns ---------------------------------------------------------------------------

    def visit(self, token: Token) -> None:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and is_asserted(token):
            if lemma == "visit":
                self._visits(self.ctx.subjects(token), self.objects(token), token, 0.85)
            elif lemma in TRAVEL_VERBS:
                preps = ("to", "in") if lemma == "arrive" else ("to",)
                self._visits(self.ctx.subjects(token), self.objects(token, (), preps), token, 0.75)
            elif lemma == "meet":
                self._meets(token)
        elif token.pos_ == "NOUN" and lemma in TRIP_NOUNS:
            places = self.objects(token, (), ("to",))
            if places:
                self._visits(self.actor_above(token, set()), places, token, 0.7)
        elif token.pos_ == "NOUN" and lemma in MEET_NOUNS:
            others = self.of_type(self.objects(token, (), ("with",)), PERSON)
            between = self.of_type(self.objects(token, (), ("between",)), PERSON)
            for a in between:
                for b in between:
                    if a < b:
                        self.add(a, "met", b, token, 0.7)
            if others:
                for actor in self.actor_above(token, set(others)):
                    for other in others:
                        self.add(actor, "met", other, token, 0.6)

    def _visits(self, actors: list[str], places: list[str], token: Token, confidence: float) -> None:
        for actor in self.of_type(actors, PERSON):
            for place in self.of_type(places, PLACES):
                self.add(actor, "visited", place, token, confidence)

    def _meets(self, verb: Token) -> None:
        subjects = self.of_type(self.ctx.subjects(verb), PERSON)
        others = self.of_type(self.objects(verb, ("dobj",), ("with",)), PERSON)
        # "met with the IMF, then with President Trump": a second "with" hangs off the first
        for child in verb.subtree:
            if child.dep_ == "prep" and child.lower_ == "with" and child.head != verb and child.head.dep_ in ("pobj", "prep", "npadvmod", "advmod"):
                for obj in child.children:
                    others += self.of_type(self.ctx.refers_to(obj), PERSON)
        if others:
            for a in subjects:
                for b in others:
                    self.add(a, "met", b, verb, 0.85)
        elif len(subjects) >= 2:
            for i, a in enumerate(subjects):
                for b in subjects[i + 1:]:
                    self.add(a, "met", b, verb, 0.85)

    def support(self, token: Token) -> None:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or not is_asserted(token):
            return
        if lemma in GIVE_VERBS:
            gives_aid = any(c.dep_ == "dobj" and (c.lemma_.lower() in AID_NOUNS or any(
                x.lemma_.lower() in AID_NOUNS for x in c.conjuncts)) for c in token.children)
            if gives_aid:
                receivers = []
                for prep in _same_clause(token):  # "send more aid this winter than last to Chile"
                    if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "into", "for"):
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                receivers += self.ctx.refers_to(obj)
                for giver in self.of_type(self.ctx.subjects(token), ACTORS):
                    for receiver in self.of_type(receivers, ACTORS):
                        self.add(giver, "supports", receiver, token, 0.75)
        elif lemma in SUPPORT_VERBS:
            receivers = self.objects(token, ("dobj",), ("with",) if lemma == "ally" else ())
            for giver in self.of_type(self.ctx.subjects(token), ACTORS):
                for receiver in self.of_type(receivers, ACTORS):
                    self.add(giver, "supports", receiver, token, 0.7)

    def conflict(self, token: Token) -> None:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in CONFLICT_NOUNS:
            sides = []
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss"):
                    sides += self.of_type(self.ctx.refers_to(child), ACTORS)
            for child in token.lefts:  # "the Ukraine/ Russia war": both names modify it
                for t in child.subtree:
                    key = self.ctx.token_entity.get(t.i)
                    if key and t.dep_ in ("compound", "nmod", "amod") and key not in sides and self.ctx.entities[key].type in ACTORS:
                        sides.append(key)
            sides += self.of_type(self.objects(token, (), ("on", "against", "with", "between")), ACTORS)
            if token.dep_ == "dobj" and token.head.lemma_ in ("have", "wage", "fight"):
                sides += self.of_type(self.ctx.subjects(token.head), ACTORS)
            self._pairs(sides, token, 0.7)
        elif token.pos_ == "VERB" and lemma in CONFLICT_VERBS and is_asserted(token):
            sides = self.of_type(self.ctx.subjects(token), ACTORS)
            others = self.of_type(self.objects(token, ("dobj",), ("with", "against")), ACTORS)
            if others:
                for a in sides:
                    for b in others:
                        self.add(a, "conflict", b, token, 0.7)
            else:
                self._pairs(sides, token, 0.65)
        elif token.pos_ == "NOUN" and lemma in ADVERSARY_NOUNS and is_asserted(token.head):
            # "Ana Ruiz is a critic of the mayor", "Ana Ruiz, an opponent of the mayor,"
            others = self.of_type(self.objects(token, (), ("of",)), ACTORS)
            for holder in self.of_type(self._described(token), ACTORS):
                for other in others:
                    self.add(holder, "conflict", other, token, 0.65)
        elif token.lower_ == "odds" and token.head.lower_ == "at":
            verb = token.head.head
            sides = self.of_type(self.ctx.subjects(verb), ACTORS) + self.of_type(self.objects(token, (), ("with",)), ACTORS)
            self._pairs(sides, token, 0.7)

    def _described(self, noun: Token) -> list[str]:
        """Whom a noun describes: the subject of a copula it completes ("Ana Ruiz is a critic",
        "became a candidate"), the name it stands in apposition to ("Ana Ruiz, a critic of ...,"),
        or the name it stands before ("the critic Ana Ruiz")."""
        if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become", "remain"):
            return self.ctx.subjects(noun.head)
        if noun.dep_ == "appos":
            return self.ctx.refers_to(noun.head)
        if any(c.dep_ == "appos" for c in noun.children):
            return [k for c in noun.children if c.dep_ == "appos" for k in self.ctx.refers_to(c)]
        return []

    def _pairs(self, sides: list[str], token: Token, confidence: float) -> None:
        unique = list(dict.fromkeys(sides))
        for i, a in enumerate(unique):
            for b in unique[i + 1:]:
                self.add(a, "conflict", b, token, confidence)

    def membership(self, token: Token) -> None:
        ctx = self.ctx
        key = ctx.token_entity.get(token.i)
        # "Ana Ruiz of the Green Party"
        if key and ctx.entities[key].type == "Person" and ctx.token_entity.get(token.i + 1) != key:
            for org in self.of_type(self.objects(token, (), ("of", "from")), ("Organization",)):
                self.add(key, "memberOf", org, token, 0.75)
        # "the Food Programme, a body of the world organisation"
        if token.dep_ == "appos" and token.lemma_.lower() in PART_NOUNS:
            for member in self.of_type(ctx.refers_to(token.head), ACTORS):
                for org in self.of_type(self.objects(token, (), ("of",)), ("Organization",)):
                    self.add(member, "memberOf", org, token, 0.7)
        # "A member of the city council, Ana Ruiz said": the phrase set before a name
        if token.lemma_ == "member" and token.dep_ != "appos" and (person := _named_after(ctx, token)):
            for org in self.of_type(self.objects(token, (), ("of",)), ("Organization",)):
                self.add(person, "memberOf", org, token, 0.7)
        # "X joined NATO", "X is a member of the EU"
        if token.pos_ == "VERB" and token.lemma_ == "join" and is_asserted(token):
            for member in self.of_type(ctx.subjects(token), ACTORS):
                for org in self.of_type(self.objects(token), ("Organization",)):
                    self.add(member, "memberOf", org, token, 0.7)
        # "the alliance is made up of two parties", "the coalition consists of A and B"
        if token.pos_ == "VERB" and _composed_of(token) and is_asserted(token):
            wholes = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            for whole in self.of_type([k for w in wholes for k in ctx.refers_to(w)], ("Organization",)):
                for part in self.of_type(self.objects(token, ("dobj",) if token.lemma_ in ("comprise", "include") else (),
                                                      ("of",)), ACTORS):
                    self.add(part, "memberOf", whole, token, 0.7)
        # "Ana Ruiz is a Republican", "she became a Democrat"
        if key and token.dep_ == "attr" and token.head.lemma_ in ("be", "become", "remain") and _party(ctx, key):
            for member in self.of_type(ctx.subjects(token.head), PERSON):
                self.add(member, "memberOf", key, token, 0.75)
        # "X is a member of the EU", "X was elected a member of it", "X served as a member of it"
        verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "as" else token.head
        if token.lemma_ == "member" and (token.dep_ in ("attr", "oprd") or token.head.lower_ == "as") \
                and verb.pos_ in ("VERB", "AUX") and is_asserted(verb):
            # who is elected or named a member is the passive subject or the object, not the elector
            named = [k for c in verb.children if c.dep_ in ("nsubjpass", "dobj") for k in ctx.refers_to(c)]
            for member in self.of_type(named if token.dep_ == "oprd" else ctx.subjects(verb), ACTORS):
                for org in self.of_type(self.objects(token, (), ("of",)), ("Organization",)):
                    self.add(member, "memberOf", org, token, 0.8)

    def nomination(self, token: Token) -> None:
        """"Ana Ruiz is a candidate for the Green nomination", "she won the Labour Party's
        nomination": who seeks or wins a party's nomination is a member of the party."""
        ctx = self.ctx
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOMINATION_NOUNS:
            return
        parties = []
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                key = ctx.token_entity.get(child.i) or _party_named_by(ctx, child)
                if key and _party(ctx, key):
                    parties.append(key)
        if not parties:
            return
        if token.dep_ == "dobj" and token.head.pos_ == "VERB" and is_asserted(token.head):
            seekers = ctx.subjects(token.head)  # "she sought the Green nomination"
        elif token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.pos_ in ("NOUN", "PROPN"):
            seekers = self._described(token.head.head)  # "a candidate for the Green nomination"
        else:
            return
        for person in self.of_type(seekers, PERSON):
            for party in parties:
                self.add(person, "memberOf", party, token, 0.7)

    def party_examples(self, token: Token) -> None:
        """"Some Democrats, such as Ana Ruiz, ...", "Other Republicans have broken with him, such as
        Tom Berg": the people given as examples of a party's members (the plural the examples
        follow, or the subject of their clause when the parser hangs "such as" on a singular noun
        no list of examples can follow) are members; not examples of another plural
        ("candidates such as Ana Ruiz")."""
        ctx = self.ctx
        if token.lower_ != "as" or token.dep_ != "prep" or not any(c.lower_ == "such" for c in token.children) \
                and not (token.i > 0 and ctx.doc[token.i - 1].lower_ == "such"):
            return
        examples = self.of_type([k for o in token.children if o.dep_ == "pobj" for k in ctx.refers_to(o)], PERSON)
        if not examples:
            return
        group, node = None, token.head
        if node.tag_ in ("NNS", "NNPS") and not ((key := ctx.token_entity.get(node.i)) and _party(ctx, key)):
            return  # "candidates such as Ana Ruiz": examples of another plural
        for _ in range(8):
            if node.tag_ in ("NNS", "NNPS") and (key := ctx.token_entity.get(node.i)) and _party(ctx, key):
                group = key
                break
            subjects = [c for c in node.children if c.dep_ == "nsubj"] if node.pos_ in ("VERB", "AUX") else []
            if subjects:  # the first verb with a subject of its own: its subject is the group
                key = ctx.token_entity.get(subjects[0].i)
                if subjects[0].tag_ in ("NNS", "NNPS") and key and _party(ctx, key):
                    group = key
                break
            if node.head == node or node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "conj"):
                break
            node = node.head
        for person in examples if group else []:
            self.add(person, "memberOf", group, token, 0.65)

    def party_before(self, token: Token) -> None:
        """"Republican Ana Ruiz", "Labour councillor Tom Berg", "Democratic committee chair Ana
        Ruiz": a party modifying a person's name, or a title before it."""
        ctx = self.ctx
        key = ctx.token_entity.get(token.i) or _party_named_by(ctx, token)
        if not key or not _party(ctx, key) or token.dep_ not in ("amod", "compound", "nmod", "npadvmod"):
            return
        node = token.head
        for _ in range(4):
            person = ctx.token_entity.get(node.i)
            if person and person != key:
                if ctx.entities[person].type == "Person":
                    self.add(person, "memberOf", key, token, 0.75)
                return
            if node.dep_ not in ("compound", "amod", "nmod") or node.head == node:
                return
            node = node.head

    def located(self, token: Token) -> None:
        """"Otranto, Italy" and "the Zappeion Hall in Athens"."""
        ctx = self.ctx
        key = ctx.token_entity.get(token.i)
        if not key or ctx.entities[key].type != "Place" or ctx.token_entity.get(token.i + 1) == key:
            return
        doc = ctx.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].text == ",":
            other = ctx.token_entity.get(token.i + 2)
            if other and other != key and ctx.entities[other].type in PLACES:
                self.add(key, "locatedIn", other, token, 0.8)
        for place in self.of_type(self.objects(token, (), ("in",)), PLACES):
            self.add(key, "locatedIn", place, token, 0.6)


def _party(ctx: ArticleContext, key: str) -> bool:
    """The entity is a political party: the gazetteer says so, or its name does ("... Party")."""
    entity = ctx.entities[key]
    if entity.type != "Organization":
        return False
    known = gazetteer().org(entity.name)
    return known is not None and known.kind == "party" or entity.name.lower().split()[-1] == "party"


def _named_after(ctx: ArticleContext, token: Token) -> str | None:
    """The person named right after a comma closing ``token``'s phrase, at the start of a
    sentence: "A member of the council, Ana Ruiz, said"."""
    doc = ctx.doc
    start = min([token.i] + [c.left_edge.i for c in token.children if c.dep_ in ("det", "amod", "compound")])
    end = max([token.i] + [c.right_edge.i for c in token.children if c.dep_ == "prep"]) + 1
    before = doc[start - 1] if start > 0 else None
    opens = before is None or before.is_space or before.is_quote or before.text in (".", "!", "?", ";")
    if not opens or end + 1 >= len(doc) or doc[end].text != ",":
        return None
    key = ctx.token_entity.get(end + 1)
    return key if key and ctx.entities[key].type == "Person" else None


def _party_named_by(ctx: ArticleContext, token: Token) -> str | None:
    """The party of the article an adjective names though NER left it out: "Republican" for the
    Republican Party, "Democrat" for the Democratic Party."""
    word = token.lower_
    if not token.text[:1].isupper() or len(word) < 4 or token.i in ctx.token_entity:
        return None
    found = [k for k, e in ctx.entities.items() if _party(ctx, k) and (
        e.name.lower().split()[0].startswith(word) or word + "s" in {a.lower() for a in e.aliases})]
    return found[0] if len(found) == 1 else None


def _composed_of(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "make":
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    return lemma in ("consist", "compose", "comprise", "include")


def _same_clause(verb: Token) -> list[Token]:
    """The tokens of a verb's own clause: its subtree without embedded clauses."""
    out, stack = [], list(verb.children)
    while stack:
        token = stack.pop()
        if token.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis", "conj") and token.pos_ in ("VERB", "AUX"):
            continue
        out.append(token)
        stack.extend(token.children)
    return out


def entity_facts(ctx: ArticleContext, roles: list[Role]) -> list[Fact]:
    """Every entity-to-entity fact of an article."""
    links = EntityLinks(ctx)
    for token in ctx.tokens:
        if token.dep_ in ("amod", "compound") and token.text[:1].isupper():
            links.party_before(token)  # "Republican Ana Ruiz", where NER saw no name
        if token.i in ctx.token_entity or token.dep_ == "appos" or token.lemma_.lower() in TRIGGERS:
            links.visit(token)
            links.support(token)
            links.conflict(token)
            links.membership(token)
            links.nomination(token)
            links.party_examples(token)
            links.located(token)
    for role in roles:  # a position in an organisation makes its holder a member
        if role.of and ctx.entities[role.of].type == "Organization" and _member_title(role.title):
            links.facts.append(Fact(role.person, "memberOf", role.of, role.evidence, round(0.6 * role.confidence, 3)))
    links.facts += gazetteer_locations(ctx)
    return links.facts


def _member_title(title: str) -> bool:
    words = title.split()
    return any(" ".join(words[i:]) in MEMBER_TITLES for i in range(len(words)))


def gazetteer_locations(ctx: ArticleContext) -> list[Fact]:
    """A place the gazetteer locates in a country that the article also names."""
    gaz = gazetteer()
    by_iso = {e.iso: key for key, e in ctx.entities.items() if e.iso and e.type == "Country"}
    facts = []
    for key, entity in ctx.entities.items():
        if entity.type != "Place" or not entity.mentions:
            continue
        place = gaz.place(entity.name)
        country = by_iso.get(place.country) if place and place.country else None
        if country and country != key:
            first = entity.mentions[0]
            token = ctx.doc.char_span(first.start, first.end, alignment_mode="expand")
            if token is not None:
                facts.append(Fact(key, "locatedIn", country, ctx.evidence(token.root), 0.6))
    return facts
