"""The web app's files as the local stack serves them (SPEC §11: `make dev` serves `web/dist` at `/`), standing in
for the S3 bucket behind CloudFront in AWS.

- `GET /config.json`: the app's runtime settings, from the ports the stack actually bound:
  `{"api_url": "http://127.0.0.1:8000/api/v1", "ws_url": "ws://127.0.0.1:8001/prod", "auth": "local"}`
  (`Cache-Control: no-store`; it wins over a `config.json` in `web/dist`).
- A file of `web/dist` is served with its content type; Vite's fingerprinted files (`assets/name-HASH.ext`)
  are `Cache-Control: public, max-age=31536000, immutable`, everything else `no-cache` with an `ETag`, so a
  rebuild shows at the next reload (a matching `If-None-Match` is 304).
- Any other path (`/jobs/…/files/…`) is the app's own route: `index.html` (the SPA fallback, `no-cache`).
- Without `web/dist/index.html` every page is a short HTML page saying how to build the app; the API is unaffected.

Paths are looked up, never joined blindly: a segment that is empty, `.`, `..`, or holds a backslash, a NUL or a
control character names no file (the fallback answers), and the resolved file must lie inside `web/dist` (a link
out of it is not followed), so nothing outside the folder is ever read.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Headers = list[tuple[str, str]]
CONFIG_PATH = "/config.json"
IMMUTABLE = "public, max-age=31536000, immutable"
# Vite's default output names: `assets/[name]-[hash].[ext]`, the hash 8+ characters of base64url.
_FINGERPRINTED = re.compile(r"^assets/(?:.+/)?[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$")
_BAD_SEGMENT = re.compile(r"[\x00-\x1f\x7f\\]")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".wasm": "application/wasm",
    ".xml": "application/xml",
}
COMMON: Headers = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>purelift: the web app is not built</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}}
code,pre{{background:#8882;padding:.1rem .3rem;border-radius:.25rem}}</style></head>
<body><h1>The web app is not built</h1>
<p>The local stack is running and its API works (<a href="/api/docs">Swagger UI</a>), but there is no
<code>{dist}/index.html</code> to serve.</p>
<p>Build it with <strong>Node.js 20 or newer</strong> (<a href="https://nodejs.org/">nodejs.org</a>, or your
system's package manager, or <code>nvm install 20</code>): <code>make dev</code> builds it before starting, or by
hand:</p>
<pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>then reload this page.</p></body></html>
"""


@dataclass(slots=True)
class WebResponse:
    status: int
    headers: Headers = field(default_factory=list)
    body: bytes = b""


class WebSite:
    """`web/dist` and `/config.json`, answering GET and HEAD."""

    def __init__(self, dist: Path, config: dict[str, Any]) -> None:
        self.dist = dist
        self.config = config

    @property
    def built(self) -> bool:
        return (self.dist / "index.html").is_file()

    def answer(self, path: str, request_headers: dict[str, str]) -> WebResponse:
        """The answer to a GET of `path` (already percent-decoded); the caller drops the body for HEAD."""
        if path == CONFIG_PATH:
            body = json.dumps(self.config).encode()
            return WebResponse(
                200, [("Content-Type", "application/json"), ("Cache-Control", "no-store"), *COMMON], body
            )
        if not self.built:
            body = NOT_BUILT.format(dist=html.escape(str(self.dist))).encode()
            return WebResponse(200, [("Content-Type", TYPES[".html"]), ("Cache-Control", "no-store"), *COMMON], body)
        relative = path.lstrip("/")
        file = self._file(relative)
        if file is None:
            file, relative = self.dist / "index.html", "index.html"
        return self._serve(file, relative, request_headers)

    def _file(self, relative: str) -> Path | None:
        """The file `relative` names inside `dist`, or None (the SPA fallback then answers)."""
        if not relative:
            return None
        parts = relative.split("/")
        if any(part in ("", ".", "..") or _BAD_SEGMENT.search(part) for part in parts):
            return None
        root = self.dist.resolve()
        try:
            candidate = root.joinpath(*parts).resolve()
        except (OSError, RuntimeError):  # a link loop
            return None
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate

    def _serve(self, file: Path, relative: str, request_headers: dict[str, str]) -> WebResponse:
        stat = file.stat()
        etag = '"' + hashlib.sha1(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:20] + '"'
        cache = IMMUTABLE if _FINGERPRINTED.match(relative) else "no-cache"
        content_type = TYPES.get(file.suffix.lower(), "application/octet-stream")
        headers = [("Content-Type", content_type), ("Cache-Control", cache), ("ETag", etag), *COMMON]
        if etag in [tag.strip() for tag in request_headers.get("if-none-match", "").split(",")]:
            return WebResponse(304, [h for h in headers if h[0] != "Content-Type"])
        return WebResponse(200, headers, file.read_bytes())
