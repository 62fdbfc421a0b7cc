"""Hostile text: markup in an article stays text on its page, every IRI kg writes is valid (rdflib
and Oxigraph's strict parser agree), and everything kg writes parses back to the same graph."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
from rdf_checks import assert_iris_valid, assert_isomorphic, check_round_trips, strict_parse, union_of
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.core.records import Article, Entity, Evidence, Extraction, Fact, Proposal, Quote, Role
from kg.questions.exporting import RDF_EXPORTS, SUFFIXES
from kg.rdf.model import article_graph
from kg.rdf.validate import describe, validate_graph

runner = CliRunner()

HEADLINE = '<script>alert(1)</script>" onmouseover="alert(2)'
ARTICLE = f"""{HEADLINE}

Prime Minister Keir Starmer met President Volodymyr Zelensky in Kyiv on Thursday, <script>alert(3)</script>" onmouseover="alert(4)" said the BBC.

Keir Starmer said: "We reject <script>alert(5)</script> and " onmouseover= tricks, whatever anyone says."

Chancellor Rachel Reeves backed the <b onmouseover="alert(7)">peace plan</b> for Ukraine.
"""

HOSTILE_NAMES = [
    'Conan "The Barbarian" O\'Brien',
    "<script>alert(1)</script>",
    '" onmouseover="alert(2)',
    "a>b<c {x} |y| ^z^ `w` \\v",
    "Smiley 🙂 Face 👩\u200d👩\u200d👧",
    "محمد بن سلمان",
    "בנימין נתניהו",
    "\u202eevil\u202c override",
    "tab\tnew\nline\r\x00nul\x07bell",
    "100% #hash ?query=1&x=2 ../../etc/passwd",
    "Ǆemal Bijedić Ωμέγα 日本",
    "x" * 500,
]


# ------------------------------------------------------------------------------ the page

class _Page(HTMLParser):
    """Every start tag with its attributes, and the text of each element kind we check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self.scripts: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open == "script":
            self.scripts.append(data)
        elif self._open in ("title", "h1"):
            self.text[self._open] = self.text.get(self._open, "") + data


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(root / "hostile.txt"), "--out", str(root / "out"), "-q"])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_hostile_page_has_no_injected_elements_or_handlers(hostile_build):
    page = _Page()
    page.feed((hostile_build / "hostile.html").read_text(encoding="utf-8"))
    template = files("kg.pages").joinpath("static", "page.html").read_text(encoding="utf-8")
    assert [tag for tag, _ in page.tags].count("script") == template.count("<script")
    handlers = [(tag, name) for tag, attrs in page.tags for name in attrs if name.lower().startswith("on")]
    assert handlers == []
    assert not {"b", "img", "iframe", "object"} & {tag for tag, _ in page.tags}


def test_hostile_page_shows_the_headline_as_text(hostile_build):
    page = _Page()
    page.feed((hostile_build / "hostile.html").read_text(encoding="utf-8"))
    assert page.text["title"] == HEADLINE
    assert page.text["h1"] == HEADLINE


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_hostile_page_data_keeps_the_text_exactly(hostile_build):
    html = (hostile_build / "hostile.html").read_text(encoding="utf-8")
    block = html.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    marked = [text.rstrip("…") for text in strings_in(json.loads(block)) if "<script>" in text]
    assert marked, "no hostile text reached the page: the article needs a sentence kg extracts from"
    literals = [str(o) for o in Graph().parse(hostile_build / "hostile.ttl").objects()]
    for text in marked:  # shown as written (labels may be cut short)
        assert any(text in literal for literal in literals), text


def test_hostile_page_runs_no_injected_script_in_a_browser(hostile_build):
    from playwright import sync_api  # a test extra: `make test` installs it

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None, "Chromium is missing: run `make browser` (apt-get install chromium)"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto((hostile_build / "hostile.html").resolve().as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=20000)
            nodes = page.evaluate("window.kgNetwork.body.nodeIndices")
            panels = []
            for node in nodes:
                page.evaluate("(id) => window.kgSelect(id)", node)
                panels.append(page.inner_text("#kg-panel"))
            page.mouse.move(400, 300)
            injected = page.evaluate("document.querySelectorAll('[onmouseover], [onerror], b, img').length")
        finally:
            browser.close()
    assert dialogs == []
    assert injected == 0
    assert any("<script>" in text for text in panels), "the hostile evidence is shown as text"


# ------------------------------------------------------------------------------ IRIs and literals

def hostile_extraction(name: str) -> Extraction:
    """An extraction whose every name, title, quotation and metadata field is ``name``: written by
    hand, so the model is tested whatever the extractor recognises."""
    text = f"{name} met {name}. {name} said: “{name}”"
    first = Evidence(f"{name} met {name}.", 0, len(name) * 2 + 6)
    second = Evidence(text[first.end + 1:], first.end + 1, len(text))
    person, org, place, plan = f"Person:{name}", f"Organization:{name}", f"Place:{name}", f"proposal:{name}"
    return Extraction(
        article=Article(id=name, text=text, title=name, url=f"https://example.com/{name}", date=name),
        entities={person: Entity(person, "Person", name, {name + " II", f"<{name}>"}),
                  org: Entity(org, "Organization", name), place: Entity(place, "Place", name)},
        proposals={plan: Proposal(plan, name, {name}, "proposed", [first])},
        roles=[Role(person, name, org, first, 0.9)],
        quotes=[Quote(name, person, second, 0.9)],
        facts=[Fact(person, "proposes", plan, first, 0.8), Fact(plan, "concerns", place, first, 0.7),
               Fact(person, "memberOf", org, first, 0.6)],
    )


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_give_valid_iris(name):
    graph = article_graph(hostile_extraction(name))
    assert_iris_valid(graph)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_graph_conforms_to_the_shapes(name):
    violations = validate_graph(article_graph(hostile_extraction(name)))
    assert violations == [], "\n".join(map(describe, violations))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_round_trip_through_every_export_format(tmp_path, name):
    graph = article_graph(hostile_extraction(name))
    path = tmp_path / "article.ttl"
    path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    assert_isomorphic(graph, check_round_trips(path), "written and read back")


# ------------------------------------------------------------------------------ kg build outputs

CORPUS = [
    {"id": "multi-line", "title": "First line\n@prefix evil: <http://evil/> .\n    } indented {", "url": "https://example.com/a b\"<>",
     "date": "2025-01-16\n", "text": "Prime Minister Keir Starmer met\nPresident Volodymyr Zelensky in Kyiv.\n"
     "Starmer said: \"We will\nstand with Ukraine for a hundred years.\""},
    {"id": "../../escape", "title": HEADLINE, "text": ARTICLE},
    {"id": "controls", "text": "Angela Merkel met Emmanuel Macron in Berlin.\x00\x07\x1b[31m \u2028 \ufeff \U0001F600 "
     "Merkel said: «Nous sommes d'accord sur tout cela» and left."},
]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    source = root / "corpus.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in CORPUS), encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(root / "out"), "-q"])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_hostile_corpus_files_stay_in_the_output_directory(corpus_build):
    written = sorted(p.name for p in corpus_build.iterdir())
    assert len([n for n in written if n.endswith(".ttl")]) == len(CORPUS)
    assert not list(corpus_build.parent.glob("*.ttl")) and not list(corpus_build.parent.parent.glob("*.ttl"))


def test_hostile_corpus_outputs_parse_strictly_and_round_trip(corpus_build):
    outputs = [*corpus_build.glob("*.ttl"), *corpus_build.glob("*.trig")]
    assert len(outputs) == len(CORPUS) + 1
    for path in outputs:
        graph = check_round_trips(path, "trig" if path.suffix == ".trig" else "turtle")
        assert len(graph) > 0, path


def test_hostile_corpus_trig_graphs_equal_the_turtle_files(corpus_build):
    dataset = Dataset()
    dataset.parse(corpus_build / "corpus.trig", format="trig")
    by_graph = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert len(by_graph) == len(CORPUS)
    for path in corpus_build.glob("*.ttl"):
        turtle = Graph().parse(path)
        [article] = {str(s) for s in turtle.subjects(URIRef("https://example.org/kg/ontology#contentHash"))}
        assert_isomorphic(turtle, by_graph[article])


def test_hostile_corpus_outputs_conform_to_the_shapes(corpus_build):
    result = runner.invoke(app, ["validate", *sorted(str(p) for p in corpus_build.glob("*.t*")) ])
    assert result.exit_code == 0, result.output
    assert result.output.count(": conforms\n") == len(CORPUS) + 1


@pytest.mark.parametrize("format", list(RDF_EXPORTS))
def test_hostile_corpus_export_round_trips(corpus_build, tmp_path, format):
    trig = corpus_build / "corpus.trig"
    out = tmp_path / f"export{SUFFIXES[format]}"
    result = runner.invoke(app, ["export", str(trig), "--format", format, "--out", str(out)])
    assert result.exit_code == 0, result.output
    strict_parse(out.read_bytes(), format)
    assert_isomorphic(union_of(trig.read_bytes(), "trig"), union_of(out.read_bytes(), format), f"kg export --format {format}")


def test_hostile_bundled_article_export_round_trips():
    """The confidence decimals are written in canonical form, as a store gives them back."""
    check_round_trips(Path(__file__).resolve().parent.parent / "exports" / "article.ttl")


@pytest.mark.parametrize("format", ["graphml", "csv"])
def test_hostile_corpus_graph_exports_read_back(corpus_build, tmp_path, format):
    """GraphML is XML, which cannot hold a NUL or an escape character even escaped: those become
    U+FFFD so networkx reads the file back; the CSV keeps every fact of the graph."""
    import csv

    import networkx as nx

    trig = corpus_build / "corpus.trig"
    out = tmp_path / f"export.{format}"
    result = runner.invoke(app, ["export", str(trig), "--format", format, "--out", str(out)])
    assert result.exit_code == 0, result.output
    from kg.questions.exporting import stats
    from kg.questions.network import to_networkx
    from kg.rdf.store import read_graph_files

    expected = to_networkx(read_graph_files([trig]))
    if format == "graphml":
        graph = nx.read_graphml(out, force_multigraph=True)
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (expected.number_of_nodes(), expected.number_of_edges())
        evidence = " ".join(d["evidence"] for _, _, d in graph.edges(data=True))
        assert "Merkel" in evidence and "\x00" not in evidence and "\ufffd" in evidence
    else:
        with out.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert {(r["subject"], r["predicate"], r["object"]) for r in rows if r["object"]} == \
            {(u, d["predicate"], v) for u, v, d in expected.edges(data=True)}
        assert len(rows) == len({r["fact"] for r in rows}) == stats(read_graph_files([trig]))["facts"]  # one row a fact
