"""Asking the graph. In: a store, RDF files or a remote SPARQL endpoint. Out: query results,
the networkx view of the entity graph, exports to other formats.

Read `queries` first (the stored queries of `queries/*.rq`, their parameters), then `network`
(networkx: paths, neighbours, centrality, communities); `views` reads the same networkx view from
one article's triples without SPARQL (what a build's workers do). `results` writes results as tables or in
the SPARQL results formats; `remote` speaks the SPARQL 1.1 Protocol and the Graph Store Protocol
to other servers; `exporting` converts to other formats and counts what a graph holds; `timeline` lists one entity's
facts in date order.
"""
