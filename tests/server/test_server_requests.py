"""`kg serve` against requests that used to go wrong: a URL or headers too long for the server (414 and
431, not a reset connection), a stored query's parameter that is not UTF-8 (400, as /sparql
answers), a client that goes away while its query runs (the query is stopped), and a server
started from a folder holding a ``kg/`` directory (the installed package is still the one run)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.server.app import ServerConfig, serve_in_background

DATA = Path(__file__).parents[1] / "data" / "viewer" / "small.ttl"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
PEOPLE = "SELECT ?p WHERE { ?p a <https://schema.org/Person> }"


@pytest.fixture(scope="module")
def endpoint():
    config = ServerConfig(files=[DATA], port=0, workers=1, time_limit=4, long_after=1)
    with serve_in_background(config) as url:
        yield url


def raw_request(url: str, head: bytes, timeout: float = 30) -> bytes:
    """Send a request head as it is and read the whole answer (httpx refuses such URLs)."""
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as connection:
        connection.sendall(head)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("head, status, says", [
    # past the request limit (1 MB), within what the connection reads: the endpoint answers
    (b"GET /sparql?query=" + b"x" * 1_010_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", b"414", b"POST the query"),
    # past what the connection reads: the connection answers, and reads the rest before closing
    (b"GET /sparql?query=" + b"x" * 2_000_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", b"414", b"POST the query"),
    (b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"x" * 2_000_000 + b"\r\n\r\n", b"431", b"headers"),
])
def test_server_request_head_too_long_is_answered_not_reset(endpoint, head, status, says):
    answer = raw_request(endpoint, head)
    assert answer.split(b" ", 2)[1] == status, answer[:200]
    assert says in answer and b"Traceback" not in answer
    assert httpx.get(f"{endpoint}/sparql", params={"query": PEOPLE}).status_code == 200


@pytest.mark.parametrize("path", ["/queries/entity?entity=%ff%fe", "/sparql?query=%ff%fe"])
def test_server_parameter_that_is_not_utf8_is_400(endpoint, path):
    response = httpx.get(endpoint + path)
    assert response.status_code == 400
    assert response.text.strip() == "the query string is not UTF-8 percent-encoded"


def test_server_query_of_a_client_gone_away_is_stopped(endpoint):
    """One long query at a time here (workers=1): if the first one ran on after its client left,
    the second would be refused as busy after a second; it runs instead, until its own client
    gives up."""
    target = httpx.URL(f"{endpoint}/sparql", params={"query": CROSS}).raw_path
    with socket.create_connection(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(1.5)  # the query is a long one now
    time.sleep(0.5)
    with pytest.raises(httpx.ReadTimeout):
        response = httpx.post(f"{endpoint}/sparql", data={"query": CROSS}, timeout=2.5)
        pytest.fail(f"the second long query was answered: {response.status_code} {response.text}")


@pytest.mark.parametrize("shadow", [
    {"kg/queries/people.rq": "SELECT * WHERE { ?s ?p ?o }\n"},  # the parent folder of a clone
    {"kg/__init__.py": "raise ImportError('this is not kg')\n", "kg/server/__init__.py": ""},
])
def test_server_starts_from_a_folder_holding_a_kg_directory(tmp_path, shadow):
    for name, text in shadow.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    kg = Path(sys.executable).with_name("kg")
    process = subprocess.Popen([str(kg), "serve", str(DATA), "--port", "0"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert "http://127.0.0.1:" in line, line + process.stderr.read()
        url = line.split(" at ")[1].split("/ ")[0]
        response = httpx.get(f"{url}/sparql", params={"query": PEOPLE}, headers={"Accept": "text/csv"})
        assert response.status_code == 200 and response.text.count("person/") == 2
    finally:
        process.terminate()
        process.wait(30)
    assert process.returncode == 0, process.stderr.read()
