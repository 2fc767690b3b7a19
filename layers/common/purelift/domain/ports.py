"""Every port of the backend: what the services need, as `Protocol`s the adapters (DynamoDB, S3, Step
Functions, Redis, the API Gateway Management API) implement.

Being Protocols, they let tests and the local stack pass any object with these methods.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from purelift.domain.model import CacheStats, Job, JobStatus, Membership, Page, Share, Team, UploadTicket
from purelift.domain.realtime import Connection, PushOutcome, Subscription


class JobReader(Protocol):
    """What deciding access needs of the jobs: the record (its owner)."""

    def get_job(self, job_id: str) -> Job | None: ...


class JobRepository(Protocol):
    def put_job(self, job: Job) -> None:
        """Create a job; `AlreadyExistsError` if the id is taken."""

    def get_job(self, job_id: str) -> Job | None: ...

    def transition(self, job_id: str, expected: JobStatus, new: JobStatus, **changes: Any) -> Job:
        """Conditional state change `expected` -> `new`; `InvalidStateError` when the job is elsewhere."""
        ...

    def history(self, owner_id: str, limit: int, cursor: str | None) -> Page[Job]:
        """The owner's jobs, newest first; `InvalidCursorError` for a cursor not made by this method."""
        ...

    def delete_job(self, job_id: str) -> None:
        """Delete the job and everything stored under it (shares, subscriptions)."""

    def count_by_status(self, owner_id: str | None) -> Mapping[str, int]:
        """Job counts by status, of one owner or (None) of everyone."""
        ...

    def claim_idempotency_key(self, user_id: str, key: str, fingerprint: str, job_id: str) -> str | None:
        """Record `key` -> `job_id`; if the key was already used, return its job id instead (same request)
        or raise `IdempotencyKeyReusedError` (a different request)."""
        ...


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


class ShareRepository(Protocol):
    def put_share(self, share: Share) -> Share:
        """Create or update (re-sharing updates the flags and expiry)."""
        ...

    def shares_of(self, job_id: str) -> Sequence[Share]: ...

    def delete_share(self, job_id: str, team_id: str) -> bool: ...

    def shares_for_team(self, team_id: str) -> Sequence[Share]: ...


class TeamRepository(Protocol):
    def put_team(self, team: Team) -> None: ...

    def get_team(self, team_id: str) -> Team | None: ...

    def all_teams(self) -> Sequence[Team]: ...

    def put_member(self, team_id: str, user_id: str, lead: bool) -> None: ...

    def delete_member(self, team_id: str, user_id: str) -> bool: ...

    def teams_of(self, user_id: str) -> Mapping[str, bool]:
        """The user's teams: team id -> is a lead of it."""
        ...

    def members_of(self, team_id: str) -> Sequence[Membership]:
        """The team's members, leads included, by user id."""
        ...


class ObjectStore(Protocol):
    def presigned_post(self, key: str, max_bytes: int, expires_in: int) -> UploadTicket: ...

    def presigned_get(self, key: str, expires_in: int, filename: str) -> str: ...

    def put(self, key: str, data: bytes, content_type: str, content_encoding: str | None = None) -> None:
        """Store `data`; `content_encoding` (e.g. `gzip`) is served back as `Content-Encoding`."""
        ...

    def get(self, key: str) -> bytes | None: ...

    def exists(self, key: str) -> bool: ...

    def delete_prefix(self, prefix: str) -> None: ...

    def delete_keys(self, keys: Sequence[str]) -> None:
        """Delete exactly these objects (absent ones are no error): needs no listing of the bucket."""


class Orchestrator(Protocol):
    def start(self, job_id: str, payload: Mapping[str, Any]) -> str:
        """Start the analysis of a job (idempotent per job id); returns the execution id."""
        ...

    def stop(self, execution_id: str) -> None:
        """Stop a running execution (cancelling its job); an execution already ended or unknown is left alone."""


class Cache(Protocol):
    """A best-effort cache: every method degrades to a miss / no-op when the backend fails. A read returns
    exactly the bytes stored or None (a damaged value is dropped and counted `corrupt`); a value above the
    adapter's size cap is not stored. `user` names whose read it is, for that user's statistics."""

    def get(self, key: str, user: str | None = None) -> bytes | None: ...

    def set(self, key: str, value: bytes, ttl: int) -> None: ...

    def get_field(self, key: str, field: str, user: str | None = None) -> bytes | None: ...

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None: ...

    def delete(self, *keys: str) -> None: ...

    def stats(self, user: str | None = None) -> CacheStats:
        """Everyone's figures, or those of the reads made for `user`."""
        ...


class ConnectionRepository(Protocol):
    """WebSocket connections and their job subscriptions (single table, with TTL)."""

    def put_connection(self, connection: Connection) -> None: ...

    def get_connection(self, connection_id: str) -> Connection | None: ...

    def remove_connection(self, connection_id: str) -> None:
        """Delete the connection and every subscription it holds (idempotent)."""

    def subscribe(self, connection_id: str, job_id: str, user_id: str, role: str = "User") -> None:
        """Record that the connection follows the job, with the subscriber's identity (checked again at push)."""

    def unsubscribe(self, connection_id: str, job_id: str) -> None: ...

    def subscribers(self, job_id: str) -> Sequence[Subscription]:
        """The job's subscriptions (unexpired), each with the user who subscribed."""
        ...


class Pusher(Protocol):
    """Posts one message to one connection (the API Gateway Management API)."""

    def post(self, connection_id: str, data: bytes) -> PushOutcome: ...
