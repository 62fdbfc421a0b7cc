"""The HTTP connection of `kg serve`: uvicorn's HTTP/1.1 protocol (h11), with a clear answer to a
request whose head is too long, and no reset.

h11 reads a request's head (its line and headers) into a buffer of bounded size. Past it, uvicorn
answers 400 and closes the connection at once; the client is still sending (a 2 MB URL), the
kernel resets the connection for the bytes left unread, and the client sees "connection reset",
never the answer. Here such a request gets 414 (its URL is too long: POST the query) or 431 (its
headers are), and the connection is closed only once the client has stopped sending, or after
``LINGER_SECONDS``: what it still sends is read and dropped (a lingering close, as web servers do).
The buffer holds the server's request limit plus ``HEAD_ROOM``, so every URL the endpoint accepts
reaches it, and the endpoint answers the ones past its limit 414 itself.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEAD_LIMIT = 16 * 1024  # h11's, when uvicorn is given none
HEAD_ROOM = 64 * 1024
"""Bytes of headers a request may carry besides its URL."""
LINGER_SECONDS = 5.0


def head_limit(max_request_bytes: int) -> int:
    """The largest request head h11 buffers, for a server accepting ``max_request_bytes``."""
    return max_request_bytes + HEAD_ROOM


class LingeringH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering an oversized head 414 or 431 with a lingering close."""

    _draining = False
    _closer: asyncio.TimerHandle | None = None

    def data_received(self, data: bytes) -> None:
        if not self._draining:  # once answered, whatever still comes is dropped
            super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        """Called by uvicorn when h11 cannot read a request: too long, or malformed."""
        pending, _ = self.conn.trailing_data
        if len(pending) > (self.config.h11_max_incomplete_event_size or DEFAULT_HEAD_LIMIT):
            if b"\r\n" not in pending:
                status, msg = 414, "the request URL is longer than the server accepts; POST the query instead"
            else:
                status, msg = 431, "the request headers are larger than the server accepts"
        else:
            status = 400
        self._answer_and_linger(status, msg)

    def _answer_and_linger(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        reason = {400: "Bad Request", 414: "URI Too Long", 431: "Request Header Fields Too Large"}[status]
        head = (f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
                f"content-length: {len(body)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n")
        self.transport.write(head.encode("ascii") + body)
        self._draining = True
        if self.transport.can_write_eof():
            self.transport.write_eof()  # the client sees the whole answer, then the end of it
        self._closer = self.loop.call_later(LINGER_SECONDS, self.transport.close)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._closer is not None:
            self._closer.cancel()
        super().connection_lost(exc)
