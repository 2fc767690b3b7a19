"""Request and response bodies of the API. Result types come from the engine's dataclasses."""

from __future__ import annotations

import dataclasses
import typing
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, Json, StrictBool, StrictStr, create_model

from purelift.analysis import EngineConfig, Summary
from purelift.domain.model import Job, JobStatus, Role, Share, SharedJob, Team, UploadTicket
from purelift.services.results import summary_dict


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# What the API accepts, declared in the OpenAPI document and enforced with the same patterns.
# A history cursor is url-safe base64 without padding (the DynamoDB adapter's encoding); anything else is refused.
HISTORY_CURSOR = r"^[A-Za-z0-9_-]+$"
# A client's retry key: 1-128 characters of letters, digits and `-_.:`.
IDEMPOTENCY_KEY = r"^[A-Za-z0-9_.:-]{1,128}$"

# An archive's own file name: no folder, no control character, a suffix the reader knows.
ARCHIVE_FILENAME = r"(?i)^[^/\\\x00-\x1f\x7f]{1,190}\.(zip|tar\.gz|tgz)$"


def _engine_config_model() -> type[BaseModel]:
    """`EngineConfig` as a request body, built FROM the engine's dataclass (its fields, types and defaults), so
    the API cannot accept what the engine does not know; unknown keys are refused. `ui_threshold` gets the
    bounds the CLI enforces (above 0, at most 100)."""
    hints = typing.get_type_hints(EngineConfig)
    fields: dict[str, Any] = {}
    for spec in dataclasses.fields(EngineConfig):
        default = (
            Field(default_factory=spec.default_factory)
            if spec.default_factory is not dataclasses.MISSING
            else Field(default=spec.default)
        )
        fields[spec.name] = (hints[spec.name], default)
    fields["ui_threshold"] = (UiThreshold, fields["ui_threshold"][1])
    model: type[BaseModel] = create_model(
        "EngineConfigIn", __base__=_In, __doc__="The engine's configuration (docs/engine.md)", **fields
    )
    return model


UiThreshold = Annotated[float, Field(gt=0, le=100, description="UI % at or above which a file is UI (default 50)")]
ExcludeGlob = Annotated[StrictStr, Field(min_length=1, max_length=200)]
EngineConfigIn = _engine_config_model()
MAX_EXCLUDES = 100


class EngineOptionsIn(_In):
    """The engine's options, as the CLI's `--exclude`, `--ui-threshold` and `--config` (SPEC §3). `ui_threshold`
    wins over `config.ui_threshold`, as `--ui-threshold` wins over the file given to `--config`."""

    exclude: list[ExcludeGlob] = Field(
        default_factory=list,
        max_length=MAX_EXCLUDES,
        description="Globs of files or folders to leave out, as `purelift analyze --exclude` (e.g. `tests`, `ui/*`)",
    )
    ui_threshold: UiThreshold | None = None
    config: EngineConfigIn | None = None  # type: ignore[valid-type]

    def engine_config(self) -> dict[str, Any] | None:
        """The configuration to store with the job (`EngineConfig.to_dict()`'s shape); None: the defaults."""
        if self.config is None and self.ui_threshold is None:
            return None
        data = self.config.model_dump() if self.config is not None else {}
        if self.ui_threshold is not None:
            data["ui_threshold"] = self.ui_threshold
        return EngineConfig.from_dict(data).to_dict()


class EngineOptionsForm(EngineOptionsIn):
    """The same options as `multipart/form-data` fields beside the file: `exclude` repeated, `ui_threshold` a
    number, `config` a JSON object."""

    config: Json[EngineConfigIn] | None = None  # type: ignore[valid-type]


class CreateJobIn(EngineOptionsIn):
    name: StrictStr = Field(min_length=1, max_length=200)
    filename: StrictStr | None = Field(
        default=None,
        max_length=200,
        pattern=ARCHIVE_FILENAME,
        description="The archive's own file name (`flat.zip`): a flat archive's root package is named after it, "
        "as the CLI does; the display `name` never is",
    )


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its `$defs` inlined: a request body declared by hand (`openapi_extra`) is
    not a component, so a `#/$defs/…` reference in it would point nowhere in the OpenAPI document."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve({**defs[ref.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}})
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


class ShareIn(_In):
    team_id: StrictStr = Field(min_length=1, max_length=64)
    can_view: StrictBool = True
    can_download: StrictBool = False
    expires_at: AwareDatetime | None = Field(
        default=None,
        description="ISO 8601 with a timezone, in the future (400 `bad_request` otherwise); omitted: never expires",
    )


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


class PermissionsOut(BaseModel):
    """What the caller may do with the job (the permission matrix's answer), so a page offers only that."""

    can_view: bool
    can_download: bool
    can_share: bool = Field(description="Share with a team the caller belongs to (Admin: any team)")
    can_delete: bool


class JobStatusOut(JobOut):
    permissions: PermissionsOut


class HistoryOut(BaseModel):
    items: list[JobOut]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null: no more pages")


class DownloadOut(BaseModel):
    url: str
    expires_at: str
    filename: str


class ResultLinkOut(BaseModel):
    """Where a result too large for the API's answer is (a presigned GET of the gzip-encoded JSON)."""

    url: str
    expires_at: str


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
    corrupt: int = Field(default=0, description="reads of a damaged value: dropped, served from the source")
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


class MembersOut(BaseModel):
    items: list[MemberOut] = Field(description="The team's members, leads included (`lead: true`), by user id")


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
