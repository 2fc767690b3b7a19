"""Wiring for the pipeline and WebSocket functions: typed environment, adapters, services; built once per
process (cold start) and reused by warm invocations. The local stack and tests may build their own."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pydantic import Field

from purelift.adapters.cache import NullCache, RedisCache
from purelift.adapters.connections import DynamoConnections
from purelift.adapters.dynamodb import DynamoStore
from purelift.adapters.progress import DynamoProgress
from purelift.adapters.s3 import S3ObjectStore
from purelift.adapters.websocket import ManagementApiPusher, NullPusher
from purelift.domain.ports import Cache
from purelift.domain.realtime import Pusher
from purelift.services.context import Backend
from purelift.services.pipeline import Pipeline, PipelineConfig
from purelift.services.realtime import Notifier, RealtimeService
from purelift.settings import _Env


class RealtimeSettings(_Env):
    """Environment of the pipeline and WebSocket functions."""

    table_name: str = Field(alias="TABLE_NAME", min_length=3)
    bucket_name: str = Field(alias="BUCKET_NAME", min_length=3)
    # The WebSocket API's management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage});
    # empty: no pushes (the job record still carries the progress).
    websocket_endpoint: str = Field(default="", alias="WEBSOCKET_ENDPOINT")
    redis_url: str = Field(default="", alias="REDIS_URL")
    cache_timeout: float = Field(default=0.25, alias="CACHE_TIMEOUT", gt=0)
    batch_size: int = Field(default=50, alias="BATCH_SIZE", ge=1, le=1000)
    max_concurrency: int = Field(default=10, alias="MAP_MAX_CONCURRENCY", ge=1, le=1000)
    push_workers: int = Field(default=32, alias="PUSH_WORKERS", ge=1, le=256)


def load_realtime_settings(env: Mapping[str, str] | None = None) -> RealtimeSettings:
    return RealtimeSettings.model_validate(dict(os.environ if env is None else env))


@lru_cache(maxsize=1)
def settings() -> RealtimeSettings:
    return load_realtime_settings()


class _NoOrchestrator:
    """The WebSocket functions check access through `load_authorized`, which never starts anything."""

    def start(self, job_id: str, payload: Mapping[str, Any]) -> str:
        raise RuntimeError("the WebSocket functions do not start executions")


def pusher_for(endpoint: str, pool_size: int = 32) -> Pusher:
    return ManagementApiPusher(endpoint, pool_size=pool_size) if endpoint else NullPusher()


@lru_cache(maxsize=8)
def notifier(endpoint: str | None = None) -> Notifier:
    """The notifier for `endpoint` (default: WEBSOCKET_ENDPOINT). Route handlers may pass the endpoint of the
    API that called them when the environment names none."""
    config = settings()
    url = config.websocket_endpoint if endpoint is None else endpoint
    return Notifier(DynamoConnections(config.table_name), pusher_for(url, config.push_workers), config.push_workers)


def _cache(config: RealtimeSettings) -> Cache:
    return RedisCache(config.redis_url, timeout=config.cache_timeout) if config.redis_url else NullCache()


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    config = settings()
    return Pipeline(
        jobs=DynamoProgress(config.table_name),
        store=S3ObjectStore(config.bucket_name),
        notifier=notifier(),
        cache=_cache(config),
        config=PipelineConfig(batch_size=config.batch_size, max_concurrency=config.max_concurrency),
    )


@lru_cache(maxsize=8)
def realtime(endpoint: str | None = None) -> RealtimeService:
    config = settings()
    store = DynamoStore(config.table_name)
    backend = Backend(
        jobs=store,
        shares=store,
        teams=store,
        store=S3ObjectStore(config.bucket_name),
        orchestrator=_NoOrchestrator(),
        cache=NullCache(),
    )
    return RealtimeService(backend, DynamoConnections(config.table_name), notifier(endpoint))


def reset() -> None:
    """Forget cached settings and services (tests that change the environment)."""
    for cached in (settings, notifier, pipeline, realtime):
        cached.cache_clear()
