"""WebSocket route `unsubscribe` (`{"action":"unsubscribe","job_id":…}`)."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.events import connection_id, job_id, response, service_for


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return response(service_for(event).unsubscribe(connection_id(event), job_id(event)))
