"""Cache adapters (SPEC §6): Redis/Valkey with short timeouts and a circuit breaker, an in-process cache
for the local stack, and a no-op cache for stacks without Redis.

The cache is optional by design: every method of every adapter degrades to a miss or a no-op, so a
request succeeds from DynamoDB/S3 when Redis is slow, down or absent. `redis` is imported on first use
only, so a function that runs without a cache does not pay for the import at cold start.

A cache never serves a byte that was not stored: each value is kept behind a small header (magic, length,
CRC-32) and checked on every read; a value that fails the check (truncated, extended, altered, written by
something else) is deleted, counted as `corrupt` and read as a miss, so the caller falls back to S3/DynamoDB.
Values above `max_value_bytes` are not cached at all: a large result is read from S3 each time, which costs
less than a large reply a cache server may fail to deliver whole.
"""

from __future__ import annotations

import logging
import struct
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

from purelift.domain.model import CacheStats

T = TypeVar("T")
HITS_KEY = "cache:stats:hits"
MISSES_KEY = "cache:stats:misses"
CORRUPT_KEY = "cache:stats:corrupt"
USER_STATS_PREFIX = "cache:stats:user:"  # a hash per user: hits, misses, corrupt (the reads made for that user)
MAX_VALUE_BYTES = 1024 * 1024
_HEADER = struct.Struct(">4sQI")  # magic, length, CRC-32 of the value
_MAGIC = b"PLC1"
HIT, MISS, CORRUPT = "hits", "misses", "corrupt"
_GLOBAL_KEYS = {HIT: HITS_KEY, MISS: MISSES_KEY, CORRUPT: CORRUPT_KEY}

log = logging.getLogger(__name__)


def seal(value: bytes) -> bytes:
    """The value as stored: behind a header that lets a read prove it got exactly these bytes back."""
    return _HEADER.pack(_MAGIC, len(value), zlib.crc32(value)) + value


def unseal(stored: bytes) -> bytes | None:
    """The value `seal` wrapped, or None when `stored` is not exactly such a value."""
    if len(stored) < _HEADER.size:
        return None
    magic, length, checksum = _HEADER.unpack_from(stored)
    value = memoryview(stored)[_HEADER.size :]
    if magic != _MAGIC or length != len(value) or checksum != zlib.crc32(value):
        return None
    return bytes(value)


def user_stats_key(user: str) -> str:
    return USER_STATS_PREFIX + user


def _outcome(stored: bytes | None) -> tuple[bytes | None, str]:
    if stored is None:
        return None, MISS
    value = unseal(stored)
    return (value, HIT) if value is not None else (None, CORRUPT)


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
    """Implements `Cache` over Redis (`REDIS_URL`). Hit/miss/corrupt counters live in Redis, shared by all
    functions: globally and per user (the reads made on a user's behalf)."""

    def __init__(
        self,
        url: str,
        timeout: float = 0.25,
        client: Any | None = None,
        breaker: CircuitBreaker | None = None,
        max_value_bytes: int = MAX_VALUE_BYTES,
    ) -> None:
        self._url = url
        self._timeout = timeout
        self._client = client
        self.breaker = breaker or CircuitBreaker()
        self.max_value_bytes = max_value_bytes
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

    def _count(self, client: Any, outcome: str, user: str | None, key: str, field: str | None = None) -> None:
        """One round trip: the global counter, the user's, and (for a damaged value) its removal."""
        pipe = client.pipeline(transaction=False)
        pipe.incr(_GLOBAL_KEYS[outcome])
        if user is not None:
            pipe.hincrby(user_stats_key(user), outcome, 1)
        if outcome == CORRUPT:
            log.warning("cache value %s%s failed its check; dropped", key, f"[{field}]" if field else "")
            if field is None:
                pipe.delete(key)
            else:
                pipe.hdel(key, field)
        pipe.execute()

    def get(self, key: str, user: str | None = None) -> bytes | None:
        def read(client: Any) -> bytes | None:
            value, outcome = _outcome(client.get(key))
            self._count(client, outcome, user, key)
            return value

        return self._call(read, None)

    def _fits(self, value: bytes) -> bool:
        return len(value) <= self.max_value_bytes

    def set(self, key: str, value: bytes, ttl: int) -> None:
        if not self._fits(value):
            self.delete(key)  # never leave an older value of the key behind
            return
        self._call(lambda client: client.set(key, seal(value), ex=ttl), None)

    def get_field(self, key: str, field: str, user: str | None = None) -> bytes | None:
        def read(client: Any) -> bytes | None:
            value, outcome = _outcome(client.hget(key, field))
            self._count(client, outcome, user, key, field)
            return value

        return self._call(read, None)

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None:
        if not self._fits(value):
            self._call(lambda client: client.hdel(key, field), None)
            return

        def write(client: Any) -> None:
            pipe = client.pipeline(transaction=False)
            pipe.hset(key, field, seal(value))
            pipe.expire(key, ttl, nx=True)  # the whole hash lives at most `ttl` from its first page
            pipe.execute()

        self._call(write, None)

    def delete(self, *keys: str) -> None:
        if keys:
            self._call(lambda client: client.delete(*keys), None)

    def stats(self, user: str | None = None) -> CacheStats:
        """Everyone's figures, or (with `user`) those of the reads made for that user."""

        def read(client: Any) -> CacheStats:
            if user is None:
                hits, misses, corrupt = client.mget(HITS_KEY, MISSES_KEY, CORRUPT_KEY)
            else:
                hits, misses, corrupt = client.hmget(user_stats_key(user), HIT, MISS, CORRUPT)
            return CacheStats(hits=int(hits or 0), misses=int(misses or 0), corrupt=int(corrupt or 0), available=True)

        return self._call(read, CacheStats(available=False))


class MemoryCache:
    """Implements `Cache` in process memory (the local stack without Redis; tests). Values are sealed and
    checked as in Redis, so both adapters behave alike."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_value_bytes: int = MAX_VALUE_BYTES) -> None:
        self._clock = clock
        self.max_value_bytes = max_value_bytes
        self._data: dict[str, tuple[float, Any]] = {}
        self._counts: dict[str | None, dict[str, int]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str) -> Any:
        entry = self._data.get(key)
        if entry is None or entry[0] <= self._clock():
            self._data.pop(key, None)
            return None
        return entry[1]

    def _count(self, stored: Any, user: str | None) -> bytes | None:
        value, outcome = _outcome(stored if isinstance(stored, bytes) else None)
        for scope in (None, user) if user is not None else (None,):
            counts = self._counts.setdefault(scope, {})
            counts[outcome] = counts.get(outcome, 0) + 1
        return value

    def get(self, key: str, user: str | None = None) -> bytes | None:
        with self._lock:
            value = self._count(self._live(key), user)
            if value is None and isinstance(self._live(key), bytes):
                self._data.pop(key, None)  # damaged: dropped
            return value

    def set(self, key: str, value: bytes, ttl: int) -> None:
        with self._lock:
            if len(value) > self.max_value_bytes:
                self._data.pop(key, None)
            else:
                self._data[key] = (self._clock() + ttl, seal(value))

    def get_field(self, key: str, field: str, user: str | None = None) -> bytes | None:
        with self._lock:
            fields = self._live(key)
            stored = fields.get(field) if isinstance(fields, dict) else None
            value = self._count(stored, user)
            if value is None and stored is not None:
                fields.pop(field, None)
            return value

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None:
        with self._lock:
            fields = self._live(key)
            if not isinstance(fields, dict):
                fields = {}
                self._data[key] = (self._clock() + ttl, fields)
            if len(value) > self.max_value_bytes:
                fields.pop(field, None)
            else:
                fields[field] = seal(value)

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._data.pop(key, None)

    def stats(self, user: str | None = None) -> CacheStats:
        with self._lock:
            counts = dict(self._counts.get(user, {}))
        return CacheStats(
            hits=counts.get(HIT, 0), misses=counts.get(MISS, 0), corrupt=counts.get(CORRUPT, 0), available=True
        )


class NullCache:
    """Implements `Cache` as always-miss (no Redis configured)."""

    def get(self, key: str, user: str | None = None) -> bytes | None:
        return None

    def set(self, key: str, value: bytes, ttl: int) -> None:
        return None

    def get_field(self, key: str, field: str, user: str | None = None) -> bytes | None:
        return None

    def set_field(self, key: str, field: str, value: bytes, ttl: int) -> None:
        return None

    def delete(self, *keys: str) -> None:
        return None

    def stats(self, user: str | None = None) -> CacheStats:
        return CacheStats(available=False)
