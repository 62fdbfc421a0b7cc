"""Extraction: one article's text and its spaCy parse in, an `Extraction` out (entities,
roles, quotations, proposals and facts, each fact with its evidence).

Read `extract` first: it runs the stages in order. `pipeline` loads spaCy; `mentions`,
`nametypes` and `resolve` find the names and group them into entities; `titles`, `roles` and
`references` find offices, whom they name and the words that refer to people, `descriptions` the
words that refer to organisations ("the court"); `quotes` finds quotations and speakers;
`phrases`, `proposals`, `relations` and `stances` find proposals and who stands where on them;
`links` the other relations between entities. `context` is what these stages share about one
article. The lexicons and gazetteers they read are the files in `data/` (`gazetteer` reads them).
"""
