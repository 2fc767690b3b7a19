"""Pushes to WebSocket clients through the API Gateway Management API (`post_to_connection`).

The endpoint is the stage URL of the WebSocket API (`https://{api}.execute-api.{region}.amazonaws.com/{stage}`,
or the local gateway's). A 410 answer (`GoneException`) means that very connection is gone; any other failure
is reported, never raised: a push must not fail the analysis.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from purelift.domain.realtime import PushOutcome

log = logging.getLogger(__name__)
_GONE = {"GoneException", "410"}


class ManagementApiPusher:
    """Implements `Pusher`. One client per process; its connection pool fits the notifier's fan-out."""

    def __init__(self, endpoint_url: str, client: Any | None = None, pool_size: int = 32) -> None:
        self._endpoint = endpoint_url
        self._pool_size = pool_size
        self._client_instance = client
        self._lock = threading.Lock()

    @property
    def _client(self) -> Any:
        """Built on first push: the routes that never push ($connect, $disconnect) do not pay for it."""
        with self._lock:
            if self._client_instance is None:
                import boto3

                self._client_instance = boto3.client(
                    "apigatewaymanagementapi",
                    endpoint_url=self._endpoint,
                    config=Config(
                        max_pool_connections=self._pool_size,
                        connect_timeout=2,
                        read_timeout=5,
                        retries={"max_attempts": 2, "mode": "standard"},
                    ),
                )
            return self._client_instance

    def post(self, connection_id: str, data: bytes) -> PushOutcome:
        try:
            self._client.post_to_connection(ConnectionId=connection_id, Data=data)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            status = str(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
            if error.get("Code") in _GONE or status == "410":
                return PushOutcome.GONE
            log.warning("push to %s failed: %s", connection_id, error.get("Code"))
            return PushOutcome.FAILED
        except BotoCoreError as exc:
            log.warning("push to %s failed: %s", connection_id, type(exc).__name__)
            return PushOutcome.FAILED
        return PushOutcome.DELIVERED


class NullPusher:
    """No WebSocket API configured: pushes go nowhere (the job record still carries the progress)."""

    def post(self, connection_id: str, data: bytes) -> PushOutcome:
        return PushOutcome.FAILED
