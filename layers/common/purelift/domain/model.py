"""Entities of the backend (SPEC §3, §6, §7): jobs, shares, teams, memberships, the caller's identity."""

from __future__ import annotations

import json
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
class EngineOptions:
    """The engine's options of a job (`POST /analysis`): exclusion globs and the `EngineConfig.to_dict()` shape
    (None: the engine's defaults)."""

    exclude: tuple[str, ...] = ()
    engine_config: Mapping[str, Any] | None = None

    def parts(self) -> tuple[str, ...]:
        """What the options add to a request's fingerprint (nothing when there are none, so keys made before
        options existed still match)."""
        if not self.exclude and self.engine_config is None:
            return ()
        return (json.dumps({"exclude": list(self.exclude), "config": self.engine_config}, sort_keys=True),)


NO_OPTIONS = EngineOptions()


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
    # The engine's options the job was created with (SPEC §3), applied by the pipeline as the CLI applies
    # `--exclude` and `--config`/`--ui-threshold`: the exclusion globs, and `EngineConfig.to_dict()`'s shape
    # (None: the engine's defaults).
    exclude: tuple[str, ...] = ()
    engine_config: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        # Records come back from JSON and DynamoDB with lists: one type, so equal jobs compare equal.
        object.__setattr__(self, "exclude", tuple(self.exclude))


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
    """Each read is one of: a hit, a miss, or `corrupt` (a damaged value, dropped and read from the source)."""

    hits: int = 0
    misses: int = 0
    available: bool = False
    corrupt: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses + self.corrupt
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
