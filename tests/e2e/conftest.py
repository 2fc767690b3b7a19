"""End-to-end tier: the local stack started as `make dev` starts it (`purelift serve`, in a child process
on ports chosen at run time), driven over real sockets by real clients (httpx, websockets, boto3, redis,
curl). Every wait is bounded; the child is stopped with SIGINT (Ctrl-C) and must exit cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.e2e_support import Served, serve, small_batches


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One local stack per test worker, in memory, stopped with Ctrl-C at the end (which must succeed)."""
    served = serve(tmp_path_factory.mktemp("stack"), *small_batches())
    yield served
    assert served.stop() == 0, served.logs()
