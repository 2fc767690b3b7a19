"""Functional tier: the real Lambda handlers, fed the `events/` files, over moto (DynamoDB, S3, Step
Functions created from template.yaml) and the real Redis server. No AWS account: fake credentials."""

from __future__ import annotations

import os
import socket
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from moto import mock_aws
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import FAKE_AWS, REDIS_URL, Stack, start_stack
from tests.functional.realtime_support import pipeline_stack  # noqa: F401  (the pipeline tests' fixture, registered here)


@pytest.fixture(scope="session", autouse=True)
def fake_aws_environment() -> Iterator[None]:
    """No real credentials, ever: every test in this tier talks to moto."""
    with pytest.MonkeyPatch.context() as mp:
        for key in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "REDIS_URL"):
            mp.delenv(key, raising=False)
        for key, value in FAKE_AWS.items():
            mp.setenv(key, value)
        yield


@pytest.fixture(autouse=True)
def fresh_powertools_state() -> Iterator[None]:
    """Powertools keeps module-level state (appended log keys): no test sees another's."""
    from purelift.observability import logger

    logger.clear_state()
    yield
    logger.clear_state()


@pytest.fixture
def stack() -> Iterator[Stack]:
    """A fresh stack per test: table, bucket and state machine from template.yaml, inside moto."""
    with mock_aws(), pytest.MonkeyPatch.context() as mp:
        yield start_stack(mp)
    api_wiring.reset()


@pytest.fixture(scope="module")
def module_stack() -> Iterator[Stack]:
    """One stack for a whole module (the permission matrix: hundreds of cells over the same data)."""
    with mock_aws(), pytest.MonkeyPatch.context() as mp:
        yield start_stack(mp)
    api_wiring.reset()


# --- Redis: the real server (REDIS_URL, default 127.0.0.1:6379); fakeredis only off CI, and it says so ---
def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_server_url() -> str | None:
    """The real Redis URL, or None when it is unreachable off CI (tests then use fakeredis)."""
    url = REDIS_URL
    if _reachable(url):
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis is not reachable at {url}; CI requires the real server")
    warnings.warn(f"Redis not reachable at {url}: cache tests run against fakeredis instead", stacklevel=1)
    return None


@pytest.fixture
def redis_client(redis_server_url: str | None) -> Iterator[Any]:
    """A clean Redis database for this test (one database per xdist worker)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    db = 15 - int(worker.removeprefix("gw") or 0) % 8
    if redis_server_url is None:
        import fakeredis

        client: Any = fakeredis.FakeRedis()
    else:
        import redis

        client = redis.Redis.from_url(redis_server_url, db=db)
    client.flushdb()
    yield client
    client.flushdb()
