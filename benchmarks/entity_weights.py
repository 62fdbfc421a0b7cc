"""Fit the weights of the type evidence (``kg/extraction/data/type_weights.tsv``) on gum-dev and
genres-dev together, with the reference GUM scorer, and print the figures they give.

Each name mention records what says which type it is (spaCy's label, the gazetteer, the name's
last word, a describing noun, a title before it, ...); an entity's type is the one with the largest
weighted sum. This script parses the texts once, then searches the weights coordinate by
coordinate over a grid (spaCy's label stays at 1: only the ratios matter), keeping a value only
when it raises the objective by at least MIN_GAIN: over both suites, recall + precision + type agreement - split -
merge, each suite's figures being means over its texts as the scorer computes them. On a
plateau it keeps the current value, or else the middle of the plateau.

The fit can be made on half A of each suite only (``--fit-on A``), so that half B shows whether
the fitted values hold on texts they were not fitted on; the weights kept in the data file are the
ones fitted on both halves (``--fit-on all``, the default).

Usage: python benchmarks/entity_weights.py [--fit] [--fit-on A|B|all] [--write]
  without --fit: the figures of the weights in the data file, per suite and half
  --write: write the fitted weights into kg/extraction/data/type_weights.tsv
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))
import score_gum  # noqa: E402
import suite  # noqa: E402

from kg.extraction import nametypes  # noqa: E402
from kg.extraction.mentions import find_mentions, sentence_index  # noqa: E402
from kg.extraction.pipeline import load_pipeline  # noqa: E402
from kg.extraction.resolve import resolve_entities  # noqa: E402

SUITES = ("gum-dev", "genres-dev")
GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
FIXED = "label"
MIN_GAIN = 0.005
"""A new value must raise the objective by this much (about one entity's type in a suite of fifty
texts) to replace the current one: smaller gains are noise on this little data."""
WEIGHTS_FILE = ROOT / "kg" / "extraction" / "data" / "type_weights.tsv"
SCHEMA = Namespace("https://schema.org/")


def load_texts() -> list[dict]:
    """Every text of the two suites, parsed once: its suite, half, parse and gold."""
    nlp = load_pipeline()
    texts = []
    for name in SUITES:
        pairs, _ = suite.suite(name)
        docs = nlp.pipe(Path(txt).read_text() for txt, _ in pairs)
        for number, ((txt, gold), doc) in enumerate(zip(pairs, docs)):
            texts.append({"suite": name, "half": "AB"[number % 2], "doc": doc,
                          "gold": json.loads(Path(gold).read_text()), "stem": Path(txt).stem})
    return texts


def entity_graph(doc) -> Graph:
    """The entities kg finds in one parse, written as `kg build` writes them (type, label, other names)."""
    entities, _ = resolve_entities(list(find_mentions(doc, sentence_index(doc))), doc.text)
    graph = Graph()
    for key, entity in entities.items():
        node = URIRef("urn:kg:" + re.sub(r"\W+", "-", key))
        graph.add((node, RDF.type, SCHEMA[entity.type]))
        graph.add((node, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            graph.add((node, SCHEMA.alternateName, Literal(alias)))
    return graph


def figures(texts: list[dict]) -> dict[tuple[str, str], dict[str, float]]:
    """Recall, precision, type agreement, split and merge per (suite, half), half "all" included."""
    rows = [dict(score_gum.score(entity_graph(t["doc"]), t["gold"]), suite=t["suite"], half=t["half"]) for t in texts]
    out = {}
    for name in SUITES:
        for half in ("A", "B", "all"):
            chosen = [r for r in rows if r["suite"] == name and half in ("all", r["half"])]
            if not chosen:
                continue
            total = max(1, sum(r["gold_entities"] for r in chosen))
            out[name, half] = {k: statistics.mean(r[k] for r in chosen) for k in ("recall", "precision", "type_agreement")}
            out[name, half].update(split=sum(r["split_errors"] for r in chosen) / total,
                                   merge=sum(r["merge_errors"] for r in chosen) / total)
    return out


def objective(result: dict, half: str) -> float:
    return sum(f["recall"] + f["precision"] + f["type_agreement"] - f["split"] - f["merge"]
               for (_, h), f in result.items() if h == half)


def fit(texts: list[dict], half: str) -> dict[str, float]:
    """Coordinate search over GRID, from the current weights, on the texts of ``half``."""
    chosen = [t for t in texts if half in ("all", t["half"])]
    weights = nametypes.WEIGHTS
    best = objective(figures(chosen), "all")
    print(f"start: objective {best:.4f} {weights}")
    for round_ in range(3):
        changed = False
        for source in [s for s in weights if s != FIXED]:
            current = weights[source]
            scores = {}
            for value in sorted({*GRID, current}):
                weights[source] = value
                scores[value] = objective(figures(chosen), "all")
            top = max(scores.values())
            plateau = [v for v in sorted(scores) if scores[v] >= top - 1e-9]
            if top < scores[current] + MIN_GAIN:
                plateau = [current]
            value = current if current in plateau else plateau[len(plateau) // 2]
            weights[source] = value
            if value != current:
                changed, best = True, top
                print(f"round {round_ + 1}: {source} {current} -> {value} (objective {top:.4f})")
        if not changed:
            break
    return dict(weights)


def show(result: dict, label: str) -> None:
    for (name, half), f in sorted(result.items()):
        line = " ".join(f"{k}={v:.3f}" for k, v in f.items())
        print(f"{label} {name} {half}: {line}")


def write(weights: dict[str, float]) -> None:
    lines = WEIGHTS_FILE.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        cells = line.split("\t")
        if not line.startswith("#") and cells[0] in weights:
            cells[1] = f"{weights[cells[0]]:g}"
        out.append("\t".join(cells))
    WEIGHTS_FILE.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--fit-on", choices=["A", "B", "all"], default="all")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    texts = load_texts()
    show(figures(texts), "data file")
    if args.fit:
        weights = fit(texts, args.fit_on)
        print("fitted on half", args.fit_on, ":", json.dumps(weights))
        show(figures(texts), "fitted")
        if args.write:
            write(weights)


if __name__ == "__main__":
    main()
