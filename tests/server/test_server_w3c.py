"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl,
W3C Test Suite licence), run against `kg serve`.

Each request below is transcribed from the manifest's machine-readable form (``ht:requests``):
method, path, headers and body exactly as written there; the expected status class, result
format and boolean likewise. The query tests run against the read-only server holding the
manifest's ``ut:graphData`` (data1-3, one triple each, written here); the update tests against a
server started with updates allowed, the token added to every request.

Not run: the four ``update_dataset_*`` tests, which give an update's dataset in
``using-graph-uri``/``using-named-graph-uri`` parameters. kg's endpoint does not implement those
parameters and refuses them with a 400 naming them (tested below), so that an update never
touches other graphs than the ones it names."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from kg.server.app import ServerConfig, serve_in_background

KASEI = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata"
DATA0 = f"default-graph-uri={KASEI}0.rdf"
FORM = {"content-type": "application/x-www-form-urlencoded"}
QUERY = {"content-type": "application/sparql-query"}
UPDATE = {"content-type": "application/sparql-update"}
OK, BAD = "2xx", "4xx"

# name -> [(method, path, headers, body, expected status, expected format, expected boolean)]
QUERY_TESTS = {
    "query_post_form": [("POST", f"/sparql/?{DATA0}", FORM, "query=ASK%20%7B%7D", OK, "boolean", True)],
    "query_dataset_default_graphs_get": [(
        "GET", "/sparql/?query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype"
        "%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20.%20%7D"
        f"&default-graph-uri={KASEI}1.rdf&default-graph-uri={KASEI}2.rdf", {}, None, OK, "boolean", True)],
    "query_dataset_default_graphs_post": [(
        "POST", f"/sparql/?default-graph-uri={KASEI}1.rdf&default-graph-uri={KASEI}2.rdf", QUERY,
        "ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type . <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type . }",
        OK, "boolean", True)],
    "query_dataset_named_graphs_post": [(
        "POST", f"/sparql/?named-graph-uri={KASEI}1.rdf&named-graph-uri={KASEI}2.rdf", QUERY,
        "ASK { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } "
        "GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }", OK, "boolean", True)],
    "query_dataset_named_graphs_get": [(
        "GET", "/sparql/?query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf"
        "%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a"
        f"%20%3Ftype%20%7D%20%7D&named-graph-uri={KASEI}1.rdf&named-graph-uri={KASEI}2.rdf", {}, None, OK, "boolean", True)],
    "query_dataset_full": [(
        "POST", f"/sparql/?default-graph-uri={KASEI}3.rdf&named-graph-uri={KASEI}1.rdf&named-graph-uri={KASEI}2.rdf", QUERY,
        "ASK {\n  <http://kasei.us/2009/09/sparql/data/data3.rdf> a ?type\n"
        "  GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }\n"
        "  GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type }\n}", OK, "boolean", True)],
    "query_multiple_dataset": [(
        "POST", f"/sparql/?named-graph-uri={KASEI}1.rdf%26named-graph-uri%3D{KASEI}2.rdf", QUERY, "ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> "
        "a ?type } GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }", OK, "boolean", True)],
    "query_get": [("GET", f"/sparql/?query=ASK%20%7B%7D&{DATA0}", {}, None, OK, "boolean", True)],
    "query_content_type_select": [("POST", f"/sparql/?{DATA0}", QUERY, "SELECT (1 AS ?value) {}", OK, "tabular", None)],
    "query_content_type_ask": [("POST", f"/sparql/?{DATA0}", QUERY, "ASK {}", OK, "boolean", None)],
    "query_content_type_describe": [("POST", f"/sparql/?{DATA0}", QUERY, "DESCRIBE <http://example.org/>", OK, "RDF", None)],
    "query_content_type_construct": [("POST", f"/sparql/?{DATA0}", QUERY, "CONSTRUCT { <s> <p> 1 } WHERE {}", OK, "RDF", None)],
    "query_post_direct": [("POST", "/sparql/", QUERY, "ASK {}", OK, "boolean", True)],
    "bad_query_method": [("PUT", f"/sparql/?query=ASK%20%7B%7D&{DATA0}", FORM, None, BAD, None, None)],
    "bad_multiple_queries": [("GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", {}, None, BAD, None, None)],
    "bad_query_wrong_media_type": [("POST", "/sparql/", {"content-type": "text/plain"}, "ASK {}", BAD, None, None)],
    "bad_query_missing_form_type": [("POST", "/sparql/", {}, "query=ASK%20%7B%7D", BAD, None, None)],
    "bad_query_missing_direct_type": [("POST", "/sparql/", {}, "ASK {}", BAD, None, None)],
    "bad_query_non_utf8": [("POST", "/sparql/", {"content-type": "application/sparql-query; charset=UTF-16"},
                            "ASK {}".encode("utf-16"), BAD, None, None)],
    "bad_query_syntax": [("GET", "/sparql/?query=ASK%20%7B", {}, None, BAD, None, None)],
}
UPDATE_TESTS = {
    "update_post_form": [("POST", "/sparql/", FORM, "update=CLEAR+ALL", OK, None, None)],
    "update_post_direct": [("POST", "/sparql/", UPDATE, "CLEAR ALL", OK, None, None)],
    "update_base_uri": [
        ("POST", "/sparql/", UPDATE, "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { GRAPH "
         "<http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }", OK, None, None),
        ("POST", "/sparql/", QUERY, "SELECT ?o WHERE {\n    GRAPH <http://example.org/protocol-base-test/> {\n"
         "        <http://example.org/s> <http://example.org/p> ?o\n    }\n}", OK, "tabular", "absolute-iri"),
    ],
    "bad_update_get": [("GET", "/sparql/?update=CLEAR%20ALL", {}, None, BAD, None, None)],
    "bad_multiple_updates": [("POST", "/sparql/", FORM, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", BAD, None, None)],
    "bad_update_wrong_media_type": [("POST", "/sparql/", {"content-type": "text/plain"}, "CLEAR NAMED", BAD, None, None)],
    "bad_update_missing_form_type": [("POST", "/sparql/", {}, "update=CLEAR%20NAMED", BAD, None, None)],
    "bad_update_non_utf8": [("POST", "/sparql/", {"content-type": "application/sparql-update; charset=UTF-16"},
                             "CLEAR NAMED".encode("utf-16"), BAD, None, None)],
    "bad_update_syntax": [("POST", "/sparql/", FORM, "update=CLEAR%20XYZ", BAD, None, None)],
    "bad_update_dataset_conflict": [(
        "POST", "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople", UPDATE,
        "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\nDELETE { ?person foaf:givenName 'Bill' }\n"
        "INSERT { ?person foaf:givenName 'William' }\nWHERE {\n    ?person foaf:givenName 'Bill'\n}", BAD, None, None)],
}
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = RESULT_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}


@pytest.fixture(scope="module")
def graph_data(tmp_path_factory) -> Path:
    """The manifest's ut:graphData: data1.nt-data3.nt in graphs named http://kasei.us/.../dataN.rdf."""
    path = tmp_path_factory.mktemp("w3c") / "protocol.nq"
    path.write_text("".join(
        f"<http://kasei.us/2009/09/sparql/data/data{n}.rdf> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<http://xmlns.com/foaf/0.1/Document> <http://kasei.us/2009/09/sparql/data/data{n}.rdf> .\n" for n in (1, 2, 3)))
    return path


@pytest.fixture(scope="module")
def read_only(graph_data):
    with serve_in_background(ServerConfig(files=[graph_data], port=0, time_limit=20)) as url:
        yield url


@pytest.fixture(scope="module")
def updatable(graph_data):
    with serve_in_background(ServerConfig(files=[graph_data], port=0, allow_update=True, token="w3c", time_limit=20)) as url:
        yield url


# update_base_uri starts with CLEAR GRAPH <http://example.org/protocol-base-test/>, which SPARQL 1.1
# Update (3.2.2) makes fail when the graph does not exist, as Oxigraph does; the manifest assumes
# it exists, so it is created first (the tests before it CLEAR ALL).
SETUP = {"update_base_uri": "CREATE SILENT GRAPH <http://example.org/protocol-base-test/>"}


def run_requests(base: str, requests: list[tuple], extra_headers: dict[str, str]) -> None:
    for method, path, headers, body, status, fmt, expected in requests:
        content = body.encode("utf-8") if isinstance(body, str) else body
        request = httpx.Request(method, base + path, headers={**headers, **extra_headers}, content=content)
        if "content-type" not in headers:  # httpx adds none for raw content; the test means none
            request.headers.pop("content-type", None)
        response = httpx.Client().send(request)
        klass = f"{response.status_code // 100}xx"
        wanted = ("2xx", "3xx") if status == OK else ("4xx",)
        assert klass in wanted, f"{method} {path}: {response.status_code} {response.text}"
        if fmt is not None:
            check_format(response, fmt, expected)


def check_format(response: httpx.Response, fmt: str, expected) -> None:
    media = response.headers["content-type"].split(";")[0]
    if fmt == "boolean":
        assert media in RESULT_TYPES
        answer = response.json()["boolean"] if media.endswith("json") else \
            ET.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
        if expected is not None:
            assert answer is expected
    elif fmt == "tabular":
        assert media in TABULAR_TYPES
        if expected == "absolute-iri":  # one result, ?o an IRI that is not <test>
            rows = json.loads(response.text)["results"]["bindings"]
            assert len(rows) == 1 and rows[0]["o"]["type"] == "uri" and rows[0]["o"]["value"] != "test"
            assert rows[0]["o"]["value"].startswith("http://")
    elif fmt == "RDF":
        assert media in RDF_TYPES
        Graph().parse(data=response.text, format=RDF_TYPES[media])


XFAIL = {
    "query_multiple_dataset": "the manifest percent-encodes the '&' between its two named-graph-uri values, so the "
                              "request names one graph, which holds nothing; the ASK cannot be true",
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=XFAIL[n], strict=True)) if n in XFAIL else n
                                  for n in QUERY_TESTS])
def test_server_w3c_protocol_query(read_only, name):
    run_requests(read_only, QUERY_TESTS[name], {})


@pytest.mark.parametrize("name", list(UPDATE_TESTS))
def test_server_w3c_protocol_update(updatable, name):
    token = {"Authorization": "Bearer w3c"}
    if name in SETUP:
        assert httpx.post(f"{updatable}/sparql", content=SETUP[name], headers={**UPDATE, **token}).status_code == 204
    run_requests(updatable, UPDATE_TESTS[name], token)


@pytest.mark.parametrize("parameter", ["using-graph-uri", "using-named-graph-uri"])
def test_server_w3c_update_dataset_parameters_are_refused(updatable, parameter):
    response = httpx.post(f"{updatable}/sparql?{parameter}={KASEI}1.rdf", content="CLEAR ALL",
                          headers={**UPDATE, "Authorization": "Bearer w3c"})
    assert response.status_code == 400
    assert parameter in response.text
