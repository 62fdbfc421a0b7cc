"""Definite descriptions of organisations: "the court", "the committee", "the ministry" refer to
an organisation of that kind the article named before ("the Court of Appeal", "the Finance
Committee"): the one mentioned most so far, the latest on a tie. A noun of that kind before a
title refers the same way: "committee chairman", "Council President".

The nouns are those of ``data/org_nouns.txt``: kinds of institution, whose name usually carries
the noun. A description is bound only when an organisation named before it carries the noun in its
name; otherwise it stays unresolved.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from .context import ArticleContext
from .titles import title_heads

DETERMINERS = {"the", "this", "that"}
CONFIDENCE = 0.7


# words that set an organisation apart from the one the article has named
CONTRASTING = {"opposing", "other", "rival", "opposition", "competing", "different", "another", "second", "new"}


@cache
def org_nouns() -> frozenset[str]:
    """Nouns naming a kind of institution (``data/org_nouns.txt``), lowercase singular."""
    text = files("kg.extraction").joinpath("data", "org_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def bind_descriptions(ctx: ArticleContext) -> None:
    """Bind every definite description of an organisation to the organisation it refers to,
    extending ``ctx.token_entity``."""
    seen: dict[str, dict[str, list[int]]] = {}  # noun -> organisation carrying it -> [mentions, last token]
    nouns = org_nouns()
    previous = None
    for token in ctx.tokens:
        key = ctx.token_entity.get(token.i)
        if key is not None:
            entity = ctx.entities[key]
            if entity.type == "Organization" and key != previous:
                for word in _name_words(entity.name) & nouns:
                    count = seen.setdefault(word, {}).setdefault(key, [0, 0])
                    count[0], count[1] = count[0] + 1, token.i
            previous = key
            continue
        previous = None
        noun = token.lemma_.lower()
        if noun not in nouns or noun not in seen or not _describes(token):
            continue
        # the organisation of that kind the article is about: most mentioned so far, then latest
        found = max(seen[noun].items(), key=lambda item: (item[1][0], item[1][1]))[0]
        ctx.token_entity[token.i] = found
        ctx.confidence_of_token[token.i] = CONFIDENCE
        seen[noun][found][0] += 1


def _name_words(name: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in name.split()}
    return words | {w[:-1] for w in words if w.endswith("s")}


def _describes(token: Token) -> bool:
    """A singular noun heading a definite phrase with no name of its own ("the court", "the
    three-judge court"), or modifying a title ("committee chairman", "Council President")."""
    if token.tag_ not in ("NN", "NNP") or token.is_stop:
        return False
    if any(c.dep_ in ("poss", "nummod") or c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
        return False  # "Germany's parliament", "the Labour party": another phrase says whose
    if any(c.dep_ in ("amod", "compound") and c.lower_ in CONTRASTING for c in token.children):
        return False  # "the opposing party", "the rival union": not the one named before
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in title_heads():
        return True
    return any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in token.children)
