"""Support for the pipeline and WebSocket tests: moto executing the REAL state machine of template.yaml with
its Lambda tasks dispatched in-process to the project's handlers (`purelift.local.moto_seams`, the same seams
`purelift serve` uses), and a loopback HTTP server standing in for the API Gateway Management API
(`POST /{stage}/@connections/{id}`; an unknown id answers 410 Gone)."""

from __future__ import annotations

import copy
import io
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from moto import mock_aws
from purelift.domain.model import Role
from purelift.local.lambda_runtime import LambdaRuntime
from purelift.local.moto_seams import atomic_dynamodb, lambda_invoke
from purelift.wiring import api as api_wiring
from purelift.wiring import pipeline as pipeline_wiring

from tests.functional.backend_support import EXAMPLE_JOB, Stack, load_event, start_stack

SFN_CONFIG = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}
STAGE = "prod"


class ManagementApi:
    """A real HTTP server on 127.0.0.1 speaking the Management API's `post_to_connection`.

    `open(id)` makes a connection exist; posts to it are recorded in order; posts to any other id answer
    410 with `x-amzn-ErrorType: GoneException`, so boto3 raises `GoneException` as it does against AWS.
    """

    def __init__(self) -> None:
        self.live: set[str] = set()
        self.received: dict[str, list[dict[str, Any]]] = {}
        self.gone_posts: list[str] = []
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                prefix = f"/{STAGE}/@connections/"
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                if not self.path.startswith(prefix):
                    self._answer(404, "NotFoundException")
                    return
                conn = unquote(self.path[len(prefix) :])
                with api.lock:
                    if conn not in api.live:
                        api.gone_posts.append(conn)
                        gone = True
                    else:
                        api.received.setdefault(conn, []).append(json.loads(data))
                        gone = False
                self._answer(410, "GoneException") if gone else self._answer(200, None)

            def _answer(self, status: int, error: str | None) -> None:
                body = json.dumps({"message": error} if error else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                if error:
                    self.send_header("x-amzn-ErrorType", error)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/{STAGE}"

    def open(self, connection_id: str) -> None:
        with self.lock:
            self.live.add(connection_id)

    def close(self, connection_id: str) -> None:
        with self.lock:
            self.live.discard(connection_id)

    def messages(self, connection_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.received.get(connection_id, []))

    def __enter__(self) -> ManagementApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class PipelineStack:
    stack: Stack
    dispatcher: LambdaRuntime
    api: ManagementApi
    monkeypatch: pytest.MonkeyPatch
    started: list[str] = field(default_factory=list)

    def configure(self, **env: str) -> None:
        """Change the functions' environment (batch size, Map concurrency…) and rebuild their wiring."""
        for key, value in env.items():
            self.monkeypatch.setenv(key, value)
        pipeline_wiring.reset()


@pytest.fixture
def pipeline_stack() -> Iterator[PipelineStack]:
    """moto (DynamoDB, S3, Step Functions executing the template's definition), the Lambda dispatch seam,
    and the loopback Management API the pipeline and the WebSocket routes post to."""
    with (
        mock_aws(config=SFN_CONFIG),  # type: ignore[arg-type]
        pytest.MonkeyPatch.context() as mp,
        ManagementApi() as api,
        lambda_invoke(LambdaRuntime.from_template(record=True)) as dispatcher,
        atomic_dynamodb(),
    ):
        stack = start_stack(mp)
        mp.setenv("WEBSOCKET_ENDPOINT", api.endpoint)
        mp.setenv("BATCH_SIZE", "2")
        pipeline_wiring.reset()
        yield PipelineStack(stack, dispatcher, api, mp)
    pipeline_wiring.reset()
    api_wiring.reset()


def zip_folder(folder: Path, top: str | None = None) -> bytes:
    """A zip of every file under `folder`, inside a top folder named `top` (default: the folder's name)."""
    top = top or folder.name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.writestr(f"{top}/{path.relative_to(folder).as_posix()}", path.read_bytes())
    return buffer.getvalue()


def wait_for_execution(stack: Stack, job_id: str, timeout: float = 180.0) -> dict[str, Any]:
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:", 1) + f":{job_id}"
    deadline = time.monotonic() + timeout
    while True:
        described: dict[str, Any] = stack.sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        if time.monotonic() > deadline:
            pytest.fail(f"execution {job_id} still running after {timeout} s")
        time.sleep(0.05)


def failures(stack: Stack, job_id: str) -> list[dict[str, Any]]:
    """The failure events of an execution's history (for assertion messages: what actually went wrong)."""
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:", 1) + f":{job_id}"
    events = stack.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
    return [
        {key: value for key, value in event.items() if key.endswith("EventDetails")}
        for event in events
        if event["type"].endswith(("Failed", "TimedOut", "Aborted"))
    ]


def ws_event(
    name: str,
    *,
    connection_id: str = "conn-1=",
    user: str | None = "user-1",
    role: Role = Role.USER,
    job_id: str | None = None,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An `events/ws_*/` sample re-aimed at a connection, a caller and a job."""
    folder, _, file = name.partition("/")
    event = copy.deepcopy(load_event(f"{folder}/{file}.json"))
    text = json.dumps(event)
    if job_id:
        text = text.replace(EXAMPLE_JOB, job_id)
    event = json.loads(text)
    context = event["requestContext"]
    context["connectionId"] = connection_id
    if user is None:
        context.pop("authorizer", None)
    else:
        context["authorizer"] = {
            "principalId": user,
            "user_id": user,
            "role": str(role),
            "email": f"{user}@example.com",
        }
    if body is not None:
        event["body"] = json.dumps(body)
    return event
