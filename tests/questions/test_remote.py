"""Remote SPARQL servers, against a real Oxigraph server (the `oxigraph` package of the test
extras) started on a free loopback port for this module and stopped after it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from test_queries import HOSTILE, mallory_store
from typer.testing import CliRunner

from kg.cli import app
from kg.core.errors import EndpointError, QueryError
from kg.questions import results
from kg.questions.network import to_networkx
from kg.questions.queries import available, load_query
from kg.questions.remote import Endpoint, push
from kg.rdf.store import GraphStore, load_files

DATA = Path(__file__).parents[1] / "data"
GRAPHS = DATA / "graphs"
MALLORY_ARTICLE = "https://example.org/kg/article/cccc3333cccc3333"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oxigraph_serve(work: Path, *options: str):
    """A running `oxigraph serve` on a free loopback port, started with ``options``; its base URL."""
    binary = shutil.which("oxigraph", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    assert binary, "the oxigraph server is not installed: pip install -e '.[test]'"
    port = free_port()
    with open(work / "server.log", "wb") as log:
        process = subprocess.Popen([binary, "serve", "--location", str(work / "data"), "--bind", f"127.0.0.1:{port}",
                                    *options], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"oxigraph stopped: {(work / 'server.log').read_text()}"
            try:
                if httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "oxigraph did not answer within 30 s"
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The base URL of a running `oxigraph serve` whose default graph is the union of its graphs."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph") as base:
        yield base


@pytest.fixture(scope="module", params=["--union-default-graph", "as it comes"])
def any_server(request, tmp_path_factory, store_dir):
    """`oxigraph serve` started both ways users start it, with the fixture graphs pushed."""
    options = [request.param] if request.param.startswith("--") else []
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph"), *options) as base:
        result = runner.invoke(app, ["push", "--store", str(store_dir), "--endpoint", f"{base}/store"])
        assert result.exit_code == 0, result.output
        yield base


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    location = tmp_path_factory.mktemp("store") / "s"
    store = GraphStore(location)
    for path in sorted(GRAPHS.glob("*.ttl")):
        store.load(path)
    store.flush()
    del store  # release the store's lock: the commands below open it again
    return location


@pytest.fixture(scope="module")
def pushed(server, store_dir):
    result = runner.invoke(app, ["push", "--store", str(store_dir), "--endpoint", f"{server}/store"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Pushed 2 graph(s)")
    return server


def remote_count(base: str) -> int:
    with Endpoint(f"{base}/query") as endpoint:
        return int(next(iter(endpoint.query(COUNT)))["n"].value)


@pytest.mark.parametrize("name", available())
def test_remote_query_after_push_gives_the_store_rows(pushed, store_dir, name):
    values = {"entity": "Keir Starmer", "proposal": "peace talks"}
    params = [arg for p in load_query(name).params for arg in ("-p", f"{p.name}={values[p.name]}")]
    remote = runner.invoke(app, ["query", name, *params, "--endpoint", f"{pushed}/query", "--format", "tsv"])
    local = runner.invoke(app, ["query", name, *params, "--store", str(store_dir), "--format", "tsv"])
    assert remote.exit_code == 0 and local.exit_code == 0, remote.output + local.output
    assert remote.stdout == local.stdout
    assert remote.stdout == (DATA / "queries" / f"{name}.tsv").read_text(encoding="utf-8")


def test_remote_push_replaces_each_graph(pushed, store_dir):
    store = GraphStore.open(store_dir)
    report = push(store, f"{pushed}/store")
    assert (report.graphs, report.triples) == (2, len(store))
    assert remote_count(pushed) == len(store)
    newer = GraphStore()
    newer.put_graph("https://example.org/kg/article/aaaa1111aaaa1111",
                    (GRAPHS / "starmer-in-kyiv.ttl").read_text(encoding="utf-8").replace('"Kyiv"', '"Kiev"'))
    push(newer, f"{pushed}/store")
    with Endpoint(f"{pushed}/query") as endpoint:
        labels = {r["name"] for r in results.rows(endpoint.query(
            "SELECT ?name WHERE { <https://example.org/kg/id/place/kyiv> <http://www.w3.org/2000/01/rdf-schema#label> ?name }"))}
    assert labels == {"Kiev"} and remote_count(pushed) == len(store)
    push(store, f"{pushed}/store")  # leave the server as the other tests expect it
    del store


@pytest.mark.parametrize("value", HOSTILE)
def test_remote_hostile_parameter_is_only_a_value(pushed, value):
    local = mallory_store(value)
    mallory = GraphStore()
    mallory.put_graph(MALLORY_ARTICLE, local.graph_data(MALLORY_ARTICLE, "nt"), "nt")
    push(mallory, f"{pushed}/store")
    size = remote_count(pushed)
    try:
        query = load_query("entity")
        bindings = query.bindings({"entity": value})
        with Endpoint(f"{pushed}/query") as endpoint:
            remote = results.serialize(endpoint.query(query.text, bindings), "tsv")
        assert remote == results.serialize(local.query(query.text, bindings), "tsv")
        assert remote_count(pushed) == size
    finally:
        httpx.delete(f"{pushed}/store", params={"graph": MALLORY_ARTICLE}).raise_for_status()


def test_remote_construct_and_ask(pushed):
    local = load_files([GRAPHS])
    construct = "CONSTRUCT { ?p ?r ?o } WHERE { ?p a <https://schema.org/Person> ; ?r ?o }"
    with Endpoint(f"{pushed}/query") as endpoint:
        remote_graph = Graph().parse(data=results.serialize(endpoint.query(construct), "turtle"), format="turtle")
        assert bool(endpoint.query("ASK { ?p a <https://schema.org/Person> }"))
    local_graph = Graph().parse(data=results.serialize(local.query(construct), "turtle"), format="turtle")
    assert len(remote_graph) > 20 and isomorphic(remote_graph, local_graph)


def test_remote_network_is_the_local_network(pushed):
    with Endpoint(f"{pushed}/query") as endpoint:
        remote = to_networkx(endpoint)
    local = to_networkx(load_files([GRAPHS]))
    assert list(remote.nodes(data=True)) == list(local.nodes(data=True))
    assert list(remote.edges(keys=True, data=True)) == list(local.edges(keys=True, data=True))


def test_remote_path_command_over_an_endpoint(pushed):
    result = runner.invoke(app, ["path", "Rubio", "Sir Keir", "--endpoint", f"{pushed}/query", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert "Marco Rubio —met→ Volodymyr Zelensky" in result.stdout
    assert "“US Secretary of State Marco Rubio met Mr Zelensky in Munich.”" in result.stdout


@pytest.mark.parametrize("path, query, error, message", [
    ("/query", "SELECT ?x WHERE {", QueryError, "rejected the query"),
    ("/nothing", "ASK {}", EndpointError, "is it the server's SPARQL query endpoint"),
    ("/store", "ASK {}", EndpointError, "answered"),
])
def test_remote_query_errors(server, path, query, error, message):
    with Endpoint(server + path) as endpoint, pytest.raises(error, match=message) as info:
        endpoint.query(query)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("url, message", [
    (f"http://127.0.0.1:{free_port()}/query", "cannot reach the server"),
    ("ftp://example.org/query", "is not an http\\(s\\) URL"),
])
def test_remote_unreachable_endpoints(url, message):
    with pytest.raises(EndpointError, match=message):
        Endpoint(url).query("ASK {}")


def test_remote_push_to_the_query_endpoint_says_where_to_push(server):
    with pytest.raises(EndpointError, match="Graph Store endpoint \\(Oxigraph: /store"):
        push(load_files([GRAPHS]), f"{server}/query")


def test_remote_unreachable_endpoint_is_one_line_on_the_command_line():
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "people", "--endpoint", f"http://127.0.0.1:{free_port()}/query"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("kg: error: http://127.0.0.1:") and proc.stderr.count("\n") == 1


COMMANDS = [  # each command's arguments; the source is added by the test
    ["query", "people", "-f", "tsv"],
    ["query", "entity", "-p", "entity=sir keir", "-f", "tsv"],
    ["query", "proposals", "-f", "tsv"],
    ["path", "Marco Rubio", "Keir Starmer"],
    ["neighbors", "Keir Starmer", "--depth", "2"],
    ["central", "--by", "pagerank"],
    ["communities"],
    ["stats"],
    ["export", "-f", "csv"],
    ["export", "-f", "nquads"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_remote_endpoint_answers_as_the_store_whatever_its_default_graph(any_server, store_dir, args):
    remote = runner.invoke(app, [*args, "--endpoint", f"{any_server}/query"])
    local = runner.invoke(app, [*args, "--store", str(store_dir)])
    assert local.exit_code == 0 and local.stdout.strip(), local.output
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_remote_view_draws_the_same_page_as_the_store(any_server, store_dir, tmp_path):
    pages = []
    for source in (["--endpoint", f"{any_server}/query"], ["--store", str(store_dir)]):
        out = tmp_path / f"view{len(pages)}.html"
        result = runner.invoke(app, ["view", *source, "--out", str(out)])
        assert result.exit_code == 0, result.output
        pages.append(out.read_text(encoding="utf-8").replace(f"{any_server}/query", "SOURCE").replace(f"{store_dir}/", "SOURCE"))
    assert pages[0] == pages[1]


def test_remote_server_that_honours_no_dataset_is_told_in_one_line():
    """A server whose default graph is empty and which ignores default-graph-uri."""
    def answer(request: httpx.Request) -> httpx.Response:
        query = dict(httpx.QueryParams(request.content.decode()))["query"]
        named = query.startswith("ASK { GRAPH")
        return httpx.Response(200, json={"head": {}, "boolean": named},
                              headers={"Content-Type": "application/sparql-results+json"})

    def listing(request: httpx.Request) -> httpx.Response:
        if "SELECT DISTINCT ?g" in request.content.decode().replace("+", " ").replace("%3F", "?"):
            return httpx.Response(200, json={"head": {"vars": ["g"]}, "results": {"bindings": [
                {"g": {"type": "uri", "value": "https://example.org/kg/article/aaaa1111aaaa1111"}}]}},
                headers={"Content-Type": "application/sparql-results+json"})
        return answer(request)

    with Endpoint("http://127.0.0.1:9/query", transport=httpx.MockTransport(listing)) as endpoint:
        with pytest.raises(EndpointError) as caught:
            endpoint.query("SELECT * WHERE { ?s ?p ?o }")
    message = str(caught.value)
    assert "\n" not in message and "--union-default-graph" in message and "unionDefaultGraph" in message
