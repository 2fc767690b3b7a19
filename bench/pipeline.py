"""Pipeline and WebSocket measurements for `make bench` (SPEC §10), each a ratio or a rate measured in one run:

- the whole pipeline (the template's state machine executed by moto's interpreter, tasks run in-process by
  `purelift.local.moto_seams`) against `analyze_tree` on the same archive: the orchestration's overhead
  (S3 round trips, JSON summaries, DynamoDB writes) on one machine, not Lambda's parallelism;
- a progress fan-out to 1,000 subscribed connections through the real notifier, over a loopback HTTP server
  standing in for the API Gateway Management API;
- the cold import of the pipeline and WebSocket handlers (the backend section's method).

`run()` returns (measure, value) rows; `bench/__main__.py` prints them.
"""

from __future__ import annotations

import io
import json
import sysconfig
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.backend import _FAKE_ENV, _env, cold_import_ms

IDLELIB = Path(sysconfig.get_paths()["stdlib"]) / "idlelib"
CONNECTIONS = 1000
HANDLERS = ("prepare", "analyze_batch", "aggregate", "ws_subscribe")
_SFN = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}


def zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" not in path.parts:
                archive.writestr(f"{folder.name}/{path.relative_to(folder).as_posix()}", path.read_bytes())
    return buffer.getvalue()


class _Collector:
    """Accepts every `POST /{stage}/@connections/{id}` and counts it."""

    def __init__(self) -> None:
        self.count = 0
        lock = threading.Lock()
        collector = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    collector.count += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def endpoint(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/prod"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def _stack(extra_env: dict[str, str]) -> Iterator[Any]:
    import boto3
    from moto import mock_aws
    from purelift.local.lambda_runtime import LambdaRuntime
    from purelift.local.moto_seams import atomic_dynamodb, lambda_invoke
    from purelift.local.resources import create_bucket, create_state_machine, create_table
    from purelift.wiring import api as api_wiring
    from purelift.wiring import pipeline as pipeline_wiring

    env = {**_FAKE_ENV, "TABLE_NAME": "bench", "BUCKET_NAME": "bench-bucket", "STATE_MACHINE_ARN": "", **extra_env}
    with _env(env), mock_aws(config=_SFN), atomic_dynamodb(), lambda_invoke(LambdaRuntime.from_template()):  # type: ignore[arg-type]
        create_table(boto3.client("dynamodb"), "bench")
        create_bucket(boto3.client("s3"), "bench-bucket")
        arn = create_state_machine(boto3.client("stepfunctions"), "bench-analysis")
        with _env({"STATE_MACHINE_ARN": arn}):
            api_wiring.reset()
            pipeline_wiring.reset()
            try:
                yield arn
            finally:
                api_wiring.reset()
                pipeline_wiring.reset()


def pipeline_vs_cli(folder: Path = IDLELIB, batch_size: int = 25) -> tuple[float, float, int]:
    """(pipeline seconds, analyze_tree seconds, files) for the same archive."""
    import boto3
    from purelift.analysis import analyze_tree, read_archive
    from purelift.domain.model import Job, JobStatus, isoformat, utcnow
    from purelift.domain.storage_keys import upload_key

    archive = zip_folder(folder)
    started = time.perf_counter()
    tree = read_archive(archive, "source.zip")
    analyze_tree(tree)
    cli = time.perf_counter() - started
    with _stack({"BATCH_SIZE": str(batch_size), "WEBSOCKET_ENDPOINT": ""}) as arn:
        from purelift.wiring import api as api_wiring

        now = isoformat(utcnow())
        api_wiring.backend().jobs.put_job(Job("bench-job", "bench", folder.name, JobStatus.QUEUED, now, now))
        boto3.client("s3").put_object(Bucket="bench-bucket", Key=upload_key("bench-job"), Body=archive)
        sfn = boto3.client("stepfunctions")
        started = time.perf_counter()
        execution = sfn.start_execution(
            stateMachineArn=arn,
            name="bench-job",
            input=json.dumps({"job_id": "bench-job", "source_key": upload_key("bench-job"), "name": "bench"}),
        )["executionArn"]
        while sfn.describe_execution(executionArn=execution)["status"] == "RUNNING":
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        status = sfn.describe_execution(executionArn=execution)["status"]
        if status != "SUCCEEDED":
            raise RuntimeError(f"the benchmark execution ended {status}")
    return elapsed, cli, len(tree.files)


def fanout(connections: int = CONNECTIONS) -> tuple[float, int]:
    """(seconds, messages delivered) for one progress message to `connections` subscribers."""
    collector = _Collector()
    try:
        with _stack({"WEBSOCKET_ENDPOINT": collector.endpoint}):
            from purelift.domain import realtime
            from purelift.domain.model import Job, JobStatus, isoformat, utcnow
            from purelift.domain.realtime import Connection
            from purelift.wiring import pipeline as pipeline_wiring

            now = isoformat(utcnow())
            # The subscribers' user owns the job: the push-time access check reads the job once, no teams.
            pipeline_wiring.backend().jobs.put_job(Job("bench-job", "bench", "bench", JobStatus.RUNNING, now, now))
            notifier = pipeline_wiring.notifier()
            for i in range(connections):
                notifier.connections.put_connection(Connection(f"c{i}", "bench", "User"))
                notifier.connections.subscribe(f"c{i}", "bench-job", "bench")
            started = time.perf_counter()
            report = notifier.notify("bench-job", realtime.progress("bench-job", 50, 1, 2))
            elapsed = time.perf_counter() - started
    finally:
        collector.close()
    return elapsed, report.delivered


def run() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    pipeline, cli, files = pipeline_vs_cli()
    rows.append((f"idlelib ({files} files): pipeline on moto, batches of 25", f"{pipeline:.2f} s"))
    rows.append(("idlelib: analyze_tree (the CLI), same archive", f"{cli:.2f} s"))
    rows.append(("pipeline / CLI (orchestration overhead, one machine)", f"{pipeline / cli:.2f}x"))
    seconds, delivered = fanout()
    rows.append((f"fan-out to {CONNECTIONS} connections (loopback Management API)", f"{seconds * 1000:.0f} ms"))
    rows.append(("fan-out rate", f"{delivered / seconds:.0f} messages/s ({delivered} delivered)"))
    for handler in HANDLERS:
        rows.append((f"cold import functions/{handler}", f"{cold_import_ms(handler):.0f} ms"))
    return rows
