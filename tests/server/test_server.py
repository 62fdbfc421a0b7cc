"""`kg serve`: the SPARQL 1.1 Protocol endpoint, its limits and refusals, the stored queries and
the pages, over a small hand-written graph (tests/data/viewer/small.ttl). Real clients
(SPARQLWrapper, rdflib's SPARQLStore) talk to a real server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from kg.server.app import ServerConfig, serve_in_background
from kg.server.sparql import negotiate, refused_keyword

DATA = Path(__file__).parents[1] / "data" / "viewer" / "small.ttl"
PERSON = "https://schema.org/Person"
PEOPLE = f"SELECT ?name WHERE {{ ?p a <{PERSON}> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name }} ORDER BY ?name"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def endpoint():
    with serve_in_background(ServerConfig(files=[DATA], port=0, workers=2, time_limit=20)) as url:
        yield url


@pytest.fixture(scope="module")
def limited():
    """A server with tiny limits: 4 s a query, 2,000 bytes a result, 5,000 bytes a request."""
    config = ServerConfig(files=[DATA], port=0, workers=2, time_limit=4, max_result_bytes=2000, max_request_bytes=5000)
    with serve_in_background(config) as url:
        yield url


@pytest.fixture(scope="module")
def writable():
    config = ServerConfig(files=[DATA], port=0, allow_update=True, token="s3cret", time_limit=20)
    with serve_in_background(config) as url:
        yield url


def names(response: httpx.Response) -> list[str]:
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


# --- protocol ------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_server_query_by_get_form_and_direct_post(endpoint, how):
    if how == "get":
        response = httpx.get(f"{endpoint}/sparql", params={"query": PEOPLE})
    elif how == "post-form":
        response = httpx.post(f"{endpoint}/sparql", data={"query": PEOPLE})
    else:
        response = httpx.post(f"{endpoint}/sparql", content=PEOPLE, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200, response.text
    assert names(response) == ["Ada Lovelace", "Alan Turing"]


@pytest.mark.parametrize("accept, media_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_server_select_results_by_content_negotiation(endpoint, accept, media_type):
    response = httpx.get(f"{endpoint}/sparql", params={"query": PEOPLE}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    if media_type == "text/csv":
        assert [row["name"] for row in csv.DictReader(io.StringIO(response.text))] == ["Ada Lovelace", "Alan Turing"]
    else:
        assert "Ada Lovelace" in response.text and "Alan Turing" in response.text


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_server_construct_results_by_content_negotiation(endpoint, accept, rdflib_format):
    query = f"CONSTRUCT {{ ?p a <{PERSON}> }} WHERE {{ ?p a <{PERSON}> }}"
    response = httpx.get(f"{endpoint}/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) == 2


def test_server_unacceptable_format_is_406(endpoint):
    response = httpx.get(f"{endpoint}/sparql", params={"query": PEOPLE}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


@pytest.mark.parametrize("query", ["SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ", "ASK { <a b> }"])
def test_server_malformed_query_is_400_with_the_parser_message(endpoint, query):
    response = httpx.post(f"{endpoint}/sparql", data={"query": query})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("malformed SPARQL: error at ")
    assert "Traceback" not in response.text and len(response.text.strip().splitlines()) == 1


def test_server_negotiate_prefers_the_format_parameter():
    assert negotiate("text/csv", graph=False, override="xml").media_type == "application/sparql-results+xml"
    assert negotiate("text/turtle", graph=True, override=None).media_type == "text/turtle"
    assert negotiate("text/csv", graph=True) is None


# --- read-only, token, refusals ---------------------------------------------------------------------

@pytest.mark.parametrize("send", [
    lambda url: httpx.post(f"{url}/sparql", data={"update": "CLEAR ALL"}),
    lambda url: httpx.post(f"{url}/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
    lambda url: httpx.post(f"{url}/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update",
                                                                          "Authorization": "Bearer anything"}),
])
def test_server_is_read_only_by_default(endpoint, send):
    response = send(endpoint)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert names(httpx.get(f"{endpoint}/sparql", params={"query": PEOPLE})) == ["Ada Lovelace", "Alan Turing"]


def test_server_update_needs_the_token(writable):
    insert = f'INSERT DATA {{ GRAPH <http://example.org/g> {{ <http://example.org/x> a <{PERSON}> ; ' \
             f'<http://www.w3.org/2000/01/rdf-schema#label> "Grace Hopper" }} }}'
    headers = {"Content-Type": "application/sparql-update"}
    assert httpx.post(f"{writable}/sparql", content=insert, headers=headers).status_code == 403
    assert httpx.post(f"{writable}/sparql", content=insert, headers={**headers, "Authorization": "Bearer wrong"}).status_code == 403
    assert "Grace Hopper" not in names(httpx.get(f"{writable}/sparql", params={"query": PEOPLE}))
    response = httpx.post(f"{writable}/sparql", content=insert, headers={**headers, "Authorization": "Bearer s3cret"})
    assert response.status_code == 204, response.text
    assert "Grace Hopper" in names(httpx.get(f"{writable}/sparql", params={"query": PEOPLE}))


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <{target}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
    "LOAD <{target}>",
    "LOAD <{target}> INTO GRAPH <http://example.org/g>",
])
def test_server_refuses_service_and_load(writable, template):
    """Even with updates allowed and the token given, no request reaches another host."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    text = template.format(target=target)
    kind = "update" if text.startswith("LOAD") else "query"
    response = httpx.post(f"{writable}/sparql", data={kind: text}, headers={"Authorization": "Bearer s3cret"})
    try:
        listener.accept()
        contacted = True
    except TimeoutError:
        contacted = False
    finally:
        listener.close()
    assert not contacted, "the server contacted another host"
    assert response.status_code == 403
    assert "never contacts other hosts" in response.text


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?service <http://example.org/load> "SERVICE" } # LOAD',
    "SELECT * WHERE { ?s <http://example.org/p> ?o } ",
    'SELECT * WHERE { ?s service:x "x"@load }',
])
def test_server_refused_keyword_ignores_names_strings_and_comments(text):
    assert refused_keyword(text) is None


# --- limits -------------------------------------------------------------------------------------------

def test_server_time_limit_stops_a_cross_product_while_others_are_answered(limited):
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        slow = pool.submit(httpx.post, f"{limited}/sparql", data={"query": CROSS}, timeout=60)
        time.sleep(0.3)
        quick = httpx.get(f"{limited}/sparql", params={"query": PEOPLE}, timeout=60)
        quick_done = time.monotonic()
        stopped = slow.result()
        stopped_done = time.monotonic()
    assert quick.status_code == 200 and names(quick) == ["Ada Lovelace", "Alan Turing"]
    assert quick_done < stopped_done, "the quick query waited for the slow one"
    assert stopped.status_code == 503
    assert "time limit" in stopped.text
    assert stopped_done - started < 25
    after = httpx.get(f"{limited}/sparql", params={"query": PEOPLE}, timeout=60)  # the worker was replaced
    assert after.status_code == 200


def test_server_result_size_limit(limited):
    everything = httpx.get(f"{limited}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert everything.status_code == 422
    assert "2,000 bytes" in everything.text
    small = httpx.get(f"{limited}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    assert small.status_code == 200


@pytest.mark.parametrize("chunked", [False, True])
def test_server_request_size_limit(limited, chunked):
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 10_000
    body = iter([query.encode()]) if chunked else query.encode()  # an iterator is sent without a Content-Length
    response = httpx.post(f"{limited}/sparql", content=body, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert "5,000 bytes" in response.text


def test_server_listens_on_loopback_only_by_default(tmp_path):
    """And, stopped (SIGTERM), it exits cleanly and removes the temporary store it loaded the file into."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(DATA), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = _first_line(process, 60)
        assert "http://127.0.0.1:" in line, line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        assert httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": PEOPLE}).status_code == 200
        with pytest.raises(OSError):  # another loopback address of this machine: only 127.0.0.1 is bound
            socket.create_connection(("127.0.0.2", port), timeout=2).close()
        assert list(tmp_path.glob("kg-serve-*")), "the temporary store is not where TMPDIR says"
    finally:
        process.terminate()
        process.wait(30)
    assert process.returncode == 0, process.stderr.read()
    assert not list(tmp_path.glob("kg-serve-*"))


def _first_line(process: subprocess.Popen, timeout: float) -> str:
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not result:
        process.kill()
        pytest.fail("kg serve printed nothing: " + (process.stderr.read() or ""))
    return result[0]


# --- real clients -------------------------------------------------------------------------------------

def test_server_answers_sparqlwrapper(endpoint):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["Ada Lovelace", "Alan Turing"]
    client.setQuery(f"ASK {{ ?p a <{PERSON}> }}")
    assert client.query().convert()["boolean"] is True
    client.setQuery(f"CONSTRUCT {{ ?p a <{PERSON}> }} WHERE {{ ?p a <{PERSON}> }}")
    client.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=client.query().convert(), format="turtle")) == 2


def test_server_answers_rdflib_sparqlstore(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"{endpoint}/sparql", returnFormat="json")
    rows = list(Graph(store=store).query(PEOPLE))
    assert [str(r[0]) for r in rows] == ["Ada Lovelace", "Alan Turing"]


# --- stored queries and pages -------------------------------------------------------------------------

def test_server_lists_the_stored_queries(endpoint):
    queries = httpx.get(f"{endpoint}/queries").json()
    by_name = {q["name"]: q for q in queries}
    assert "people" in by_name and by_name["people"]["title"]
    assert any(q["params"] for q in queries)


@pytest.mark.parametrize("value, finds_turing", [
    ("Ada Lovelace", True),
    ('Ada Lovelace" } UNION { ?s ?p ?o } #', False),  # a hostile value is a literal, nothing more
])
def test_server_runs_a_stored_query_with_a_bound_parameter(endpoint, value, finds_turing):
    response = httpx.get(f"{endpoint}/queries/entity", params={"entity": value})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert bool(rows) is finds_turing
    assert ("https://example.org/kg/id/person/alan-turing" in response.text) is finds_turing


def test_server_unknown_stored_query_parameter_is_400(endpoint):
    response = httpx.get(f"{endpoint}/queries/people", params={"nope": "x"})
    assert response.status_code == 400
    assert "no parameter nope" in response.text


@pytest.mark.parametrize("path, marker", [("/", 'id="kg-data"'), ("/query", 'id="q-text"')])
def test_server_pages_load_nothing_from_elsewhere(endpoint, path, marker):
    response = httpx.get(endpoint + path)
    assert response.status_code == 200 and marker in response.text
    assert "http://" not in response.text.split("<script", 1)[0].replace("http://www.w3.org", "")
    assert "https://" not in response.text.split('id="kg-data"', 1)[0]


def test_server_explorer_page_holds_the_graph(endpoint):
    html = httpx.get(f"{endpoint}/").text
    block = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert {d["label"] for d in data["details"].values()} >= {"Ada Lovelace", "Alan Turing", "a 30-day truce"}
    assert data["shown"] == data["total"] == 5


def test_server_wrong_host_header_is_refused(endpoint):
    """A page on another site cannot reach the server through DNS rebinding."""
    response = httpx.get(f"{endpoint}/sparql", params={"query": PEOPLE}, headers={"Host": "attacker.example"})
    assert response.status_code == 400


def test_server_explorer_page_is_drawn_again_after_an_update(writable):
    before = httpx.get(f"{writable}/").text
    assert "Katherine Johnson" not in before
    insert = f'INSERT DATA {{ GRAPH <http://example.org/g2> {{ <http://example.org/kj> a <{PERSON}> ; ' \
             f'<http://www.w3.org/2000/01/rdf-schema#label> "Katherine Johnson" }} }}'
    response = httpx.post(f"{writable}/sparql", content=insert,
                          headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"})
    assert response.status_code == 204
    assert "Katherine Johnson" in httpx.get(f"{writable}/").text


# --- pages of the stored queries, and a store's summary graph ---------------------------------------

def test_server_stored_query_pages_by_limit_and_offset(endpoint):
    every = httpx.get(f"{endpoint}/queries/people").json()["results"]["bindings"]
    assert len(every) == 2
    for limit, offset, expected in [(1, 0, every[:1]), (1, 1, every[1:]), (0, 0, every), (5, 2, [])]:
        response = httpx.get(f"{endpoint}/queries/people", params={"limit": limit, "offset": offset})
        assert response.status_code == 200 and response.json()["results"]["bindings"] == expected
    listed = {q["name"]: q["page"] for q in httpx.get(f"{endpoint}/queries").json()}
    assert listed["people"] == 50 and listed["entity"] == 100 and listed["stances"] is None


@pytest.mark.parametrize("params", [{"limit": "ten"}, {"limit": "-1"}, {"offset": "1; DROP ALL"}, {"limit": "١"}])
def test_server_stored_query_page_is_a_whole_number(endpoint, params):
    response = httpx.get(f"{endpoint}/queries/people", params=params)
    assert response.status_code == 400 and "must be a whole number, 0 or more" in response.text


def test_server_store_with_a_summary_answers_as_its_files_and_an_update_drops_the_summary(endpoint, tmp_path):
    from kg.rdf import summary
    from kg.rdf.store import GraphStore

    store = GraphStore(tmp_path / "store")
    store.load(DATA)
    store.ensure_summary()
    store.flush()
    del store
    config = ServerConfig(store=tmp_path / "store", port=0, allow_update=True, token="s3cret", time_limit=20)
    with serve_in_background(config) as url:
        for name, params in [("people", {}), ("entity", {"entity": "Ada Lovelace"}), ("roles", {})]:
            assert httpx.get(f"{url}/queries/{name}", params=params).json() == \
                httpx.get(f"{endpoint}/queries/{name}", params=params).json()
        insert = f'INSERT DATA {{ GRAPH <http://example.org/g> {{ <http://example.org/x> a <{PERSON}> ; ' \
                 f'<http://www.w3.org/2000/01/rdf-schema#label> "Grace Hopper" }} }}'
        response = httpx.post(f"{url}/sparql", content=insert, headers={"Content-Type": "application/sparql-update",
                                                                         "Authorization": "Bearer s3cret"})
        assert response.status_code == 204, response.text
        people = [row["name"]["value"] for row in httpx.get(f"{url}/queries/people").json()["results"]["bindings"]]
        assert "Grace Hopper" in people  # read from the article graphs: the summary could not follow the update
    assert summary.state(GraphStore.open(tmp_path / "store").store) == "absent"
