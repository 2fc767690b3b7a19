"""Helpers of the end-to-end tier: the local stack started as `make dev` starts it (`purelift serve`, here in a child
process on ports chosen at run time), driven over real sockets by real clients (httpx, websockets, boto3,
redis, curl). Every wait is bounded; the child is stopped with SIGINT (Ctrl-C) and must exit cleanly.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from purelift.auth.tokens import mint_token
from purelift.commands.serve import WALKTHROUGH_END, WALKTHROUGH_START
from purelift.domain.model import Role

SECRET = "e2e-local-signing-key-0123456789abcdef"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0


@dataclass
class Served:
    """A running `purelift serve`: its URLs (from its banner), output, and a way to stop it."""

    process: subprocess.Popen[str]
    banner: str
    urls: dict[str, str]
    stderr_path: Path
    lines: list[str] = field(default_factory=list)

    @property
    def api(self) -> str:
        return self.urls["REST API"]

    @property
    def rest(self) -> str:
        return self.api.removesuffix("/api/v1")

    @property
    def ws(self) -> str:
        return self.urls["WebSocket"]

    @property
    def management(self) -> str:
        return self.urls["@connections"].removesuffix("/@connections/{connection_id}")

    @property
    def walkthrough(self) -> str:
        start = self.banner.index(WALKTHROUGH_START)
        end = self.banner.index(WALKTHROUGH_END) + len(WALKTHROUGH_END)
        return self.banner[start:end]

    def logs(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def stop(self) -> int:
        """Ctrl-C, as a developer would; the exit code (killed after STOP_TIMEOUT: a test failure)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
                raise AssertionError(f"purelift serve did not stop on Ctrl-C\n{self.logs()}") from None
        return self.process.returncode


def die_with_parent() -> None:
    """In the child, before exec: SIGTERM it if this test process dies first (Linux), so no stack leaks."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def as_background_job() -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def serve(tmp: Path, *extra: str, env: dict[str, str] | None = None, background: bool = False) -> Served:
    """Start `purelift serve` on free ports and wait (bounded) for its banner. `background`: as a shell
    starts a background job, with SIGINT ignored."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTEST_", "REDIS_URL"))}
    child_env.update({"LOCAL_JWT_SECRET": SECRET, "POWERTOOLS_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"})
    child_env.update(env or {})
    stderr_path = tmp / f"serve-{time.monotonic_ns()}.log"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "purelift.cli", "serve", "--port", "0", "--ws-port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            text=True,
            env=child_env,
            cwd=tmp,
            preexec_fn=as_background_job if background else die_with_parent,
        )
    lines: queue.Queue[str | None] = queue.Queue()
    seen: list[str] = []

    def pump() -> None:  # keeps the pipe drained for the whole life of the child
        assert process.stdout is not None
        for line in process.stdout:
            seen.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    banner: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT
    while not banner or banner[-1].rstrip("\n") != WALKTHROUGH_END:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            process.kill()
            process.wait(timeout=10)
            raise AssertionError(f"purelift serve did not start:\n{''.join(banner)}\n{stderr_path.read_text()[-4000:]}")
        banner.append(line)
    text = "".join(banner)
    named = r"Web app|REST API|Swagger UI|WebSocket|@connections|AWS \(moto\)|cache"
    urls = dict(re.findall(rf"^  ({named})\s+([a-z]+://\S+)$", text, re.M))
    return Served(process, text, urls, stderr_path, seen)


def token(user: str, role: Role = Role.USER) -> str:
    return mint_token(user, role, f"{user}@example.com", secret=SECRET)


def client(served: Served, user: str | None = None, role: Role = Role.USER) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token(user, role)}"} if user else {}
    return httpx.Client(base_url=served.api, headers=headers, timeout=30.0)


def wait_for(predicate: Any, timeout: float = 60.0, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s")


def recv_json(ws: Any, timeout: float = 60.0) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
    return message


def websocket_present() -> bool:
    from purelift.local.cfn import LocalTemplate

    return LocalTemplate().websocket_api() is not None


def pipeline_present() -> bool:
    """Whether template.yaml has the pipeline (a state machine wired to functions) and a WebSocket API."""
    from purelift.local.cfn import LocalTemplate

    template = LocalTemplate()
    wired = any(template.substitutions(machine) for machine in template.state_machines())
    return wired and template.websocket_api() is not None


def small_batches() -> list[str]:
    """Several batches even for a small corpus, so progress has steps to show."""
    from purelift.local.cfn import LocalTemplate

    return ["--parameter", "BatchSize=2"] if "BatchSize" in LocalTemplate().parameters else []
