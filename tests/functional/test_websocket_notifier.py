"""The notifier on in-memory ports (no AWS): fan-out, Gone handling, and that nothing it meets escapes."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from purelift.domain import realtime
from purelift.domain.model import Job, JobStatus, Share
from purelift.domain.realtime import Connection, PushOutcome, Subscription
from purelift.services.realtime import Audience, Notifier, encode

OWNER = "owner-1"


class Connections:
    def __init__(self, subscribed: Sequence[str], broken: bool = False) -> None:
        self.subscribed = list(subscribed)
        self.removed: list[str] = []
        self.broken = broken

    def put_connection(self, connection: Connection) -> None: ...

    def get_connection(self, connection_id: str) -> Connection | None:
        return None

    def remove_connection(self, connection_id: str) -> None:
        if connection_id == "explodes-on-delete":
            raise RuntimeError("table unavailable")
        self.removed.append(connection_id)
        self.subscribed.remove(connection_id)

    def subscribe(self, connection_id: str, job_id: str, user_id: str, role: str = "User") -> None: ...

    def unsubscribe(self, connection_id: str, job_id: str) -> None: ...

    def subscribers(self, job_id: str) -> Sequence[Subscription]:
        if self.broken:
            raise RuntimeError("query failed")
        return [Subscription(conn, OWNER) for conn in self.subscribed]


class Access:
    """The job (owned by OWNER, who is every subscriber here), no shares, no teams; or a broken table."""

    def __init__(self, broken: bool = False) -> None:
        self.broken = broken

    def get_job(self, job_id: str) -> Job | None:
        if self.broken:
            raise RuntimeError("table unavailable")
        return Job(job_id, OWNER, "calc", JobStatus.RUNNING, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")

    def shares_of(self, job_id: str) -> Sequence[Share]:
        return ()

    def teams_of(self, user_id: str) -> Mapping[str, bool]:
        return {}


def audience(broken: bool = False) -> Audience:
    access: Any = Access(broken)  # only the reads the access check makes
    return Audience(access, access, access)


class Pusher:
    def __init__(self, gone: set[str], failing: set[str]) -> None:
        self.gone, self.failing = gone, failing
        self.posted: list[tuple[str, bytes]] = []
        self.threads: set[str] = set()
        self.lock = threading.Lock()
        self.barrier = threading.Barrier(4, timeout=5)

    def post(self, connection_id: str, data: bytes) -> PushOutcome:
        with self.lock:
            self.posted.append((connection_id, data))
            self.threads.add(threading.current_thread().name)
        if connection_id.startswith("wait-"):
            self.barrier.wait()  # only passes if 4 posts are in flight at the same time
        if connection_id == "raises":
            raise ConnectionResetError("peer reset")
        if connection_id in self.gone:
            return PushOutcome.GONE
        return PushOutcome.FAILED if connection_id in self.failing else PushOutcome.DELIVERED


def test_posts_run_concurrently_and_only_gone_connections_are_deleted() -> None:
    # Given 200 subscribers, two of them gone, one failing, one whose pusher raises
    ids = [f"wait-{i}" for i in range(4)] + [f"c{i}" for i in range(196)] + ["raises"]
    connections = Connections(ids)
    pusher = Pusher(gone={"c10", "c150"}, failing={"c20"})
    message = realtime.progress("job-1", 50, 120, 240)

    # When the notifier fans one message out
    report = Notifier(connections, pusher, audience(), max_workers=16).notify("job-1", message)

    # Then every subscriber got the same bytes, exactly the gone ones were deleted, nothing was raised
    assert sorted(conn for conn, _ in pusher.posted) == sorted(ids)
    assert {data for _, data in pusher.posted} == {encode(message)}
    assert sorted(report.gone) == ["c10", "c150"] and sorted(connections.removed) == ["c10", "c150"]
    assert report.failed == 2 and report.delivered == len(ids) - 4
    assert len(pusher.threads) > 1


def test_nothing_escapes_the_notifier() -> None:
    assert Notifier(Connections([], broken=True), Pusher(set(), set()), audience()).notify("job-1", {}).failed == 1
    connections = Connections(["explodes-on-delete", "ok"])
    report = Notifier(connections, Pusher(gone={"explodes-on-delete"}, failing=set()), audience()).notify("job-1", {})
    assert list(report.gone) == ["explodes-on-delete"] and report.delivered == 1


def test_an_access_check_that_cannot_be_made_pushes_to_no_one() -> None:
    pusher = Pusher(set(), set())
    report = Notifier(Connections(["c1", "c2"]), pusher, audience(broken=True)).notify("job-1", {})
    assert report.failed == 1 and report.delivered == 0 and pusher.posted == []


def test_messages_are_compact_utf8_json() -> None:
    data = encode(realtime.error("job-1", "L'archive ne contient aucun fichier Python — 한국어"))
    assert data.decode("utf-8") == (
        '{"type":"error","job_id":"job-1","error":"L\'archive ne contient aucun fichier Python — 한국어"}'
    )


def test_progress_scale() -> None:
    assert realtime.batch_progress(0, 240) == realtime.PREPARED_PROGRESS
    assert realtime.batch_progress(120, 240) == 50
    assert realtime.batch_progress(240, 240) == realtime.ANALYSED_PROGRESS
    assert realtime.batch_progress(999, 240) == realtime.ANALYSED_PROGRESS
    assert realtime.progress("j", 50, 120, 240)["message"] == "Analysed 120/240 files"
