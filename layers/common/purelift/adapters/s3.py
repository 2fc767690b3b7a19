"""S3 object storage (SPEC §6 keys): presigned browser uploads with a size condition, presigned
downloads with a sanitised attachment name, and plain put/get/delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from purelift.domain.errors import ServiceUnavailableError
from purelift.domain.model import UploadTicket

_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3ObjectStore:
    """Implements `ObjectStore` over one bucket."""

    def __init__(self, bucket: str, client: Any | None = None) -> None:
        if client is None:
            import boto3

            client = boto3.client("s3")
        self._client = client
        self._bucket = bucket

    def presigned_post(self, key: str, max_bytes: int, expires_in: int) -> UploadTicket:
        """A POST policy S3 enforces itself: exactly this key, at most `max_bytes` (413 from S3 beyond)."""
        try:
            post = self._client.generate_presigned_post(
                Bucket=self._bucket,
                Key=key,
                Conditions=[["content-length-range", 1, max_bytes]],
                ExpiresIn=expires_in,
            )
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc
        return UploadTicket(url=post["url"], fields=post["fields"], expires_in=expires_in, max_bytes=max_bytes)

    def presigned_get(self, key: str, expires_in: int, filename: str) -> str:
        try:
            url: str = self._client.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self._bucket,
                    "Key": key,
                    "ResponseContentDisposition": f'attachment; filename="{filename}"',
                },
                ExpiresIn=expires_in,
            )
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc
        return url

    def put(self, key: str, data: bytes, content_type: str, content_encoding: str | None = None) -> None:
        extra = {"ContentEncoding": content_encoding} if content_encoding else {}
        try:
            self._client.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type, **extra)
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc

    def get(self, key: str) -> bytes | None:
        try:
            response = self._client.get_object(Bucket=self._bucket, Key=key)
            body: bytes = response["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _MISSING:
                return None
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return body

    def exists(self, key: str) -> bool:
        try:
            self._client.head_object(Bucket=self._bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _MISSING:
                return False
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return True

    def delete_keys(self, keys: Sequence[str]) -> None:
        """`DeleteObjects` by key, 1,000 at a time: what a pipeline step allowed only `s3:DeleteObject` on its
        own prefix may do (no `s3:ListBucket`)."""
        try:
            for start in range(0, len(keys), 1000):
                chunk = [{"Key": key} for key in keys[start : start + 1000]]
                self._client.delete_objects(Bucket=self._bucket, Delete={"Objects": chunk, "Quiet": True})
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc

    def delete_prefix(self, prefix: str) -> None:
        try:
            paginator = self._client.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=self._bucket, Prefix=prefix):
                keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
                if keys:
                    self._client.delete_objects(Bucket=self._bucket, Delete={"Objects": keys, "Quiet": True})
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError from exc
