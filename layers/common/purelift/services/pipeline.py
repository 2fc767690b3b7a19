"""The analysis pipeline's steps (SPEC §5): Prepare, AnalyzeBatch, Aggregate, MarkFailed.

Each step is idempotent, because Step Functions retries tasks: Prepare rewrites the same objects, a batch is
counted once (a marker per batch index), Aggregate and MarkFailed only change a job in the state they expect.
Payloads between steps are S3 keys and counts; sources, summaries and results stay in S3 under `jobs/{job}/`.

A job may be deleted while it runs (`JobService.delete` stops the execution, but a step already running goes
on): no step recreates what the delete removed. Each step reads the job before writing (`JobGoneError` when it
is gone) and again after its S3 puts, removing what it wrote if the job went meanwhile; every DynamoDB write is
conditional on the job item existing. The job also carries the engine's options it was created with
(`exclude`, the `EngineConfig`), applied here as the CLI applies them.
"""

from __future__ import annotations

import base64
import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from purelift.analysis import (
    DEFAULT_LIMITS,
    EngineConfig,
    FileSummary,
    Limits,
    SkippedFile,
    SourceError,
    SourceFile,
    decode_source,
    no_cyclic_gc,
    read_archive,
    solve_project,
    summarize_file,
    to_json,
    to_zip,
)
from purelift.domain import cache_keys, realtime
from purelift.domain.errors import ServiceUnavailableError
from purelift.domain.model import Job, JobStatus
from purelift.domain.pipeline import (
    ABORTED_MESSAGE,
    INTERNAL_MESSAGE,
    TIMEOUT_MESSAGE,
    USER_FACING_ERRORS,
    InvalidSourceError,
    JobGoneError,
    JobNotReadyError,
    UploadNotFoundError,
)
from purelift.domain.ports import Cache, ObjectStore, ProgressRepository
from purelift.domain.storage_keys import batch_key, export_key, manifest_key, result_key, summaries_key
from purelift.services.realtime import Notifier

log = logging.getLogger(__name__)
JSON = "application/json"
# Each batch is {"index", "count"} in Prepare's output (about 30 bytes): 2,000 keep it far below 256 KB.
MAX_BATCHES = 2000


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    batch_size: int = 50  # files per AnalyzeBatch invocation
    # A batch's memory in AnalyzeBatch grows with its source bytes (the parse: ~150x the largest file) and its
    # functions (~2.7 KB of summary each), not with its file count: docs/pipeline.md "Memory" has the figures.
    batch_bytes: int = 8 * 1024 * 1024  # source bytes per batch
    batch_functions: int = 50_000  # functions per batch, estimated from the source (`estimated_functions`)
    max_concurrency: int = 10  # AnalyzeFiles' MaxConcurrencyPath reads it from Prepare's output
    limits: Limits = DEFAULT_LIMITS
    engine: EngineConfig = field(default_factory=EngineConfig)


@dataclass(frozen=True, slots=True)
class Pipeline:
    jobs: ProgressRepository
    store: ObjectStore
    notifier: Notifier
    cache: Cache
    config: PipelineConfig = field(default_factory=PipelineConfig)
    clock: Callable[[], float] = time.time

    # ------------------------------------------------------------------ Prepare
    def prepare(self, job_id: str, source_key: str, name: str | None = None) -> dict[str, Any]:
        """Read the upload through the engine's safe reader (SPEC §8), store the sources in batches and a
        manifest, set the job `running` with `files_total`. Returns the Map's items (indexes and counts)."""
        job = self._live_job(job_id)
        if job.status is JobStatus.AWAITING_UPLOAD:
            raise JobNotReadyError(f"job {job_id} is not queued yet")
        data = self.store.get(source_key)
        if data is None:
            raise UploadNotFoundError
        try:
            # Read under the uploaded file's own name, as the CLI reads the same archive: a flat archive's root
            # package (`import flat.a`) is named after that file and the messages name it (`app.tar.gz`). The
            # job's display name is the user's free label and never decides it; unknown, it is "the upload".
            tree = read_archive(data, job.filename or "", exclude=job.exclude, limits=self.config.limits)
        except SourceError as exc:
            raise InvalidSourceError(exc.message, code=exc.code) from exc
        batches = self._batches(tree.files)
        for index, files in enumerate(batches):
            payload = [{"path": f.path, "data": base64.b64encode(f.data).decode("ascii")} for f in files]
            self.store.put(batch_key(job_id, index), json.dumps(payload).encode(), JSON)
        total = len(tree.files)
        manifest = {
            "job_id": job_id,
            "name": name or job.name or tree.name,
            "root_package": tree.root_package,
            "skipped": [{"path": s.path, "reason": s.reason} for s in tree.skipped],
            "files_total": total,
            "batches": [len(files) for files in batches],
            "started_at": self.clock(),
        }
        self.store.put(manifest_key(job_id), json.dumps(manifest).encode(), JSON)
        self._check_written(job_id, *(batch_key(job_id, i) for i in range(len(batches))), manifest_key(job_id))
        running = self.jobs.mark_running(job_id, total, realtime.PREPARED_PROGRESS)
        if running is not None:
            self._history_changed(job.owner_id)
            self._progress_changed(running)
            message = f"Found {total} Python file{'s' if total != 1 else ''}"
            self._push_locked(job_id, realtime.progress(job_id, realtime.PREPARED_PROGRESS, 0, total, message))
        return {
            "job_id": job_id,
            "manifest_key": manifest_key(job_id),
            "files_total": total,
            "batch_count": len(batches),
            "max_concurrency": self.config.max_concurrency,
            "batches": [{"index": i, "count": len(files)} for i, files in enumerate(batches)],
        }

    def _live_job(self, job_id: str) -> Job:
        """The job, read before a step writes anything: `JobGoneError` once it has been deleted."""
        job = self.jobs.get_job(job_id)
        if job is None:
            raise JobGoneError
        return job

    def _check_written(self, job_id: str, *keys: str) -> None:
        """After a step's S3 puts: if the job was deleted meanwhile, the delete's last sweep may have run before
        they landed, so the step removes them itself (by key: its role may delete, not list) and stops."""
        if self.jobs.get_job(job_id) is None:
            self.store.delete_keys(keys)
            raise JobGoneError

    def _engine(self, job: Job) -> EngineConfig:
        """The engine's configuration the job was created with; without one, the pipeline's default."""
        return EngineConfig.from_dict(dict(job.engine_config)) if job.engine_config is not None else self.config.engine

    def _batches(self, files: Sequence[SourceFile]) -> list[list[SourceFile]]:
        """Consecutive files, at most `batch_size` files, `batch_bytes` bytes and `batch_functions` functions
        each, whichever fills first (a lone larger file gets a batch of its own). The batch size grows when
        needed so that there are at most `MAX_BATCHES` of them: the list of batches travels in the state's
        payload (256 KB), so it stays a list of two numbers per batch."""
        per_batch = max(self.config.batch_size, -(-len(files) // MAX_BATCHES))
        out: list[list[SourceFile]] = []
        current: list[SourceFile] = []
        size = functions = 0
        for source in files:
            weight = estimated_functions(source.data)
            if current and (
                len(current) >= per_batch
                or size + len(source.data) > self.config.batch_bytes
                or functions + weight > self.config.batch_functions
            ):
                out.append(current)
                current, size, functions = [], 0, 0
            current.append(source)
            size += len(source.data)
            functions += weight
        if current:
            out.append(current)
        return out

    def _load_batch(self, job_id: str, index: int) -> list[SourceFile]:
        raw = self.store.get(batch_key(job_id, index))
        if raw is None:
            raise JobGoneError("The job's files are gone (deleted while it ran).")
        return [SourceFile(item["path"], base64.b64decode(item["data"])) for item in json.loads(raw)]

    # ------------------------------------------------------------------ AnalyzeBatch
    def analyze_batch(self, job_id: str, index: int) -> dict[str, Any]:
        """The engine's per-file half over one batch; summaries to S3; `files_done` advanced once per batch.

        The cyclic GC is paused for the whole step, as `analyze_tree` pauses it (ASTs and summaries hold no
        cycles; the collector rescanning them cost ~0.8 s of idlelib's 1.3 s here, issue 9 item 16)."""
        with no_cyclic_gc():
            return self._analyze_batch(job_id, index)

    def _analyze_batch(self, job_id: str, index: int) -> dict[str, Any]:
        config = self._engine(self._live_job(job_id))
        files = self._load_batch(job_id, index)
        # One summary at a time becomes its JSON text (the same bytes as dumping the list): the dicts of a whole
        # batch of small functions weighed twice what the text does (issue 9 item 7).
        parts = [summarize_file(f.path, f.data, config).to_json() for f in files]
        self.store.put(summaries_key(job_id, index), ("[" + ", ".join(parts) + "]").encode(), JSON)
        del parts
        self._check_written(job_id, summaries_key(job_id, index))
        if self.jobs.add_batch(job_id, index, len(files)):
            job = self.jobs.get_job(job_id)
            if job is not None and job.status is JobStatus.RUNNING:
                self.jobs.raise_progress(job_id, realtime.batch_progress(job.files_done, job.files_total))
                self._progress_changed(self.jobs.get_job(job_id))
                self._push_progress(job_id)
        return {"index": index, "count": len(files)}

    def _push_locked(self, job_id: str, message: dict[str, Any]) -> None:
        """Push one message under the job's push lease (Prepare: nobody else pushes yet)."""
        try:
            owner = uuid.uuid4().hex
            pushed = self.jobs.acquire_push(job_id, owner)
            if pushed is None:
                return
            try:
                self.notifier.notify(job_id, message)
            finally:
                self.jobs.release_push(job_id, owner, max(pushed, int(message.get("progress", 0))))
        except ServiceUnavailableError:
            log.warning("progress push of %s skipped: the push lease is unavailable", job_id, exc_info=True)

    def _push_progress(self, job_id: str) -> None:
        """Pushing is a courtesy: a failure of the lease's table writes never fails the batch."""
        try:
            self._push_progress_locked(job_id)
        except ServiceUnavailableError:
            log.warning("progress push of %s skipped: the push lease is unavailable", job_id, exc_info=True)

    def _push_progress_locked(self, job_id: str) -> None:
        """Push the job's current progress if it grew. Only the lease holder posts, so posts never cross; a
        batch that finds the lease taken leaves, and the holder, after giving the lease back, looks again and
        pushes that batch's progress too (the batch's count was written before it tried the lease)."""
        while True:
            owner = uuid.uuid4().hex
            pushed = self.jobs.acquire_push(job_id, owner)
            if pushed is None:
                return
            sent = pushed
            try:
                job = self.jobs.get_job(job_id)
                if job is not None and job.status is JobStatus.RUNNING:
                    value = realtime.batch_progress(job.files_done, job.files_total)
                    if value > pushed:
                        self.notifier.notify(job_id, realtime.progress(job_id, value, job.files_done, job.files_total))
                        sent = value
            finally:
                self.jobs.release_push(job_id, owner, sent)
            latest = self.jobs.get_job(job_id)
            if (
                latest is None
                or latest.status is not JobStatus.RUNNING
                or realtime.batch_progress(latest.files_done, latest.files_total) <= sent
            ):
                return

    # ------------------------------------------------------------------ Aggregate
    def aggregate(self, job_id: str) -> dict[str, Any]:
        """The whole-project solve over every summary; result and extraction ZIP to S3; job `completed`.

        The cyclic GC stays paused for the whole step, as `analyze_tree` pauses it: the summaries, the result and
        its JSON copy hold no cycles, and with them all alive each collection rescans the lot. Pausing only the
        solve left the result's serialisation to the collector: 0.33 s of idlelib's 0.06 s (issue 9 item 16)."""
        with no_cyclic_gc():
            return self._aggregate(job_id)

    def _aggregate(self, job_id: str) -> dict[str, Any]:
        config = self._engine(self._live_job(job_id))
        raw = self.store.get(manifest_key(job_id))
        if raw is None:
            raise JobGoneError("The job's files are gone (deleted while it ran).")
        manifest = json.loads(raw)
        summaries: list[FileSummary] = []
        sources: dict[str, str] = {}
        for index in range(len(manifest["batches"])):
            stored = self.store.get(summaries_key(job_id, index))
            if stored is None:
                raise JobGoneError("The job's files are gone (deleted while it ran).")
            batch = [FileSummary.from_dict(item) for item in json.loads(stored)]
            parsed = {s.path for s in batch if s.parse_error is None}
            loaded = self._load_batch(job_id, index)
            sources.update({f.path: decode_source(f.data) for f in loaded if f.path in parsed})
            summaries.extend(batch)
        analysis = solve_project(
            summaries,
            sources,
            config=config,
            root_package=manifest["root_package"],
            name=manifest["name"],
            job_id=job_id,
            skipped=[SkippedFile(s["path"], s["reason"]) for s in manifest["skipped"]],
        )
        # The job's time runs from Prepare, not from this step: the result is rebuilt with it (results are frozen).
        elapsed = round(max(0.0, self.clock() - float(manifest["started_at"])), 3)
        result = replace(analysis.result, processing_time=elapsed)
        body = to_json(result, pretty=False)  # the API re-serialises it (`normalise_result`); people never read it
        self.store.put(result_key(job_id), body, JSON)
        self.store.put(export_key(job_id, "zip"), to_zip(analysis.extraction, result), "application/zip")
        self._check_written(job_id, result_key(job_id), export_key(job_id, "zip"))
        summary = asdict(result.summary)  # not the whole result converted a second time
        job = self.jobs.complete(job_id, summary, result.processing_time)
        if job is not None:
            self._fill_cache(job_id, body, job.owner_id)
            self.notifier.notify(job_id, realtime.completed(job_id, summary))
        return {"job_id": job_id, "files": result.summary.files, "result_key": result_key(job_id)}

    def _fill_cache(self, job_id: str, body: bytes, owner_id: str) -> None:
        from purelift.services.results import normalise_result  # pydantic: only Aggregate pays for it

        self.cache.set(cache_keys.result(job_id), normalise_result(body), cache_keys.RESULT_TTL)
        self.cache.delete(cache_keys.progress(job_id))
        self._history_changed(owner_id)

    def _history_changed(self, owner_id: str) -> None:
        self.cache.delete(cache_keys.history(owner_id))

    def _progress_changed(self, job: Job | None) -> None:
        """The status endpoint's cache entry (60 s), written after the record: it never runs ahead of it."""
        if job is not None and job.status is JobStatus.RUNNING:
            self.cache.set(cache_keys.progress(job.job_id), cache_keys.progress_value(job), cache_keys.PROGRESS_TTL)

    # ------------------------------------------------------------------ MarkFailed
    def mark_failed(self, job_id: str, error: str | None, cause: str | None) -> dict[str, Any]:
        """The job becomes `failed` with a message a user can act on; `error` is pushed to its subscribers."""
        message = user_message(error, cause)
        job = self.jobs.fail(job_id, message)
        self.cache.delete(cache_keys.progress(job_id))
        if job is not None:
            self._history_changed(job.owner_id)
            self.notifier.notify(job_id, realtime.error(job_id, message))
        return {"job_id": job_id, "status": str(JobStatus.FAILED), "error": message, "changed": job is not None}


def estimated_functions(data: bytes) -> int:
    """How many functions a source defines, counted without parsing (Prepare reads every file of the upload):
    `def ` and `lambda` anywhere, comments and strings included, so it errs on the side of smaller batches."""
    return data.count(b"def ") + data.count(b"lambda")


def user_message(error: str | None, cause: str | None) -> str:
    """The message shown for a failed step: the step's own message when it was written for users (a named
    `PipelineError`), a fixed sentence otherwise. Never a stack trace, never AWS internals."""
    if error in ("States.Timeout", "TIMED_OUT"):
        return TIMEOUT_MESSAGE
    if error == "ABORTED":
        return ABORTED_MESSAGE
    if error in USER_FACING_ERRORS and cause:
        try:
            details = json.loads(cause)
        except ValueError:
            details = None
        if isinstance(details, Mapping) and isinstance(details.get("errorMessage"), str):
            return " ".join(str(details["errorMessage"]).splitlines())[:500] or INTERNAL_MESSAGE
    return INTERNAL_MESSAGE
