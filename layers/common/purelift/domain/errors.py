"""Named errors of the backend. Each carries a stable `code` and a message safe to show a client.

The HTTP layer maps the classes (not the messages) to status codes once, in `purelift.api.errors`.
Adapters wrap AWS exceptions in these classes (`raise … from exc`), so no AWS detail reaches a response.
"""

from __future__ import annotations


class PureliftError(Exception):
    """Base of every error the backend raises on purpose."""

    code = "error"
    message = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or type(self).message
        super().__init__(self.message)


# --- 400: bad input ---
class BadRequestError(PureliftError):
    code = "bad_request"
    message = "The request is not valid."


class InvalidCursorError(BadRequestError):
    code = "invalid_cursor"
    message = "The pagination cursor is not valid."


class InvalidArchiveError(BadRequestError):
    code = "invalid_archive"
    message = "The upload must be a .zip or .tar.gz archive."


class UnknownFormatError(BadRequestError):
    code = "unknown_format"
    message = "Unknown export format; use json, csv or zip."


# --- 401 / 403 ---
class UnauthenticatedError(PureliftError):
    code = "unauthorized"
    message = "Missing or invalid token."


class ForbiddenError(PureliftError):
    code = "forbidden"
    message = "You are not allowed to do this."


# --- 404: unknown, or not visible to the caller (never tell which) ---
class NotFoundError(PureliftError):
    code = "not_found"
    message = "Not found."


class JobNotFoundError(NotFoundError):
    code = "job_not_found"
    message = "No such analysis job."


class TeamNotFoundError(NotFoundError):
    code = "team_not_found"
    message = "No such team."


class ShareNotFoundError(NotFoundError):
    code = "share_not_found"
    message = "The job is not shared with that team."


class SourceFileNotFoundError(NotFoundError):
    code = "file_not_found"
    message = "No such file in this analysis."


class MemberNotFoundError(NotFoundError):
    code = "member_not_found"
    message = "No such team member."


# --- 409: wrong state ---
class ConflictError(PureliftError):
    code = "conflict"
    message = "The request conflicts with the current state."


class InvalidStateError(ConflictError):
    code = "invalid_state"
    message = "The job is not in a state that allows this."


class UploadMissingError(ConflictError):
    code = "upload_missing"
    message = "No archive has been uploaded for this job yet."


class JobNotCompletedError(ConflictError):
    code = "job_not_completed"
    message = "The job has not completed yet."


class ExportNotReadyError(ConflictError):
    code = "export_not_ready"
    message = "This export is not available yet."


class SourcesNotReadyError(ConflictError):
    code = "files_not_ready"
    message = "The job's files are not stored yet: they are, once its analysis has started."


class IdempotencyKeyReusedError(ConflictError):
    code = "idempotency_key_reused"
    message = "This Idempotency-Key was used for a different request."


class AlreadyExistsError(ConflictError):
    code = "already_exists"
    message = "It already exists."


# --- 413 ---
class PayloadTooLargeError(PureliftError):
    code = "payload_too_large"
    message = "The upload is too large."


class SourceFileTooLargeError(PayloadTooLargeError):
    code = "file_too_large"
    message = "This file is too large to be served by the API."


# --- 503: a backing service failed (details are logged, never returned) ---
class ServiceUnavailableError(PureliftError):
    code = "service_unavailable"
    message = "A backing service is unavailable; try again."
