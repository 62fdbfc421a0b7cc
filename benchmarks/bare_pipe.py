"""The floor: bare spaCy over the texts of a JSONL corpus, with the model kg uses by default and
all its default components, nothing else: tok2vec, tagger, parser, attribute_ruler, lemmatizer and
ner, the components kg runs too (kg reads every one of them; it adds two of its own, a paragraph
splitter and its gazetteer ruler, whose time counts as kg's).
Usage: python benchmarks/bare_pipe.py CORPUS [BATCH]"""

from __future__ import annotations

import json
import sys

import spacy

from kg.extraction.pipeline import default_model


def main() -> None:
    texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    nlp = spacy.load(default_model())
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else nlp.batch_size
    for _ in nlp.pipe(texts, batch_size=batch):
        pass


if __name__ == "__main__":
    main()
