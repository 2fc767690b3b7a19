"""Wiring for Lambda: each function's typed environment turned into adapters and services, once per process.

`api` builds the REST function's `Backend`; `pipeline` the pipeline steps and the WebSocket routes;
`events` reads the events those functions receive. The local stack and tests build their own the same way.
"""

from __future__ import annotations

from purelift.adapters.cache import MAX_VALUE_BYTES, NullCache, RedisCache
from purelift.domain.ports import Cache


def cache_for(redis_url: str, timeout: float, max_value_bytes: int = MAX_VALUE_BYTES) -> Cache:
    """Redis when a URL is configured; otherwise a cache that always misses (requests go to DynamoDB/S3)."""
    return RedisCache(redis_url, timeout=timeout, max_value_bytes=max_value_bytes) if redis_url else NullCache()
