"""Backend measurements for `make bench` (SPEC §10): cold import time of each Lambda handler in a fresh
interpreter, the API handler's as a ratio to a bare `import fastapi, mangum` (its floor: issue 9 asks ≤ 1.3×),
the size of the built Lambda layer, and a cached vs uncached result read through the API handler, as a ratio
measured in one run.

`run()` returns (measure, value) rows; `bench/__main__.py` prints them.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
HANDLERS = ("api", "authorizer")
IMPORT_RUNS = 5
READS = 40
FILES = 300  # files in the benchmark result: a mid-sized desktop application

_IMPORT_SNIPPET = """
import importlib.util, sys, time
start = time.perf_counter()
spec = importlib.util.spec_from_file_location("handler_app", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(time.perf_counter() - start)
"""

# The floor of the API handler's cold import: what any FastAPI app behind Mangum imports.
_FLOOR_SNIPPET = """
import sys, time
start = time.perf_counter()
import fastapi, mangum
print(time.perf_counter() - start)
"""
API_IMPORT_TARGET = 1.3  # API cold import / floor (issue 9 item 16)
CACHED_READ_TARGET = 10  # uncached / cached result read (issue 9 item 16)
LAYER_DIR = ROOT / ".aws-sam" / "build" / "CommonLayer"

_FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_DEFAULT_REGION": "us-east-1",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "ERROR",
}


def cold_import_ms(handler: str, runs: int = IMPORT_RUNS) -> float:
    """Median time to import `functions/<handler>/app.py` in a fresh interpreter (bytecode already cached)."""
    return _fresh_interpreter_ms(_IMPORT_SNIPPET, [str(ROOT / "functions" / handler / "app.py")], runs)


def api_and_floor_ms(runs: int = IMPORT_RUNS) -> tuple[float, float]:
    """Median cold import of the API handler and of a bare `import fastapi, mangum` (its floor), sampled in turn
    so that a busy machine slows both alike and their ratio holds."""
    api: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        api.append(cold_import_ms("api", runs=1))
        floor.append(_fresh_interpreter_ms(_FLOOR_SNIPPET, [], runs=1))
    return statistics.median(api), statistics.median(floor)


def _fresh_interpreter_ms(snippet: str, args: list[str], runs: int) -> float:
    env = {**os.environ, **_FAKE_ENV}
    samples = []
    for _ in range(runs + 1):  # the first run also writes .pyc files (and warms the disk cache): not counted
        out = subprocess.run(
            [sys.executable, "-c", snippet, *args], capture_output=True, text=True, env=env, check=True
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]) * 1000)
    return statistics.median(samples[1:])


def layer_size(layer: Path = LAYER_DIR) -> tuple[int, int] | None:
    """(bytes, files) of the layer `make build` left in .aws-sam/build, or None when it was not built."""
    if not layer.is_dir():
        return None
    files = [path for path in layer.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def layer_rows(layer: Path = LAYER_DIR) -> list[tuple[str, str]]:
    size = layer_size(layer)
    if size is None:
        return [("Lambda layer unpacked (.aws-sam/build/CommonLayer)", "not built: run `make build` (SAM, python3.12)")]
    total, count = size
    sdk = [name for name in ("boto3", "botocore") if (layer / "python" / name).exists()]
    return [
        ("Lambda layer unpacked (.aws-sam/build/CommonLayer)", f"{total / 1e6:.1f} MB in {count} files"),
        (
            "AWS SDK in the layer (the runtime provides it)",
            ", ".join(sdk) + " (shadows the runtime's)" if sdk else "none",
        ),
    ]


def _redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.3):
            return True
    except OSError:
        return False


@contextmanager
def _env(values: dict[str, str]) -> Any:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _big_result(job_id: str, count: int) -> dict[str, Any]:
    from purelift.analysis import AnalysisResult, FileResult, FunctionResult, Reason, Summary

    files = [
        FileResult(
            path=f"app/module_{i}.py", loc=120, lloc=90, sloc=100, comments=10, multi=4, blank=6, ui_lines=30,
            ui_pct=30.0, classification="Mixed", web_ready=False, toolkits=["tkinter"],
            functions=[
                FunctionResult(f"f{j}", j * 10 + 1, j * 10 + 8, pure=j % 2 == 0, extractable=j % 2 == 0,
                               reasons=[] if j % 2 == 0 else [Reason("io", j * 10 + 2, "print()")],
                               calls=[f"app.module_{i}.f{j + 1}"])
                for j in range(8)
            ],
        )
        for i in range(count)
    ]  # fmt: skip
    summary = Summary(
        files=count, parsed=count, failed=0, loc=120 * count, sloc=100 * count, ui_files=0, logic_files=0,
        mixed_files=count, web_ready_files=0, functions=8 * count, pure_functions=4 * count,
        extractable_functions=4 * count, ui_pct=30.0, toolkits={"tkinter": count},
    )  # fmt: skip
    return AnalysisResult(job_id, "bench", "2026-11-26T00:00:00Z", 1.0, summary, files).to_dict()


class Reads(NamedTuple):
    """Median ms of a result read through the API handler, and of the two steps of the cached one."""

    uncached: float
    cached: float
    cache_name: str
    access_check: float  # `load_authorized`: the job item read from DynamoDB (moto here) and the matrix
    cache_get: float  # the cache's GET with its length and checksum check


def result_reads(files: int = FILES, reads: int = READS) -> Reads:
    """Median ms of a result read through the API handler without a cache and with one (after the first read),
    and of the cached read's two steps called directly: what the cached path still does (issue 9 item 16)."""
    from moto import mock_aws

    with _env({**_FAKE_ENV, "TABLE_NAME": "bench", "BUCKET_NAME": "bench-bucket", "STATE_MACHINE_ARN": ""}), mock_aws():
        import boto3
        from purelift.adapters.cache import MemoryCache, NullCache, RedisCache
        from purelift.domain import cache_keys
        from purelift.domain.model import Identity, Job, JobStatus, Role
        from purelift.domain.permissions import Action
        from purelift.domain.storage_keys import result_key
        from purelift.local.lambda_runtime import LambdaContext
        from purelift.local.resources import create_bucket, create_state_machine, create_table
        from purelift.services.context import load_authorized
        from purelift.wiring import api as api_wiring

        create_table(boto3.client("dynamodb"), "bench")
        create_bucket(boto3.client("s3"), "bench-bucket")
        os.environ["STATE_MACHINE_ARN"] = create_state_machine(boto3.client("stepfunctions"), "bench")
        api_wiring.reset()
        api = _load_api()

        job_id = "b" * 32
        uncached = api_wiring.build_backend(api_wiring.api_settings(), cache=NullCache())
        result = _big_result(job_id, files)
        uncached.jobs.put_job(
            Job(job_id, "bench-user", "bench", JobStatus.COMPLETED, "2026-11-26T00:00:00Z", "2026-11-26T00:00:00Z",
                summary=result["summary"])
        )  # fmt: skip
        uncached.store.put(result_key(job_id), json.dumps(result).encode(), "application/json")

        if _redis_reachable():
            cache: Any = RedisCache("redis://127.0.0.1:6379/14")
            cache_name = "Redis 127.0.0.1:6379"
            cache.delete(f"analysis:result:{job_id}")
        else:
            cache, cache_name = MemoryCache(), "in-process (no Redis reachable)"
        cached = api_wiring.build_backend(api_wiring.api_settings(), cache=cache)
        event = _event(job_id)
        timings = {}
        wired = api.app.state.backend_provider  # the handler module is shared with the tests: put it back after
        try:
            for label, backend in (("uncached", uncached), ("cached", cached)):
                api.app.state.backend_provider = lambda b=backend: b
                api.handler(event, LambdaContext())  # warm-up (and, for the cache, the miss that fills it)
                samples = []
                for _ in range(reads):
                    start = time.perf_counter()
                    response = api.handler(event, LambdaContext())
                    samples.append((time.perf_counter() - start) * 1000)
                    assert response["statusCode"] == 200, response
                timings[label] = statistics.median(samples)
        finally:
            api.app.state.backend_provider = wired
        caller = Identity("bench-user", Role.USER)
        timings["access"] = _median_ms(lambda: load_authorized(cached, caller, job_id, Action.VIEW), reads)
        timings["get"] = _median_ms(lambda: cache.get(cache_keys.result(job_id), caller.user_id), reads)
        if isinstance(cache, RedisCache):
            cache.delete(f"analysis:result:{job_id}")
        api_wiring.reset()
        return Reads(timings["uncached"], timings["cached"], cache_name, timings["access"], timings["get"])


def _median_ms(call: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _load_api() -> Any:
    from purelift.local.lambda_runtime import load_module

    return load_module(ROOT / "functions" / "api", "app")


def _event(job_id: str) -> dict[str, Any]:
    event: dict[str, Any] = json.loads((ROOT / "events" / "api" / "get_result.json").read_text(encoding="utf-8"))
    text = json.dumps(event).replace("0123456789abcdef0123456789abcdef", job_id)
    event = json.loads(text)
    event["requestContext"]["authorizer"] = {"principalId": "bench-user", "user_id": "bench-user", "role": "User"}
    return event


def run() -> list[tuple[str, str]]:
    api, floor = api_and_floor_ms()
    imports = {name: api if name == "api" else cold_import_ms(name) for name in HANDLERS}
    rows = [
        (f"cold import functions/{name}/app.py (fresh interpreter, .pyc cached)", f"{ms:.0f} ms")
        for name, ms in imports.items()
    ]
    rows += [
        ("cold import of a bare `import fastapi, mangum` (the floor)", f"{floor:.0f} ms"),
        (f"API cold import / floor (target ≤ {API_IMPORT_TARGET}x)", f"{api / floor:.2f}x"),
    ]
    rows += layer_rows()
    reads = result_reads()
    rest = reads.cached - reads.access_check - reads.cache_get
    rows += [
        (f"result read via API handler, uncached ({FILES} files, S3 in moto)", f"{reads.uncached:.1f} ms"),
        (f"result read via API handler, cached ({reads.cache_name})", f"{reads.cached:.1f} ms"),
        (f"uncached / cached result read (target ≥ {CACHED_READ_TARGET:g}x)", f"{reads.uncached / reads.cached:.1f}x"),
        ("  of the cached read: access check (job item from DynamoDB in moto)", f"{reads.access_check:.1f} ms"),
        ("  of the cached read: cache GET and its checks", f"{reads.cache_get:.1f} ms"),
        ("  of the cached read: the rest (API Gateway event, Mangum, FastAPI, logging)", f"{max(rest, 0.0):.1f} ms"),
    ]
    return rows


if __name__ == "__main__":
    for measure, value in run():
        print(f"{measure:<80} {value}")
