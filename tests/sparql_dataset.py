"""The W3C SPARQL test cases for dataset clauses (``FROM``, ``FROM NAMED``, ``GRAPH``), shared by the
store and server tests: where they are, their query text, their expected rows, and results
compared up to a renaming of blank nodes.

The cases are those of the W3C test suite's ``dataset/`` folder (w3c/rdf-tests,
sparql/sparql10/dataset/manifest.ttl: dataset-01 to -08, -09b, -10b, -11, -12b; W3C Test Suite
licence). The queries are the suite's; the data files hold the suite's triples; the expected rows
(``dataset-NN.tsv``, SPARQL 1.1 TSV results) were worked out by hand from them. As in the suite,
the data files are the graphs, named by their own IRI, and IRIs in the queries and results are
relative to the folder.
"""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pyoxigraph as ox

FOLDER = Path(__file__).parent / "data" / "sparql-dataset"
CASES = ["dataset-01", "dataset-02", "dataset-03", "dataset-04", "dataset-05", "dataset-06", "dataset-07",
         "dataset-08", "dataset-09b", "dataset-10b", "dataset-11", "dataset-12b"]
DATA_FILES = sorted(FOLDER.glob("data-*.ttl"))
BASE = FOLDER.resolve().as_uri() + "/"

Row = dict[str, str]


def query_text(case: str) -> str:
    """The case's query, with the folder as its base IRI (so ``FROM <data-g1.ttl>`` names that file)."""
    return f"BASE <{BASE}>\n" + (FOLDER / f"{case}.rq").read_text(encoding="utf-8")


def expected_rows(case: str) -> list[Row]:
    """The rows the case expects, relative IRIs resolved against the folder."""
    text = (FOLDER / f"{case}.tsv").read_text(encoding="utf-8").replace("<data-", f"<{BASE}data-")
    return rows_of(ox.parse_query_results(text, format=ox.QueryResultsFormat.TSV))


def rows_of(solutions) -> list[Row]:
    """Each solution as variable name -> the term's N-Triples form (unbound variables left out)."""
    names = [v.value for v in solutions.variables]
    return [{name: str(row[name]) for name in names if row[name] is not None} for row in solutions]


def same_rows(expected: list[Row], actual: list[Row]) -> bool:
    """True when the two lists hold the same rows, in any order, once the blank nodes of one are
    renamed to those of the other (a result's blank node labels are its own)."""
    mine, theirs = _blank_nodes(expected), _blank_nodes(actual)
    if len(mine) != len(theirs) or len(expected) != len(actual):
        return False
    wanted = sorted(sorted(row.items()) for row in expected)
    for order in permutations(mine):
        renaming = dict(zip(theirs, order))
        renamed = [{k: renaming.get(v, v) for k, v in row.items()} for row in actual]
        if sorted(sorted(row.items()) for row in renamed) == wanted:
            return True
    return False


def _blank_nodes(rows: list[Row]) -> list[str]:
    return sorted({value for row in rows for value in row.values() if value.startswith("_:")})
