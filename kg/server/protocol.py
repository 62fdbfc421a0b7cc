"""Reading a SPARQL 1.1 Protocol request: which operation it carries (query or update), its text,
its dataset parameters and the format asked for, with the request-size limit applied while the
body is read. Anything malformed is `Refused` with a 4xx status and a one-line reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.requests import Request

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status and the reason to send."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Operation:
    kind: str  # "query", "update" or "none"
    text: str = ""
    format: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def query_pairs(raw: bytes | str, where: str) -> list[tuple[str, str]]:
    """The name=value pairs of a query string or form body, percent-decoded as UTF-8.

    Raises:
        Refused: a value is not UTF-8 once decoded (400).
    """
    try:
        text = raw.decode("ascii") if isinstance(raw, bytes) else raw
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, f"the {where} is not UTF-8 percent-encoded") from None


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) past ``limit`` bytes, before or while it arrives."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the request is larger than the server's limit of {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"the request is larger than the server's limit of {limit:,} bytes")
    return bytes(body)


def _media_type(request: Request) -> tuple[str, str | None]:
    value = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in params if p.lower().startswith("charset=")), None)
    return media.lower(), charset


async def read_operation(request: Request, limit: int) -> Operation:
    """The operation a GET or POST to the endpoint carries.

    Raises:
        Refused: too large (413), not UTF-8, several queries, an update by GET, a body of another
            media type (415), or a query and an update at once.
    """
    if len(request.url.query) > limit:
        raise Refused(414, f"the request URL is longer than the server's limit of {limit:,} bytes; POST the query")
    params = query_pairs(request.url.query, "query string")
    body_text = None
    if request.method == "POST":
        media, charset = _media_type(request)
        body = await read_body(request, limit)
        if charset not in (None, "utf-8", "utf8"):
            raise Refused(415, f"the request body must be UTF-8, not {charset}")
        if media == FORM:
            params += query_pairs(body, "form body")
        elif media in (QUERY, UPDATE):
            try:
                body_text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise Refused(400, "the request body is not UTF-8") from None
            params.append(("query" if media == QUERY else "update", body_text))
        else:
            raise Refused(415, f"POST a form ({FORM}), a query ({QUERY}) or an update ({UPDATE}), not '{media or 'no media type'}'")
    values: dict[str, list[str]] = {}
    for name, value in params:
        values.setdefault(name, []).append(value)
    queries, updates = values.get("query", []), values.get("update", [])
    if len(queries) + len(updates) > 1:
        raise Refused(400, "a request carries one query or one update, not several")
    if updates and request.method != "POST":
        raise Refused(400, "an update must be POSTed (form-encoded or application/sparql-update)")
    if updates and (values.get("using-graph-uri") or values.get("using-named-graph-uri")):
        raise Refused(400, "using-graph-uri and using-named-graph-uri are not supported; use USING or WITH in the update")
    fmt = (values.get("format") or values.get("output") or [None])[0]
    kind = "query" if queries else "update" if updates else "none"
    return Operation(kind, (queries or updates or [""])[0], fmt, values.get("default-graph-uri", []),
                     values.get("named-graph-uri", []))
