"""The pipeline's writes to the job record (SPEC §5, §6), all conditional, so a retried step is harmless.

Batch counting is exactly-once per batch: one transaction puts a marker item `JOB#{job}`/`BATCH#{index}`
(only if absent) and adds the batch's file count to `files_done` (only while the job is running). A retry
of a batch that was already counted fails the marker's condition and changes nothing.

Pushes are serialised per job by a lease on `JOB#{job}`/`PUSH` (which also remembers the last progress
pushed): concurrent batches each update the record, but only the lease holder posts, so subscribers see
progress strictly increasing even though many Lambdas finish batches at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from purelift.adapters.dynamodb import _dump, _is_condition_failure, _job, _load
from purelift.domain.errors import ServiceUnavailableError
from purelift.domain.model import Job, JobStatus, isoformat, utcnow

# Markers live as long as the intermediate data does (the bucket's jobs/ lifecycle): 7 days.
MARKER_TTL = 7 * 24 * 3600
_UNFINISHED = (JobStatus.AWAITING_UPLOAD, JobStatus.QUEUED, JobStatus.RUNNING)


class DynamoProgress:
    """Implements `ProgressRepository` over the single table."""

    def __init__(self, table_name: str, client: Any | None = None) -> None:
        if client is None:
            import boto3

            client = boto3.client("dynamodb")
        self._client = client
        self._table = table_name

    def _key(self, job_id: str) -> dict[str, Any]:
        return _dump({"PK": f"JOB#{job_id}", "SK": "META"})

    def _update(self, job_id: str, sets: Mapping[str, Any], condition: str, values: Mapping[str, Any]) -> Job | None:
        """SET `sets` under `condition`; the new job, or None when the condition does not hold."""
        fields = {**sets, "updated_at": isoformat(utcnow())}
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        expression = "SET " + ", ".join(f"#f{i} = :f{i}" for i in range(len(fields)))
        attr_values = {f":f{i}": value for i, value in enumerate(fields.values())} | dict(values)
        try:
            response = self._client.update_item(
                TableName=self._table,
                Key=self._key(job_id),
                UpdateExpression=expression,
                ConditionExpression=f"attribute_exists(PK) AND ({condition})",
                ExpressionAttributeNames={**names, **{n: n[1:] for n in ("#status", "#progress") if n in condition}},
                ExpressionAttributeValues=_dump(attr_values),
                ReturnValues="ALL_NEW",
            )
        except ClientError as exc:
            if _is_condition_failure(exc):
                return None
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return _job(_load(response["Attributes"]))

    def get_job(self, job_id: str) -> Job | None:
        try:
            response = self._client.get_item(TableName=self._table, Key=self._key(job_id), ConsistentRead=True)
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc
        item = response.get("Item")
        return _job(_load(item)) if item else None

    def mark_running(self, job_id: str, files_total: int, progress: int) -> Job | None:
        return self._update(
            job_id,
            {"status": str(JobStatus.RUNNING), "files_total": files_total, "files_done": 0, "progress": progress},
            "#status = :queued",
            {":queued": str(JobStatus.QUEUED)},
        )

    def add_batch(self, job_id: str, index: int, count: int) -> bool:
        marker = {
            "PK": f"JOB#{job_id}",
            "SK": f"BATCH#{index:05d}",
            "type": "batch",
            "files": count,
            "ttl": int(utcnow().timestamp()) + MARKER_TTL,
        }
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": _dump(marker),
                            "ConditionExpression": "attribute_not_exists(PK)",
                        }
                    },
                    {
                        "Update": {
                            "TableName": self._table,
                            "Key": self._key(job_id),
                            "UpdateExpression": "ADD files_done :n SET updated_at = :now",
                            "ConditionExpression": "#status = :running",
                            "ExpressionAttributeNames": {"#status": "status"},
                            "ExpressionAttributeValues": _dump(
                                {":n": count, ":running": str(JobStatus.RUNNING), ":now": isoformat(utcnow())}
                            ),
                        }
                    },
                ]
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "TransactionCanceledException":
                return False  # counted before (the marker exists), or the job is no longer running
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return True

    def _push_key(self, job_id: str) -> dict[str, Any]:
        return _dump({"PK": f"JOB#{job_id}", "SK": "PUSH"})

    def acquire_push(self, job_id: str, owner: str, lease_seconds: int = 30) -> int | None:
        now = int(utcnow().timestamp())
        try:
            response = self._client.update_item(
                TableName=self._table,
                Key=self._push_key(job_id),
                UpdateExpression="SET lock_owner = :owner, lock_until = :until, #ttl = :ttl",
                ConditionExpression="attribute_not_exists(lock_owner) OR lock_until < :now",
                ExpressionAttributeNames={"#ttl": "ttl"},
                ExpressionAttributeValues=_dump(
                    {":owner": owner, ":until": now + lease_seconds, ":now": now, ":ttl": now + MARKER_TTL}
                ),
                ReturnValues="ALL_NEW",
            )
        except ClientError as exc:
            if _is_condition_failure(exc):
                return None
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return int(_load(response["Attributes"]).get("pushed", 0))

    def release_push(self, job_id: str, owner: str, pushed: int) -> None:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=self._push_key(job_id),
                UpdateExpression="SET pushed = :pushed REMOVE lock_owner, lock_until",
                ConditionExpression="lock_owner = :owner",
                ExpressionAttributeValues=_dump({":owner": owner, ":pushed": pushed}),
            )
        except ClientError as exc:
            if not _is_condition_failure(exc):  # the lease expired and another holder took it: nothing to do
                raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc

    def raise_progress(self, job_id: str, progress: int) -> bool:
        updated = self._update(
            job_id,
            {"progress": progress},
            "#status = :running AND #progress < :p",
            {":running": str(JobStatus.RUNNING), ":p": progress},
        )
        return updated is not None

    def complete(self, job_id: str, summary: Mapping[str, Any], processing_time: float) -> Job | None:
        return self._update(
            job_id,
            {
                "status": str(JobStatus.COMPLETED),
                "summary": dict(summary),
                "processing_time": processing_time,
                "progress": 100,
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
