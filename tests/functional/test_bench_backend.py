"""`make bench`'s backend section cannot rot: its measuring functions run on tiny inputs (no timing asserted)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.functional.backend_support import ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_backend_under_test", ROOT / "bench" / "backend.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cold_import_of_a_handler_is_measured() -> None:
    assert _bench().cold_import_ms("authorizer", runs=1) > 0


def test_cached_and_uncached_result_reads_are_measured() -> None:
    reads = _bench().result_reads(files=3, reads=2)
    assert reads.uncached > 0 and reads.cached > 0 and reads.cache_name
    assert reads.access_check > 0 and reads.cache_get > 0  # the cached read's two steps, measured apart
