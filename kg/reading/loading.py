"""Reading inputs into `Article` records: text files, directories, globs, JSONL (optionally gzip).

A bad input never stops the others: `load_articles` yields a `Failure` for it (with a one-line
message naming the file and what to do) and goes on.
"""

from __future__ import annotations

import glob
import gzip
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from ..core.errors import InputError
from ..core.records import Article
from .datelines import dateline_line, find_dateline
from .webpage import read_web_page

_DAMAGED_GZIP = (EOFError, gzip.BadGzipFile, zlib.error)
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class Failure(NamedTuple):
    """An input that could not be read; ``message`` is one line, meant for the user."""

    source: str
    message: str


class Note(NamedTuple):
    """Something the user should know about an input that was read (an encoding guess...)."""

    source: str
    message: str


def safe_id(raw: str) -> str:
    """A file-name-safe identifier: letters, digits, ``._-``; other runs become one ``_``.

    >>> safe_id("2019/03 Erdogan: Hagia Sophia")
    '2019_03_Erdogan_Hagia_Sophia'
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._")
    return cleaned[:150] or "article"


def expand_inputs(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Expand files, directories (their article files, sorted) and glob patterns into files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _article_suffix(p))
            if not found:
                yield Failure(str(path), f"{path}: no article files (.txt, .html, .jsonl) in this directory; point kg at a file or a folder of articles")
            yield from found
        elif path.is_file():
            yield path
        elif any(ch in str(raw) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True) if Path(p).is_file())
            if not matches:
                yield Failure(str(raw), f"{raw}: the pattern matches no file; check the pattern")
            yield from matches
        else:
            yield Failure(str(path), f"{path}: no such file or directory; check the path")


def _article_suffix(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and (suffixes[-1] in TEXT_SUFFIXES or suffixes[-1] in JSONL_SUFFIXES)


def is_jsonl(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES


def stem_of(path: Path) -> str:
    """The output stem of an input file: its name without ``.gz`` and the article suffix."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return safe_id(Path(name).stem)


def load_articles(paths: Iterable[str | Path]) -> Iterator[Article | Failure | Note]:
    """Stream the articles of every input, one at a time, with failures in place of bad inputs."""
    for item in expand_inputs(paths):
        if isinstance(item, Failure):
            yield item
        elif is_jsonl(item):
            yield from read_jsonl(item)
        else:
            try:
                article, note = read_text_file(item)
            except InputError as err:
                yield Failure(str(item), str(err))
                continue
            if note:
                yield Note(str(item), note)
            yield article


def count_articles(paths: Iterable[str | Path]) -> int:
    """How many articles the inputs hold, roughly (a JSONL corpus: its non-blank lines), for a
    progress bar. Unreadable inputs count as none."""
    total = 0
    for item in expand_inputs(paths):
        if isinstance(item, Failure):
            continue
        if not is_jsonl(item):
            total += 1
            continue
        try:
            with (gzip.open if item.name.lower().endswith(".gz") else open)(item, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except (OSError, EOFError, gzip.BadGzipFile):
            pass
    return total


def read_text_file(path: Path) -> tuple[Article, str | None]:
    """Read one article file (plain text or HTML, any common encoding, optionally gzip).

    Returns:
        The article, and a note for the user when the encoding had to be guessed.

    Raises:
        InputError: the file is unreadable, binary or empty.
    """
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except _DAMAGED_GZIP as err:
        raise InputError(f"{path}: the gzip file is cut short or damaged ({_reason(err)}); compress it again") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({_reason(err)}); check the file and its permissions") from None
    text, note = decode_bytes(data, str(path))
    stem = stem_of(path)
    if looks_like_html(path, text):
        page = read_web_page(text)
        article = Article(id=stem, text=normalise_text(page.text), source=str(path), title=page.title, url=page.url,
                          date=page.date, author=page.author)
    else:
        text = normalise_text(text)
        article = Article(id=stem, text=text, source=str(path), title=_title_line(text), date=find_dateline(text))
    if not article.text.strip():
        raise InputError(f"{path}: the file holds no text; give an article with some text or remove it from the inputs")
    return article, note


def read_jsonl(path: Path) -> Iterator[Article | Failure]:
    """Read a JSONL corpus: one JSON object a line with ``text`` and optional ``id``, ``title``,
    ``url``, ``date``, ``author``; a text without a ``date`` gets its dateline's. A malformed line is a failure naming its line number; the others go on. A
    binary file is one failure, not one per line; in a damaged gzip file, the lines before the
    damage are read."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    seen: dict[str, int] = {}
    try:
        with opener(path, "rb") as handle:
            if _looks_binary(handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""):
                yield Failure(str(path), f"{path}: looks like a binary file, not JSONL; give one JSON object a line, in UTF-8")
                return
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    yield _jsonl_article(path, number, raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw, seen)
                except InputError as err:
                    yield Failure(f"{path}:{number}", str(err))
    except _DAMAGED_GZIP as err:
        yield Failure(str(path), f"{path}: the gzip file is cut short or damaged ({_reason(err)}); the articles before "
                                 "the damage are built; compress the corpus again")
    except OSError as err:
        yield Failure(str(path), f"{path}: cannot be read ({_reason(err)}); check the file and its permissions")


def _jsonl_article(path: Path, number: int, raw: bytes, seen: dict[str, int]) -> Article:
    where = f"{path}:{number}"
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{where}: the line is not UTF-8; JSONL must be UTF-8") from None
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not valid JSON ({err.msg.removesuffix(' at')} at column {err.colno}); "
                         "fix or remove the line") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a \"text\" field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: no \"text\" field with article text; each line needs one")
    meta = {key: (without_surrogates(str(record[key])) if record.get(key) is not None else None)
            for key in ("title", "url", "date", "author")}
    base = safe_id(without_surrogates(str(record["id"]))) if record.get("id") not in (None, "") else f"{stem_of(path)}-{number}"
    seen[base] = seen.get(base, 0) + 1
    article_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
    text = normalise_text(text)
    if looks_like_html(None, text):
        page = read_web_page(text)
        text = normalise_text(page.text)
        meta = {key: meta[key] or getattr(page, key) for key in meta}
    if meta["date"] is None:
        meta["date"] = find_dateline(text)
    return Article(id=article_id, text=text, source=where, **meta)


def decode_bytes(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else the encoding
    charset-normalizer finds most likely. Binary data is refused.

    Returns:
        The text and, when the encoding was guessed, a note saying which one was used.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), f"{source}: read as UTF-16"
    if _looks_binary(data):
        raise InputError(f"{source}: looks like a binary file, not text; give plain text, HTML or JSONL")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text, encoding = guess_encoding(data)
    if text is None:
        raise InputError(f"{source}: the text encoding cannot be recognised; convert the file to UTF-8")
    return text, f"{source}: not UTF-8; read as {encoding}"


def guess_encoding(data: bytes) -> tuple[str | None, str]:
    """Decode bytes that are not UTF-8 with charset-normalizer, among its readings that look least
    like mojibake preferring Windows-1252 (what most such files are: a short French text is
    otherwise read as ISO-8859-14, its guillemets turned into "ḋ" and "Ṡ") unless its reading puts
    symbols against letters the way Central European text read as Windows-1252 does ("spotka³").

    Returns:
        The text (None when nothing fits) and the name of the encoding used.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None, ""
    least = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= least + 1e-6]
    western = next((m for m in clean if m.encoding in ("cp1252", "latin_1", "iso8859_15")), None)
    if western is not None and not _CENTRAL_EUROPEAN_TELLS.search(str(western)):
        choice = western
    else:
        choice = min(clean, key=lambda m: (sum(map(_unusual, str(m))), clean.index(m)))
    text = str(choice)
    for common in ("cp1252", "latin-1"):
        try:
            if data.decode(common) == text:
                return text, common
        except UnicodeDecodeError:
            pass
    return text, choice.encoding


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CENTRAL_EUROPEAN_TELLS = re.compile(r"(?<=\w)[³¹¿£¥œŸ¾¼½ªº]|[³¹¿£¥œŸ¾¼½ªº](?=\w)")


def _unusual(char: str) -> bool:
    """A character rare in running text: Latin Extended Additional, box drawing, other symbols."""
    code = ord(char)
    return 0x1E00 <= code <= 0x1EFF or 0x2500 <= code <= 0x25FF or unicodedata.category(char) in ("So", "Co")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.05


def normalise_text(text: str) -> str:
    """Newlines to ``\\n`` and lone surrogates (JSON can hold ``"\\ud800"``, UTF-8 cannot) to
    U+FFFD; nothing else changes, so offsets stay meaningful to the reader."""
    return without_surrogates(text.replace("\r\n", "\n").replace("\r", "\n"))


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, one character for one.

    >>> without_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    return LONE_SURROGATE.sub("\ufffd", text)


def looks_like_html(path: Path | None, text: str) -> bool:
    if path is not None and any(s.lower() in (".html", ".htm") for s in path.suffixes):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in text.lower()


def _title_line(text: str) -> str | None:
    """A headline: a short first line, without a final full stop, followed by a blank line (a
    dateline before it is passed over)."""
    text = text.lstrip()
    dateline = dateline_line(text)
    if dateline is not None:
        text = text.lstrip()[len(dateline):].lstrip(" \t\n")
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if sep and rest.startswith("\n") and 0 < len(first) <= 200 and not first.endswith((".", "”", '"')):
        return first
    return None


def _reason(err: BaseException) -> str:
    return getattr(err, "strerror", None) or str(err) or type(err).__name__
