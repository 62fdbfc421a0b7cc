"""The extractor: one parsed article in, its entities, roles, quotes, proposals and facts out.

    names -> entities (and governments) -> roles, references -> quotes -> proposals and their facts
    -> entity facts
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..core.records import Article, Extraction, Fact, Quote
from .context import ArticleContext
from .dates import date_facts, find_times
from .governments import add_governments
from .links import entity_facts
from .mentions import find_mentions, sentence_index
from .pipeline import load_pipeline, parse
from .proposals import ProposalRegistry
from .quotes import attribute_quotes, find_quote_spans
from .references import resolve_references
from .relations import proposal_facts
from .resolve import resolve_entities

FIRST_PERSON = {"i", "me", "my", "myself", "mine"}


def extract(article: Article, doc: Doc) -> Extraction:
    """Extract everything kg keeps from one article and its spaCy parse.

    Args:
        article: the article (its text must be the text ``doc`` was parsed from).
        doc: the parse, from `kg.extraction.pipeline.load_pipeline`.
    """
    sentences = sentence_index(doc)
    text = doc.text  # spaCy rebuilds Doc.text on each access: read it once
    entities, token_entity = resolve_entities(list(find_mentions(doc, sentences)), text)
    add_governments(doc, entities, token_entity, sentences)
    ctx = ArticleContext(doc, entities, token_entity, find_quote_spans(text), sentence_of=sentences, text=text)
    roles = resolve_references(ctx, sentences)
    quotes = attribute_quotes(ctx)
    _bind_first_person(ctx, quotes)
    registry = ProposalRegistry(ctx)
    facts = proposal_facts(ctx, registry, quotes, roles) + entity_facts(ctx, roles)
    proposals = registry.proposals()
    used = {f.object for f in facts} | {f.subject for f in facts}
    facts = _merge_facts(facts)
    # --- time (issue 14): when each fact happened, as its sentence says; kg/extraction/dates.py.
    # Kept as one pass over the finished facts, apart from the stages, so that they stay as they are.
    times = find_times(doc, article.day, within=[(f.evidence.start, f.evidence.end) for f in facts])
    facts = date_facts(facts, doc, times, ctx.token_entity)
    return Extraction(
        article=article,
        entities=entities,
        proposals={k: p for k, p in proposals.items() if k in used},
        roles=roles,
        quotes=quotes,
        facts=facts,
    )


def extract_articles(articles: Iterable[Article], *, model: str | None = None, nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[Extraction]:
    """Parse and extract a stream of articles in order, one at a time (memory stays flat)."""
    nlp = nlp or load_pipeline(model)
    for doc, article in parse(nlp, ((a.text, a) for a in articles), batch_size=batch_size):
        yield extract(article, doc)


def _bind_first_person(ctx: ArticleContext, quotes: list[Quote]) -> None:
    """"I" and "my" inside a quotation are its speaker; so is a subject "we" ("we will vote against
    it", "we proposed a bill"), not "us" and "our" (a spokesman's "our targets" are his army's:
    audit 2 on unseen articles found them more often wrong than right)."""
    for quote in quotes:
        span = ctx.doc.char_span(quote.evidence.start, quote.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            stance = token.norm_ == "we" and token.dep_ in ("nsubj", "nsubjpass")
            if (token.norm_ in FIRST_PERSON or stance) and ctx.in_quote(token) and token.i not in ctx.token_entity:
                ctx.token_entity[token.i] = quote.speaker
                ctx.confidence_of_token[token.i] = 0.8


def _merge_facts(facts: list[Fact]) -> list[Fact]:
    """Drop exact repeats (same fact, same sentence), keeping the most confident reading."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.subject, fact.relation, fact.object, fact.evidence.start)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    return sorted(best.values(), key=lambda f: (f.evidence.start, f.subject, f.relation, f.object))
