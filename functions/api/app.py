"""The REST API function: the FastAPI app behind API Gateway, through Mangum."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from mangum import Mangum
from purelift.api.app import create_app
from purelift.observability import logger, tracer
from purelift.settings import load_http_settings
from purelift.wiring.api import backend

app = create_app(backend, allowed_origin=load_http_settings().allowed_origin)
asgi_handler = Mangum(app, lifespan="off")


# Powertools decorates a plain function (decorating the Mangum object fails: it has no __name__).
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)
@tracer().capture_lambda_handler
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = asgi_handler(event, context)
    return response
