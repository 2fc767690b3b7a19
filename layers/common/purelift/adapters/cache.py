"""Cache adapters (SPEC §6): Redis/Valkey with short timeouts and a circuit breaker, an in-process cache
for the local stack, and a no-op cache for stacks without Redis.

The cache is optional by design: every method of every adapter degrades to a miss or a no-op, so a
request succeeds from DynamoDB/S3 when Redis is slow, down or absent. `redis` is imported on first use
only, so a function that runs without a cache does not pay for the import at cold start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from purelift.domain.model import CacheStats

T = TypeVar("T")
HITS_KEY = "cache:stats:hits"
MISSES_KEY = "cache:stats:misses"

log = logging.getLogger(__name__)


class CircuitBreaker:
    """Closed: calls go through. After `threshold` consecutive failures it opens and refuses calls for
    `cooldown` seconds; then one trial call is let through (half-open): success closes it, failure re-opens."""

    def __init__(self, threshold: int = 3, cooldown: float = 30.0, clock: Callable[[], float] = time.monotonic):
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None and self._clock() - self._opened_at < self.cooldown

    def allow(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at >= self.cooldown:
                self._opened_at = self._clock()  # half-open: one trial, the others wait another cooldown
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold:
                self._opened_at = self._clock()


class RedisCache:
    """Implements `Cache` over Redis (`REDIS_URL`). Hit/miss counters live in Redis, shared by all functions."""

    def __init__(
        self,
        url: str,
        timeout: float = 0.25,
        client: Any | None = None,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self._url = url
        self._timeout = timeout
        self._client = client
        self.breaker = breaker or CircuitBreaker()
        self._errors: tuple[type[BaseException], ...] = (OSError,)
        if client is not None:
            import redis

            self._errors = (redis.RedisError, OSError)

    def _redis(self) -> Any:
        if self._client is None:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            self._errors = (redis.RedisError, OSError)
            self._client = redis.Redis.from_url(
                self._url,
                socket_timeout=self._timeout,
                socket_connect_timeout=self._timeout,
                retry=Retry(NoBackoff(), 0),  # one try: a slow cache must not slow the request further
                health_check_interval=0,
            )
        return self._client

    def _call(self, operation: Callable[[Any], T], default: T) -> T:
        if not self.breaker.allow():
            return default
        try:
            result = operation(self._redis())
        except self._errors as exc:
            self.breaker.failure()
            log.warning("cache unavailable (%s); continuing without it", type(exc).__name__)
            return default
        self.breaker.success()
        return result

    def get(self, key: str) -> bytes | None:
        def read(client: Any) -> bytes | None:
            value: bytes | None = client.get(key)
            client.incr(HITS_KEY if value is not None else MISSES_KEY)
            return value

        return self._call(read, None)

    def set(self, key: str, value: bytes, ttl: int) -> None:
        self._call(lambda client: client.set(key, value, ex=ttl), None)

    def get_field(self, key: str, field: str) -> bytes | None:
        def read(client: Any) -> bytes | None:
            value: bytes | None = client.hget(key, field)
            client.incr(HITS_KEY if value is not None else MISSES_KEY)
            return value

        return self._call(read, None)

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None:
        def write(client: Any) -> None:
            pipe = client.pipeline(transaction=False)
            pipe.hset(key, field, value)
            pipe.expire(key, ttl, nx=True)  # the whole hash lives at most `ttl` from its first page
            pipe.execute()

        self._call(write, None)

    def delete(self, *keys: str) -> None:
        if keys:
            self._call(lambda client: client.delete(*keys), None)

    def stats(self) -> CacheStats:
        def read(client: Any) -> CacheStats:
            hits, misses = client.mget(HITS_KEY, MISSES_KEY)
            return CacheStats(hits=int(hits or 0), misses=int(misses or 0), available=True)

        return self._call(read, CacheStats(available=False))


class MemoryCache:
    """Implements `Cache` in process memory (the local stack without Redis; tests)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._data: dict[str, tuple[float, Any]] = {}
        self._hits = 0
        self._misses = 0
        self._lock = threading.Lock()

    def _live(self, key: str) -> Any:
        entry = self._data.get(key)
        if entry is None or entry[0] <= self._clock():
            self._data.pop(key, None)
            return None
        return entry[1]

    def _count(self, value: bytes | None) -> bytes | None:
        if value is None:
            self._misses += 1
        else:
            self._hits += 1
        return value

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._live(key)
            return self._count(value if isinstance(value, bytes) else None)

    def set(self, key: str, value: bytes, ttl: int) -> None:
        with self._lock:
            self._data[key] = (self._clock() + ttl, value)

    def get_field(self, key: str, field: str) -> bytes | None:
        with self._lock:
            fields = self._live(key)
            return self._count(fields.get(field) if isinstance(fields, dict) else None)

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None:
        with self._lock:
            fields = self._live(key)
            if isinstance(fields, dict):
                fields[field] = value
            else:
                self._data[key] = (self._clock() + ttl, {field: value})

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._data.pop(key, None)

    def stats(self) -> CacheStats:
        return CacheStats(hits=self._hits, misses=self._misses, available=True)


class NullCache:
    """Implements `Cache` as always-miss (no Redis configured)."""

    def get(self, key: str) -> bytes | None:
        return None

    def set(self, key: str, value: bytes, ttl: int) -> None:
        return None

    def get_field(self, key: str, field: str) -> bytes | None:
        return None

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None:
        return None

    def delete(self, *keys: str) -> None:
        return None

    def stats(self) -> CacheStats:
        return CacheStats(available=False)
