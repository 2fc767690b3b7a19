"""One DynamoDB table: its client, the item codec, and the one place where AWS errors become the backend's.

Every call goes through `Table._call`: a condition that did not hold is `ConditionFailedError` (the caller
decides what it means: a re-run, a conflict, a lost lease), any other AWS failure is `ServiceUnavailableError`
(`raise … from exc`), so no AWS detail leaves the adapters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from purelift.domain.errors import ServiceUnavailableError

# A cancelled transaction is counted as a failed condition: the only transaction (a batch marker with the
# job's counter) is cancelled when the marker exists or the job is no longer running.
CONDITION_FAILURES = frozenset({"ConditionalCheckFailedException", "TransactionCanceledException"})
BATCH_WRITE_MAX = 25


@lru_cache(maxsize=1)
def _codec() -> tuple[Any, Any]:
    """boto3's (TypeSerializer, TypeDeserializer), on first use: importing `boto3.dynamodb` loads all of boto3,
    a third of the API function's cold import, which a request that reads no item (health, docs) never needs."""
    from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

    return TypeSerializer(), TypeDeserializer()


class ConditionFailedError(Exception):
    """A conditional write whose condition did not hold. Never leaves the adapters."""


def plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal: turn them into int/float again, recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | set | tuple):
        return [plain(v) for v in value]
    return value


def dump(item: Mapping[str, Any]) -> dict[str, Any]:
    """Plain values to DynamoDB JSON; None values are left out (an absent attribute reads as None)."""
    # floats are not valid DynamoDB input; a JSON round trip turns them into Decimal exactly as written.
    clean = json.loads(json.dumps({k: v for k, v in item.items() if v is not None}), parse_float=Decimal)
    serializer = _codec()[0]
    return {k: serializer.serialize(v) for k, v in clean.items()}


def load(item: Mapping[str, Any]) -> dict[str, Any]:
    deserializer = _codec()[1]
    return {k: plain(deserializer.deserialize(v)) for k, v in item.items()}


def primary_key(pk: str, sk: str) -> dict[str, str]:
    return {"PK": pk, "SK": sk}


def indexed_key(pk: str, sk: str, gsi1pk: str, gsi1sk: str) -> dict[str, str]:
    """The key attributes of an item that GSI1 also files (under `gsi1pk`, sorted by `gsi1sk`)."""
    return {"PK": pk, "SK": sk, "GSI1PK": gsi1pk, "GSI1SK": gsi1sk}


def _options(**options: Any) -> dict[str, Any]:
    """The request parameters that are set: an option left at None is not sent at all."""
    return {name: value for name, value in options.items() if value is not None}


class Table:
    """The single table (SPEC §6) and its client, which tests and the local stack may inject."""

    def __init__(self, name: str, client: Any | None = None) -> None:
        if client is None:
            import boto3

            client = boto3.client("dynamodb")
        self.client = client
        self.name = name

    def _call(self, method: str, **kwargs: Any) -> Any:
        try:
            return getattr(self.client, method)(**kwargs)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in CONDITION_FAILURES:
                raise ConditionFailedError from exc
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc

    def get(self, item_key: Mapping[str, Any], *, consistent: bool = True) -> dict[str, Any] | None:
        response = self._call(
            "get_item", TableName=self.name, Key=dump(item_key), **_options(ConsistentRead=consistent or None)
        )
        item = response.get("Item")
        return load(item) if item else None

    def put(
        self,
        item: Mapping[str, Any],
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        """Put `item`; `ConditionFailedError` when `condition` does not hold."""
        self._call(
            "put_item",
            TableName=self.name,
            Item=dump(item),
            **_options(
                ConditionExpression=condition,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=dump(values) if values is not None else None,
            ),
        )

    def update(
        self,
        item_key: Mapping[str, Any],
        expression: str,
        condition: str,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
        *,
        return_new: bool = False,
    ) -> dict[str, Any]:
        """Update under `condition`; the item as it is now when `return_new`, else {}. `ConditionFailedError`
        when the condition does not hold."""
        response = self._call(
            "update_item",
            TableName=self.name,
            Key=dump(item_key),
            UpdateExpression=expression,
            ConditionExpression=condition,
            **_options(
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=dump(values) if values is not None else None,
                ReturnValues="ALL_NEW" if return_new else None,
            ),
        )
        return load(response["Attributes"]) if return_new else {}

    def delete(self, item_key: Mapping[str, Any], *, report: bool = False) -> bool:
        """Delete one item (idempotent). With `report`, whether it existed; without, always True."""
        response = self._call(
            "delete_item",
            TableName=self.name,
            Key=dump(item_key),
            **_options(ReturnValues="ALL_OLD" if report else None),
        )
        return bool(response.get("Attributes")) if report else True

    def delete_all(self, keys: Sequence[Mapping[str, Any]]) -> None:
        """Delete many items, 25 per batch; the ones a batch leaves unprocessed are deleted one by one."""
        for start in range(0, len(keys), BATCH_WRITE_MAX):
            requests = [{"DeleteRequest": {"Key": dump(k)}} for k in keys[start : start + BATCH_WRITE_MAX]]
            response = self._call("batch_write_item", RequestItems={self.name: requests})
            for request in response.get("UnprocessedItems", {}).get(self.name, []):
                self._call("delete_item", TableName=self.name, Key=request["DeleteRequest"]["Key"])

    def transact_write(self, requests: Sequence[Mapping[str, Mapping[str, Any]]]) -> None:
        """Apply `requests` (`{"Put": {…}}`, `{"Update": {…}}` on this table, plain values) all or none;
        `ConditionFailedError` when the transaction is cancelled."""
        items = []
        for request in requests:
            ((operation, body),) = request.items()
            wire = {"TableName": self.name, **body}
            for field in ("Item", "Key", "ExpressionAttributeValues"):
                if field in wire:
                    wire[field] = dump(wire[field])
            items.append({operation: wire})
        self._call("transact_write_items", TransactItems=items)

    def query_page(
        self,
        condition: str,
        values: Mapping[str, Any],
        *,
        index: str | None = None,
        names: Mapping[str, str] | None = None,
        projection: str | None = None,
        consistent: bool = False,
        newest_first: bool = False,
        limit: int | None = None,
        start: Mapping[str, Any] | None = None,
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """One page of a query, and the key to continue from (None: no more pages)."""
        response = self._call(
            "query",
            TableName=self.name,
            **_options(
                IndexName=index,
                KeyConditionExpression=condition,
                ExpressionAttributeValues=dump(values),
                ExpressionAttributeNames=names,
                ProjectionExpression=projection,
                ConsistentRead=consistent or None,
                ScanIndexForward=False if newest_first else None,
                Limit=limit,
                ExclusiveStartKey=dump(start) if start else None,
            ),
        )
        last = response.get("LastEvaluatedKey")
        return [load(item) for item in response.get("Items", [])], load(last) if last else None

    def query(self, condition: str, values: Mapping[str, Any], **options: Any) -> Iterator[dict[str, Any]]:
        """Every item of a query, following its pages (`options` as in `query_page`)."""
        start: dict[str, Any] | None = None
        while True:
            items, start = self.query_page(condition, values, start=start, **options)
            yield from items
            if start is None:
                return

    def gsi1(self, pk: str, sk_prefix: str) -> Iterator[dict[str, Any]]:
        """The items GSI1 files under `pk` whose GSI1SK starts with `sk_prefix`."""
        return self.query(
            "GSI1PK = :pk AND begins_with(GSI1SK, :prefix)", {":pk": pk, ":prefix": sk_prefix}, index="GSI1"
        )

    def scan(
        self, condition: str, values: Mapping[str, Any], projection: str, names: Mapping[str, str]
    ) -> Iterator[dict[str, Any]]:
        """Every item of the table matching the filter `condition`, following the scan's pages."""
        start: dict[str, Any] | None = None
        while True:
            response = self._call(
                "scan",
                TableName=self.name,
                FilterExpression=condition,
                ExpressionAttributeValues=dump(values),
                ProjectionExpression=projection,
                ExpressionAttributeNames=dict(names),
                **_options(ExclusiveStartKey=start),
            )
            yield from (load(item) for item in response.get("Items", []))
            start = response.get("LastEvaluatedKey")
            if not start:
                return
