"""Extraction: one article's text and its spaCy parse in, an `Extraction` out (entities,
roles, quotations, proposals and facts, each fact with its evidence).

Read `extract` first: it runs the stages in order. `pipeline` loads spaCy; `mentions`, `names`,
`nametypes`, `namedafter` and `resolve` find the names and group them into entities, `governments`
makes an organisation of a government that acts ("the Hungarian government said"); `titles`, `roles` and
`references` find offices, whom they name and the words that refer to people, `descriptions` the
words that refer to organisations ("the court"); `quotes` finds quotations and speakers; `dates`
the dates facts happened on. Proposals: `clauses` reads a verb's clause (who acts, asserted or
negated, fact or intention or demand), `lexicon` the cue and speech verbs, `phrases` and
`proposals` name proposals and tell which phrases are one, `relations` (cue verbs), `nominals`
(proposal and stance nouns, "at the request of"), `evaluations` (verdicts: "ruled it unlawful")
and `stances` (stated intentions, refusals, purposes, stances said by a phrase, critical
quotations) find who stands where,
collected by `collector`; `links` the other relations between entities. `context` is what these
stages share about one article. The lexicons and gazetteers they read are the files in `data/`
(`gazetteer` reads them).
"""
