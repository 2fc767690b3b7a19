"""Wiring for Lambda: settings from the environment, AWS adapters, the cache; built once per process.

The local stack and tests build a `Backend` their own way (other clients, an in-process cache).
"""

from __future__ import annotations

from functools import lru_cache

from purelift.adapters.cache import NullCache, RedisCache
from purelift.adapters.dynamodb import DynamoStore
from purelift.adapters.s3 import S3ObjectStore
from purelift.adapters.stepfunctions import StepFunctionsOrchestrator
from purelift.domain.ports import Cache
from purelift.services.context import Backend, Limits
from purelift.settings import ApiSettings, api_settings


def build_backend(settings: ApiSettings, cache: Cache | None = None) -> Backend:
    store = DynamoStore(settings.table_name)
    if cache is None:
        cache = RedisCache(settings.redis_url, timeout=settings.cache_timeout) if settings.redis_url else NullCache()
    return Backend(
        jobs=store,
        shares=store,
        teams=store,
        store=S3ObjectStore(settings.bucket_name),
        orchestrator=StepFunctionsOrchestrator(settings.state_machine_arn),
        cache=cache,
        limits=Limits(
            upload_max_bytes=settings.upload_max_bytes,
            direct_upload_max_bytes=settings.direct_upload_max_bytes,
            presign_expires=settings.presign_expires,
        ),
    )


@lru_cache(maxsize=1)
def backend() -> Backend:
    """The process-wide backend of the API function (cold start builds it; warm invocations reuse it)."""
    return build_backend(api_settings())


def reset() -> None:
    """Forget the cached settings and backend (tests that change the environment)."""
    backend.cache_clear()
    api_settings.cache_clear()
