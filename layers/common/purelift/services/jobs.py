"""Analysis jobs: create (presigned upload or direct upload), start, status, result, the text of one analysed
file, history, delete, downloads and statistics (SPEC §3). Every job operation checks access first
(`load_authorized`)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import uuid
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from purelift.domain import cache_keys
from purelift.domain.errors import (
    AlreadyExistsError,
    ExportNotReadyError,
    InvalidArchiveError,
    InvalidStateError,
    JobNotCompletedError,
    PayloadTooLargeError,
    SourceFileNotFoundError,
    SourceFileTooLargeError,
    SourcesNotReadyError,
    UnknownFormatError,
    UploadMissingError,
)
from purelift.domain.model import (
    NO_OPTIONS,
    CacheStats,
    CreatedJob,
    Download,
    EngineOptions,
    Identity,
    Job,
    JobStatus,
    Page,
    Role,
    isoformat,
)
from purelift.domain.permissions import Action
from purelift.domain.storage_keys import (
    batch_key,
    export_key,
    job_prefixes,
    manifest_key,
    result_gzip_key,
    result_key,
    upload_key,
)
from purelift.services.context import Backend, load_authorized
from purelift.services.results import normalise_result, parse_result

EXPORT_FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8", "zip": "application/zip"}
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# A source path as the engine's readers store it: relative, `/`-separated, no empty, `.` or `..` segment, no
# backslash and no control character (NUL included). Anything else names no file of any job.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")
SOURCE_PATH_MAX = 1024


def direct_upload_too_large(limit: int) -> PayloadTooLargeError:
    """The 413 of a direct (multipart) upload over `limit`, saying why the limit is what it is and what to do."""
    return PayloadTooLargeError(
        f"Direct uploads are limited to {limit / (1024 * 1024):g} MB ({limit} bytes): the request reaches the "
        "function base64-encoded and must stay under its 6 MB limit. Create the job with JSON instead and upload "
        "the archive through the presigned POST it returns."
    )


def answer_size(body: bytes) -> int:
    """The bytes a JSON body takes in the function's answer (what Lambda's 6 MB limit measures), which is itself
    JSON with the body as a string: each quote and backslash is escaped and each non-ASCII character written
    `\\uXXXX` (at most 3 times its UTF-8 size), so a 5 MB result can be well over 5 MB there."""
    return len(json.dumps(body.decode("utf-8")))


def is_source_path(path: str) -> bool:
    """Whether `path` could name a file the engine stored (`analysis.sources`): the API refuses anything else
    before reading a byte. The lookup itself is an exact match against the stored paths, never a file system or
    an S3 key built from the path, so this is a first fence, not the only one."""
    if not 0 < len(path) <= SOURCE_PATH_MAX or path.startswith("/") or _CONTROL.search(path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def safe_filename(name: str, extension: str) -> str:
    """Letters, digits and `-_.` only, at most 50 characters with the extension (SPEC §3)."""
    stem = _UNSAFE.sub("_", name).strip("._") or "analysis"
    return f"{stem[: 50 - len(extension) - 1]}.{extension}"


def request_fingerprint(*parts: str) -> str:
    """What makes two creations "the same request" for an Idempotency-Key."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _job_dict(job: Job) -> dict[str, Any]:
    return {**asdict(job), "status": str(job.status), "summary": dict(job.summary) if job.summary else None}


def _job_from_dict(data: dict[str, Any]) -> Job:
    return Job(**{**data, "status": JobStatus(data["status"])})


class JobService:
    def __init__(self, backend: Backend) -> None:
        self.b = backend

    # --- create ---
    def create(
        self,
        caller: Identity,
        name: str,
        idempotency_key: str | None = None,
        filename: str | None = None,
        options: EngineOptions = NO_OPTIONS,
    ) -> CreatedJob:
        """A job awaiting its upload, with a presigned POST limited to `upload_max_bytes`. `filename` is the
        archive's own file name when the client gives it (see `Job.filename`); `options` are the engine's,
        stored with the job for the pipeline."""
        fingerprint = request_fingerprint("presigned", name, *([filename] if filename else []), *options.parts())
        job = self._create_record(caller, name, idempotency_key, fingerprint, filename, options)
        ticket = self.b.store.presigned_post(
            upload_key(job.job_id), self.b.limits.upload_max_bytes, self.b.limits.presign_expires
        )
        return CreatedJob(job=job, upload=ticket)

    def create_with_upload(
        self,
        caller: Identity,
        name: str,
        data: bytes,
        idempotency_key: str | None = None,
        filename: str | None = None,
        options: EngineOptions = NO_OPTIONS,
    ) -> CreatedJob:
        """A small archive sent with the request: stored, and the analysis started at once."""
        if len(data) > self.b.limits.direct_upload_max_bytes:
            raise direct_upload_too_large(self.b.limits.direct_upload_max_bytes)
        if not data.startswith(_ARCHIVE_MAGIC):
            raise InvalidArchiveError
        digest = hashlib.sha256(data).hexdigest()
        fingerprint = request_fingerprint("upload", name, digest, *([filename] if filename else []), *options.parts())
        job = self._create_record(caller, name, idempotency_key, fingerprint, filename, options)
        if job.status is not JobStatus.AWAITING_UPLOAD:  # a replayed request: already started
            return CreatedJob(job=job)
        self.b.store.put(upload_key(job.job_id), data, "application/octet-stream")
        return CreatedJob(job=self._start(job))

    def _create_record(
        self,
        caller: Identity,
        name: str,
        idempotency_key: str | None,
        fingerprint: str,
        filename: str | None,
        options: EngineOptions = NO_OPTIONS,
    ) -> Job:
        """A new job, or the one an earlier request with the same Idempotency-Key created. The key is claimed
        first, so a retry after a failure half-way creates the job under the id the key already names."""
        job_id = uuid.uuid4().hex
        if idempotency_key:
            claimed = self.b.jobs.claim_idempotency_key(caller.user_id, idempotency_key, fingerprint, job_id)
            if claimed is not None:
                job_id = claimed
                replayed = self.b.jobs.get_job(job_id)
                if replayed is not None:
                    return replayed
        now = isoformat(self.b.clock())
        job = Job(
            job_id,
            caller.user_id,
            name,
            JobStatus.AWAITING_UPLOAD,
            created_at=now,
            updated_at=now,
            filename=filename,
            exclude=options.exclude,
            engine_config=options.engine_config,
        )
        try:
            self.b.jobs.put_job(job)
        except AlreadyExistsError:  # a concurrent retry of the same request got there first
            replayed = self.b.jobs.get_job(job_id)
            if replayed is None:
                raise
            return replayed
        self.b.cache.delete(cache_keys.history(caller.user_id))
        return job

    # --- start ---
    def start(self, caller: Identity, job_id: str) -> Job:
        """Start after a presigned upload. 409 when there is no upload or the job was already started;
        a concurrent double start runs one execution (named after the job) and one state change."""
        job = load_authorized(self.b, caller, job_id, Action.START).job
        if job.status is not JobStatus.AWAITING_UPLOAD:
            raise InvalidStateError("The job has already been started.")
        if not self.b.store.exists(upload_key(job_id)):
            raise UploadMissingError
        return self._start(job)

    def _start(self, job: Job) -> Job:
        execution = self.b.orchestrator.start(
            job.job_id, {"job_id": job.job_id, "source_key": upload_key(job.job_id), "name": job.name}
        )
        try:
            started = self.b.jobs.transition(
                job.job_id, JobStatus.AWAITING_UPLOAD, JobStatus.QUEUED, execution_arn=execution
            )
        except InvalidStateError as exc:
            raise InvalidStateError("The job has already been started.") from exc
        self.b.cache.delete(cache_keys.history(job.owner_id))
        return started

    # --- read ---
    def status(self, caller: Identity, job_id: str) -> Job:
        """Access first (SPEC §6: the job read decides it, before any cache read); a running job's progress
        then comes from the pipeline's 60 s entry when there is one (`cache_keys.with_progress`)."""
        job = load_authorized(self.b, caller, job_id, Action.VIEW).job
        if job.status is not JobStatus.RUNNING:
            return job
        cached = self.b.cache.get(cache_keys.progress(job_id), caller.user_id)
        return job if cached is None else cache_keys.with_progress(job, cached)

    def result(self, caller: Identity, job_id: str) -> bytes | Download:
        """The result JSON: access checked first, then cache-aside over S3 (validated before caching). A result
        over `result_inline_max_bytes` cannot leave a Lambda in its answer (6 MB at most): it is a presigned GET of
        its gzip copy instead (`storage_keys.result_gzip_key`), written on the first such request and served from
        then on without reading the result again."""
        job = load_authorized(self.b, caller, job_id, Action.VIEW).job
        body = self._cached_result(job, caller.user_id)
        if body is None:
            if self.b.store.exists(result_gzip_key(job_id)):  # only a result too large to answer has a copy
                return self._result_link(job)
            body = self._stored_result(job)
        limit = self.b.limits.result_inline_max_bytes
        if 3 * len(body) + 2 <= limit or answer_size(body) <= limit:  # escaping at most triples it: measure near
            return body
        # A result never changes once stored: this copy serves every later request without reading the result.
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        self.b.store.put(result_gzip_key(job_id), compressed, EXPORT_FORMATS["json"], "gzip")
        return self._result_link(job)

    def _result_link(self, job: Job) -> Download:
        filename = safe_filename(job.name, "json")
        expires_in = self.b.limits.presign_expires
        url = self.b.store.presigned_get(result_gzip_key(job.job_id), expires_in, filename)
        return Download(
            url=url, expires_at=isoformat(self.b.clock() + timedelta(seconds=expires_in)), filename=filename
        )

    def _result_bytes(self, job: Job, user: str | None = None) -> bytes:
        """The result as served; a result above the cache's size cap is read from S3 each time (never cached)."""
        cached = self._cached_result(job, user)
        return cached if cached is not None else self._stored_result(job)

    def _cached_result(self, job: Job, user: str | None) -> bytes | None:
        if job.status is not JobStatus.COMPLETED:
            raise JobNotCompletedError
        return self.b.cache.get(cache_keys.result(job.job_id), user)

    def _stored_result(self, job: Job) -> bytes:
        raw = self.b.store.get(result_key(job.job_id))
        if raw is None:
            raise ExportNotReadyError("The result is not available yet.")
        body = normalise_result(raw)
        self.b.cache.set(cache_keys.result(job.job_id), body, cache_keys.RESULT_TTL)
        return body

    def source_file(self, caller: Identity, job_id: str, path: str) -> bytes:
        """The text of one analysed file, UTF-8, decoded as the engine decoded it (PEP 263, BOM), so its lines are
        the lines the result numbers. Read from what Prepare stored (`jobs/{job}/sources/`): the files are sorted
        by path and the batches consecutive (`SourceTree.files`, `Pipeline._batches`), so the file's batch is found
        by bisection over the manifest's batches, a few batch reads at most. Access first (`read_source`); a path
        not in the job is 404 `file_not_found`; a job whose files are not stored yet 409 `files_not_ready`; a text
        that would not fit Lambda's answer (measured as `result` measures it) 413 `file_too_large`."""
        job = load_authorized(self.b, caller, job_id, Action.READ_SOURCE).job
        if not is_source_path(path):
            raise SourceFileNotFoundError
        raw = self.b.store.get(manifest_key(job_id))
        if raw is None:
            if job.status in (JobStatus.AWAITING_UPLOAD, JobStatus.QUEUED, JobStatus.RUNNING):
                raise SourcesNotReadyError
            raise SourceFileNotFoundError  # failed before Prepare stored anything
        data = self._find_source(job_id, list(json.loads(raw)["batches"]), path)
        if data is None:
            raise SourceFileNotFoundError
        from purelift.analysis import decode_source

        body = decode_source(data).encode("utf-8")
        limit = self.b.limits.result_inline_max_bytes
        # A control character becomes `\u00XX` (6 bytes) in the JSON answer: measure unless even that would fit.
        if 6 * len(body) + 2 > limit and answer_size(body) > limit:
            raise SourceFileTooLargeError(
                f"This file is {len(body)} bytes: too large to be served by the API (at most {limit} bytes "
                "in its answer). It is in the archive you uploaded."
            )
        return body

    def _find_source(self, job_id: str, counts: list[int], path: str) -> bytes | None:
        low, high = 0, len(counts) - 1
        while low <= high:
            middle = (low + high) // 2
            raw = self.b.store.get(batch_key(job_id, middle))
            if raw is None:  # deleted while we read
                return None
            batch = json.loads(raw)
            if not batch or path < batch[0]["path"]:
                high = middle - 1
            elif path > batch[-1]["path"]:
                low = middle + 1
            else:
                found = next((item["data"] for item in batch if item["path"] == path), None)
                return None if found is None else base64.b64decode(found)
        return None

    def history(self, caller: Identity, limit: int, cursor: str | None) -> Page[Job]:
        """The caller's own jobs, newest first (cached per page for 5 minutes, dropped on any change)."""
        key, page_field = cache_keys.history(caller.user_id), f"{limit}:{cursor or ''}"
        cached = self.b.cache.get_field(key, page_field, caller.user_id)
        if cached is not None:
            data = json.loads(cached)
            return Page(items=[_job_from_dict(item) for item in data["items"]], cursor=data["cursor"])
        page = self.b.jobs.history(caller.user_id, limit, cursor)
        body = json.dumps({"items": [_job_dict(job) for job in page.items], "cursor": page.cursor})
        self.b.cache.set_field(key, page_field, body.encode(), cache_keys.HISTORY_TTL)
        return page

    # --- delete ---
    def delete(self, caller: Identity, job_id: str) -> None:
        """Cancel a running job, then delete it. The execution is stopped first, so no new step starts; objects
        and cache entries go before the records, so a failure half-way can simply be retried; the objects are
        swept once more after the records, for a step that was already running: it checks the job before
        writing and again after (`Pipeline`), so whatever it writes lands before this sweep or is removed by
        the step itself."""
        job = load_authorized(self.b, caller, job_id, Action.DELETE).job
        if job.execution_arn and job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
            self.b.orchestrator.stop(job.execution_arn)
        for prefix in job_prefixes(job_id):
            self.b.store.delete_prefix(prefix)
        self.b.cache.delete(cache_keys.result(job_id), cache_keys.progress(job_id), cache_keys.history(job.owner_id))
        self.b.jobs.delete_job(job_id)
        for prefix in job_prefixes(job_id):
            self.b.store.delete_prefix(prefix)

    # --- downloads ---
    def download(self, caller: Identity, job_id: str, fmt: str) -> Download:
        """A presigned GET of an export; JSON and CSV are produced from the stored result on first request,
        the ZIP is the one the pipeline stored."""
        if fmt not in EXPORT_FORMATS:
            raise UnknownFormatError
        job = load_authorized(self.b, caller, job_id, Action.DOWNLOAD).job
        if job.status is not JobStatus.COMPLETED:
            raise JobNotCompletedError
        key = export_key(job_id, fmt)
        if not self.b.store.exists(key):
            if fmt == "zip":
                raise ExportNotReadyError
            self.b.store.put(key, self._render(job, fmt), EXPORT_FORMATS[fmt])
        filename = safe_filename(job.name, fmt)
        expires_in = self.b.limits.presign_expires
        url = self.b.store.presigned_get(key, expires_in, filename)
        expires_at = isoformat(self.b.clock() + timedelta(seconds=expires_in))
        return Download(url=url, expires_at=expires_at, filename=filename)

    def _render(self, job: Job, fmt: str) -> bytes:
        from purelift.analysis import to_csv, to_json

        result = parse_result(self._result_bytes(job))
        return to_json(result) if fmt == "json" else to_csv(result)

    # --- statistics ---
    def stats(self, caller: Identity) -> tuple[dict[str, int], CacheStats, bool]:
        """Job counts by status and the cache's figures: a user's own (their jobs, the reads made for them), an
        Admin's everyone's."""
        scope_all = caller.role is Role.ADMIN
        counts = dict(self.b.jobs.count_by_status(None if scope_all else caller.user_id))
        return counts, self.b.cache.stats(None if scope_all else caller.user_id), scope_all
