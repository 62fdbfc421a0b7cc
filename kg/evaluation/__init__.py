"""Scoring extraction (`kg eval`). In: gold files and the articles beside them. Out: the figures
of each article and of each suite, as the reference scorer computes them on the Turtle files that
`kg build` writes.

Read `evaluate` first. `graphs` builds the articles with `kg build` into a temporary folder and
reads the Turtle back; `graphview` reads any graph by the local names of its predicates;
`articles` scores article gold (facts, entities, proposals); `gum` scores GUM entity and
coreference gold; `proposal_groups` scores cross-article proposal merges against annotated groups
(pairwise precision and recall).
"""
