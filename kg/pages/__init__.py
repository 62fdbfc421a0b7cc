"""The interactive pages. In: the networkx view of a graph. Out: one self-contained HTML file
(pyvis, every script inlined) that works with no network.

Read `viewer` first; `layout` computes the positions in Python (the browser runs no physics);
`corpus_page` draws a corpus too large to hold in memory. `static/` holds the page's template,
script and style.
"""
