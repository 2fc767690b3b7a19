"""Entities of the backend (SPEC §3, §6, §7): jobs, shares, teams, memberships, the caller's identity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Role(StrEnum):
    USER = "User"
    TEAM_LEAD = "TeamLead"
    ADMIN = "Admin"


class JobStatus(StrEnum):
    AWAITING_UPLOAD = "awaiting_upload"
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


def isoformat(moment: datetime) -> str:
    """The one timestamp format stored and served: UTC, microseconds, `Z` suffix (sorts as text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is calling, as the authorizer established it (teams are looked up, not trusted from the token)."""

    user_id: str
    role: Role
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    job_id: str
    owner_id: str
    name: str
    status: JobStatus
    created_at: str
    updated_at: str
    progress: int = 0
    files_done: int = 0
    files_total: int = 0
    summary: Mapping[str, Any] | None = None
    error: str | None = None
    execution_arn: str | None = None
    # The uploaded file's own name (`flat.zip`), when known: a flat archive's root package is named after it,
    # as the CLI names it after the archive's file. Never the display `name`, which the user may choose freely.
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class Share:
    job_id: str
    team_id: str
    can_view: bool
    can_download: bool
    shared_by: str
    created_at: str
    expires_at: str | None = None

    def active(self, now: datetime) -> bool:
        """Unexpired (a share without `expires_at` never expires). Expired shares are ignored everywhere."""
        return self.expires_at is None or parse_time(self.expires_at) > now


@dataclass(frozen=True, slots=True)
class Team:
    team_id: str
    name: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Membership:
    team_id: str
    user_id: str
    lead: bool = False


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing; `cursor` is opaque to clients (None: no more pages)."""

    items: Sequence[T]
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    available: bool = False

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return round(self.hits / total, 4) if total else 0.0


@dataclass(frozen=True, slots=True)
class SharedJob:
    """A job as seen through shares with the caller's teams (flags merged over those teams). `job` (status,
    counts, summary) is set only when the caller may view it: a share without `can_view` lists the job's id
    and name, the flags and the expiry, nothing of its content."""

    job_id: str
    name: str
    team_ids: tuple[str, ...]
    can_view: bool
    can_download: bool
    expires_at: str | None = None
    job: Job | None = None


@dataclass(frozen=True, slots=True)
class Download:
    url: str
    expires_at: str
    filename: str


@dataclass(frozen=True, slots=True)
class UploadTicket:
    """A browser upload target: an S3 presigned POST with a size condition."""

    url: str
    fields: Mapping[str, str]
    expires_in: int
    max_bytes: int


@dataclass(frozen=True, slots=True)
class CreatedJob:
    job: Job
    upload: UploadTicket | None = None
