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
from purelift.domain.model import Role
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


# --- no corrupt byte (issue 9 item 5) ---
def _corrupt(value: bytes, how: str) -> bytes:
    if how == "truncated":
        return value[: len(value) // 2]
    if how == "truncated with an error reply":  # what the in-process server's failed large reply looked like
        return value[: len(value) // 2] + b"-ERR 11"
    if how == "one byte flipped":
        middle = len(value) // 2
        return value[:middle] + bytes([value[middle] ^ 0x01]) + value[middle + 1 :]
    if how == "extended":
        return value + b" "
    assert how == "bare (no header)"
    return value[value.index(b"{") :]


@pytest.mark.parametrize(
    "how", ["truncated", "truncated with an error reply", "one byte flipped", "extended", "bare (no header)"]
)
def test_a_cached_result_damaged_behind_the_service_is_never_served(
    cached: Backend, redis_client: Any, how: str
) -> None:
    job_id = seed_job("user-1")
    first = call_api(api_event("get_result", job_id=job_id))
    key = cache_keys.result(job_id)
    stored = redis_client.get(key)
    assert first.status == 200 and stored is not None
    redis_client.set(key, _corrupt(stored, how), ex=60)
    again = call_api(api_event("get_result", job_id=job_id))
    assert again.status == 200 and again.body == first.body  # the S3 bytes, exactly
    stats = cached.cache.stats()
    assert (stats.hits, stats.misses, stats.corrupt) == (0, 1, 1)
    assert redis_client.get(key) == stored  # the damaged entry was dropped, then filled again from S3


def test_a_damaged_history_page_is_never_served(cached: Backend, redis_client: Any) -> None:
    call_api(api_event("create_job", headers={"Idempotency-Key": "d1"}))
    first = call_api(api_event("history", query={}))
    key = cache_keys.history("user-1")
    (field,) = redis_client.hkeys(key)
    redis_client.hset(key, field, redis_client.hget(key, field)[:-3])
    again = call_api(api_event("history", query={}))
    assert again.status == 200 and again.json() == first.json()
    assert cached.cache.stats().corrupt == 1


def test_a_value_above_the_cap_never_goes_through_the_cache(stack: Stack, redis_client: Any) -> None:
    small = RedisCache("redis://unused", client=redis_client, max_value_bytes=1024)
    for _ in _use(api_wiring.build_backend(api_settings(), cache=small)):
        job_id = seed_job("user-1")
        bodies = [call_api(api_event("get_result", job_id=job_id)) for _ in range(2)]
        assert [b.status for b in bodies] == [200, 200] and bodies[0].body == bodies[1].body
        assert len(bodies[0].body) > 1024
        assert redis_client.exists(cache_keys.result(job_id)) == 0
        assert (small.stats().hits, small.stats().misses) == (0, 2)
    small.set("k", b"x" * 1025, ttl=60)
    small.set("h", b"y" * 1024, ttl=60)
    assert small.get("k") is None and small.get("h") == b"y" * 1024


def test_the_cap_is_a_setting_with_a_one_megabyte_default() -> None:
    from purelift.settings import load_api_settings, load_realtime_settings

    env = {"TABLE_NAME": "tbl", "BUCKET_NAME": "bkt", "STATE_MACHINE_ARN": "arn"}
    assert load_api_settings(env).cache_max_value_bytes == 1024 * 1024
    assert load_realtime_settings(env).cache_max_value_bytes == 1024 * 1024
    assert load_api_settings({**env, "CACHE_MAX_VALUE_BYTES": "4096"}).cache_max_value_bytes == 4096


def test_the_in_process_server_returns_large_values_whole() -> None:
    """The local stack's default cache (fakeredis over TCP) once answered 1 large read in 4 with a truncated
    body ending in `-ERR 11`; whatever it answers, the adapter serves a value whole or not at all."""
    import threading

    from fakeredis import TcpFakeServer

    server = TcpFakeServer(("127.0.0.1", 0))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cache = RedisCache(f"redis://127.0.0.1:{server.server_address[1]}/0", timeout=2, max_value_bytes=16 << 20)
        value = bytes(range(256)) * (13 * 4096)  # 13.6 MB
        cache.set("big", value, ttl=60)
        reads = [cache.get("big") for _ in range(4)]
        assert all(read == value for read in reads if read is not None)
    finally:
        server.shutdown()
        server.server_close()


# --- per-user statistics (issue 9 item 12) ---
def test_stats_show_a_user_their_own_cache_figures_and_an_admin_everyone_s(cached: Backend) -> None:
    mine, theirs = seed_job("user-1"), seed_job("user-2")
    for _ in range(3):
        call_api(api_event("get_result", job_id=mine))  # one miss, two hits
    call_api(api_event("get_result", user="user-2", job_id=theirs))  # one miss
    figures = {
        who: call_api(api_event("stats", user=who, role=role)).json()["cache"]
        for who, role in (("user-1", Role.USER), ("user-2", Role.USER), ("root", Role.ADMIN))
    }
    assert {who: (f["hits"], f["misses"]) for who, f in figures.items()} == {
        "user-1": (2, 1),
        "user-2": (0, 1),
        "root": (2, 2),
    }
    assert figures["user-1"]["hit_rate"] == round(2 / 3, 4)


# --- the progress cache (issue 9 item 11) ---
class _Silent:
    def notify(self, job_id: str, message: Any) -> None:
        return None


def _pipeline(backend: Backend) -> Any:
    from purelift.services.pipeline import Pipeline

    return Pipeline(jobs=backend.jobs, store=backend.store, notifier=_Silent(), cache=backend.cache)  # type: ignore[arg-type]


def test_status_comes_from_the_progress_cache_after_authorisation(cached: Backend, redis_client: Any) -> None:
    from purelift.domain.model import JobStatus
    from purelift.domain.storage_keys import upload_key

    from tests.functional.backend_support import example_zip

    job_id = seed_job("user-1", status="queued")
    cached.store.put(upload_key(job_id), example_zip(), "application/zip")
    pipeline = _pipeline(cached)
    pipeline.prepare(job_id, upload_key(job_id))
    key = cache_keys.progress(job_id)
    assert redis_client.exists(key) and 0 < redis_client.ttl(key) <= cache_keys.PROGRESS_TTL
    pipeline.analyze_batch(job_id, 0)
    from_cache = call_api(api_event("get_job", job_id=job_id))
    assert cached.cache.stats().hits == 1  # served from the cache …
    redis_client.delete(key)
    from_table = call_api(api_event("get_job", job_id=job_id))
    assert from_cache.status == from_table.status == 200
    assert from_cache.json() == from_table.json()  # … and equal to the answer DynamoDB gives
    assert from_cache.json()["status"] == "running" and from_cache.json()["files_done"] > 0
    # authorisation first: an outsider reads nothing from the cache (no hit, no miss counted)
    pipeline.analyze_batch(job_id, 0)  # a re-run (Step Functions retries) writes it again
    before = cached.cache.stats()
    assert call_api(api_event("get_job", user="mallory", job_id=job_id)).status == 404
    assert cached.cache.stats() == before
    pipeline.aggregate(job_id)
    assert not redis_client.exists(key)  # completion drops it
    done = call_api(api_event("get_job", job_id=job_id)).json()
    assert done["status"] == JobStatus.COMPLETED and done["progress"] == 100


def test_failure_and_delete_drop_the_progress_entry(cached: Backend, redis_client: Any) -> None:
    for end in ("failed", "deleted"):
        job_id = seed_job("user-1", status="running")
        redis_client.set(cache_keys.progress(job_id), b"stale", ex=60)
        if end == "failed":
            _pipeline(cached).mark_failed(job_id, "States.Timeout", None)
        else:
            assert call_api(api_event("delete_job", job_id=job_id)).status == 204
        assert not redis_client.exists(cache_keys.progress(job_id)), end
