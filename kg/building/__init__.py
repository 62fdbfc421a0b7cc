"""Building: what `kg build` does. In: input paths. Out: Turtle per article, TriG per corpus,
the pages, and optionally a persistent store, with a `BuildReport`.

Read `build` first. `workers` turns articles into RDF in this process, in worker processes or on
a Dask cluster; `outputs` writes the files; `ingest` adds articles to a store incrementally;
`merge` merges the same entity named differently across articles (recorded, undoable);
`proposal_merge` the same proposal reported by several articles, through `merge`'s records.
"""
