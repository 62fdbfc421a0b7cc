"""Direct quotations and who said them.

Quotation marks are paired by direction (an opening mark follows a space, a closing mark
precedes one), so nested quotes and apostrophes do not derail the pairing. A quotation left open
at the end of a paragraph runs on into the next paragraph that opens with a quotation mark, as
English punctuation has it. The speaker is the subject of a speech verb outside the quote in the
same sentence ("X said: ...", "..., he said"), or of the sentence that introduces it.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..core.records import Quote
from .context import ArticleContext, sentence_evidence
from .lexicon import speech_verbs

OPEN_CONTEXT = "([{\u2014\u2013-/:"
CLOSE_CONTEXT = ".,;:!?)]}\u2014\u2013-"
MIN_WORDS = 3


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text inside quotation marks (outermost quotes only).

    >>> text = 'He said: "We will go." Then he left.'
    >>> [text[a:b] for a, b in find_quote_spans(text)]
    ['We will go.']
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    # paragraphs are blank-line separated, or (in texts without blank lines) one per line
    paragraph = r"\n\s*\n" if re.search(r"\n\s*\n", text) else r"\n"
    for match in re.finditer(r'[\u201c\u201d"\u00ab\u00bb]|' + paragraph, text):
        mark, i = match.group(), match.start()
        if mark.strip() == "":  # paragraph break: an open quote runs to here
            if stack:
                spans.append((stack[0][1], i))
                stack.clear()
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if mark == '"':
            can_open = (before.isspace() or before in OPEN_CONTEXT) and not after.isspace()
            can_close = not before.isspace() or after.isspace() or after in CLOSE_CONTEXT
            if can_close and stack and (not can_open or stack[-1][0] == '"'):
                _close(stack, spans, i)
            elif can_open:
                stack.append((mark, i + 1))
        elif mark in ("\u201c", "\u00ab"):
            stack.append((mark, i + 1))
        elif stack:
            _close(stack, spans, i)
    if stack:
        spans.append((stack[0][1], len(text)))
    return sorted(set(spans))


def _close(stack: list[tuple[str, int]], spans: list[tuple[int, int]], i: int) -> None:
    mark, start = stack.pop()
    if not stack:
        spans.append((start, i))


def attribute_quotes(ctx: ArticleContext) -> list[Quote]:
    """Every quotation of at least three words with a speaker the text names."""
    doc = ctx.doc
    quotes: list[Quote] = []
    previous: tuple[int, str, int] | None = None  # end, speaker and end of sentence of the last attributed quote
    for start, end in ctx.quote_spans:
        content = ctx.text[start:end].strip().strip(",")
        if len(content.split()) < MIN_WORDS:
            continue
        speaker, confidence = _speaker(ctx, start, end)
        if speaker is None and previous is not None and _continues(ctx.text, previous[2], start):
            speaker, confidence = previous[1], 0.7
        if speaker is None:
            continue
        first = doc.char_span(start, end, alignment_mode="expand")
        sent_start = ctx.sent(first[0]).start_char if first is not None and len(first) else start
        sent_end = ctx.sent(first[-1]).end_char if first is not None and len(first) else end
        quotes.append(Quote(content, speaker, sentence_evidence(ctx.text, sent_start, max(sent_end, end)), confidence))
        previous = (end, speaker, max(end, sent_end))
    return quotes


def _continues(text: str, previous_end: int, start: int) -> bool:
    """The quote follows the previous one with nothing but quotation marks and space between, or
    opens the next paragraph, or opens the sentence right after the one that attributed the
    previous quote ('"…", Pompeo told the press. "There were many times …"'): the same speaker
    goes on."""
    between = text[previous_end:start]
    if len(between) < 12 and not re.search(r"[A-Za-z]", between):
        return True
    # one short attribution between them, ending its sentence, and no paragraph break
    return len(between) < 120 and "\n" not in between and re.search(r"[.!?]\s*[\"\u201c]?\s*$", between) is not None \
        and between.count(".") == 1


def _speaker(ctx: ArticleContext, start: int, end: int) -> tuple[str | None, float]:
    """The speaker of the quote between two offsets, from a speech verb outside the quote in the
    sentences where it starts and ends, or in the sentence just before it."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None, 0.0
    sentences = [ctx.sent(span[0]), ctx.sent(span[-1])]
    if span.end < len(doc):
        sentences.append(ctx.sent(doc[min(span.end, len(doc) - 1)]))
    for sent in sentences:
        for token in sent:
            if start <= token.idx < end or not _is_speech(token):
                continue
            keys = [k for k in ctx.subjects(token) if ctx.entities[k].type in ("Person", "Organization", "Country")]
            if keys:
                return keys[0], 0.9 if ctx.entity_of(token) is None else 0.8
        according = _according_to(ctx, sent, start, end)
        if according:
            return according, 0.8
    # "Trump, also on Twitter, defended his decision, "As I have stated …"": the sentence's subject
    root = ctx.sent(span[0]).root
    if not start <= root.idx < end and root.pos_ == "VERB":
        keys = [k for k in ctx.subjects(root) if ctx.entities[k].type in ("Person", "Organization")]
        if keys:
            return keys[0], 0.6
    # "McGurk criticized the decision via Twitter. "The WH statement ..."": the sentence before
    before = ctx.sent(span[0]).start - 1
    if before >= 0:
        prev = ctx.sent(doc[before])
        if prev.text.rstrip().endswith(":") or any(_is_speech(t) or t.lemma_ in ("criticize", "criticise") for t in prev):
            for token in prev:
                if token.dep_ == "ROOT" and not ctx.in_quote(token):
                    keys = [k for k in ctx.subjects(token) if ctx.entities[k].type in ("Person", "Organization")]
                    if keys:
                        return keys[0], 0.6
    return None, 0.0


def _is_speech(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in speech_verbs()


def _according_to(ctx: ArticleContext, sent, start: int, end: int) -> str | None:
    for token in sent:
        if token.lower_ == "according" and not (start <= token.idx < end):
            for prep in token.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        keys = ctx.refers_to(obj)
                        if keys:
                            return keys[0]
    return None
