"""Live progress over WebSockets (SPEC §4): the notifier the pipeline pushes through, and the rules of the
`$connect`, `$disconnect`, `subscribe`, `unsubscribe` and `ping` routes."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from purelift.domain import realtime
from purelift.domain.errors import PureliftError
from purelift.domain.model import Identity, Role, utcnow
from purelift.domain.permissions import Action, can_view, facts
from purelift.domain.ports import ConnectionRepository, JobReader, Pusher, ShareRepository, TeamRepository
from purelift.domain.realtime import Connection, PushOutcome, PushReport, Subscription
from purelift.services.context import Backend, load_authorized

log = logging.getLogger(__name__)


def encode(message: Mapping[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Audience:
    """Who may still receive a job's pushes: `view` (domain/permissions.py) decided again for each subscriber,
    since access can end after `subscribe` (unshare, removal from a team, a share expiring, a deleted job).

    The cost is O(users), not O(connections): the job and its shares are read once, then each distinct
    subscriber's teams once (the owner's never, and nothing beyond the job when only the owner follows it).
    """

    jobs: JobReader
    shares: ShareRepository
    teams: TeamRepository
    clock: Callable[[], datetime] = utcnow

    @classmethod
    def of(cls, backend: Backend) -> Audience:
        return cls(backend.jobs, backend.shares, backend.teams, backend.clock)

    def refused(
        self, job_id: str, subscriptions: Sequence[Subscription], left_team: str | None = None
    ) -> list[Subscription]:
        """The subscriptions whose user may not view the job now (all of them when the job is gone).
        `left_team` is a team the users have just left: the user index is eventually consistent, so a
        membership deleted a moment ago may still be listed. A failing read raises: the caller decides (the
        notifier then pushes to no one)."""
        if not subscriptions:
            return []
        job = self.jobs.get_job(job_id)
        if job is None:
            return list(subscriptions)
        others = {(s.user_id, s.role) for s in subscriptions if s.user_id != job.owner_id}
        if not others:
            return []
        shares = self.shares.shares_of(job_id)
        now = self.clock()
        teams_of: dict[str, Mapping[str, bool]] = {}
        denied: set[tuple[str, str]] = set()
        for user_id, role in others:
            if user_id not in teams_of:
                teams = self.teams.teams_of(user_id)
                teams_of[user_id] = {team: lead for team, lead in teams.items() if team != left_team}
            try:
                caller = Identity(user_id, Role(role))
            except ValueError:  # a role this version does not know grants nothing
                denied.add((user_id, role))
                continue
            if not can_view(facts(caller, teams_of[user_id], job.owner_id, shares, now)):
                denied.add((user_id, role))
        return [s for s in subscriptions if (s.user_id, s.role) in denied]

    def end_refused(
        self, connections: ConnectionRepository, job_id: str, user_id: str | None = None, left_team: str | None = None
    ) -> int:
        """Delete the job's subscriptions (only `user_id`'s, if given) whose user may no longer view it, so
        none lingers after the event that ended the access. Returns how many were deleted."""
        subscriptions = [s for s in connections.subscribers(job_id) if user_id is None or s.user_id == user_id]
        refused = self.refused(job_id, subscriptions, left_team)
        for subscription in refused:
            connections.unsubscribe(subscription.connection_id, job_id)
        return len(refused)


@dataclass(frozen=True, slots=True)
class Notifier:
    """Fans a message out to every connection subscribed to a job whose user may still view it, concurrently.

    Access is checked at push time (`Audience`): a subscription whose user lost `view` gets nothing and is
    deleted. A connection that answers Gone is deleted (that connection, with its subscriptions, and no
    other); any other failure, of a push or of reading the subscribers or what decides access, is logged and
    swallowed (a failed access check pushes to no one): progress is a courtesy, the job record is the truth,
    and a push never fails the analysis.
    """

    connections: ConnectionRepository
    pusher: Pusher
    audience: Audience
    max_workers: int = 32

    def notify(self, job_id: str, message: Mapping[str, Any]) -> PushReport:
        try:
            subscriptions = self.connections.subscribers(job_id)
            refused = self.audience.refused(job_id, subscriptions)
        except Exception:
            log.warning("cannot read the subscribers of %s or decide their access", job_id, exc_info=True)
            return PushReport(failed=1)
        for subscription in refused:
            self._unsubscribe(subscription.connection_id, job_id)
        denied = {s.connection_id for s in refused}
        targets = list(dict.fromkeys(s.connection_id for s in subscriptions if s.connection_id not in denied))
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

    def _unsubscribe(self, connection_id: str, job_id: str) -> None:
        try:
            self.connections.unsubscribe(connection_id, job_id)
        except Exception:
            log.warning("cannot end the subscription of %s to %s", connection_id, job_id, exc_info=True)

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
            self.connections.subscribe(connection_id, job_id, who.user_id, who.role.value)
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
