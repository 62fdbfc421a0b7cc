"""The RDF model and the store. In: `Extraction` records. Out: one named graph per article
(`model`), in an Oxigraph store in memory or on disk (`store`), checked against the SHACL shapes
(`validate`, `shapes.ttl`).

Read `namespace` first (IRIs and the ontology terms of `ontology.ttl`), then `model`. `sparql`
binds parameters into SPARQL text, for the store and for remote endpoints alike; `counting` is
how kg counts entities and facts, everywhere it counts them. `summary` keeps a store's summary
graph (each node and relation once, with counts; shapes in `summary_shapes.ttl`) up to date with
its article graphs; `ranks` keeps there the position of each item in the order a question
shows it.
"""
