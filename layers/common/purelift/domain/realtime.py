"""Live progress (SPEC §4): the messages a WebSocket client receives, and the records behind them (the ports
that carry them are in `purelift.domain.ports`).

The message shapes are the seed's, built in one place so every sender (the pipeline's steps, the
`subscribe` reply) speaks exactly the same language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from purelift.domain.model import Identity, Job, JobStatus, Role

# A connection lives at most 2 hours in API Gateway; its records outlive it a little, then TTL removes them.
CONNECTION_TTL = 2 * 3600 + 600
PREPARED_PROGRESS = 5  # after Prepare: the archive is read, the files are counted
ANALYSED_PROGRESS = 95  # every batch analysed; Aggregate takes the job to 100 (completed)


def connected(job: Job) -> dict[str, Any]:
    """The reply to `subscribe`: where the job stands now."""
    return {"type": "connected", "job_id": job.job_id, "status": str(job.status), "progress": job.progress}


def progress(job_id: str, value: int, files_done: int, files_total: int, message: str | None = None) -> dict[str, Any]:
    return {
        "type": "progress",
        "job_id": job_id,
        "progress": value,
        "status": str(JobStatus.RUNNING),
        "message": message or f"Analysed {files_done}/{files_total} files",
        "files_done": files_done,
        "files_total": files_total,
    }


def completed(job_id: str, summary: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"type": "completed", "job_id": job_id, "summary": dict(summary or {})}


def error(job_id: str | None, message: str) -> dict[str, Any]:
    return {"type": "error", "job_id": job_id, "error": message}


def pong() -> dict[str, Any]:
    return {"type": "pong"}


def final_message(job: Job) -> dict[str, Any] | None:
    """`completed` or `error` for a finished job (what a late subscriber gets at once), else None."""
    if job.status is JobStatus.COMPLETED:
        return completed(job.job_id, job.summary)
    if job.status is JobStatus.FAILED:
        return error(job.job_id, job.error or "The analysis failed.")
    return None


def batch_progress(files_done: int, files_total: int) -> int:
    """Progress while batches finish: from PREPARED_PROGRESS to ANALYSED_PROGRESS, by files analysed."""
    if files_total <= 0:
        return ANALYSED_PROGRESS
    span = ANALYSED_PROGRESS - PREPARED_PROGRESS
    return PREPARED_PROGRESS + span * min(files_done, files_total) // files_total


class PushOutcome(StrEnum):
    DELIVERED = "delivered"
    GONE = "gone"  # the connection no longer exists (410): its records are deleted
    FAILED = "failed"  # any other failure: logged, never fatal


@dataclass(frozen=True, slots=True)
class Connection:
    connection_id: str
    user_id: str
    role: str
    email: str | None = None

    def identity(self) -> Identity:
        return Identity(self.user_id, Role(self.role), self.email)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A connection following a job, with the identity that subscribed: the notifier re-checks `view` for this
    user at every push, so the subscription ends with the access (unshare, team removal, share expiry)."""

    connection_id: str
    user_id: str
    role: str = Role.USER.value

    def identity(self) -> Identity:
        return Identity(self.user_id, Role(self.role))


@dataclass(frozen=True, slots=True)
class PushReport:
    delivered: int = 0
    gone: Sequence[str] = ()
    failed: int = 0
