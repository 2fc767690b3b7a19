"""Service rules on in-memory ports (no AWS, no network): the ports are plain Protocols, so any object with
their methods will do. The functional tier runs the same rules over moto and the real handlers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from purelift.adapters.cache import MemoryCache
from purelift.domain.errors import ServiceUnavailableError
from purelift.domain.model import Identity, Job, JobStatus, Page, Role, Share, Team, UploadTicket, isoformat
from purelift.services.context import Backend
from purelift.services.jobs import JobService
from purelift.services.sharing import SharingService

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


class Repos:
    """Jobs, shares and teams in dictionaries."""

    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}
        self.shares: dict[tuple[str, str], Share] = {}
        self.members: dict[tuple[str, str], bool] = {}
        self.teams: dict[str, Team] = {}

    def put_job(self, job: Job) -> None:
        self.jobs[job.job_id] = job

    def get_job(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def transition(self, job_id: str, expected: JobStatus, new: JobStatus, **changes: Any) -> Job:
        self.jobs[job_id] = replace(self.jobs[job_id], status=new, **changes)
        return self.jobs[job_id]

    def history(self, owner_id: str, limit: int, cursor: str | None) -> Page[Job]:
        return Page([j for j in self.jobs.values() if j.owner_id == owner_id][:limit])

    def delete_job(self, job_id: str) -> None:
        self.jobs.pop(job_id)

    def count_by_status(self, owner_id: str | None) -> Mapping[str, int]:
        return {"completed": sum(1 for j in self.jobs.values() if owner_id in (None, j.owner_id))}

    def claim_idempotency_key(self, user_id: str, key: str, fingerprint: str, job_id: str) -> str | None:
        return None

    def put_share(self, share: Share) -> Share:
        self.shares[share.job_id, share.team_id] = share
        return share

    def shares_of(self, job_id: str) -> Sequence[Share]:
        return [s for (j, _), s in self.shares.items() if j == job_id]

    def delete_share(self, job_id: str, team_id: str) -> bool:
        return self.shares.pop((job_id, team_id), None) is not None

    def shares_for_team(self, team_id: str) -> Sequence[Share]:
        return [s for (_, t), s in self.shares.items() if t == team_id]

    def put_team(self, team: Team) -> None:
        self.teams[team.team_id] = team

    def get_team(self, team_id: str) -> Team | None:
        return self.teams.get(team_id)

    def all_teams(self) -> Sequence[Team]:
        return list(self.teams.values())

    def put_member(self, team_id: str, user_id: str, lead: bool) -> None:
        self.members[team_id, user_id] = lead

    def delete_member(self, team_id: str, user_id: str) -> bool:
        return self.members.pop((team_id, user_id), None) is not None

    def teams_of(self, user_id: str) -> Mapping[str, bool]:
        return {t: lead for (t, u), lead in self.members.items() if u == user_id}


class Store:
    def __init__(self, fail_deletes: bool = False) -> None:
        self.objects: dict[str, bytes] = {}
        self.fail_deletes = fail_deletes

    def presigned_post(self, key: str, max_bytes: int, expires_in: int) -> UploadTicket:
        return UploadTicket(f"https://s3/{key}", {"key": key}, expires_in, max_bytes)

    def presigned_get(self, key: str, expires_in: int, filename: str) -> str:
        return f"https://s3/{key}?filename={filename}"

    def put(self, key: str, data: bytes, content_type: str, content_encoding: str | None = None) -> None:
        self.objects[key] = data

    def get(self, key: str) -> bytes | None:
        return self.objects.get(key)

    def exists(self, key: str) -> bool:
        return key in self.objects

    def delete_prefix(self, prefix: str) -> None:
        if self.fail_deletes:
            raise ServiceUnavailableError
        for key in [k for k in self.objects if k.startswith(prefix)]:
            del self.objects[key]

    def delete_keys(self, keys: Sequence[str]) -> None:
        for key in keys:
            self.objects.pop(key, None)


class Orchestrator:
    def __init__(self) -> None:
        self.started: list[str] = []

    def start(self, job_id: str, payload: Mapping[str, Any]) -> str:
        self.started.append(job_id)
        return f"arn:execution:{job_id}"

    def stop(self, execution_id: str) -> None:
        self.started.remove(execution_id.removeprefix("arn:execution:"))


def _backend(store: Store | None = None) -> tuple[Backend, Repos]:
    repos = Repos()
    backend = Backend(repos, repos, repos, store or Store(), Orchestrator(), MemoryCache(), clock=lambda: NOW)
    return backend, repos


def _job(job_id: str, owner: str = "owner") -> Job:
    stamp = isoformat(NOW)
    return Job(job_id, owner, job_id, JobStatus.COMPLETED, stamp, stamp)


def test_shared_with_me_merges_the_flags_of_all_my_teams() -> None:
    backend, repos = _backend()
    repos.put_job(_job("a" * 32))
    for team in ("t1", "t2"):
        repos.put_member(team, "me", False)
    later = isoformat(NOW + timedelta(days=2))
    repos.put_share(Share("a" * 32, "t1", True, False, "owner", "x", isoformat(NOW + timedelta(days=1))))
    repos.put_share(Share("a" * 32, "t2", False, True, "owner", "x", later))
    repos.put_share(Share("a" * 32, "t3", True, True, "owner", "x", None))  # not my team
    page, total = SharingService(backend).shared_with_me(Identity("me", Role.USER), limit=10, offset=0)
    (row,) = page.items
    assert total == 1 and row.team_ids == ("t1", "t2")
    assert (row.can_view, row.can_download, row.expires_at) == (True, True, later)


def test_a_share_that_never_expires_wins_the_merged_expiry() -> None:
    backend, repos = _backend()
    repos.put_job(_job("b" * 32))
    repos.put_member("t1", "me", False)
    repos.put_member("t2", "me", False)
    repos.put_share(Share("b" * 32, "t1", True, False, "owner", "x", isoformat(NOW + timedelta(days=1))))
    repos.put_share(Share("b" * 32, "t2", True, False, "owner", "x", None))
    page, _ = SharingService(backend).shared_with_me(Identity("me", Role.USER), limit=10, offset=0)
    assert page.items[0].expires_at is None


def test_delete_keeps_the_record_when_objects_cannot_be_deleted_so_it_can_be_retried() -> None:
    backend, repos = _backend(Store(fail_deletes=True))
    repos.put_job(_job("c" * 32))
    with pytest.raises(ServiceUnavailableError):
        JobService(backend).delete(Identity("owner", Role.USER), "c" * 32)
    assert "c" * 32 in repos.jobs


def test_a_direct_upload_is_stored_and_started_once() -> None:
    backend, _ = _backend()
    created = JobService(backend).create_with_upload(Identity("u", Role.USER), "app", b"PK\x03\x04data")
    assert created.job.status is JobStatus.QUEUED
    assert backend.orchestrator.started == [created.job.job_id]  # type: ignore[attr-defined]
    assert backend.store.get(f"uploads/{created.job.job_id}/source.zip") == b"PK\x03\x04data"
