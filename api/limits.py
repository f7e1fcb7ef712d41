"""Guard the request body before anything reads it: a size limit, and a key check for bodies.

A body over the limit gets 413 before it is read or parsed, whatever the key: at once when its
Content-Length says so, else as soon as the streamed (chunked) bytes pass the limit. A body sent
without a live key gets 401 before it is read, so a stranger cannot make the server parse anything.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import anyio
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tools.keys import KeyStore

MB = 1024 * 1024
# No bearer key here: liveness, and the owner's pages (their forms carry a session cookie, checked there).
KEYLESS_PREFIXES = ("/health", "/ui")

KeyCheck = Callable[[str | None], Awaitable[bool]]


class BodyTooLarge(HTTPException):
    """The request body is over the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request body is over the {limit / MB:g} MB limit (RECAP_MAX_BODY_MB)",
            headers={"Connection": "close"},
        )


def declared_length(headers: Headers) -> int | None:
    """Return the Content-Length the client declared, or None (chunked or absent)."""
    value = headers.get("content-length")
    return int(value) if value is not None and value.strip().isdigit() else None


def has_body(headers: Headers) -> bool:
    """Return whether the request says it carries a body."""
    length = declared_length(headers)
    return bool(length) or "chunked" in headers.get("transfer-encoding", "").lower()


def bearer_token(headers: Headers) -> str | None:
    """Return the token of an `Authorization: Bearer TOKEN` header, or None."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _keyless(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in KEYLESS_PREFIXES)


def key_check(keys: KeyStore) -> KeyCheck:
    """Return an async check that a bearer token is a live key (looked up afresh every time)."""

    async def is_live(token: str | None) -> bool:
        return token is not None and await anyio.to_thread.run_sync(keys.lookup, token) is not None

    return is_live


class BodyGuard:
    """ASGI middleware: 413 for a body over `max_bytes`, 401 for a body without a live key."""

    def __init__(self, app: ASGIApp, max_bytes: int, key_is_live: KeyCheck | None = None) -> None:
        self.app, self.max_bytes, self.key_is_live = app, max_bytes, key_is_live

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = declared_length(headers)
        if length is not None and length > self.max_bytes:
            await self._answer(scope, receive, send, BodyTooLarge(self.max_bytes))
            return
        if (
            self.key_is_live
            and not _keyless(scope["path"])
            and has_body(headers)
            and not await self.key_is_live(bearer_token(headers))
        ):
            await self._answer(
                scope,
                receive,
                send,
                HTTPException(
                    401, "missing or invalid API key", headers={"WWW-Authenticate": "Bearer", "Connection": "close"}
                ),
            )
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, refusing the body once its streamed bytes pass the limit."""
        total, started = 0, False

        async def counting_receive() -> Message:
            nonlocal total
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:  # raised where no exception handler caught it
            if started:
                raise
            await self._answer(scope, receive, send, exc)

    @staticmethod
    async def _answer(scope: Scope, receive: Receive, send: Send, exc: HTTPException) -> None:
        response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        await response(scope, receive, send)
