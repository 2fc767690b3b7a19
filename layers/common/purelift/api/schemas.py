"""Request and response bodies of the API. Result types come from the engine's dataclasses."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, StrictStr

from purelift.analysis import Summary
from purelift.domain.model import Job, JobStatus, Role, Share, SharedJob, Team, UploadTicket
from purelift.services.results import summary_dict


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# An archive's own file name: no folder, no control character, a suffix the reader knows.
ARCHIVE_FILENAME = r"(?i)^[^/\\\x00-\x1f\x7f]{1,190}\.(zip|tar\.gz|tgz)$"


class CreateJobIn(_In):
    name: StrictStr = Field(min_length=1, max_length=200)
    filename: StrictStr | None = Field(
        default=None,
        max_length=200,
        pattern=ARCHIVE_FILENAME,
        description="The archive's own file name (`flat.zip`): a flat archive's root package is named after it, "
        "as the CLI does; the display `name` never is",
    )


class ShareIn(_In):
    team_id: StrictStr = Field(min_length=1, max_length=64)
    can_view: StrictBool = True
    can_download: StrictBool = False
    expires_at: AwareDatetime | None = Field(default=None, description="ISO 8601 with a timezone; omitted: never")


class TeamIn(_In):
    name: StrictStr = Field(min_length=1, max_length=100)


class MemberIn(_In):
    user_id: StrictStr = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9@._+-]+$")
    lead: StrictBool = False


class UploadOut(BaseModel):
    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int

    @classmethod
    def of(cls, ticket: UploadTicket) -> UploadOut:
        return cls(url=ticket.url, fields=dict(ticket.fields), expires_in=ticket.expires_in, max_bytes=ticket.max_bytes)


class CreatedOut(BaseModel):
    job_id: str
    status: JobStatus
    upload: UploadOut | None = None


class JobOut(BaseModel):
    job_id: str
    name: str
    status: JobStatus
    progress: int = Field(ge=0, le=100)
    files_done: int
    files_total: int
    created_at: str
    updated_at: str
    summary: Summary | None = None
    error: str | None = None

    @classmethod
    def of(cls, job: Job) -> JobOut:
        summary: Any = summary_dict(job.summary)
        return cls(
            job_id=job.job_id,
            name=job.name,
            status=job.status,
            progress=max(0, min(100, job.progress)),
            files_done=job.files_done,
            files_total=job.files_total,
            created_at=job.created_at,
            updated_at=job.updated_at,
            summary=summary,
            error=job.error,
        )


class HistoryOut(BaseModel):
    items: list[JobOut]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null: no more pages")


class DownloadOut(BaseModel):
    url: str
    expires_at: str
    filename: str


class ShareOut(BaseModel):
    job_id: str
    team_id: str
    can_view: bool
    can_download: bool
    shared_by: str
    created_at: str
    expires_at: str | None

    @classmethod
    def of(cls, share: Share) -> ShareOut:
        return cls(
            job_id=share.job_id,
            team_id=share.team_id,
            can_view=share.can_view,
            can_download=share.can_download,
            shared_by=share.shared_by,
            created_at=share.created_at,
            expires_at=share.expires_at,
        )


class SharesOut(BaseModel):
    items: list[ShareOut]


class JobNameOut(BaseModel):
    """A shared job the caller may not view: its id and name only (no status, counts or summary)."""

    model_config = ConfigDict(extra="forbid")  # a full job never validates as this (the union below)

    job_id: str
    name: str


class SharedJobOut(BaseModel):
    job: JobOut | JobNameOut = Field(
        description="The full job when the caller may view it (a share with `can_view`, or their own job); "
        "otherwise only `job_id` and `name`."
    )
    team_ids: list[str]
    can_view: bool
    can_download: bool
    expires_at: str | None

    @classmethod
    def of(cls, row: SharedJob) -> SharedJobOut:
        job = JobOut.of(row.job) if row.job is not None else JobNameOut(job_id=row.job_id, name=row.name)
        return cls(
            job=job,
            team_ids=list(row.team_ids),
            can_view=row.can_view,
            can_download=row.can_download,
            expires_at=row.expires_at,
        )


class SharedWithMeOut(BaseModel):
    items: list[SharedJobOut]
    total: int
    limit: int
    offset: int


class CacheOut(BaseModel):
    available: bool
    hits: int
    misses: int
    hit_rate: float


class StatsOut(BaseModel):
    scope: Literal["own", "all"]
    jobs: dict[str, int]
    total: int
    cache: CacheOut


class TeamOut(BaseModel):
    team_id: str
    name: str

    @classmethod
    def of(cls, team: Team) -> TeamOut:
        return cls(team_id=team.team_id, name=team.name)


class TeamsOut(BaseModel):
    items: list[TeamOut]


class MemberOut(BaseModel):
    team_id: str
    user_id: str
    lead: bool


class MyTeamOut(BaseModel):
    team_id: str
    lead: bool


class MeOut(BaseModel):
    user_id: str
    role: Role
    email: str | None
    teams: list[MyTeamOut]


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    request_id: str


class ErrorOut(BaseModel):
    error: ErrorDetail
