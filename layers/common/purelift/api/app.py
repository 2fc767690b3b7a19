"""The FastAPI app (SPEC §3). Routes are thin: parse, call one service method, shape the response.

Identity comes from the Lambda authorizer's context in the API Gateway event (`requestContext.authorizer`);
the request id from the event's `requestContext.requestId` (or `X-Request-Id`, or a new one).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError, WithJsonSchema

from purelift import __version__
from purelift.analysis import AnalysisResult
from purelift.api import docs, errors
from purelift.api.schemas import (
    ARCHIVE_FILENAME,
    HISTORY_CURSOR,
    IDEMPOTENCY_KEY,
    MAX_EXCLUDES,
    CacheOut,
    CreatedOut,
    CreateJobIn,
    DownloadOut,
    EngineOptionsForm,
    ErrorOut,
    HealthOut,
    HistoryOut,
    JobOut,
    JobStatusOut,
    MemberIn,
    MemberOut,
    MembersOut,
    MeOut,
    MyTeamOut,
    PermissionsOut,
    ResultLinkOut,
    SharedJobOut,
    SharedWithMeOut,
    ShareIn,
    ShareOut,
    SharesOut,
    StatsOut,
    TeamIn,
    TeamOut,
    TeamsOut,
    UploadOut,
    inline_schema,
)
from purelift.domain.errors import (
    BadRequestError,
    InvalidArchiveError,
    InvalidCursorError,
    JobNotFoundError,
    TeamNotFoundError,
    UnauthenticatedError,
)
from purelift.domain.model import EngineOptions, Identity, Role
from purelift.observability import logger
from purelift.services.context import Backend, caller_rights
from purelift.services.jobs import EXPORT_FORMATS, JobService, direct_upload_too_large
from purelift.services.sharing import SharingService, TeamService

_ID = re.compile(r"^[0-9a-f]{32}$")
_IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY)
_HISTORY_CURSOR = re.compile(HISTORY_CURSOR)
_MULTIPART_OVERHEAD = 64 * 1024
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in {
        400: "Bad input",
        401: "No or invalid token",
        403: "Visible but not allowed",
        404: "Unknown or not visible",
        409: "Wrong state",
        422: "Body of the wrong shape",
    }.items()
}


# The scheme the OpenAPI document declares on every operation that needs a caller (Swagger UI's Authorize).
# It checks nothing: the gateway's authorizer decides, and `caller` reads what it decided.
BEARER = HTTPBearer(scheme_name="bearerAuth", bearerFormat="JWT", auto_error=False)


# --- dependencies ---
# Each is `async def` though it never awaits: FastAPI runs a plain `def` dependency in its thread pool, and the
# hops cost more than the work (a cached result read spent ~4 ms of 12 in them: `make bench`'s backend section).
async def caller(
    request: Request, _declared: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None
) -> Identity:
    """The identity the authorizer put in the event; no context means no valid token went through."""
    event = request.scope.get("aws.event") or {}
    context = (event.get("requestContext") or {}).get("authorizer") or {}
    context = context.get("lambda", context)  # HTTP API payload v2 nests it
    user_id, role = context.get("user_id") or context.get("principalId"), context.get("role")
    if not user_id or role not in {r.value for r in Role}:
        raise UnauthenticatedError
    return Identity(user_id=str(user_id), role=Role(role), email=context.get("email") or None)


async def backend(request: Request) -> Backend:
    provider: Callable[[], Backend] = request.app.state.backend_provider
    return provider()


async def job_id_path(job_id: str) -> str:
    """Ids are ours (32 hex digits): anything else is simply an unknown job."""
    if not _ID.fullmatch(job_id):
        raise JobNotFoundError
    return job_id


async def history_cursor(
    cursor: Annotated[
        str | None,
        Query(max_length=1024, description="The `cursor` of the previous page"),
        WithJsonSchema({"type": "string", "pattern": HISTORY_CURSOR, "maxLength": 1024}),
    ] = None,
) -> str | None:
    """A cursor outside the declared pattern was not made by us (base64 decoding alone would skip stray characters)."""
    if cursor is not None and not _HISTORY_CURSOR.fullmatch(cursor):
        raise InvalidCursorError
    return cursor


async def team_id_path(team_id: str) -> str:
    if not _ID.fullmatch(team_id):
        raise TeamNotFoundError
    return team_id


Caller = Annotated[Identity, Depends(caller)]
Svc = Annotated[Backend, Depends(backend)]
JobId = Annotated[str, Depends(job_id_path)]
TeamId = Annotated[str, Depends(team_id_path)]
# Declared in the OpenAPI document as the route enforces them (the checks keep their own error codes).
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="A retry with the same key gets the same job"),
    WithJsonSchema({"type": "string", "pattern": IDEMPOTENCY_KEY, "minLength": 1, "maxLength": 128}),
]
ExportFormat = Annotated[
    str, Query(max_length=10, description="The export's format", json_schema_extra={"enum": list(EXPORT_FORMATS)})
]

router = APIRouter(prefix="/api/v1", responses=ERRORS)


@router.get("/health", response_model=HealthOut, tags=["meta"])
def health() -> HealthOut:
    return HealthOut(status="ok", version=__version__)


@router.get("/me", response_model=MeOut, tags=["meta"])
def me(who: Caller, b: Svc) -> MeOut:
    teams = TeamService(b).me(who)
    return MeOut(
        user_id=who.user_id,
        role=who.role,
        email=who.email,
        teams=[MyTeamOut(team_id=t, lead=lead) for t, lead in sorted(teams.items())],
    )


# --- jobs ---
@router.post(
    "/analysis",
    status_code=201,
    tags=["analysis"],
    responses={
        201: {"model": CreatedOut, "description": "Created; upload the archive through `upload`, then start"},
        202: {"model": CreatedOut, "description": "Archive received (multipart); the analysis has started"},
        413: {"model": ErrorOut, "description": "Archive too large for a direct upload"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": inline_schema(CreateJobIn)},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {"type": "string", "format": "binary", "description": ".zip or .tar.gz, ≤ 4 MB"},
                            "name": {"type": "string"},
                            "exclude": {"type": "array", "items": {"type": "string"}, "description": "repeatable"},
                            "ui_threshold": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                            "config": {"type": "string", "description": "the EngineConfig object, as JSON"},
                        },
                    }
                },
            },
        }
    },
)
async def create_job(
    request: Request,
    who: Caller,
    b: Svc,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Create a job: JSON `{name}` gives a presigned POST; `multipart/form-data` with `file` starts at once.
    A retried request with the same `Idempotency-Key` gets the same job."""
    if idempotency_key is not None and not _IDEMPOTENCY_KEY.fullmatch(idempotency_key):
        raise BadRequestError("Idempotency-Key must be 1-128 characters of letters, digits and -_.:")
    jobs = JobService(b)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        name, filename, data, options = await _read_upload(request, b.limits.direct_upload_max_bytes)
        created = await run_in_threadpool(jobs.create_with_upload, who, name, data, idempotency_key, filename, options)
        return JSONResponse(
            status_code=202,
            content=CreatedOut(job_id=created.job.job_id, status=created.job.status).model_dump(mode="json"),
        )
    try:
        body = CreateJobIn.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(
            [{**err, "loc": ("body", *err.get("loc", ()))} for err in exc.errors(include_url=False)]
        ) from exc
    options = EngineOptions(tuple(body.exclude), body.engine_config())
    created = await run_in_threadpool(jobs.create, who, body.name, idempotency_key, body.filename, options)
    assert created.upload is not None
    out = CreatedOut(job_id=created.job.job_id, status=created.job.status, upload=UploadOut.of(created.upload))
    return JSONResponse(status_code=201, content=out.model_dump(mode="json"))


async def _read_upload(request: Request, limit: int) -> tuple[str, str | None, bytes, EngineOptions]:
    """The display name, the file's own name (base name only, None when the client sent none), the bytes and
    the engine's options (form fields `exclude` (repeated), `ui_threshold`, `config` (JSON); 422 when bad)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + _MULTIPART_OVERHEAD:
        raise direct_upload_too_large(limit)
    form = await request.form(max_files=1, max_fields=4 + MAX_EXCLUDES, max_part_size=limit + 1)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise BadRequestError("multipart/form-data needs a `file` part.")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise direct_upload_too_large(limit)
    filename = re.split(r"[\\/]", upload.filename or "")[-1]  # some browsers send the client's full path
    if filename and not re.fullmatch(ARCHIVE_FILENAME, filename):
        raise InvalidArchiveError
    raw_name = form.get("name")
    name = (raw_name if isinstance(raw_name, str) and raw_name.strip() else filename or "upload").strip()[:200]
    fields: dict[str, Any] = {"exclude": form.getlist("exclude")}
    fields.update({key: form[key] for key in ("ui_threshold", "config") if key in form})
    try:
        parsed = EngineOptionsForm.model_validate(fields)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**err, "loc": ("body", *err.get("loc", ()))} for err in exc.errors(include_url=False)]
        ) from exc
    return name, filename or None, data, EngineOptions(tuple(parsed.exclude), parsed.engine_config())


@router.get("/analysis/history", response_model=HistoryOut, tags=["analysis"])
def history(
    who: Caller,
    b: Svc,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Depends(history_cursor)] = None,
) -> HistoryOut:
    """The caller's jobs, newest first; pass the returned `cursor` for the next page."""
    page = JobService(b).history(who, limit, cursor)
    return HistoryOut(items=[JobOut.of(job) for job in page.items], cursor=page.cursor)


@router.get("/analysis/shared-with-me", response_model=SharedWithMeOut, tags=["sharing"])
def shared_with_me(
    who: Caller,
    b: Svc,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> SharedWithMeOut:
    page, total = SharingService(b).shared_with_me(who, limit, offset)
    return SharedWithMeOut(items=[SharedJobOut.of(row) for row in page.items], total=total, limit=limit, offset=offset)


@router.get("/analysis/stats", response_model=StatsOut, tags=["analysis"])
def stats(who: Caller, b: Svc) -> StatsOut:
    counts, cache, everyone = JobService(b).stats(who)
    return StatsOut(
        scope="all" if everyone else "own",
        jobs=counts,
        total=sum(counts.values()),
        cache=CacheOut(
            available=cache.available,
            hits=cache.hits,
            misses=cache.misses,
            corrupt=cache.corrupt,
            hit_rate=cache.hit_rate,
        ),
    )


@router.post("/analysis/{job_id}/start", status_code=202, response_model=JobOut, tags=["analysis"])
def start_job(job_id: JobId, who: Caller, b: Svc) -> JobOut:
    return JobOut.of(JobService(b).start(who, job_id))


@router.get("/analysis/{job_id}", response_model=JobStatusOut, tags=["analysis"])
def job_status(job_id: JobId, who: Caller, b: Svc) -> JobStatusOut:
    """The job's status and the caller's `permissions` on it (from the one permission module)."""
    job = JobService(b).status(who, job_id)
    allowed = PermissionsOut(**asdict(caller_rights(b, who, job)))
    return JobStatusOut(**JobOut.of(job).model_dump(), permissions=allowed)


@router.get(
    "/analysis/{job_id}/result",
    tags=["analysis"],
    responses={
        200: {
            "model": AnalysisResult | ResultLinkOut,
            "description": "The analysis result (schema_version 1); a result over the inline limit (5 MB) with "
            "`Accept: application/json`: where to fetch it (`{url, expires_at}`)",
        },
        307: {"description": "A result over the inline limit: redirect to a presigned S3 URL of the gzip-encoded JSON"},
    },
)
def job_result(job_id: JobId, who: Caller, b: Svc, accept: Annotated[str | None, Header()] = None) -> Response:
    """The result JSON inline, or for a result over the inline limit (no Lambda answer may exceed 6 MB) a 307 to
    its gzip-encoded copy in S3 (`curl -L --compressed`); with `Accept: application/json` the link as JSON, so a
    web app fetches it itself (a browser following a cross-origin redirect sends `Origin: null`)."""
    result = JobService(b).result(who, job_id)
    if isinstance(result, bytes):
        return Response(content=result, media_type="application/json")
    if accept and "application/json" in accept:
        return JSONResponse(ResultLinkOut(url=result.url, expires_at=result.expires_at).model_dump())
    return RedirectResponse(result.url, status_code=307)


SOURCE_HEADERS = {
    # The text of an uploaded file is data: never sniffed as something a browser would run, never rendered with
    # scripts even when opened directly (`sandbox`); never reused without asking (access can end: an unshare).
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-cache",
}


@router.get(
    "/analysis/{job_id}/files/{path:path}",
    tags=["analysis"],
    response_class=Response,
    responses={
        200: {
            "content": {"text/plain; charset=utf-8": {"schema": {"type": "string"}}},
            "description": "The file's text, decoded as the engine decoded it (its lines are the result's lines)",
        },
        404: {"model": ErrorOut, "description": "`job_not_found` (unknown or not visible), `file_not_found`"},
        409: {"model": ErrorOut, "description": "`files_not_ready`: the job's files are stored once it has started"},
        413: {"model": ErrorOut, "description": "`file_too_large`: over what a Lambda answer may carry"},
    },
)
def source_file(
    job_id: JobId,
    path: Annotated[
        str, Path(description="The file's path as the result lists it (`files[].path`), e.g. `app/ui/window.py`")
    ],
    who: Caller,
    b: Svc,
) -> Response:
    """The text of one analysed source file (owner or `can_view`), from what the pipeline stored; any path that
    is not one of the job's files is 404 `file_not_found`. Served as `text/plain; charset=utf-8`, never run."""
    body = JobService(b).source_file(who, job_id, path)
    return Response(content=body, media_type="text/plain; charset=utf-8", headers=SOURCE_HEADERS)


@router.delete("/analysis/{job_id}", status_code=204, tags=["analysis"])
def delete_job(job_id: JobId, who: Caller, b: Svc) -> Response:
    JobService(b).delete(who, job_id)
    return Response(status_code=204)


@router.get(
    "/analysis/{job_id}/download",
    tags=["analysis"],
    status_code=307,
    responses={
        307: {"description": "Redirect to a presigned S3 URL"},
        200: {"model": DownloadOut, "description": "With `Accept: application/json`"},
    },
)
def download(
    job_id: JobId,
    who: Caller,
    b: Svc,
    format: ExportFormat = "json",
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    link = JobService(b).download(who, job_id, format)
    if accept and "application/json" in accept:
        return JSONResponse(DownloadOut(url=link.url, expires_at=link.expires_at, filename=link.filename).model_dump())
    return RedirectResponse(link.url, status_code=307)


# --- sharing ---
@router.post("/analysis/{job_id}/share", response_model=ShareOut, tags=["sharing"])
def share(job_id: JobId, body: ShareIn, who: Caller, b: Svc) -> ShareOut:
    if not _ID.fullmatch(body.team_id):
        raise TeamNotFoundError
    shared = SharingService(b).share(who, job_id, body.team_id, body.can_view, body.can_download, body.expires_at)
    return ShareOut.of(shared)


@router.delete("/analysis/{job_id}/share/{team_id}", status_code=204, tags=["sharing"])
def unshare(job_id: JobId, team_id: str, who: Caller, b: Svc) -> Response:
    SharingService(b).unshare(who, job_id, team_id)
    return Response(status_code=204)


@router.get("/analysis/{job_id}/shares", response_model=SharesOut, tags=["sharing"])
def shares(job_id: JobId, who: Caller, b: Svc) -> SharesOut:
    return SharesOut(items=[ShareOut.of(s) for s in SharingService(b).shares(who, job_id)])


# --- teams ---
@router.post("/teams", status_code=201, response_model=TeamOut, tags=["teams"])
def create_team(body: TeamIn, who: Caller, b: Svc) -> TeamOut:
    return TeamOut.of(TeamService(b).create(who, body.name))


@router.get("/teams", response_model=TeamsOut, tags=["teams"])
def list_teams(who: Caller, b: Svc) -> TeamsOut:
    return TeamsOut(items=[TeamOut.of(t) for t in TeamService(b).list(who)])


@router.post("/teams/{team_id}/members", status_code=201, response_model=MemberOut, tags=["teams"])
def add_member(team_id: TeamId, body: MemberIn, who: Caller, b: Svc) -> MemberOut:
    TeamService(b).add_member(who, team_id, body.user_id, body.lead)
    return MemberOut(team_id=team_id, user_id=body.user_id, lead=body.lead)


@router.get("/teams/{team_id}/members", response_model=MembersOut, tags=["teams"])
def list_members(team_id: TeamId, who: Caller, b: Svc) -> MembersOut:
    """Members and leads of the team, for its members and Admin (404 to anyone else)."""
    members = TeamService(b).members(who, team_id)
    return MembersOut(items=[MemberOut(team_id=m.team_id, user_id=m.user_id, lead=m.lead) for m in members])


@router.delete("/teams/{team_id}/members/{user_id}", status_code=204, tags=["teams"])
def remove_member(team_id: TeamId, user_id: str, who: Caller, b: Svc) -> Response:
    TeamService(b).remove_member(who, team_id, user_id)
    return Response(status_code=204)


async def _request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    event = request.scope.get("aws.event") or {}
    context = event.get("requestContext") or {}
    rid = context.get("requestId") or request.headers.get("x-request-id")
    # On the execute-api domain every URL carries the stage (`/prod/api/docs`): the docs pages must link to
    # `/prod/api/openapi.json`. A custom domain maps the stage away, so it gets no prefix.
    stage, domain = context.get("stage"), str(context.get("domainName", ""))
    if stage and domain.endswith(".amazonaws.com") and not request.scope.get("root_path"):
        request.scope["root_path"] = f"/{stage}"
    request.state.request_id = rid if isinstance(rid, str) and 0 < len(rid) <= 128 else uuid.uuid4().hex
    logger.append_keys(request_id=request.state.request_id)
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Request-Id"] = request.state.request_id
    logger.info(
        "request",
        extra={
            "method": request.method,
            "path": request.url.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return response


def create_app(backend_provider: Callable[[], Backend], allowed_origin: str = "*") -> FastAPI:
    """The API over the given backend (Lambda: `purelift.wiring.api.backend`; tests and the local stack: theirs).
    `allowed_origin` is the CORS origin (API Gateway answers the preflight; the app adds the headers)."""
    app = FastAPI(
        title="purelift",
        version=__version__,
        description="Plan the move of a Python desktop GUI application to the web.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # docs.install: the pages and their assets served by the API itself, not a CDN
        redoc_url=None,
    )
    app.state.backend_provider = backend_provider
    app.include_router(router)
    docs.install(app)
    app.middleware("http")(_request_context)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[allowed_origin],
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "Accept"],
        expose_headers=["X-Request-Id", "Location"],
    )
    errors.install(app)
    return app
