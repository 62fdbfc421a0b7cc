"""`kg serve`. In: a store or RDF files. Out: a SPARQL 1.1 Protocol endpoint at /sparql, the
graph explorer at / and a query editor at /query, over HTTP.

Read `app` first (the Starlette application and its limits). `connection` is the HTTP connection
(uvicorn's, answering over-long request heads), `protocol` reads a request, `sparql` decides what
is refused and in which format a result is written, `pool` runs every query in a `worker` process
so that a runaway one can be stopped and slow ones cannot take every worker, `pages` serves the
explorer, the editor (`static/`) and the stored queries.
"""
