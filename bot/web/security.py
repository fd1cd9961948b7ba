"""Security for the staff page: headers, sign-in gate, CSRF tokens, login rate limit."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import quote

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: every script and sheet is a file under /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
PUBLIC_PATHS = ("/login", "/healthz")
PUBLIC_PREFIXES = ("/static/",)
SESSION_KEY = "staff"  # signed in: the search, topics and print view
ADMIN_KEY = "admin"  # signed in with the admin password: the dashboard too
CSRF_KEY = "csrf"
CSRF_FIELD = "csrf_token"


class SecurityHeaders:
    """Adds the security headers to every response; a route may set its own CSP."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                # Passages change with the knowledge base, and pages carry CSRF tokens.
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class StaffOnly:
    """Sends anyone not signed in to /login (the JSON API answers 401); inside
    SessionMiddleware, so the session is already read."""

    def __init__(self, app: ASGIApp, required: bool) -> None:
        self.app = app
        self.required = required

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or not self.required
            or path in PUBLIC_PATHS
            or path.startswith(PUBLIC_PREFIXES)
            or scope["session"].get(SESSION_KEY)
        ):
            await self.app(scope, receive, send)
            return
        if path.startswith("/api/"):
            status, headers = 401, [(b"content-type", b"application/json")]
            body = b'{"error": "sign in first"}'
        else:
            status, body = 303, b""
            location = "/login?next=" + quote(path, safe="/")
            headers = [(b"location", location.encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use."""
    token = request.session.get(CSRF_KEY)
    if not token:
        token = request.session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def csrf_ok(request: Request, given: object) -> bool:
    """Whether a submitted token is this session's."""
    expected = request.session.get(CSRF_KEY)
    return (
        isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(given.encode(), str(expected).encode())
    )


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path on this site, never another host."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


class LoginLimiter:
    """At most `limit` failed sign-ins per client address in any `window` seconds.

    Only failures count: the staff of one clinic often share one address, and their
    successful sign-ins must not lock each other out.
    """

    def __init__(
        self, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def blocked(self, client: str) -> bool:
        """Whether the client has used up its attempts for now."""
        self._expire(self.clock())
        return len(self._failures.get(client, ())) >= self.limit

    def failed(self, client: str) -> None:
        """Count one failed attempt."""
        self._failures.setdefault(client, deque()).append(self.clock())

    def _expire(self, now: float) -> None:
        # Dropping emptied addresses keeps memory bounded by the last minute's clients.
        for client in list(self._failures):
            failures = self._failures[client]
            while failures and now - failures[0] >= self.window:
                failures.popleft()
            if not failures:
                del self._failures[client]
