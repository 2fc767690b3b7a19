"""WebSocket connections and subscriptions in the single table (SPEC §6), with a TTL.

| item         | PK             | SK             | GSI1PK         | GSI1SK        |
|--------------|----------------|----------------|----------------|---------------|
| connection   | `CONN#{conn}`  | `META`         |                |               |
| subscription | `JOB#{job}`    | `CONN#{conn}`  | `CONN#{conn}`  | `SUB#{job}`   |

Subscriptions sit under the job, so the notifier reads a job's subscribers with one query and deleting a
job deletes them too; GSI1 finds a connection's subscriptions when it goes away.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from purelift.adapters.dynamodb import _dump, _load
from purelift.domain.errors import ServiceUnavailableError
from purelift.domain.model import isoformat, utcnow
from purelift.domain.realtime import CONNECTION_TTL, Connection


class DynamoConnections:
    """Implements `ConnectionRepository`."""

    def __init__(self, table_name: str, client: Any | None = None) -> None:
        if client is None:
            import boto3

            client = boto3.client("dynamodb")
        self._client = client
        self._table = table_name

    def _call(self, method: str, **kwargs: Any) -> Any:
        try:
            return getattr(self._client, method)(TableName=self._table, **kwargs)
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc

    def _query(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        start: dict[str, Any] | None = None
        while True:
            if start is not None:
                kwargs["ExclusiveStartKey"] = start
            response = self._call("query", **kwargs)
            yield from (_load(item) for item in response.get("Items", []))
            start = response.get("LastEvaluatedKey")
            if not start:
                return

    @staticmethod
    def _expiry() -> int:
        return int(utcnow().timestamp()) + CONNECTION_TTL

    def put_connection(self, connection: Connection) -> None:
        item = {
            "PK": f"CONN#{connection.connection_id}",
            "SK": "META",
            "type": "connection",
            "connection_id": connection.connection_id,
            "user_id": connection.user_id,
            "role": connection.role,
            "email": connection.email,
            "connected_at": isoformat(utcnow()),
            "ttl": self._expiry(),
        }
        self._call("put_item", Item=_dump(item))

    def get_connection(self, connection_id: str) -> Connection | None:
        response = self._call("get_item", Key=_dump({"PK": f"CONN#{connection_id}", "SK": "META"}))
        item = response.get("Item")
        if not item:
            return None
        data = _load(item)
        if int(data.get("ttl", 0)) < int(utcnow().timestamp()):
            return None
        return Connection(connection_id, data["user_id"], data["role"], data.get("email") or None)

    def remove_connection(self, connection_id: str) -> None:
        subscriptions = self._query(
            IndexName="GSI1",
            KeyConditionExpression="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            ExpressionAttributeValues=_dump({":pk": f"CONN#{connection_id}", ":prefix": "SUB#"}),
        )
        for item in list(subscriptions):
            self._call("delete_item", Key=_dump({"PK": item["PK"], "SK": item["SK"]}))
        self._call("delete_item", Key=_dump({"PK": f"CONN#{connection_id}", "SK": "META"}))

    def subscribe(self, connection_id: str, job_id: str, user_id: str) -> None:
        item = {
            "PK": f"JOB#{job_id}",
            "SK": f"CONN#{connection_id}",
            "GSI1PK": f"CONN#{connection_id}",
            "GSI1SK": f"SUB#{job_id}",
            "type": "subscription",
            "connection_id": connection_id,
            "job_id": job_id,
            "user_id": user_id,
            "ttl": self._expiry(),
        }
        self._call("put_item", Item=_dump(item))

    def unsubscribe(self, connection_id: str, job_id: str) -> None:
        self._call("delete_item", Key=_dump({"PK": f"JOB#{job_id}", "SK": f"CONN#{connection_id}"}))

    def subscribers(self, job_id: str) -> Sequence[str]:
        now = int(utcnow().timestamp())
        items = self._query(
            KeyConditionExpression="PK = :pk AND begins_with(SK, :prefix)",
            ExpressionAttributeValues=_dump({":pk": f"JOB#{job_id}", ":prefix": "CONN#"}),
            ProjectionExpression="connection_id, #ttl",
            ExpressionAttributeNames={"#ttl": "ttl"},
        )
        return [item["connection_id"] for item in items if int(item.get("ttl", 0)) >= now]
