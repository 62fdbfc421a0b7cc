"""Reading inputs. In: paths, folders, globs and JSONL corpora (any of them gzipped), as a user
gives them. Out: `Article` records (text, id, title, url, date, author) one at a time, and a
`Note` or an `InputError` naming the file for anything that cannot be read.

Read `loading` first; `webpage` reads saved news pages (with trafilatura), `datelines` the date
at the top of a plain text and the dates users type. `example/article.txt` is the bundled article
`kg build` builds by default.
"""
