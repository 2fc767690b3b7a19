"""Lambda authorizer for the REST API and the WebSocket `$connect` route: verifies the JWT."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from purelift.auth.authorizer import authorize_event
from purelift.auth.tokens import InvalidTokenError, TokenVerifier
from purelift.observability import logger
from purelift.settings import load_auth_settings


@lru_cache(maxsize=1)
def verifier() -> TokenVerifier:
    return TokenVerifier(load_auth_settings())


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    try:
        return authorize_event(event, verifier())
    except InvalidTokenError as exc:
        # One line with the reason, no stack trace: a refused token is routine (expired sessions), not a fault.
        logger.info("token rejected", extra={"reason": exc.reason})
        # API Gateway's contract: this exact message means 401 (REST) / a refused connection (WebSocket).
        raise Exception("Unauthorized") from None
