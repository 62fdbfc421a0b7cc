"""What every layer shares, and nothing else: the typed records that flow between the stages
(`records`: Article, Entity, Fact, Evidence, Extraction, ...), kg's exceptions (`errors`),
writing files atomically (`files`), temporary folders removed even after a kill (`scratch`),
SIGTERM handled like Ctrl-C (`signals`) and the version (`version`). Imports no other part of kg.
"""
