"""Request guards and response headers, as one plain ASGI middleware around the whole application (so a
401, 411 or 413 answered before any route runs carries the same headers as a page).

- Security headers on every response; pages fall back to a strict Content-Security-Policy with no inline
  script or style at all, and generated audit/dashboard pages get one naming the hash of their own
  inline script (see `generated_page_csp`).
- The access token (when the server has one): an `Authorization: Bearer` or `X-Fzcheck-Token` header
  for programs; for the page, a login form once, then an HttpOnly, SameSite=Strict session cookie (an
  HMAC of the token, never the token itself); a cookie-carrying POST from another origin is refused.
- Request size: a body must declare its length (411 otherwise) and may not exceed the limit (413), both
  decided before a byte of it is read.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from urllib.parse import quote

SESSION_COOKIE = "fzcheck_session"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
# Paths reachable without the token: the login form and the page's own static files (code, no data).
OPEN_PATHS = ("/login", "/static/", "/favicon.ico")
API_PATHS = ("/api/", "/openapi.json")
DRAIN_FACTOR = 4

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def generated_page_csp(html: str) -> str:
    """The policy for an audit or dashboard page the checker generated: its inline <style> (and the
    numeric style attributes of bars and indents) allowed, and only its own inline script, by hash.
    Report text inside those pages is escaped by jinja2's autoescape, so it never forms a <script>."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in _SCRIPT.findall(html))
    return (f"default-src 'none'; script-src {hashes or chr(39) + 'none' + chr(39)}; style-src 'unsafe-inline'; "
            f"img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Guard:
    """The ASGI middleware. `token` None: no authentication (loopback only; the command enforces it)."""

    def __init__(self, app, token: str | None, max_bytes: int):
        self.app = app
        self.token = token
        self.max_bytes = max_bytes
        self.secret = secrets.token_bytes(32)

    # ------------------------------------------------------------ sessions

    def session_value(self) -> str:
        return hmac.new(self.secret, (self.token or "").encode(), hashlib.sha256).hexdigest()

    def token_matches(self, candidate: str | None) -> bool:
        if not self.token or not candidate:
            return False
        return hmac.compare_digest(candidate.encode(), self.token.encode())

    def session_cookie(self) -> str:
        return f"{SESSION_COOKIE}={self.session_value()}; Path=/; HttpOnly; SameSite=Strict"

    @staticmethod
    def cleared_cookie() -> str:
        return f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"

    # ------------------------------------------------------------ ASGI

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in COMMON_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        refusal = self.refuse(scope)
        if refusal is not None:
            respond, cap = refusal
            await self.drain(scope, receive, cap)
            await respond(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def drain(scope, receive, cap: int) -> None:
        """Read and discard a refused request's body before answering: a client still sending when the
        server answers and closes sees a broken connection, not the 413/401 and its message. Bodies over
        `cap` bytes are not read; those clients may see the connection close instead."""
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if not length.isdigit() or int(length) == 0 or int(length) > cap:
            return
        while True:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body"):
                return

    def refuse(self, scope):
        """A response for a request that may not go further and how much of its body to read first (an
        unauthenticated client up to the request limit, an oversized upload up to DRAIN_FACTOR times it),
        or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        if self.token and not path.startswith(OPEN_PATHS):
            problem = self.authentication_problem(headers, method)
            if problem:
                if method in ("GET", "HEAD") and not path.startswith(API_PATHS):
                    return redirect("/login"), 0
                return json_response(401, problem, [(b"www-authenticate", b'Bearer realm="fzcheck"')]), self.max_bytes
        if method in ("POST", "PUT", "PATCH"):
            length = headers.get("content-length")
            if length is None:
                if "chunked" in headers.get("transfer-encoding", "").lower():
                    return json_response(411, "请求需要注明长度（Content-Length），不接受分块上传"), 0
            elif not length.isdigit():
                return json_response(400, "请求头 Content-Length 无效"), 0
            elif int(length) > self.max_bytes:
                return json_response(413, f"上传内容过大：一次最多 {megabytes(self.max_bytes)}，"
                                          f"本次为 {megabytes(int(length))}；请分几次上传"), DRAIN_FACTOR * self.max_bytes
        return None

    def authentication_problem(self, headers: dict, method: str) -> str | None:
        authorization = headers.get("authorization", "")
        bearer = authorization[7:].strip() if authorization[:7].lower() == "bearer " else None
        if self.token_matches(bearer) or self.token_matches(headers.get("x-fzcheck-token")):
            return None
        cookie = _cookie(headers.get("cookie", ""), SESSION_COOKIE)
        if cookie and hmac.compare_digest(cookie.encode(), self.session_value().encode()):
            if method not in ("GET", "HEAD") and not same_origin(headers):
                return "拒绝来自其他网站的请求"
            return None
        if bearer or headers.get("x-fzcheck-token") or cookie:
            return "访问令牌不正确"
        return "需要访问令牌：在请求头 Authorization: Bearer <令牌> 中提供，或在网页上登录"


def same_origin(headers: dict) -> bool:
    """A browser's POST names where it comes from; it must be this server (a non-browser sends neither)."""
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} 字节"


def json_response(status: int, message: str, extra: list | None = None):
    body = json.dumps({"detail": message}, ensure_ascii=False).encode()

    async def respond(scope, receive, send):
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
                                *(extra or [])]})
        await send({"type": "http.response.body", "body": body})
    return respond


def redirect(location: str):
    async def respond(scope, receive, send):
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", quote(location, safe="/?=&").encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})
    return respond
