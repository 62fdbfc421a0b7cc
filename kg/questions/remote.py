"""Remote SPARQL servers: queries over the SPARQL 1.1 Protocol, and pushing a store's article
graphs over the SPARQL 1.1 Graph Store HTTP Protocol.

    with Endpoint("http://localhost:7878/query") as endpoint:      # queried like a GraphStore
        people = endpoint.query(load_query("people").text)
    push(GraphStore.open("corpus/"), "http://localhost:7878/store")   # one PUT per article graph

An `Endpoint` returns the same pyoxigraph result objects as `GraphStore.query`: SELECT/ASK
answers are parsed from the SPARQL results format the server chose, CONSTRUCT/DESCRIBE answers
from its RDF. Parameters are sent in a ``VALUES`` block (`kg.rdf.sparql.with_values`).

kg's queries read the default graph as the union of the article graphs. A server started as it
comes (Oxigraph, Fuseki) has an empty default graph of its own instead: on its first query an
`Endpoint` asks whether the default graph holds the articles its named graphs hold, and if not,
sends every query with the SPARQL 1.1 Protocol's dataset parameters, every named graph as both a
``default-graph-uri`` and a ``named-graph-uri``: the same answers, whatever the server's setting.
A server that honours neither is told in one line what to change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from ..core.errors import EndpointError, QueryError
from ..rdf.sparql import Results, Term, with_values
from ..rdf.store import GraphStore

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "text/tab-separated-values;q=0.8, application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5")
TIMEOUT = httpx.Timeout(300.0, connect=10.0)
_ARTICLE = "?a a <https://schema.org/NewsArticle>"
ASK_NAMED = f"ASK {{ GRAPH ?g {{ {_ARTICLE} }} }}"
ASK_DEFAULT = f"ASK {{ {_ARTICLE} }}"
LIST_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class Endpoint:
    """A SPARQL 1.1 Protocol query endpoint.

    Args:
        url: the query endpoint, e.g. ``http://localhost:7878/query``; a user and password in
            the URL are sent as HTTP Basic authentication.
        timeout: seconds to wait for an answer.
        transport: an httpx transport (tests).

    Raises:
        EndpointError: ``url`` is not an http(s) URL.
    """

    def __init__(self, url: str, *, timeout: float | httpx.Timeout = TIMEOUT,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = _checked(url)
        self.client = httpx.Client(timeout=timeout, transport=transport, follow_redirects=True)
        self._dataset: dict[str, list[str]] | None = None  # protocol parameters, once known

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a query on the server over the union of its graphs; parameters go in a VALUES block.

        Returns:
            `pyoxigraph.QuerySolutions` (SELECT), `QueryBoolean` (ASK) or a list of `Triple`.

        Raises:
            QueryError: the server rejected the query (HTTP 400).
            EndpointError: the server cannot be reached, fails, or does not answer in SPARQL, or
                its default graph is not the union of its graphs and it ignores the dataset
                parameters.
        """
        if self._dataset is None:
            self._dataset = self._union_dataset()
        text = with_values(sparql, bindings) if bindings else sparql
        return self._post(text, self._dataset)

    def _post(self, text: str, dataset: dict[str, list[str]]) -> Results:
        response = _send(self.client, "POST", self.url, data={"query": text, **dataset}, headers={"Accept": ACCEPT})
        return _parse(response, self.url)

    def _union_dataset(self) -> dict[str, list[str]]:
        """No parameters when the default graph already holds what the named graphs hold; else
        every named graph as default and named graph."""
        if not bool(self._post(ASK_NAMED, {})) or bool(self._post(ASK_DEFAULT, {})):
            return {}
        graphs = sorted(row["g"].value for row in self._post(LIST_GRAPHS, {}))
        dataset = {"default-graph-uri": graphs, "named-graph-uri": graphs}
        if not bool(self._post(ASK_DEFAULT, dataset)):
            raise EndpointError(
                f"{self.url}: the server's default graph is not the union of its named graphs, and it ignores "
                "default-graph-uri; start it with a union default graph (oxigraph serve --union-default-graph; "
                "Fuseki: tdb2:unionDefaultGraph true)")
        return dataset

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class PushReport:
    """What `push` sent: how many named graphs and triples."""

    graphs: int = 0
    triples: int = 0


def push(store: GraphStore, url: str, *, on_graph: Callable[[str, int], None] | None = None,
         timeout: float | httpx.Timeout = TIMEOUT, transport: httpx.BaseTransport | None = None) -> PushReport:
    """Send each named graph of ``store`` to a Graph Store Protocol endpoint, replacing the graph
    of the same IRI there (HTTP PUT with ``?graph=IRI``, N-Triples). Other graphs on the server
    are left alone.

    Args:
        store: the graphs to send.
        url: the Graph Store endpoint, e.g. ``http://localhost:7878/store`` (Oxigraph),
            ``http://localhost:3030/DATASET/data`` (Fuseki).
        on_graph: called with each graph's IRI and triple count once it is sent.

    Raises:
        EndpointError: the server cannot be reached or refuses a graph (the graphs sent before
            it stay sent; pushing again replaces them).
    """
    url = _checked(url)
    report = PushReport()
    with httpx.Client(timeout=timeout, transport=transport, follow_redirects=True) as client:
        for graph in store.graphs():
            data = store.graph_data(graph, "nt")
            _send(client, "PUT", url, params={"graph": graph}, content=data,
                  headers={"Content-Type": "application/n-triples"})
            count = data.count(b"\n")
            report.graphs += 1
            report.triples += count
            if on_graph is not None:
                on_graph(graph, count)
    return report


def _checked(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"'{url}' is not an http(s) URL; give the server's endpoint, e.g. http://localhost:7878/query")
    return url


def _send(client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """One request; a transport failure or an error status becomes a one-line kg error."""
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TimeoutException:
        raise EndpointError(f"{url}: no answer in time; the server may be overloaded, try again") from None
    except httpx.HTTPError as err:
        raise EndpointError(f"{url}: cannot reach the server ({err or type(err).__name__}); "
                            "check the URL and that the server is running") from None
    if response.is_success:
        return response
    detail = next((line.strip() for line in response.text.splitlines() if line.strip()), response.reason_phrase)
    if response.status_code == 400 and method == "POST":
        raise QueryError(f"{url} rejected the query: {detail}")
    hint = ""
    if response.status_code in (404, 405, 415):
        hint = ("; is it the server's SPARQL query endpoint (Oxigraph: /query)?" if method == "POST" else
                "; is it the server's Graph Store endpoint (Oxigraph: /store, Fuseki: /DATASET/data)?")
    if response.status_code in (401, 403):
        hint = "; put the user and password in the URL (https://user:password@host/...)"
    raise EndpointError(f"{url} answered {response.status_code} {response.reason_phrase}: {detail}{hint}")


def _parse(response: httpx.Response, url: str) -> Results:
    """The answer as pyoxigraph results, by its media type."""
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
        if results_format is not None:
            return ox.parse_query_results(response.content, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if rdf_format is not None:
            return list(ox.parse(response.content, rdf_format))
    except SyntaxError as err:
        raise EndpointError(f"{url} answered with invalid {media_type} ({str(err).splitlines()[0]})") from None
    raise EndpointError(f"{url} answered with '{media_type or 'no media type'}', not SPARQL results; "
                        "is it the server's SPARQL query endpoint (Oxigraph: /query)?")
