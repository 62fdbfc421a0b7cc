"""Direct quotations and who said them.

Quotation marks are paired by direction (an opening mark follows a space, a closing mark
precedes one), so nested quotes and apostrophes do not derail the pairing. A quotation left open
at the end of a paragraph runs on into the next paragraph that opens with a quotation mark, as
English punctuation has it.

The speaker is read from the sentence, whatever the verb, in this order:

1. the clause the quotation belongs to: the agent of the nearest speech verb above it ("X said
   the plan was "dead"", "the words "dead on arrival", X added"), else of the nearest verb whose
   agent is named ("X condemned the vote as "a farce"", "calling it "a farce", X told ...");
2. a speech verb next to the quotation in its sentence ("..., he said", "said X: ...");
3. "according to X";
4. the clause before a colon ("X defended the decision: "..."", "a statement from X: "..."");
5. the sentence before, when it ends with a colon or reports speech;
6. the speaker of the quotation just before, when this one goes on from it.

A speech verb whose subject the parse lost ("the head of the union, Ana Ruiz, said") takes the
name just before it. Speakers may be people, organisations or countries ("the ministry said").
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from spacy.tokens import Span, Token

from ..core.records import Quote
from .clauses import agents_of
from .context import ArticleContext, sentence_evidence
from .lexicon import speech_verbs

OPEN_CONTEXT = "([{\u2014\u2013-/:"
CLOSE_CONTEXT = ".,;:!?)]}\u2014\u2013-"
MIN_WORDS = 3
SPEAKERS = ("Person", "Organization", "Country")
NAMING_WORDS = {"of", "from", "named", "titled", "entitled", "group", "campaign", "movement", "charity"}
QUOTED_DEPS = {"ccomp", "xcomp", "advcl", "oprd", "attr", "acomp", "parataxis"}
NEAR = 8  # tokens between a quotation and the speech verb after it ("..." the minister said)


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
        if len(content.split()) < MIN_WORDS or _is_name(ctx.text, start, content):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        speaker, confidence = _speaker(ctx, span, start, end)
        if speaker is None and previous is not None and _continues(ctx.text, previous[2], start):
            speaker, confidence = previous[1], 0.7
        if speaker is None:
            continue
        sent_start, sent_end = ctx.sent(span[0]).start_char, ctx.sent(span[-1]).end_char
        quotes.append(Quote(content, speaker, sentence_evidence(ctx.text, sent_start, max(sent_end, end)), confidence))
        previous = (end, speaker, max(end, sent_end))
    return quotes


def _is_name(text: str, start: int, content: str) -> bool:
    """A name in quotation marks, not words quoted: "a charity called "Safe at Home"", "the
    members of "Open Doors"": a few words opening with a capital after "of", "named", "titled"."""
    before = re.search(r"(\w+)\W*$", text[max(0, start - 20):start])
    return before is not None and before.group(1).lower() in NAMING_WORDS and len(content.split()) <= 6 \
        and content[:1].isupper() and not content.rstrip().endswith((".", "!", "?"))


def _continues(text: str, previous_end: int, start: int) -> bool:
    """The quote follows the previous one with nothing but quotation marks and space between, or
    opens the next paragraph, or opens the sentence right after the one that attributed the
    previous quote ('"…", the mayor told the press. "There were many times …"'): the same speaker
    goes on."""
    between = text[previous_end:start]
    if len(between) < 12 and not re.search(r"[A-Za-z]", between):
        return True
    # one short attribution between them, ending its sentence, and no paragraph break
    return len(between) < 120 and "\n" not in between and re.search(r"[.!?]\s*[\"\u201c]?\s*$", between) is not None \
        and between.count(".") == 1


def _speaker(ctx: ArticleContext, span: Span, start: int, end: int) -> tuple[str | None, float]:
    """The speaker of the quote between two offsets, and how sure we are (see the module docstring)."""
    inside = range(span.start, span.end)
    for find in (_governing, _speech_nearby, _according_to, _before_colon, _sentence_before):
        key, confidence = find(ctx, span, inside)
        if key is not None:
            return key, confidence
    return None, 0.0


def _speakers_of(ctx: ArticleContext, verb: Token) -> list[str]:
    """The people, organisations or countries doing what ``verb`` says."""
    return [k for k in ctx.subjects(verb) if ctx.entities[k].type in SPEAKERS]


@cache
def speech_nouns() -> frozenset[str]:
    """Nouns naming a message or a spokesperson (``data/speech_nouns.txt``)."""
    text = files("kg.extraction").joinpath("data", "speech_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _is_speech(ctx: ArticleContext, token: Token) -> bool:
    """A verb reporting speech, not a word of a name ("Omar Said")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in speech_verbs() and token.i not in ctx.token_entity


def _speech_agent(ctx: ArticleContext, verb: Token, depth: int = 0) -> str | None:
    """The agent of a speech verb. A message or spokesperson speaks for the one its phrase names
    ("a statement from the ministry said") or for whoever issued it ("they released a statement
    that said"); "it" and "they" saying something are the organisation the text was about; when
    the parse gave the verb no subject at all ("the head of the union, Ana Ruiz, said"), the name
    just before it."""
    keys = _speakers_of(ctx, verb)
    if keys:
        return keys[0]
    for agent in agents_of(verb):
        if agent.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
            agent = verb.head  # "a statement which said"
        if agent.lower_ in ("it", "they") and not ctx.in_quote(agent):
            return _organisation_talked_about(ctx, agent)
        if agent.lemma_.lower() in speech_nouns():
            found = [k for t in agent.subtree if (k := ctx.token_entity.get(t.i)) and ctx.entities[k].type in SPEAKERS
                     and not ctx.in_quote(t)]
            if found:
                return ctx.government_of(found[0])
            if agent.dep_ == "dobj" and agent.head.pos_ == "VERB" and depth == 0:
                return _speech_agent(ctx, agent.head, depth + 1)  # "issued a statement which said"
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children) or verb.dep_ in ("advcl", "xcomp", "conj", "relcl", "acl"):
        return None
    return _name_before(ctx, verb)


def _organisation_talked_about(ctx: ArticleContext, pronoun: Token) -> str | None:
    """The organisation or country last in subject position, in this sentence or the two before:
    what "it" or "they" saying something refers to."""
    first = ctx.sentences[max(0, ctx.sentence_of[pronoun.i] - 2)].start
    for token in reversed(ctx.tokens[first:pronoun.i]):
        key = ctx.token_entity.get(token.i)
        if key and token.dep_ in ("nsubj", "nsubjpass") and not ctx.in_quote(token):
            key = ctx.government_of(key)
            return key if ctx.entities[key].type in ("Organization", "Country") else None
    return None


def _name_before(ctx: ArticleContext, verb: Token) -> str | None:
    sent = ctx.sent(verb)
    for token in reversed(sent[: verb.i - sent.start]):
        key = ctx.token_entity.get(token.i)
        if key is None or ctx.in_quote(token) or ctx.entities[key].type not in SPEAKERS:
            continue
        if token.dep_ == "pobj" and token.head.head.i < token.i and token.head.head.pos_ == "VERB":
            continue  # "Speaking to the agency, ...": the one spoken to
        return key
    return None


def _governing(ctx: ArticleContext, span: Span, inside: range) -> tuple[str | None, float]:
    """1. The clause the quotation belongs to (see the module docstring). A verb that does not
    report speech gives the speaker only when the quotation is its own complement ("condemned
    the vote as "a farce"", "found that it "was unlawful""), not a quotation it mentions ("used
    a line from the poet: "...")."""
    fallback: str | None = None
    for token in span:
        head = token.head
        if head.i in inside or head == token:
            continue
        node, seen = head, 0
        while seen < 10:
            seen += 1
            if node.i not in inside and node.pos_ in ("VERB", "AUX"):
                if _is_speech(ctx, node):
                    key = _speech_agent(ctx, node)
                    return (key, 0.9) if key else (fallback, 0.6)
                if fallback is None and node.lemma_ != "be" and _complement(token, node) \
                        and (keys := _speakers_of(ctx, node)):
                    fallback = keys[0]
            if node.head == node:
                break
            node = node.head
    return fallback, 0.7


def _complement(token: Token, verb: Token) -> bool:
    """The quotation (headed by ``token``) is what ``verb`` says about its object: a complement
    of the verb, or an "as" phrase of it."""
    if token.head == verb:
        return token.dep_ in QUOTED_DEPS
    return token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head == verb


def _speech_nearby(ctx: ArticleContext, span: Span, inside: range) -> tuple[str | None, float]:
    """2. A speech verb in the sentences the quotation starts and ends in, nearest first; after
    the quotation, only close to it and in the same paragraph ("..., the mayor said")."""
    doc = ctx.doc
    candidates = []
    for sent in {ctx.sent(span[0]).start: ctx.sent(span[0]), ctx.sent(span[-1]).start: ctx.sent(span[-1])}.values():
        candidates += [t for t in sent if t.i not in inside and not ctx.in_quote(t) and _is_speech(ctx, t)]
    if span.end < len(doc):
        after = doc[span.end:min(len(doc), span.end + NEAR)]
        for token in after:  # '"...," she said', not the next sentence's verb
            if "\n" in token.text or token.text in (".", "!", "?"):
                break
            if _is_speech(ctx, token) and not ctx.in_quote(token) and token not in candidates:
                candidates.append(token)
    # nearest first, but not a verb of a relative clause ("X said, as the paper noted, "...")
    candidates.sort(key=lambda t: (_relative(t), min(abs(t.i - span.start), abs(t.i - span.end))))
    for verb in candidates:
        key = _speech_agent(ctx, verb)
        if key:
            return key, 0.9
    return None, 0.0


def _relative(verb: Token) -> bool:
    return verb.dep_ in ("relcl", "acl") or any(c.tag_ in ("WDT", "WP") for c in verb.children)


def _according_to(ctx: ArticleContext, span: Span, inside: range) -> tuple[str | None, float]:
    """3. "according to X", when no speech verb of the sentence has a subject of its own (the
    source of a report is not the speaker it reports)."""
    sent = ctx.sent(span[0])
    if any(_is_speech(ctx, t) and t.i not in inside and any(c.dep_ == "nsubj" for c in t.children) for t in sent):
        return None, 0.0
    for token in sent:
        if token.lower_ == "according" and token.i not in inside:
            for prep in token.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        keys = [k for k in ctx.refers_to(obj) if ctx.entities[k].type in SPEAKERS]
                        if keys:
                            return keys[0], 0.8
    return None, 0.0


def _before_colon(ctx: ArticleContext, span: Span, inside: range) -> tuple[str | None, float]:
    """4. "X defended the decision: "..."": the agent of the clause before the colon."""
    doc = ctx.doc
    i = span.start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None, 0.0
    node = doc[i - 1]
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX") and node.i not in inside:
            # "the palace released a statement from the king": the message's source, not who released it
            if any(c.dep_ == "dobj" and c.lemma_.lower() in speech_nouns() for c in node.children) \
                    and (key := _message_source(ctx, node)):
                return key, 0.8
            keys = _speakers_of(ctx, node)
            return (keys[0], 0.8) if keys else (None, 0.0)
        if node.lemma_.lower() in speech_nouns() and (key := _message_source(ctx, node)):
            return key, 0.8
        if node.head == node:
            break
        node = node.head
    return None, 0.0


def _message_source(ctx: ArticleContext, noun: Token) -> str | None:
    """Whose message a speech noun is, when its own phrase says: "a statement from the king", "the
    ministry's statement", "a letter by Ana Ruiz"; not the one who passes it on. Given a verb
    whose object is the message, its own "from" ("published a statement from the king", the
    parser hanging "from" on the verb) and the source its object names."""
    if noun.pos_ in ("VERB", "AUX"):
        messages = [c for c in noun.children if c.dep_ == "dobj" and c.lemma_.lower() in speech_nouns()]
        found = [_message_source(ctx, m) for m in messages]
        verb_from = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"]
        for prep in verb_from:
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                found += [k for k in ctx.refers_to(obj) if ctx.entities[k].type in SPEAKERS and not ctx.in_quote(obj)]
        return next((ctx.government_of(k) for k in found if k), None)
    for child in noun.children:
        heads = [child] if child.dep_ == "poss" else \
            [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in ("from", "by", "of") else []
        for head in heads:
            keys = [k for k in ctx.refers_to(head) if ctx.entities[k].type in SPEAKERS]
            if keys and not ctx.in_quote(head):
                return ctx.government_of(keys[0])
    return None


def _sentence_before(ctx: ArticleContext, span: Span, inside: range) -> tuple[str | None, float]:
    """5. A quotation opening its sentence after one that ends with a colon or reports speech
    ("The minister described the plan as late. "..."" is the minister's); or, less surely, after
    a sentence of the same paragraph about what a person did ("Ana Ruiz opened the meeting.
    "...")."""
    doc = ctx.doc
    first = ctx.sent(span[0])
    if first.start == 0 or any(not (t.is_quote or t.is_space) for t in doc[first.start:span.start]):
        return None, 0.0  # the quotation does not open its sentence
    prev = ctx.sent(doc[first.start - 1])
    root = prev.root
    if ctx.in_quote(root) or root.pos_ not in ("VERB", "AUX"):
        return None, 0.0
    keys = [k for k in _speakers_of(ctx, root) if ctx.entities[k].type in ("Person", "Organization")]
    if not keys:
        return None, 0.0
    if prev.text.rstrip().endswith(":") or any(_is_speech(ctx, t) and not ctx.in_quote(t) for t in prev):
        return keys[0], 0.6
    words = [t for t in prev if not t.is_space]
    same_paragraph = bool(words) and "\n" not in ctx.text[words[-1].idx:span[0].idx]
    if same_paragraph and ctx.entities[keys[0]].type == "Person" and not any(ctx.in_quote(t) for t in prev):
        return keys[0], 0.5
    return None, 0.0
