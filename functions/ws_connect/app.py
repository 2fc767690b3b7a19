"""WebSocket `$connect` (behind the JWT authorizer, `?token=`): remember the connection and its caller."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.events import connection_id, identity, response, service_for


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return response(service_for(event).connect(connection_id(event), identity(event)))
