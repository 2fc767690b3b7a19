"""The cache against the real Redis server (fakeredis off CI when none runs, with a warning): cache-aside
result reads, history invalidation, hit/miss statistics, authorisation before any cache read, and a
stack whose Redis is unreachable still answering every request."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from purelift.adapters.cache import CircuitBreaker, RedisCache
from purelift.domain import cache_keys
from purelift.services.context import Backend
from purelift.settings import api_settings
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import Stack, api_event, call_api, load_function, seed_job

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


def _use(backend: Backend) -> Iterator[Backend]:
    app = load_function("api").app
    previous = app.state.backend_provider
    app.state.backend_provider = lambda: backend
    try:
        yield backend
    finally:
        app.state.backend_provider = previous


@pytest.fixture
def cache(redis_client: Any) -> RedisCache:
    return RedisCache("redis://unused", client=redis_client)


@pytest.fixture
def cached(stack: Stack, cache: RedisCache) -> Iterator[Backend]:
    yield from _use(api_wiring.build_backend(api_settings(), cache=cache))


@pytest.fixture
def unreachable(stack: Stack) -> Iterator[Backend]:
    yield from _use(api_wiring.build_backend(api_settings(), cache=RedisCache(UNREACHABLE, timeout=0.2)))


# --- the adapter ---
def test_get_set_and_counters(cache: RedisCache) -> None:
    assert cache.get("k") is None
    cache.set("k", b"v", ttl=60)
    assert cache.get("k") == b"v"
    cache.set_field("h", "f", b"1", ttl=60)
    assert cache.get_field("h", "f") == b"1" and cache.get_field("h", "g") is None
    cache.delete("k", "h")
    assert cache.get("k") is None
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.available) == (2, 3, True)
    assert stats.hit_rate == 0.4


def test_entries_expire(cache: RedisCache, redis_client: Any) -> None:
    cache.set(cache_keys.result("j"), b"x", ttl=cache_keys.RESULT_TTL)
    cache.set_field(cache_keys.history("u"), "20:", b"x", ttl=cache_keys.HISTORY_TTL)
    assert 0 < redis_client.ttl(cache_keys.result("j")) <= 24 * 3600
    assert 0 < redis_client.ttl(cache_keys.history("u")) <= 300


def test_unreachable_redis_degrades_to_misses_and_opens_the_breaker() -> None:
    clock = [0.0]
    breaker = CircuitBreaker(threshold=2, cooldown=30, clock=lambda: clock[0])
    cache = RedisCache(UNREACHABLE, timeout=0.2, breaker=breaker)
    started = time.perf_counter()
    assert cache.get("k") is None
    cache.set("k", b"v", ttl=5)
    assert breaker.is_open
    assert cache.get("k") is None and cache.stats().available is False  # refused without trying
    assert time.perf_counter() - started < 2
    clock[0] = 31  # after the cooldown one trial goes through, fails, and opens it again
    assert cache.get("k") is None and breaker.is_open


def test_the_breaker_closes_after_a_success(redis_client: Any) -> None:
    clock = [0.0]
    breaker = CircuitBreaker(threshold=1, cooldown=10, clock=lambda: clock[0])
    breaker.failure()
    assert not breaker.allow()
    clock[0] = 10
    cache = RedisCache("redis://unused", client=redis_client, breaker=breaker)
    cache.set("k", b"v", ttl=5)
    assert not breaker.is_open and cache.get("k") == b"v"


# --- through the API handler ---
def test_result_reads_are_cache_aside(cached: Backend) -> None:
    job_id = seed_job("user-1")
    first = call_api(api_event("get_result", job_id=job_id))
    second = call_api(api_event("get_result", job_id=job_id))
    assert first.status == second.status == 200 and first.body == second.body
    stats = call_api(api_event("stats")).json()["cache"]
    assert (stats["hits"], stats["misses"], stats["available"]) == (1, 1, True)


def test_authorisation_comes_before_the_cache(cached: Backend) -> None:
    job_id = seed_job("user-1")
    call_api(api_event("get_result", job_id=job_id))  # now cached
    before = cached.cache.stats()
    response = call_api(api_event("get_result", user="mallory", job_id=job_id))
    assert response.status == 404
    assert cached.cache.stats() == before  # the cache was not even read


def test_history_is_cached_and_invalidated_by_a_new_job(cached: Backend) -> None:
    call_api(api_event("create_job", headers={"Idempotency-Key": "h1"}))
    assert len(call_api(api_event("history", query={})).json()["items"]) == 1
    assert len(call_api(api_event("history", query={})).json()["items"]) == 1
    assert cached.cache.stats().hits == 1
    call_api(api_event("create_job", headers={"Idempotency-Key": "h2"}))
    assert len(call_api(api_event("history", query={})).json()["items"]) == 2


def test_delete_drops_the_cached_result(cached: Backend) -> None:
    job_id = seed_job("user-1")
    call_api(api_event("get_result", job_id=job_id))
    assert cached.cache.get(cache_keys.result(job_id)) is not None
    assert call_api(api_event("delete_job", job_id=job_id)).status == 204
    assert cached.cache.get(cache_keys.result(job_id)) is None


def test_every_request_succeeds_with_redis_unreachable(unreachable: Backend) -> None:
    job_id = seed_job("user-1")
    assert call_api(api_event("create_job")).status == 201
    assert call_api(api_event("get_job", job_id=job_id)).status == 200
    assert call_api(api_event("get_result", job_id=job_id)).status == 200
    assert call_api(api_event("get_result", job_id=job_id)).status == 200
    assert call_api(api_event("history", query={})).status == 200
    assert call_api(api_event("download", job_id=job_id, query={"format": "zip"})).status == 307
    stats = call_api(api_event("stats"))
    assert stats.status == 200 and stats.json()["cache"]["available"] is False
    assert call_api(api_event("delete_job", job_id=job_id)).status == 204
