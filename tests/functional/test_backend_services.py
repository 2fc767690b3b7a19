"""Service rules the HTTP tests reach only through races or failures, run on the real adapters over moto
(DynamoDB's conditional writes, S3, Step Functions created from template.yaml): an in-memory fake would
agree with whatever the service assumes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from purelift.adapters.s3 import S3ObjectStore
from purelift.domain.errors import InvalidStateError, ServiceUnavailableError
from purelift.domain.model import Identity, Job, JobStatus, Role, Share, isoformat
from purelift.domain.storage_keys import upload_key
from purelift.services.context import Backend
from purelift.services.jobs import JobService
from purelift.services.sharing import SharingService
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import BUCKET, Stack, seed_team

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
OWNER = Identity("owner", Role.USER)
ME = Identity("me", Role.USER)


class DeletesFail(S3ObjectStore):
    """The real bucket, except that deleting objects fails as an S3 outage would."""

    def delete_prefix(self, prefix: str) -> None:
        raise ServiceUnavailableError


@pytest.fixture
def backend(stack: Stack) -> Backend:
    return replace(api_wiring.backend(), clock=lambda: NOW)


def _job(backend: Backend, job_id: str, status: JobStatus = JobStatus.COMPLETED) -> Job:
    stamp = isoformat(NOW)
    job = Job(job_id, OWNER.user_id, job_id[:8], status, stamp, stamp)
    backend.jobs.put_job(job)
    return job


def _share(backend: Backend, job_id: str, team_id: str, view: bool, download: bool, expires: datetime | None) -> None:
    backend.shares.put_share(
        Share(job_id, team_id, view, download, OWNER.user_id, isoformat(NOW), isoformat(expires) if expires else None)
    )


def test_shared_with_me_merges_the_flags_of_all_my_teams(backend: Backend) -> None:
    job_id = "a" * 32
    _job(backend, job_id)
    t1, t2, other = seed_team("t1", {"me": False}), seed_team("t2", {"me": False}), seed_team("t3", {"x": False})
    later = NOW + timedelta(days=2)
    _share(backend, job_id, t1, True, False, NOW + timedelta(days=1))
    _share(backend, job_id, t2, False, True, later)
    _share(backend, job_id, other, True, True, None)  # not my team
    page, total = SharingService(backend).shared_with_me(ME, limit=10, offset=0)
    (row,) = page.items
    assert total == 1 and set(row.team_ids) == {t1, t2}
    assert (row.can_view, row.can_download, row.expires_at) == (True, True, isoformat(later))


def test_a_share_that_never_expires_wins_the_merged_expiry(backend: Backend) -> None:
    job_id = "b" * 32
    _job(backend, job_id)
    t1, t2 = seed_team("t1", {"me": False}), seed_team("t2", {"me": False})
    _share(backend, job_id, t1, True, False, NOW + timedelta(days=1))
    _share(backend, job_id, t2, True, False, None)
    page, _ = SharingService(backend).shared_with_me(ME, limit=10, offset=0)
    assert page.items[0].expires_at is None


def test_delete_keeps_the_record_when_objects_cannot_be_deleted_so_it_can_be_retried(backend: Backend) -> None:
    job_id = "c" * 32
    _job(backend, job_id)
    failing = replace(backend, store=DeletesFail(BUCKET))
    with pytest.raises(ServiceUnavailableError):
        JobService(failing).delete(OWNER, job_id)
    assert backend.jobs.get_job(job_id) is not None
    JobService(backend).delete(OWNER, job_id)  # the retry succeeds
    assert backend.jobs.get_job(job_id) is None


def test_a_direct_upload_is_stored_and_started_once(backend: Backend, stack: Stack) -> None:
    created = JobService(backend).create_with_upload(OWNER, "app", b"PK\x03\x04data")
    job_id = created.job.job_id
    assert created.job.status is JobStatus.QUEUED
    assert backend.store.get(upload_key(job_id)) == b"PK\x03\x04data"
    executions = stack.sfn.list_executions(stateMachineArn=stack.state_machine_arn)["executions"]
    assert [e["name"] for e in executions] == [job_id]


def test_two_starts_that_both_saw_the_job_waiting_change_its_state_once(backend: Backend) -> None:
    """The race of a double click: both requests read `awaiting_upload`; the conditional write lets one through."""
    job = _job(backend, "d" * 32, JobStatus.AWAITING_UPLOAD)
    backend.store.put(upload_key(job.job_id), b"PK\x03\x04data", "application/zip")
    service = JobService(backend)
    first = service._start(job)
    with pytest.raises(InvalidStateError):
        service._start(job)  # the same stale read: the write's condition (expected state) refuses it
    assert first.status is JobStatus.QUEUED
    assert backend.jobs.get_job(job.job_id).status is JobStatus.QUEUED  # type: ignore[union-attr]
