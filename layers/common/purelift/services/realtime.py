"""Live progress over WebSockets (SPEC §4): the notifier the pipeline pushes through, and the rules of the
`$connect`, `$disconnect`, `subscribe`, `unsubscribe` and `ping` routes."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from purelift.domain import realtime
from purelift.domain.errors import PureliftError
from purelift.domain.model import Identity
from purelift.domain.permissions import Action
from purelift.domain.ports import ConnectionRepository, Pusher
from purelift.domain.realtime import Connection, PushOutcome, PushReport
from purelift.services.context import Backend, load_authorized

log = logging.getLogger(__name__)


def encode(message: Mapping[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Notifier:
    """Fans a message out to every connection subscribed to a job, concurrently.

    A connection that answers Gone is deleted (that connection, with its subscriptions, and no other); any
    other failure, of a push or of reading the subscribers, is logged and swallowed: progress is a courtesy,
    the job record is the truth, and a push never fails the analysis.
    """

    connections: ConnectionRepository
    pusher: Pusher
    max_workers: int = 32

    def notify(self, job_id: str, message: Mapping[str, Any]) -> PushReport:
        try:
            targets = list(dict.fromkeys(self.connections.subscribers(job_id)))
        except Exception:
            log.warning("cannot read the subscribers of %s", job_id, exc_info=True)
            return PushReport(failed=1)
        return self.send(targets, message)

    def send(self, connection_ids: list[str], message: Mapping[str, Any]) -> PushReport:
        if not connection_ids:
            return PushReport()
        data = encode(message)
        workers = max(1, min(self.max_workers, len(connection_ids)))
        if workers == 1:
            outcomes = [self._post(conn, data) for conn in connection_ids]
        else:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="push") as pool:
                outcomes = list(pool.map(lambda conn: self._post(conn, data), connection_ids))
        gone = [conn for conn, outcome in zip(connection_ids, outcomes, strict=True) if outcome is PushOutcome.GONE]
        for conn in gone:
            self._forget(conn)
        return PushReport(
            delivered=sum(1 for o in outcomes if o is PushOutcome.DELIVERED),
            gone=gone,
            failed=sum(1 for o in outcomes if o is PushOutcome.FAILED),
        )

    def _post(self, connection_id: str, data: bytes) -> PushOutcome:
        try:
            return self.pusher.post(connection_id, data)
        except Exception:
            log.warning("push to %s failed", connection_id, exc_info=True)
            return PushOutcome.FAILED

    def _forget(self, connection_id: str) -> None:
        try:
            self.connections.remove_connection(connection_id)
        except Exception:
            log.warning("cannot delete gone connection %s", connection_id, exc_info=True)


@dataclass(frozen=True, slots=True)
class RouteReply:
    """What a WebSocket route handler returns to API Gateway (the client gets pushed messages, not this)."""

    status: int
    messages: tuple[dict[str, Any], ...] = ()


class RealtimeService:
    """The WebSocket routes. `subscribe` checks the same permission matrix as the REST API (view)."""

    def __init__(self, backend: Backend, connections: ConnectionRepository, notifier: Notifier) -> None:
        self.b = backend
        self.connections = connections
        self.notifier = notifier

    def connect(self, connection_id: str, caller: Identity | None) -> RouteReply:
        """The authorizer has checked the token; no identity in the context means no authorizer ran: refuse."""
        if caller is None:
            return RouteReply(401)
        self.connections.put_connection(
            Connection(connection_id, caller.user_id, caller.role.value, caller.email or None)
        )
        return RouteReply(200)

    def disconnect(self, connection_id: str) -> RouteReply:
        self.connections.remove_connection(connection_id)
        return RouteReply(200)

    def _caller(self, connection_id: str, caller: Identity | None) -> Identity | None:
        if caller is not None:
            return caller
        stored = self.connections.get_connection(connection_id)
        return stored.identity() if stored else None

    def subscribe(self, connection_id: str, job_id: str, caller: Identity | None) -> RouteReply:
        """Reply `connected` with the job's state; a finished job also gets `completed`/`error` at once (and no
        subscription: nothing more will come). The subscription is stored before the state is read, so a job
        finishing in between is still announced (at worst twice)."""
        who = self._caller(connection_id, caller)
        if who is None:
            return self._reply(connection_id, 401, realtime.error(job_id or None, "Not connected; reconnect."))
        if not job_id:
            return self._reply(connection_id, 400, realtime.error(None, "`job_id` is required."))
        try:
            load_authorized(self.b, who, job_id, Action.VIEW)
            self.connections.subscribe(connection_id, job_id, who.user_id)
            job = self.b.jobs.get_job(job_id)
        except PureliftError as exc:
            status = 403 if exc.code == "forbidden" else 404 if exc.code.endswith("not_found") else 503
            return self._reply(connection_id, status, realtime.error(job_id, exc.message))
        if job is None:
            self.connections.unsubscribe(connection_id, job_id)
            return self._reply(connection_id, 404, realtime.error(job_id, "No such analysis job."))
        messages = [realtime.connected(job)]
        final = realtime.final_message(job)
        if final is not None:
            messages.append(final)
            self.connections.unsubscribe(connection_id, job_id)
        return self._reply(connection_id, 200, *messages)

    def unsubscribe(self, connection_id: str, job_id: str) -> RouteReply:
        if job_id:
            self.connections.unsubscribe(connection_id, job_id)
        return RouteReply(200)

    def ping(self, connection_id: str) -> RouteReply:
        return self._reply(connection_id, 200, realtime.pong())

    def _reply(self, connection_id: str, status: int, *messages: dict[str, Any]) -> RouteReply:
        for message in messages:
            self.notifier.send([connection_id], message)
        return RouteReply(status, tuple(messages))
