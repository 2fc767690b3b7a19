"""Typed configuration: each function's environment as a pydantic model, validated once at cold start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

# The local stack's signing key and claims (SPEC §9). Never accepted by a deployed stack unless its
# LocalJwtSecret parameter is set to a key of the operator's choosing.
DEV_JWT_SECRET = "purelift-local-development-signing-key-not-for-production"
LOCAL_ISSUER = "purelift-local"
LOCAL_AUDIENCE = "purelift"


class _Env(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class ApiSettings(_Env):
    """Environment of the API function."""

    table_name: str = Field(alias="TABLE_NAME", min_length=3)
    bucket_name: str = Field(alias="BUCKET_NAME", min_length=3)
    state_machine_arn: str = Field(alias="STATE_MACHINE_ARN", min_length=1)
    redis_url: str = Field(default="", alias="REDIS_URL")
    upload_max_bytes: int = Field(default=200 * 1024 * 1024, alias="UPLOAD_MAX_BYTES", gt=0)
    # A multipart body reaches Lambda base64-encoded (x4/3) inside an event that must stay under 6 MB.
    direct_upload_max_bytes: int = Field(default=4 * 1024 * 1024, alias="DIRECT_UPLOAD_MAX_BYTES", gt=0)
    # The largest result returned in the response body; a larger one is a redirect to S3 (Lambda's answer: 6 MB).
    result_inline_max_bytes: int = Field(default=5 * 1024 * 1024, alias="RESULT_INLINE_MAX_BYTES", gt=0)
    presign_expires: int = Field(default=900, alias="PRESIGN_EXPIRES", gt=0, le=7 * 24 * 3600)
    cache_timeout: float = Field(default=0.25, alias="CACHE_TIMEOUT", gt=0)
    # Values above it are never cached (read from S3 each time): see docs/backend.md, "Cache".
    cache_max_value_bytes: int = Field(default=1024 * 1024, alias="CACHE_MAX_VALUE_BYTES", ge=0)
    retention_days: int = Field(default=90, alias="RETENTION_DAYS", ge=1)  # a job item's `ttl` (template)


class HttpSettings(_Env):
    """What the HTTP layer itself needs (read at import: every field has a default)."""

    allowed_origin: str = Field(default="*", alias="ALLOWED_ORIGIN", min_length=1)


class RealtimeSettings(_Env):
    """Environment of the pipeline and WebSocket functions."""

    table_name: str = Field(alias="TABLE_NAME", min_length=3)
    bucket_name: str = Field(alias="BUCKET_NAME", min_length=3)
    # The WebSocket API's management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage});
    # empty: no pushes (the job record still carries the progress).
    websocket_endpoint: str = Field(default="", alias="WEBSOCKET_ENDPOINT")
    redis_url: str = Field(default="", alias="REDIS_URL")
    cache_timeout: float = Field(default=0.25, alias="CACHE_TIMEOUT", gt=0)
    # Values above it are never cached (read from S3 each time): see docs/backend.md, "Cache".
    cache_max_value_bytes: int = Field(default=1024 * 1024, alias="CACHE_MAX_VALUE_BYTES", ge=0)
    batch_size: int = Field(default=50, alias="BATCH_SIZE", ge=1, le=1000)
    max_concurrency: int = Field(default=10, alias="MAP_MAX_CONCURRENCY", ge=1, le=1000)
    push_workers: int = Field(default=32, alias="PUSH_WORKERS", ge=1, le=256)
    retention_days: int = Field(default=90, alias="RETENTION_DAYS", ge=1)  # a job item's `ttl` (template)


class AuthSettings(_Env):
    """Environment of the authorizer: Cognito (issuer, audience, JWKS) and/or a local HS256 key."""

    issuer: str = Field(default="", alias="JWT_ISSUER")
    audience: str = Field(default="", alias="JWT_AUDIENCE")
    jwks_url: str = Field(default="", alias="JWKS_URL")
    local_secret: str = Field(default="", alias="LOCAL_JWT_SECRET")
    local_issuer: str = Field(default=LOCAL_ISSUER, alias="LOCAL_JWT_ISSUER")
    local_audience: str = Field(default=LOCAL_AUDIENCE, alias="LOCAL_JWT_AUDIENCE")
    leeway: int = Field(default=30, alias="JWT_LEEWAY", ge=0, le=300)


def load_api_settings(env: Mapping[str, str] | None = None) -> ApiSettings:
    return ApiSettings.model_validate(dict(os.environ if env is None else env))


def load_realtime_settings(env: Mapping[str, str] | None = None) -> RealtimeSettings:
    return RealtimeSettings.model_validate(dict(os.environ if env is None else env))


def load_http_settings(env: Mapping[str, str] | None = None) -> HttpSettings:
    return HttpSettings.model_validate(dict(os.environ if env is None else env))


def load_auth_settings(env: Mapping[str, str] | None = None) -> AuthSettings:
    return AuthSettings.model_validate(dict(os.environ if env is None else env))


@lru_cache(maxsize=1)
def api_settings() -> ApiSettings:
    """The API function's settings, read once per process."""
    return load_api_settings()


@lru_cache(maxsize=1)
def realtime_settings() -> RealtimeSettings:
    """The pipeline and WebSocket functions' settings, read once per process."""
    return load_realtime_settings()
