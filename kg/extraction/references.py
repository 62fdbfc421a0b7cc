"""Roles, and the words that refer to people without naming them.

- A title that names a person gives a `Role` ("Danish Finance Minister Lars Holm").
- A definite title naming no one ("the prime minister", "the Ukraine president") refers to the
  person who holds that title in the article, matching its country when it gives one; when no
  one holds it yet, to the person the article is about at that point (its last subject).
- A third-person pronoun subject ("he said") refers to the last person in subject position with
  a compatible gender, else the last person mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..core.records import Role
from .context import ArticleContext
from .gazetteer import gazetteer
from .lexicon import speech_verbs
from .descriptions import bind_descriptions
from .roles import offices_held, person_named_by, qualifier_after_name, qualifier_of
from .titles import TitleSpan, find_titles, hypothetical, is_reference, unheld

PAIR_NOUNS = {"man": "Person", "woman": "Person", "leader": "Person", "president": "Person", "minister": "Person",
              "politician": "Person", "official": "Person", "country": "Country", "nation": "Country",
              "government": "Country", "state": "Country"}
# words making another office of a title: a vice president is not "the president"
RANKS = {"vice", "deputy", "assistant", "under", "associate", "co", "sub", "lieutenant", "junior", "shadow"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
STATING_VERBS = {"announce", "confirm", "warn", "insist", "vow", "pledge", "threaten", "decide"}
DIPLOMATIC_WORDS = ("foreign", "ambassador", "envoy", "secretary of state", "diplomat")
SALIENCE_SENTENCES = 4  # how far back a pronoun looks for its antecedent
SHARED_OFFICES = {"minister", "senator", "sen.", "ambassador", "envoy", "special envoy", "congressman",
                  "congresswoman", "representative", "mp", "deputy"}  # a country has many of these


def core_title(title: str) -> str:
    """A title without time modifiers or "-elect": what makes two titles the same office.

    >>> core_title("former us president-elect")
    'us president'
    """
    mods = gazetteer().title_modifiers
    words = [w for w in re.sub(r"[\s-]+elect\b", "", title).split() if w not in mods]
    return " ".join(words)


@dataclass
class _Salience:
    """Who the article is talking about at a given point."""

    last_subject: tuple[int, str] | None = None  # (sentence, key)
    position: int = 0  # the token being read
    recent: list[tuple[int, int, str]] = field(default_factory=list)  # (sentence, token, key)
    gender: dict[str, str] = field(default_factory=dict)

    def saw(self, key: str, token: Token, sentence: int) -> None:
        self.recent.append((sentence, token.i, key))
        if token.dep_ in ("nsubj", "nsubjpass"):
            self.last_subject = (sentence, key)


def resolve_references(ctx: ArticleContext, sentences: list[int]) -> list[Role]:
    """Find roles, then resolve role references and pronouns in text order, extending
    ``ctx.token_entity`` with what they refer to.

    Returns:
        The roles found, one per person and title (with the country or organisation when known).
    """
    entities = ctx.entities
    bind_descriptions(ctx)  # "the court", "committee chairman": what a title may be of
    named = {i: entities[key].type for i, key in ctx.token_entity.items()}
    titles = [t for t in find_titles(ctx.doc, named) if not unheld(t)]
    roles: list[Role] = []
    references: dict[int, TitleSpan] = {}
    unnamed: list[TitleSpan] = []  # titles naming no one yet: a pronoun may name them
    for title in titles:
        title.qualifier = qualifier_of(title, ctx.token_entity, entities)
        title.person = person_named_by(title, ctx.token_entity, entities)
        if title.person:
            roles.append(Role(title.person, title.title, title.qualifier, ctx.evidence(title.head), 0.9))
            if title.plural:  # the title is each one's: "Senators Ana Ruiz and Tom Berg"
                for other, of in _listed_people(ctx, title):
                    roles.append(Role(other, title.title, of, ctx.evidence(title.head), 0.8))
            # "Ambassador to the Holy See Ana Ruiz wrote": the title heads the phrase
            ctx.token_entity.setdefault(title.head.i, title.person)
        elif is_reference(title) and title.head.i not in ctx.token_entity:
            if not hypothetical(title):  # "if the president resigns" refers to no one in particular
                references[title.head.i] = title
        else:
            unnamed.append(title)
    state = _Salience()
    _learn_gender(ctx, state)
    for token in ctx.tokens:
        state.position = token.i
        sentence = sentences[token.i]
        key = ctx.token_entity.get(token.i)
        if key is not None:
            if entities[key].type == "Person" and (token.i + 1 >= len(ctx.doc) or ctx.token_entity.get(token.i + 1) != key):
                state.saw(key, token, sentence)
            continue
        if token.i in references:
            title = references[token.i]
            # "she worked as the county's sheriff": named by a pronoun resolved by now
            person, confidence = person_named_by(title, ctx.token_entity, entities), 0.7
            if person is None:
                guess = not ctx.in_quote(token) and token.dep_ in ("nsubj", "nsubjpass", "poss")
                person, confidence = _resolve_title(title, roles, state, sentence, guess)
            if person is not None:
                _bind_reference(ctx, title, person, confidence, roles)
                state.saw(person, token, sentence)
                del references[token.i]
        elif _is_pair(token):
            group = _last_two(ctx, state, PAIR_NOUNS[token.lemma_.lower()])
            if group:
                ctx.token_group[token.i] = group
                ctx.confidence_of_token[token.i] = 0.6
        elif token.lower_ in ("it", "they") and token.pos_ == "PRON" and not ctx.in_quote(token):
            body = _reporting_body(ctx, token)
            if body is not None:  # "Chile said it would sign", "the party said they would vote"
                ctx.token_entity[token.i] = body
                ctx.confidence_of_token[token.i] = 0.75
        elif token.lower_ in PRONOUN_GENDER and token.pos_ == "PRON" and not ctx.in_quote(token):
            person = _resolve_pronoun(token, state, sentence, ctx)
            if person is not None:
                ctx.token_entity[token.i] = person
                ctx.confidence_of_token[token.i] = 0.7
                if token.dep_ in ("nsubj", "nsubjpass"):  # only the surest readings teach a gender
                    state.gender.setdefault(person, PRONOUN_GENDER[token.lower_])
                if token.dep_ in ("nsubj", "nsubjpass"):
                    state.last_subject = (sentence, person)
    for title in unnamed:  # "Theresa May appointed him Foreign Secretary": now "him" is known
        title.person = person_named_by(title, ctx.token_entity, entities)
        if title.person:
            roles.append(Role(title.person, title.title, title.qualifier, ctx.evidence(title.head), 0.7))
    for person, office, of, noun in offices_held(ctx.doc, ctx.token_entity, entities):  # "during her presidency"
        roles.append(Role(person, office, of, ctx.evidence(noun), 0.7))
    for title in references.values():  # a headline's "Greek prime minister" names someone later
        holders = {r.person for r in roles if core_title(r.title) == core_title(title.base)
                   and r.of in (None, title.qualifier) and (title.qualifier is None or r.of == title.qualifier)}
        if len(holders) == 1:
            _bind_reference(ctx, title, holders.pop(), 0.7, roles)
    return _dedupe(_national_roles(roles, ctx.dominant_country(), _clearly_about(ctx)))


def _reporting_body(ctx: ArticleContext, pronoun: Token) -> str | None:
    """The country or organisation a subject "it" or "they" stands for in what that body says of
    itself: "Chile said it would sign", "the union announced they would strike"."""
    verb = pronoun.head
    said = verb.head.lemma_.lower()
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or (
            said not in speech_verbs() and said not in STATING_VERBS):
        return None
    subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    keys = ctx.refers_to(subjects[0]) if subjects else []
    if len(keys) == 1 and ctx.entities[keys[0]].type in ("Country", "Organization"):
        return keys[0]
    return None


def _clearly_about(ctx: ArticleContext) -> str | None:
    """The country the article is about: named at least three times, and twice as often as any other."""
    counts = sorted(((len(e.mentions), key) for key, e in ctx.entities.items() if e.type == "Country"), reverse=True)
    if not counts or counts[0][0] < 3 or len(counts) > 1 and counts[0][0] < 2 * counts[1][0]:
        return None
    return counts[0][1]


def _listed_people(ctx: ArticleContext, title: TitleSpan) -> list[tuple[str, str | None]]:
    """The other people listed after a plural title, in the same noun phrase's conjuncts, each
    with what their own "of" names ("Presidents A of X and B of Y"), else what the title is of."""
    first = next((t for t in ctx.doc[title.span.end:title.span.end + 4] if ctx.token_entity.get(t.i) == title.person), None)
    if first is None:
        return []
    head = first.head if first.dep_ in ("compound", "flat") else first
    out: list[tuple[str, str | None]] = []
    # "Presidents A of X and B of Y": the parser may coordinate B with X
    stranded = [c for of in head.children if of.dep_ == "prep" and of.lower_ == "of" for x in of.children
                if x.dep_ == "pobj" for c in x.conjuncts if any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children)]
    for conj in [*head.conjuncts, *stranded]:
        key = ctx.entity_of(conj)
        if key and key != title.person and ctx.entities[key].type == "Person" and key not in (k for k, _ in out):
            end = conj.i + 1
            while end < len(ctx.doc) and ctx.token_entity.get(end) == key:
                end += 1
            own = qualifier_after_name(ctx.doc, end, ctx.token_entity, ctx.entities)
            out.append((key, own or (None if _own_of(ctx, title) else title.qualifier)))
    return out


def _own_of(ctx: ArticleContext, title: TitleSpan) -> bool:
    """The first person's qualifier comes from the "of" after their own name, not the title."""
    first = title.span.end
    end = first
    while end < len(ctx.doc) and ctx.token_entity.get(end) == title.person:
        end += 1
    return end > first and qualifier_after_name(ctx.doc, end, ctx.token_entity, ctx.entities) is not None


def _bind_reference(ctx: ArticleContext, title: TitleSpan, person: str, confidence: float, roles: list[Role]) -> None:
    for t in title.span:
        ctx.token_entity[t.i] = person
    ctx.confidence_of_token[title.head.i] = confidence
    roles.append(Role(person, title.title.removeprefix("the "), title.qualifier, ctx.evidence(title.head), confidence))


def _national_roles(roles: list[Role], dominant: str | None, clear: str | None) -> list[Role]:
    """A national office the text gives no country for takes the country of all the offices the
    article places, when they are of one country: "Norway's King Harald ... Prime Minister Jonas
    Store"; when it places none, the country the article is clearly about (``clear``). (Two
    offices in one sentence are not enough: "the prime minister ... a week before Ana Ruiz takes
    office as Chilean president".)"""
    titles = gazetteer().titles

    def national(role: Role) -> bool:
        title = titles.get(core_title(role.title)) or titles.get(role.title.split()[-1])
        return title is not None and title.national

    # when every office the article places is of one country, so are the ones it does not place
    placed = {r.of for r in roles if r.of and r.of.startswith("iso:") and national(r)}
    only = next(iter(placed)) if len(placed) == 1 else None
    if only is not None and only != dominant:
        only = None  # "Prime Minister Ana Ruiz met US President Tom Berg" is about two countries
    if not placed and clear is not None:
        only = clear  # no office placed at all, in an article about one country
    def taken(role: Role, country: str) -> bool:
        """A country has one president: the office is someone else's there. Nor does an office
        take the country of a diplomat named in the same sentence: "Britain's Foreign Secretary X
        met President Y" names two countries' officials."""
        if any(r.of == country and r.person != role.person and r.evidence.start == role.evidence.start
               and any(word in r.title for word in DIPLOMATIC_WORDS) for r in roles):
            return True  # a foreign minister's counterpart in the sentence is foreign; a king's PM is not
        return core_title(role.title) not in SHARED_OFFICES and any(
            r.of == country and r.person != role.person and core_title(r.title) == core_title(role.title) for r in roles)

    out = []
    for role in roles:
        if role.of is None and national(role) and only is not None and not taken(role, only):
            role = role._replace(of=only, confidence=round(role.confidence * 0.5, 3))
        out.append(role)
    return out


def _is_pair(token: Token) -> bool:
    """"the two men", "both leaders", "the two countries"."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in PAIR_NOUNS:
        return False
    return any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet") for c in token.children)


def _last_two(ctx: ArticleContext, state: _Salience, kind: str) -> list[str]:
    """The last two different entities of a type mentioned before this point."""
    if kind == "Person":
        # the two people the passage is about: most mentioned among those of the last sentences
        last = state.recent[-1][0] if state.recent else 0
        nearby = {k for s, _, k in state.recent if last - s <= SALIENCE_SENTENCES}
        counts = {k: sum(1 for _, _, x in state.recent if x == k) for k in nearby}
        keys = sorted(nearby, key=lambda k: (-counts[k], -max(i for _, i, x in state.recent if x == k)))
    else:
        keys = [ctx.token_entity[i] for i in sorted(ctx.token_entity, reverse=True)
                if i < state.position and ctx.entities[ctx.token_entity[i]].type == kind]
    group = list(dict.fromkeys(keys))[:2]
    return group if len(group) == 2 else []


def _learn_gender(ctx: ArticleContext, state: _Salience) -> None:
    """Gender known from honorifics and titles ("Mr", "Sir", "Queen")."""
    doc = ctx.doc
    titles = gazetteer().titles
    for i, key in ctx.token_entity.items():
        if ctx.entities[key].type != "Person" or key in state.gender:
            continue
        word = doc[i].lower_.rstrip(".")
        title = titles.get(word) or titles.get(word + ".")
        if title is not None and title.gender and doc[i].text[:1].isupper():
            state.gender[key] = title.gender


def _same_office(held: str, named: str) -> bool:
    """A title held is the one a reference names: "foreign minister" for "the minister", not
    "vice president" for "the president"."""
    if held == named:
        return True
    return held.endswith(" " + named) and held.split()[-len(named.split()) - 1] not in RANKS


def _resolve_title(title: TitleSpan, roles: list[Role], state: _Salience, sentence: int,
                   guess: bool) -> tuple[str | None, float]:
    """The person a definite title refers to, and how sure we are; ``guess``: whether the person
    the text is about may be taken when no one holds the title."""
    core = core_title(title.base)
    holders = [r for r in roles if _same_office(core_title(r.title), core)]
    if title.qualifier:
        # "the US president" is not the president known to be of Ukraine
        elsewhere = {r.person for r in holders if r.of and r.of != title.qualifier}
        holders = [r for r in holders if r.person not in elsewhere]
    if holders:
        latest = {r.person for r in holders}
        for _, _, key in reversed(state.recent):
            if key in latest:
                return key, 0.8
        return holders[0].person, 0.7
    # nobody holds the title yet: the person the text is about, if they hold no other office; only
    # for a title that is itself what the text is about ("The prime minister flew on"), not one
    # spoken of in a quotation or named in passing ("we told the president")
    # nor someone named earlier in the same sentence: "Ana Ruiz said the president should resign"
    # is about someone else (she would be "she")
    if guess and state.last_subject and 0 < sentence - state.last_subject[0] <= SALIENCE_SENTENCES:
        person = state.last_subject[1]
        if not any(r.person == person for r in roles):
            return person, 0.5
    return None, 0.0


def _resolve_pronoun(token: Token, state: _Salience, sentence: int, ctx: ArticleContext) -> str | None:
    """The person a third-person pronoun refers to: the last subject (for "he said"), else the
    last person named; never the subject of its own clause when it is an object ("Johnson
    succeeded her"), and of a compatible gender."""
    gender = PRONOUN_GENDER[token.lower_]
    clause_subject = _clause_subject(token, ctx) if token.dep_ not in ("nsubj", "nsubjpass") else None

    def fits(key: str) -> bool:
        return state.gender.get(key, gender) == gender and key != clause_subject

    if state.last_subject and sentence - state.last_subject[0] <= SALIENCE_SENTENCES and fits(state.last_subject[1]):
        # a person named in this sentence before the pronoun outranks an older subject
        same = [k for s, i, k in state.recent if s == sentence and i < token.i and fits(k)]
        if token.dep_ in ("nsubj", "nsubjpass") and same and same[-1] != state.last_subject[1]:
            subjects_here = [k for s, i, k in state.recent if s == sentence]
            if state.last_subject[1] not in subjects_here:
                return same[-1]
        return state.last_subject[1]
    for s, _, key in reversed(state.recent):
        if sentence - s > SALIENCE_SENTENCES:
            break
        if fits(key):
            return key
    return None


def _clause_subject(token: Token, ctx: ArticleContext) -> str | None:
    """The person who is the subject of the clause an object pronoun is in."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in ("who", "that") and verb.dep_ == "relcl":
                return ctx.entity_of(verb.head)
            return ctx.entity_of(child)
    return None


def _dedupe(roles: list[Role]) -> list[Role]:
    """One role per person and title: the one that says what it is of, most confident first."""
    best: dict[tuple[str, str], Role] = {}
    for role in roles:
        k = (role.person, core_title(role.title))
        old = best.get(k)
        if old is None or (role.of and not old.of) or (bool(role.of) == bool(old.of) and role.confidence > old.confidence):
            best[k] = role
    return list(best.values())
