"""The dev sign-in exists only in the local stack (SPEC §11): the API app, built exactly as the Lambda handler
builds it (`functions/api/app.py`, imported as Lambda imports it), has neither of its paths, whoever asks."""

from __future__ import annotations

from typing import Any

import pytest
from purelift.domain.model import Role
from purelift.local.devauth import IDENTITIES_PATH, TOKEN_PATH

from tests.functional.backend_support import Stack, api_event, call_api, load_function


def event_for(method: str, path: str, body: Any = None, user: str | None = "alice") -> dict[str, Any]:
    event = api_event("me", user=user, role=Role.ADMIN, body=body)
    event["httpMethod"] = event["requestContext"]["httpMethod"] = method
    event["path"] = path
    event["pathParameters"] = {"proxy": path.removeprefix("/api/")}
    event["requestContext"]["path"] = f"/prod{path}"
    return event


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("GET", IDENTITIES_PATH, None), ("POST", TOKEN_PATH, {"user_id": "alice"}), ("POST", TOKEN_PATH, None)],
)
@pytest.mark.parametrize("user", ["alice", None], ids=["signed-in", "anonymous"])
def test_the_lambda_api_has_no_dev_sign_in(
    module_stack: Stack, method: str, path: str, body: Any, user: str | None
) -> None:
    response = call_api(event_for(method, path, body, user))

    assert (response.status, response.json()["error"]["code"]) == (404, "not_found"), response.body
    assert "token" not in response.json()


def test_no_route_of_the_lambda_app_is_under_dev(module_stack: Stack) -> None:
    app = load_function("api").app
    paths = {getattr(route, "path", "") for route in app.routes}
    assert IDENTITIES_PATH.startswith("/api/v1/dev/") and TOKEN_PATH.startswith("/api/v1/dev/")
    assert not [p for p in paths if "/dev" in p]
    document = call_api(api_event("openapi", user=None)).json()
    assert not [p for p in document["paths"] if "/dev" in p]
