"""A government named by its country or region, where it acts, is an organisation of its own: "the
Hungarian government said", "the Ontario government proposed", "the Government of Chile's plan".

What such a government does is its act, not the country's: an analyst records that "the Ontario
government proposed a levy" as the Government of Ontario proposing it. The country or region keeps
the mentions of its own name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..core.records import Entity, Mention
from .gazetteer import gazetteer
from .resolve import ascii_key

GOVERNMENT_NOUNS = {"government"}


def add_governments(doc: Doc, entities: dict[str, Entity], token_entity: dict[int, str],
                    sentence_of: list[int]) -> None:
    """Give every "<country or region> government" and "government of <country or region>" its
    own organisation entity, and point the noun "government" at it."""
    for token in doc:
        if token.lemma_.lower() not in GOVERNMENT_NOUNS or token.pos_ != "NOUN" or token.i in token_entity \
                or not _acts(token):
            continue
        found = _governed(token, entities, token_entity)
        if found is None:
            continue
        place, start = found
        name = f"Government of {place.name}"
        key = f"Organization:{ascii_key(name)}"
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key=key, type="Organization", name=name)
        span = doc[start:token.i + 1] if start < token.i else doc[token.i:_end_of_of(token) + 1]
        surface = span.text
        if surface.lower().startswith("the "):
            surface = surface[4:]
        if surface != name:
            entity.aliases.add(surface)
        entity.mentions.append(Mention(surface, span.start_char, span.end_char, "Organization",
                                       sentence_of[token.i]))
        token_entity[token.i] = key


def _acts(token: Token) -> bool:
    """The government does or says something here: a subject, a "by" or "from" agent, a
    possessor ("the government's plan"); not a modifier ("a government shutdown") or a place
    ("in the Chinese government")."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ("by", "from")


def _governed(token: Token, entities: dict[str, Entity], token_entity: dict[int, str]) -> tuple[Entity, int] | None:
    """The country or region a government noun is of, and where its phrase starts."""
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < token.i:
            place = _place(child, entities, token_entity)
            if place is not None:
                return place, child.left_edge.i
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                place = _place(obj, entities, token_entity)
                if place is not None:
                    return place, token.i
    return None


def _place(token: Token, entities: dict[str, Entity], token_entity: dict[int, str]) -> Entity | None:
    key = token_entity.get(token.i)
    entity = entities.get(key) if key is not None else None
    if entity is None:
        iso = gazetteer().country_iso(token.text)  # "Hungarian": a demonym NER left unnamed
        entity = next((e for e in entities.values() if iso and e.iso == iso), None)
    return entity if entity is not None and entity.type in ("Country", "Place") else None


def _end_of_of(token: Token) -> int:
    """The last token of the "of" phrase after a government noun: "Government of Hong Kong"."""
    return max((c.right_edge.i for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), default=token.i)
