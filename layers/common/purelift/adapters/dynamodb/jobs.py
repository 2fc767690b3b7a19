"""The job record (`JOB#{job}`/`META`) as the API and the pipeline change it, and the items kept beside it.

Every state change is a conditional write, so a retried request or step is harmless. Batch counting is
exactly-once per batch: one transaction puts a marker item `JOB#{job}`/`BATCH#{index}` (only if absent) and
adds the batch's file count to `files_done` (only while the job is running); a retry of a counted batch fails
the marker's condition and changes nothing.

Pushes are serialised per job by a lease on `JOB#{job}`/`PUSH` (which also remembers the last progress
pushed): concurrent batches each update the record, but only the lease holder posts, so subscribers see
progress strictly increasing even though many Lambdas finish batches at once.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import asdict
from typing import Any

from purelift.adapters.dynamodb.table import ConditionFailedError, Table, indexed_key, primary_key
from purelift.domain.errors import (
    AlreadyExistsError,
    IdempotencyKeyReusedError,
    InvalidCursorError,
    InvalidStateError,
    JobNotFoundError,
)
from purelift.domain.model import Job, JobStatus, Page, isoformat, parse_time, utcnow

IDEMPOTENCY_TTL = 24 * 3600
# Markers live as long as the intermediate data does (the bucket's jobs/ lifecycle): 7 days.
MARKER_TTL = 7 * 24 * 3600
_CURSOR_KEYS = ("PK", "SK", "GSI1PK", "GSI1SK")
_UNFINISHED = (JobStatus.AWAITING_UPLOAD, JobStatus.QUEUED, JobStatus.RUNNING)


def job_key(job_id: str) -> dict[str, str]:
    return primary_key(f"JOB#{job_id}", "META")


def job_item(job: Job) -> dict[str, Any]:
    data = asdict(job)
    data["status"] = str(job.status)
    data["summary"] = dict(job.summary) if job.summary is not None else None
    return {
        **indexed_key(f"JOB#{job.job_id}", "META", f"USER#{job.owner_id}", f"JOB#{job.created_at}#{job.job_id}"),
        "type": "job",
        **data,
    }


def job_from_item(item: Mapping[str, Any]) -> Job:
    return Job(
        job_id=item["job_id"],
        owner_id=item["owner_id"],
        name=item["name"],
        status=JobStatus(item["status"]),
        created_at=item["created_at"],
        updated_at=item.get("updated_at", item["created_at"]),
        progress=int(item.get("progress", 0)),
        files_done=int(item.get("files_done", 0)),
        files_total=int(item.get("files_total", 0)),
        summary=item.get("summary"),
        error=item.get("error"),
        execution_arn=item.get("execution_arn"),
        filename=item.get("filename"),
        exclude=tuple(item.get("exclude") or ()),
        engine_config=item.get("engine_config"),
    )


def encode_cursor(last_key: Mapping[str, Any]) -> str:
    raw = json.dumps({k: last_key[k] for k in _CURSOR_KEYS if k in last_key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, expected_gsi1pk: str) -> dict[str, str]:
    """Decode a cursor made by `encode_cursor` for this very listing; anything else is `InvalidCursorError`."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursorError from exc
    if (
        not isinstance(data, dict)
        or set(data) != set(_CURSOR_KEYS)
        or not all(isinstance(v, str) for v in data.values())
        or data["GSI1PK"] != expected_gsi1pk
    ):
        raise InvalidCursorError
    return data


class DynamoJobs:
    """Implements `JobRepository` (the API) and `ProgressRepository` (the pipeline) over the single table."""

    def __init__(self, table: Table, retention_days: int = 90) -> None:
        self.table = table
        # The job item expires (`ttl`) with its result and exports (the bucket's lifecycle, the same period):
        # counted from creation, and again from completion.
        self.retention = retention_days * 24 * 3600

    def get_job(self, job_id: str) -> Job | None:
        item = self.table.get(job_key(job_id))
        return job_from_item(item) if item else None

    def _update(self, job_id: str, sets: Mapping[str, Any], condition: str, values: Mapping[str, Any]) -> Job | None:
        """SET `sets` (and `updated_at`) under `condition`; the new job, or None when the condition does not hold."""
        fields = {**sets, "updated_at": isoformat(utcnow())}
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        expression = "SET " + ", ".join(f"#f{i} = :f{i}" for i in range(len(fields)))
        try:
            item = self.table.update(
                job_key(job_id),
                expression,
                f"attribute_exists(PK) AND ({condition})",
                {**names, **{n: n[1:] for n in ("#status", "#progress") if n in condition}},
                {f":f{i}": value for i, value in enumerate(fields.values())} | dict(values),
                return_new=True,
            )
        except ConditionFailedError:
            return None
        return job_from_item(item)

    # --- the API ---
    def put_job(self, job: Job) -> None:
        try:
            expires = int(parse_time(job.created_at).timestamp()) + self.retention
            self.table.put({**job_item(job), "ttl": expires}, "attribute_not_exists(PK)")
        except ConditionFailedError as exc:
            raise AlreadyExistsError from exc

    def transition(self, job_id: str, expected: JobStatus, new: JobStatus, **changes: Any) -> Job:
        job = self._update(job_id, {"status": str(new), **changes}, "#status = :expected", {":expected": str(expected)})
        if job is None:
            raise JobNotFoundError if self.get_job(job_id) is None else InvalidStateError
        return job

    def history(self, owner_id: str, limit: int, cursor: str | None) -> Page[Job]:
        gsi1pk = f"USER#{owner_id}"
        items, last = self.table.query_page(
            "GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            {":pk": gsi1pk, ":prefix": "JOB#"},
            index="GSI1",
            newest_first=True,
            limit=limit,
            start=decode_cursor(cursor, gsi1pk) if cursor else None,
        )
        return Page(items=[job_from_item(item) for item in items], cursor=encode_cursor(last) if last else None)

    def delete_job(self, job_id: str) -> None:
        """Every item under `JOB#{job}`: the job, its shares, subscriptions, batch markers and push lease. The
        job item goes last, so a failed delete can be retried; then the rest is swept once more, for an item a
        running step wrote meanwhile: the pipeline's writes are conditional on the job item, so none lands
        after it is gone."""
        self.table.delete_all([key for key in self._items_of(job_id) if key["SK"] != "META"])
        self.table.delete(job_key(job_id))
        self.table.delete_all(self._items_of(job_id))

    def _items_of(self, job_id: str) -> list[dict[str, Any]]:
        return list(self.table.query("PK = :pk", {":pk": f"JOB#{job_id}"}, projection="PK, SK", consistent=True))

    def count_by_status(self, owner_id: str | None) -> Mapping[str, int]:
        counts = {str(status): 0 for status in JobStatus}
        items: Iterator[dict[str, Any]]
        if owner_id is not None:
            items = self.table.gsi1(f"USER#{owner_id}", "JOB#")
        else:  # Admin statistics: a paginated scan reading only the status
            items = self.table.scan(
                "begins_with(PK, :job) AND SK = :meta",
                {":job": "JOB#", ":meta": "META"},
                "#status",
                {"#status": "status"},
            )
        for item in items:
            counts[item["status"]] = counts.get(item["status"], 0) + 1
        return counts

    def claim_idempotency_key(self, user_id: str, key: str, fingerprint: str, job_id: str) -> str | None:
        now = utcnow()
        item: dict[str, Any] = {
            **primary_key(f"IDEMP#{user_id}#{key}", "META"),
            "job_id": job_id,
            "fingerprint": fingerprint,
            "created_at": isoformat(now),
            "ttl": int(now.timestamp()) + IDEMPOTENCY_TTL,
        }
        try:
            self.table.put(
                item, "attribute_not_exists(PK) OR #ttl < :now", {"#ttl": "ttl"}, {":now": int(now.timestamp())}
            )
        except ConditionFailedError as exc:
            existing = self.table.get(primary_key(item["PK"], "META"))
            if existing is None:  # expired and removed between the two calls: treat as new
                return None
            if existing["fingerprint"] != fingerprint:
                raise IdempotencyKeyReusedError from exc
            return str(existing["job_id"])
        return None

    # --- the pipeline ---
    def mark_running(self, job_id: str, files_total: int, progress: int) -> Job | None:
        return self._update(
            job_id,
            {"status": str(JobStatus.RUNNING), "files_total": files_total, "files_done": 0, "progress": progress},
            "#status = :queued",
            {":queued": str(JobStatus.QUEUED)},
        )

    def add_batch(self, job_id: str, index: int, count: int) -> bool:
        marker = {
            **primary_key(f"JOB#{job_id}", f"BATCH#{index:05d}"),
            "type": "batch",
            "files": count,
            "ttl": int(utcnow().timestamp()) + MARKER_TTL,
        }
        counter = {
            "UpdateExpression": "ADD files_done :n SET updated_at = :now",
            "ConditionExpression": "#status = :running",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": {":n": count, ":running": str(JobStatus.RUNNING), ":now": isoformat(utcnow())},
        }
        try:
            self.table.transact_write(
                [
                    {"Put": {"Item": marker, "ConditionExpression": "attribute_not_exists(PK)"}},
                    {"Update": {"Key": job_key(job_id), **counter}},
                ]
            )
        except ConditionFailedError:
            return False  # counted before (the marker exists), or the job is no longer running
        return True

    def raise_progress(self, job_id: str, progress: int) -> bool:
        updated = self._update(
            job_id,
            {"progress": progress},
            "#status = :running AND #progress < :p",
            {":running": str(JobStatus.RUNNING), ":p": progress},
        )
        return updated is not None

    def acquire_push(self, job_id: str, owner: str, lease_seconds: int = 30) -> int | None:
        """Taken in one transaction with a check that the job item exists: a deleted job's lease is never
        recreated (None, as for a lease held by someone else)."""
        now = int(utcnow().timestamp())
        lease = primary_key(f"JOB#{job_id}", "PUSH")
        take = {
            "Key": lease,
            "UpdateExpression": "SET lock_owner = :owner, lock_until = :until, #ttl = :ttl",
            "ConditionExpression": "attribute_not_exists(lock_owner) OR lock_until < :now",
            "ExpressionAttributeNames": {"#ttl": "ttl"},
            "ExpressionAttributeValues": {
                ":owner": owner,
                ":until": now + lease_seconds,
                ":now": now,
                ":ttl": now + MARKER_TTL,
            },
        }
        try:
            self.table.transact_write(
                [
                    {"ConditionCheck": {"Key": job_key(job_id), "ConditionExpression": "attribute_exists(PK)"}},
                    {"Update": take},
                ]
            )
        except ConditionFailedError:
            return None
        item = self.table.get(lease) or {}
        return int(item.get("pushed", 0))

    def release_push(self, job_id: str, owner: str, pushed: int) -> None:
        # A failed condition: the lease expired and another holder took it, so there is nothing to give back.
        with suppress(ConditionFailedError):
            self.table.update(
                primary_key(f"JOB#{job_id}", "PUSH"),
                "SET pushed = :pushed REMOVE lock_owner, lock_until",
                "lock_owner = :owner",
                values={":owner": owner, ":pushed": pushed},
            )

    def complete(self, job_id: str, summary: Mapping[str, Any], processing_time: float) -> Job | None:
        return self._update(
            job_id,
            {
                "status": str(JobStatus.COMPLETED),
                "summary": dict(summary),
                "processing_time": processing_time,
                "progress": 100,
                "ttl": int(utcnow().timestamp()) + self.retention,
            },
            "#status = :running",
            {":running": str(JobStatus.RUNNING)},
        )

    def fail(self, job_id: str, message: str) -> Job | None:
        unfinished = {f":s{i}": str(status) for i, status in enumerate(_UNFINISHED)}
        return self._update(
            job_id,
            {"status": str(JobStatus.FAILED), "error": message},
            "#status IN (" + ", ".join(unfinished) + ")",
            unfinished,
        )
