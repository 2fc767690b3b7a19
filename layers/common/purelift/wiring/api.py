"""Wiring of the REST API function: settings from the environment, AWS adapters, the cache; built once per
process (cold start) and reused by warm invocations.

The local stack and tests build a `Backend` their own way (other clients, an in-process cache).
"""

from __future__ import annotations

from functools import lru_cache

from purelift.adapters.dynamodb.connections import DynamoConnections
from purelift.adapters.dynamodb.jobs import DynamoJobs
from purelift.adapters.dynamodb.sharing import DynamoSharing
from purelift.adapters.dynamodb.table import Table
from purelift.adapters.s3 import S3ObjectStore
from purelift.adapters.stepfunctions import StepFunctionsOrchestrator
from purelift.domain.ports import Cache
from purelift.services.context import Backend, Limits
from purelift.settings import ApiSettings, api_settings
from purelift.wiring import cache_for


def build_backend(settings: ApiSettings, cache: Cache | None = None) -> Backend:
    table = Table(settings.table_name)
    sharing = DynamoSharing(table)
    return Backend(
        jobs=DynamoJobs(table, retention_days=settings.retention_days),
        shares=sharing,
        teams=sharing,
        store=S3ObjectStore(settings.bucket_name),
        orchestrator=StepFunctionsOrchestrator(settings.state_machine_arn),
        cache=cache_for(settings.redis_url, settings.cache_timeout, settings.cache_max_value_bytes)
        if cache is None
        else cache,
        limits=Limits(
            upload_max_bytes=settings.upload_max_bytes,
            direct_upload_max_bytes=settings.direct_upload_max_bytes,
            presign_expires=settings.presign_expires,
            result_inline_max_bytes=settings.result_inline_max_bytes,
        ),
        connections=DynamoConnections(table),
    )


@lru_cache(maxsize=1)
def backend() -> Backend:
    """The process-wide backend of the API function (cold start builds it; warm invocations reuse it)."""
    return build_backend(api_settings())


def reset() -> None:
    """Forget the cached settings and backend (tests that change the environment)."""
    backend.cache_clear()
    api_settings.cache_clear()
