"""The analysis pipeline's contract (SPEC §5): its named errors and the messages a failed job shows (the S3
layout of its data is in `storage_keys`, the port that records its progress in `ports`).

Error class names matter: a Lambda function error carries `type(exc).__name__` as its `errorType`, which is
what the state machine's `Retry`/`Catch` match and what `MarkFailed` turns into a user's message.
"""

from __future__ import annotations


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
