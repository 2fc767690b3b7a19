"""The docs pages and wrong methods through the local REST gateway over a real socket: the routes template.yaml
declares decide what a browser without a token gets (issue 9, item 13)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import httpx
import pytest

from tests.e2e.e2e_support import Served, token


def _static_dir() -> Path:
    spec = importlib.util.find_spec("fastapi_offline")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@pytest.mark.parametrize("page", ["/api/docs", "/api/redoc"])
def test_the_docs_pages_and_their_assets_load_without_a_token_or_a_cdn(stack: Served, page: str) -> None:
    html = httpx.get(f"{stack.rest}{page}", timeout=10)
    assert html.status_code == 200
    assert "https://" not in html.text and "http://" not in html.text
    assets = re.findall(r'src="(/[^"]+)"', html.text) + re.findall(r'stylesheet" href="(/[^"]+)"', html.text)
    assert assets, html.text
    for url in assets:
        # no Authorization header: the gateway's own route for the assets has no authorizer
        answer = httpx.get(f"{stack.rest}{url}", timeout=10)
        assert answer.status_code == 200, (url, answer.text[:200])
        assert answer.headers["content-type"].startswith(("text/javascript", "text/css"))
        assert answer.content == (_static_dir() / url.rsplit("/", 1)[1]).read_bytes()


@pytest.mark.parametrize(
    ("method", "path", "with_token", "status", "allow"),
    [
        # public routes are ANY in the template: the app answers, not API Gateway's 403
        ("POST", "/api/v1/health", False, 405, "GET"),
        ("DELETE", "/api/docs", False, 405, "GET"),
        ("POST", "/api/docs/static/swagger-ui.css", False, 405, "GET"),
        # behind the authorizer: a valid token first, then the method
        ("PUT", "/api/v1/me", True, 405, "GET"),
        ("DELETE", "/api/v1/teams", True, 405, "GET, POST"),
        ("PUT", "/api/v1/me", False, 401, None),
    ],
)
def test_a_wrong_method_is_405_with_allow_through_the_gateway(
    stack: Served, method: str, path: str, with_token: bool, status: int, allow: str | None
) -> None:
    headers = {"Authorization": f"Bearer {token('method-13')}"} if with_token else {}
    response = httpx.request(method, f"{stack.rest}{path}", headers=headers, timeout=10)
    assert response.status_code == status, response.text
    assert response.headers.get("allow") == allow
