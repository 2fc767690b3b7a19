"""The DynamoDB single table (SPEC §6): jobs, history, shares, teams, members, idempotency keys.

| item        | PK                   | SK              | GSI1PK          | GSI1SK                 |
|-------------|----------------------|-----------------|-----------------|------------------------|
| job         | `JOB#{job}`          | `META`          | `USER#{owner}`  | `JOB#{created}#{job}`  |
| share       | `JOB#{job}`          | `SHARE#{team}`  | `TEAM#{team}`   | `SHARE#{job}`          |
| team        | `TEAM#{team}`        | `META`          | `TEAMS`         | `TEAM#{name}#{team}`   |
| member      | `TEAM#{team}`        | `MEMBER#{user}` | `USER#{user}`   | `TEAM#{team}`          |
| idempotency | `IDEMP#{user}#{key}` | `META`          |                 |                        |

Shares and idempotency keys carry `ttl` (epoch seconds); expired shares are also filtered when read.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import BotoCoreError, ClientError

from purelift.domain.errors import (
    AlreadyExistsError,
    IdempotencyKeyReusedError,
    InvalidCursorError,
    InvalidStateError,
    JobNotFoundError,
    ServiceUnavailableError,
)
from purelift.domain.model import Job, JobStatus, Page, Share, Team, isoformat, parse_time, utcnow

IDEMPOTENCY_TTL = 24 * 3600
_KEYS = ("PK", "SK", "GSI1PK", "GSI1SK")
_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal: turn them into int/float again, recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | set | tuple):
        return [_plain(v) for v in value]
    return value


def _dump(item: Mapping[str, Any]) -> dict[str, Any]:
    # floats are not valid DynamoDB input; a JSON round trip turns them into Decimal exactly as written.
    clean = json.loads(json.dumps({k: v for k, v in item.items() if v is not None}), parse_float=Decimal)
    return {k: _serializer.serialize(v) for k, v in clean.items()}


def _load(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(_deserializer.deserialize(v)) for k, v in item.items()}


@contextmanager
def _aws_errors() -> Iterator[None]:
    try:
        yield
    except (ClientError, BotoCoreError) as exc:
        raise ServiceUnavailableError from exc


def _is_condition_failure(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


def _job_item(job: Job) -> dict[str, Any]:
    data = asdict(job)
    data["status"] = str(job.status)
    data["summary"] = dict(job.summary) if job.summary is not None else None
    return {
        "PK": f"JOB#{job.job_id}",
        "SK": "META",
        "GSI1PK": f"USER#{job.owner_id}",
        "GSI1SK": f"JOB#{job.created_at}#{job.job_id}",
        "type": "job",
        **data,
    }


def _job(item: Mapping[str, Any]) -> Job:
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
    )


def _share(item: Mapping[str, Any]) -> Share:
    return Share(
        job_id=item["job_id"],
        team_id=item["team_id"],
        can_view=bool(item["can_view"]),
        can_download=bool(item["can_download"]),
        shared_by=item["shared_by"],
        created_at=item["created_at"],
        expires_at=item.get("expires_at"),
    )


def encode_cursor(key: Mapping[str, Any]) -> str:
    raw = json.dumps({k: key[k] for k in _KEYS if k in key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, expected_gsi1pk: str) -> dict[str, str]:
    """Decode a cursor made by `encode_cursor` for this very listing; anything else is `InvalidCursorError`."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursorError from exc
    if (
        not isinstance(data, dict)
        or set(data) != set(_KEYS)
        or not all(isinstance(v, str) for v in data.values())
        or data["GSI1PK"] != expected_gsi1pk
    ):
        raise InvalidCursorError
    return data


class DynamoStore:
    """Implements `JobRepository`, `ShareRepository` and `TeamRepository` over one table."""

    def __init__(self, table_name: str, client: Any | None = None) -> None:
        if client is None:
            import boto3

            client = boto3.client("dynamodb")
        self._client = client
        self._table = table_name

    # --- low-level helpers ---
    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        with _aws_errors():
            response = self._client.get_item(
                TableName=self._table, Key=_dump({"PK": pk, "SK": sk}), ConsistentRead=True
            )
        item = response.get("Item")
        return _load(item) if item else None

    def _query(self, limit: int | None = None, **kwargs: Any) -> Iterator[dict[str, Any]]:
        """All items of a query (following pages), up to `limit` items."""
        seen = 0
        start: dict[str, Any] | None = None
        while True:
            if start is not None:
                kwargs["ExclusiveStartKey"] = start
            with _aws_errors():
                response = self._client.query(TableName=self._table, **kwargs)
            for item in response.get("Items", []):
                yield _load(item)
                seen += 1
                if limit is not None and seen >= limit:
                    return
            start = response.get("LastEvaluatedKey")
            if not start:
                return

    def _gsi1(self, pk: str, sk_prefix: str) -> Iterator[dict[str, Any]]:
        return self._query(
            IndexName="GSI1",
            KeyConditionExpression="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            ExpressionAttributeValues=_dump({":pk": pk, ":prefix": sk_prefix}),
        )

    # --- jobs ---
    def put_job(self, job: Job) -> None:
        try:
            self._client.put_item(
                TableName=self._table,
                Item=_dump(_job_item(job)),
                ConditionExpression="attribute_not_exists(PK)",
            )
        except ClientError as exc:
            if _is_condition_failure(exc):
                raise AlreadyExistsError from exc
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc

    def get_job(self, job_id: str) -> Job | None:
        item = self._get(f"JOB#{job_id}", "META")
        return _job(item) if item else None

    def transition(self, job_id: str, expected: JobStatus, new: JobStatus, **changes: Any) -> Job:
        values = {"status": str(new), "updated_at": isoformat(utcnow()), **changes}
        names = {f"#f{i}": name for i, name in enumerate(values)}
        sets = ", ".join(f"#f{i} = :v{i}" for i in range(len(values)))
        attr_values = {f":v{i}": value for i, value in enumerate(values.values())}
        attr_values[":expected"] = str(expected)
        try:
            response = self._client.update_item(
                TableName=self._table,
                Key=_dump({"PK": f"JOB#{job_id}", "SK": "META"}),
                UpdateExpression=f"SET {sets}",
                ConditionExpression="attribute_exists(PK) AND #status = :expected",
                ExpressionAttributeNames={**names, "#status": "status"},
                ExpressionAttributeValues=_dump(attr_values),
                ReturnValues="ALL_NEW",
            )
        except ClientError as exc:
            if not _is_condition_failure(exc):
                raise ServiceUnavailableError from exc
            if self.get_job(job_id) is None:
                raise JobNotFoundError from exc
            raise InvalidStateError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return _job(_load(response["Attributes"]))

    def history(self, owner_id: str, limit: int, cursor: str | None) -> Page[Job]:
        gsi1pk = f"USER#{owner_id}"
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            "ExpressionAttributeValues": _dump({":pk": gsi1pk, ":prefix": "JOB#"}),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if cursor:
            kwargs["ExclusiveStartKey"] = _dump(decode_cursor(cursor, gsi1pk))
        with _aws_errors():
            response = self._client.query(TableName=self._table, **kwargs)
        jobs = [_job(_load(item)) for item in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return Page(items=jobs, cursor=encode_cursor(_load(last)) if last else None)

    def delete_job(self, job_id: str) -> None:
        items = list(
            self._query(
                KeyConditionExpression="PK = :pk",
                ExpressionAttributeValues=_dump({":pk": f"JOB#{job_id}"}),
                ProjectionExpression="PK, SK",
            )
        )
        for start in range(0, len(items), 25):
            requests = [{"DeleteRequest": {"Key": _dump(item)}} for item in items[start : start + 25]]
            with _aws_errors():
                response = self._client.batch_write_item(RequestItems={self._table: requests})
                unprocessed = response.get("UnprocessedItems", {}).get(self._table, [])
                for request in unprocessed:
                    self._client.delete_item(TableName=self._table, Key=request["DeleteRequest"]["Key"])

    def count_by_status(self, owner_id: str | None) -> Mapping[str, int]:
        counts = {str(status): 0 for status in JobStatus}
        if owner_id is not None:
            items: Iterator[dict[str, Any]] = self._gsi1(f"USER#{owner_id}", "JOB#")
        else:
            items = self._scan_jobs()
        for item in items:
            counts[item["status"]] = counts.get(item["status"], 0) + 1
        return counts

    def _scan_jobs(self) -> Iterator[dict[str, Any]]:
        """Every job of the table (Admin statistics): a paginated scan reading only the status."""
        start: dict[str, Any] | None = None
        while True:
            kwargs: dict[str, Any] = {
                "FilterExpression": "begins_with(PK, :job) AND SK = :meta",
                "ExpressionAttributeValues": _dump({":job": "JOB#", ":meta": "META"}),
                "ProjectionExpression": "#status",
                "ExpressionAttributeNames": {"#status": "status"},
            }
            if start is not None:
                kwargs["ExclusiveStartKey"] = start
            with _aws_errors():
                response = self._client.scan(TableName=self._table, **kwargs)
            yield from (_load(item) for item in response.get("Items", []))
            start = response.get("LastEvaluatedKey")
            if not start:
                return

    def claim_idempotency_key(self, user_id: str, key: str, fingerprint: str, job_id: str) -> str | None:
        now = utcnow()
        item: dict[str, Any] = {
            "PK": f"IDEMP#{user_id}#{key}",
            "SK": "META",
            "job_id": job_id,
            "fingerprint": fingerprint,
            "created_at": isoformat(now),
            "ttl": int(now.timestamp()) + IDEMPOTENCY_TTL,
        }
        try:
            self._client.put_item(
                TableName=self._table,
                Item=_dump(item),
                ConditionExpression="attribute_not_exists(PK) OR #ttl < :now",
                ExpressionAttributeNames={"#ttl": "ttl"},
                ExpressionAttributeValues=_dump({":now": int(now.timestamp())}),
            )
        except ClientError as exc:
            if not _is_condition_failure(exc):
                raise ServiceUnavailableError from exc
            existing = self._get(item["PK"], "META")
            if existing is None:  # expired and removed between the two calls: treat as new
                return None
            if existing["fingerprint"] != fingerprint:
                raise IdempotencyKeyReusedError from exc
            return str(existing["job_id"])
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return None

    # --- shares ---
    def put_share(self, share: Share) -> Share:
        item: dict[str, Any] = {
            "PK": f"JOB#{share.job_id}",
            "SK": f"SHARE#{share.team_id}",
            "GSI1PK": f"TEAM#{share.team_id}",
            "GSI1SK": f"SHARE#{share.job_id}",
            "type": "share",
            **asdict(share),
        }
        if share.expires_at is not None:
            item["ttl"] = int(parse_time(share.expires_at).timestamp())
        with _aws_errors():
            self._client.put_item(TableName=self._table, Item=_dump(item))
        return share

    def shares_of(self, job_id: str) -> Sequence[Share]:
        return [
            _share(item)
            for item in self._query(
                KeyConditionExpression="PK = :pk AND begins_with(SK, :prefix)",
                ExpressionAttributeValues=_dump({":pk": f"JOB#{job_id}", ":prefix": "SHARE#"}),
                ConsistentRead=True,
            )
        ]

    def delete_share(self, job_id: str, team_id: str) -> bool:
        with _aws_errors():
            response = self._client.delete_item(
                TableName=self._table,
                Key=_dump({"PK": f"JOB#{job_id}", "SK": f"SHARE#{team_id}"}),
                ReturnValues="ALL_OLD",
            )
        return bool(response.get("Attributes"))

    def shares_for_team(self, team_id: str) -> Sequence[Share]:
        return [_share(item) for item in self._gsi1(f"TEAM#{team_id}", "SHARE#")]

    # --- teams ---
    def put_team(self, team: Team) -> None:
        item = {
            "PK": f"TEAM#{team.team_id}",
            "SK": "META",
            "GSI1PK": "TEAMS",
            "GSI1SK": f"TEAM#{team.name}#{team.team_id}",
            "type": "team",
            **asdict(team),
        }
        with _aws_errors():
            self._client.put_item(TableName=self._table, Item=_dump(item))

    def get_team(self, team_id: str) -> Team | None:
        item = self._get(f"TEAM#{team_id}", "META")
        return Team(item["team_id"], item["name"], item["created_at"]) if item else None

    def all_teams(self) -> Sequence[Team]:
        return [Team(i["team_id"], i["name"], i["created_at"]) for i in self._gsi1("TEAMS", "TEAM#")]

    def put_member(self, team_id: str, user_id: str, lead: bool) -> None:
        item = {
            "PK": f"TEAM#{team_id}",
            "SK": f"MEMBER#{user_id}",
            "GSI1PK": f"USER#{user_id}",
            "GSI1SK": f"TEAM#{team_id}",
            "type": "member",
            "team_id": team_id,
            "user_id": user_id,
            "lead": lead,
        }
        with _aws_errors():
            self._client.put_item(TableName=self._table, Item=_dump(item))

    def delete_member(self, team_id: str, user_id: str) -> bool:
        with _aws_errors():
            response = self._client.delete_item(
                TableName=self._table,
                Key=_dump({"PK": f"TEAM#{team_id}", "SK": f"MEMBER#{user_id}"}),
                ReturnValues="ALL_OLD",
            )
        return bool(response.get("Attributes"))

    def teams_of(self, user_id: str) -> Mapping[str, bool]:
        return {item["team_id"]: bool(item.get("lead")) for item in self._gsi1(f"USER#{user_id}", "TEAM#")}
