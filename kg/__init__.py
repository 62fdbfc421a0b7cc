"""kg: turn news articles into an RDF knowledge graph you can query with SPARQL and explore in a
browser. Offline, standard RDF (schema.org, PROV-O), every fact with the sentence it came from.

>>> from kg import build_article
>>> graph = build_article("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv.")  # doctest: +SKIP
"""

__version__ = "0.1.0"
