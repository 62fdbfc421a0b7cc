"""The interactive pages. In: the networkx view of a graph (and the counts of `kg.rdf.counting`
for its legend). Out: one self-contained HTML file (vis-network, every script inlined) that works
with no network.

Read `viewer` first; `layout` computes the positions in Python (the browser runs no physics);
`corpus_page` draws a corpus too large to hold in memory from the articles' views. `static/`
holds the page's template, scripts (`viewer.js` draws the labels, the filters and the entity
list; `time.js` dates the facts for the date filter and draws a proposal's stances as a
timeline) and style.
"""

DEFAULT_MAX_NODES = 5000
"""Past this many nodes a page draws the best-connected only (here, so that the command line can
name the default without importing the page machinery, numpy and all)."""
