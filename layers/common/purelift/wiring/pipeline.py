"""Wiring of the pipeline and WebSocket functions: typed environment, adapters, services; built once per
process (cold start) and reused by warm invocations. The local stack and tests may build their own."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from purelift.adapters.cache import NullCache
from purelift.adapters.dynamodb.connections import DynamoConnections
from purelift.adapters.dynamodb.jobs import DynamoJobs
from purelift.adapters.dynamodb.sharing import DynamoSharing
from purelift.adapters.dynamodb.table import Table
from purelift.adapters.s3 import S3ObjectStore
from purelift.adapters.websocket import ManagementApiPusher, NullPusher
from purelift.domain.ports import Pusher
from purelift.services.context import Backend
from purelift.services.pipeline import Pipeline, PipelineConfig
from purelift.services.realtime import Audience, Notifier, RealtimeService
from purelift.settings import realtime_settings
from purelift.wiring import cache_for


class _NoOrchestrator:
    """The WebSocket functions check access through `load_authorized`, which never starts anything."""

    def start(self, job_id: str, payload: Mapping[str, Any]) -> str:
        raise RuntimeError("the WebSocket functions do not start executions")

    def stop(self, execution_id: str) -> None:
        raise RuntimeError("the WebSocket functions do not stop executions")


def pusher_for(endpoint: str, pool_size: int = 32) -> Pusher:
    return ManagementApiPusher(endpoint, pool_size=pool_size) if endpoint else NullPusher()


@lru_cache(maxsize=1)
def table() -> Table:
    """The single table and its client, shared by every adapter of the process."""
    return Table(realtime_settings().table_name)


@lru_cache(maxsize=1)
def backend() -> Backend:
    """What the WebSocket routes and the notifier read to decide access (`view`), as the REST API does."""
    config = realtime_settings()
    sharing = DynamoSharing(table())
    return Backend(
        jobs=DynamoJobs(table()),
        shares=sharing,
        teams=sharing,
        store=S3ObjectStore(config.bucket_name),
        orchestrator=_NoOrchestrator(),
        cache=NullCache(),
        connections=DynamoConnections(table()),
    )


@lru_cache(maxsize=8)
def notifier(endpoint: str | None = None) -> Notifier:
    """The notifier for `endpoint` (default: WEBSOCKET_ENDPOINT). Route handlers may pass the endpoint of the
    API that called them when the environment names none. It checks `view` at push time (`Audience`)."""
    config = realtime_settings()
    url = config.websocket_endpoint if endpoint is None else endpoint
    audience = Audience.of(backend())
    return Notifier(DynamoConnections(table()), pusher_for(url, config.push_workers), audience, config.push_workers)


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    config = realtime_settings()
    return Pipeline(
        jobs=DynamoJobs(table(), retention_days=config.retention_days),
        store=S3ObjectStore(config.bucket_name),
        notifier=notifier(),
        cache=cache_for(config.redis_url, config.cache_timeout, config.cache_max_value_bytes),
        config=PipelineConfig(batch_size=config.batch_size, max_concurrency=config.max_concurrency),
    )


@lru_cache(maxsize=8)
def realtime(endpoint: str | None = None) -> RealtimeService:
    return RealtimeService(backend(), DynamoConnections(table()), notifier(endpoint))


def reset() -> None:
    """Forget cached settings and services (tests that change the environment)."""
    for cached in (realtime_settings, table, backend, notifier, pipeline, realtime):
        cached.cache_clear()
