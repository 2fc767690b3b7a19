"""The analysis pipeline's contract (SPEC §5): its named errors, the S3 layout of a job's intermediate
data, and the port that records progress on the job.

Error class names matter: a Lambda function error carries `type(exc).__name__` as its `errorType`, which is
what the state machine's `Retry`/`Catch` match and what `MarkFailed` turns into a user's message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from purelift.domain.model import Job


class PipelineError(Exception):
    """A failure a user can act on: its message is shown as is (one line, no internals)."""

    code = "analysis_failed"
    message = "The analysis failed."

    def __init__(self, message: str | None = None, code: str | None = None) -> None:
        self.message = " ".join((message or type(self).message).splitlines())
        if code:
            self.code = code
        super().__init__(self.message)


class InvalidSourceError(PipelineError):
    """The upload cannot be analysed (corrupt, no Python file, too large, a zip bomb, an unsafe path…)."""

    code = "invalid_source"
    message = "The archive cannot be analysed."


class UploadNotFoundError(PipelineError):
    code = "upload_missing"
    message = "The uploaded archive is missing; upload it again."


class JobGoneError(PipelineError):
    """The job was deleted while it ran: nothing to record, nobody to tell."""

    code = "job_gone"
    message = "The job no longer exists."


class JobNotReadyError(Exception):
    """Transient: the execution started before the API recorded the job as queued. Retried by the state machine."""


# errorType values whose message is written for users; anything else gets a generic message.
USER_FACING_ERRORS = frozenset({"InvalidSourceError", "UploadNotFoundError", "JobGoneError", "PipelineError"})
TIMEOUT_MESSAGE = "The analysis took too long and was stopped; try a smaller archive."
ABORTED_MESSAGE = "The analysis was cancelled."
INTERNAL_MESSAGE = "The analysis failed because of an internal error; please try again."


def manifest_key(job_id: str) -> str:
    return f"jobs/{job_id}/manifest.json"


def batch_key(job_id: str, index: int) -> str:
    return f"jobs/{job_id}/sources/{index:05d}.json"


def summaries_key(job_id: str, index: int) -> str:
    return f"jobs/{job_id}/summaries/{index:05d}.json"


class ProgressRepository(Protocol):
    """The job record as the pipeline changes it; every change is a conditional write."""

    def get_job(self, job_id: str) -> Job | None: ...

    def mark_running(self, job_id: str, files_total: int, progress: int) -> Job | None:
        """`queued` -> `running`; None when the job was not `queued` (a re-run of Prepare)."""
        ...

    def add_batch(self, job_id: str, index: int, count: int) -> bool:
        """Add `count` to `files_done` once per batch index (a retried batch is not counted twice).
        False when this batch was already counted or the job is no longer running."""
        ...

    def raise_progress(self, job_id: str, progress: int) -> bool:
        """Set `progress` only if it grows (monotonic per job); False otherwise."""
        ...

    def acquire_push(self, job_id: str, owner: str, lease_seconds: int = 30) -> int | None:
        """Take the job's push lease (the only holder posts progress); returns the last progress pushed, or
        None while someone else holds an unexpired lease."""
        ...

    def release_push(self, job_id: str, owner: str, pushed: int) -> None:
        """Give the lease back, recording the last progress pushed."""

    def complete(self, job_id: str, summary: Mapping[str, Any], processing_time: float) -> Job | None:
        """`running` -> `completed`; None when the job was not running (already completed: a re-run)."""
        ...

    def fail(self, job_id: str, message: str) -> Job | None:
        """Any unfinished state -> `failed` with `message`; None when the job is finished or gone."""
        ...
