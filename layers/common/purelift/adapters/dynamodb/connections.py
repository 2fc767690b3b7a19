"""WebSocket connections and their job subscriptions in the single table (SPEC §6), with a TTL.

Subscriptions sit under the job (`JOB#{job}`/`CONN#{conn}`), so the notifier reads a job's subscribers with
one query and deleting a job deletes them too; GSI1 finds a connection's subscriptions when it goes away.
"""

from __future__ import annotations

from collections.abc import Sequence

from purelift.adapters.dynamodb.table import Table, indexed_key, primary_key
from purelift.domain.model import isoformat, utcnow
from purelift.domain.realtime import CONNECTION_TTL, Connection, Subscription


def _expiry() -> int:
    return int(utcnow().timestamp()) + CONNECTION_TTL


class DynamoConnections:
    """Implements `ConnectionRepository`."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def put_connection(self, connection: Connection) -> None:
        item = {
            **primary_key(f"CONN#{connection.connection_id}", "META"),
            "type": "connection",
            "connection_id": connection.connection_id,
            "user_id": connection.user_id,
            "role": connection.role,
            "email": connection.email,
            "connected_at": isoformat(utcnow()),
            "ttl": _expiry(),
        }
        self.table.put(item)

    def get_connection(self, connection_id: str) -> Connection | None:
        data = self.table.get(primary_key(f"CONN#{connection_id}", "META"), consistent=False)
        if not data or int(data.get("ttl", 0)) < int(utcnow().timestamp()):
            return None
        return Connection(connection_id, data["user_id"], data["role"], data.get("email") or None)

    def remove_connection(self, connection_id: str) -> None:
        for item in list(self.table.gsi1(f"CONN#{connection_id}", "SUB#")):
            self.table.delete(primary_key(item["PK"], item["SK"]))
        self.table.delete(primary_key(f"CONN#{connection_id}", "META"))

    def subscribe(self, connection_id: str, job_id: str, user_id: str, role: str = "User") -> None:
        item = {
            **indexed_key(f"JOB#{job_id}", f"CONN#{connection_id}", f"CONN#{connection_id}", f"SUB#{job_id}"),
            "type": "subscription",
            "connection_id": connection_id,
            "job_id": job_id,
            "user_id": user_id,
            "role": role,
            "ttl": _expiry(),
        }
        self.table.put(item)

    def unsubscribe(self, connection_id: str, job_id: str) -> None:
        self.table.delete(primary_key(f"JOB#{job_id}", f"CONN#{connection_id}"))

    def subscribers(self, job_id: str) -> Sequence[Subscription]:
        now = int(utcnow().timestamp())
        items = self.table.query(
            "PK = :pk AND begins_with(SK, :prefix)",
            {":pk": f"JOB#{job_id}", ":prefix": "CONN#"},
            projection="connection_id, user_id, #role, #ttl",
            names={"#ttl": "ttl", "#role": "role"},
        )
        return [
            Subscription(item["connection_id"], item["user_id"], item.get("role") or "User")
            for item in items
            if int(item.get("ttl", 0)) >= now
        ]
