"""WebSocket route `subscribe` (`{"action":"subscribe","job_id":…}`): owner or `can_view`; replies `connected`."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.events import connection_id, identity, job_id, response, service_for


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return response(service_for(event).subscribe(connection_id(event), job_id(event), identity(event)))
