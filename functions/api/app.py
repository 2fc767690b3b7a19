"""The REST API function: the FastAPI app behind API Gateway, through Mangum."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from mangum import Mangum
from purelift.api.app import create_app
from purelift.observability import logger, tracer
from purelift.settings import load_http_settings
from purelift.wiring.api import backend

app = create_app(backend, allowed_origin=load_http_settings().allowed_origin)
asgi_handler = Mangum(app, lifespan="off")


def _handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = asgi_handler(event, context)
    return response


@lru_cache(maxsize=1)
def _traced() -> Any:
    """The handler wrapped by the tracer, built by the first invocation: the X-Ray SDK (which creates botocore
    clients as it is imported) is half the import of this module otherwise. Powertools decorates a plain
    function (decorating the Mangum object fails: it has no __name__)."""
    return tracer().capture_lambda_handler(_handle)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = _traced()(event, context)
    return response
