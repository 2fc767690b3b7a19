"""Local stack measurements for `make bench` (SPEC §10), against `purelift serve` in a child process (as
`make dev` runs it), driven over real sockets from this one:

- end-to-end time of `idlelib` through the local pipeline (JSON create, presigned S3 POST, start, until
  `completed` arrives over the WebSocket) vs `purelift analyze` on the same archive in a fresh process:
  the pipeline's overhead ratio. Both run the same engine; the difference is the serverless plumbing
  (S3 round trips, Step Functions, the Map of batches, DynamoDB writes, pushes) on one machine.
- progress fan-out: N WebSocket connections (1,000) subscribed to one small job; time from the start
  request until the last connection has received `completed`, and from the first `completed` to the last.

`run()` returns (measure, value) rows; `bench/__main__.py` prints them.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import queue
import re
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx

IDLELIB = Path(sysconfig.get_paths()["stdlib"]) / "idlelib"
CONNECTIONS = 1000
START_TIMEOUT = 120.0
WALKTHROUGH_END = "# --- end of walkthrough ---"


class Stack:
    """`purelift serve` on free ports; its URLs read from the banner it prints."""

    def __init__(self, workdir: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "REDIS_URL"}
        env.update({"POWERTOOLS_LOG_LEVEL": "ERROR", "PYTHONUNBUFFERED": "1"})
        self.log = (workdir / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "purelift.cli", "serve", "--port", "0", "--ws-port", "0"],
            stdout=subprocess.PIPE,
            stderr=self.log,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=workdir,
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        banner = ""
        deadline = time.monotonic() + START_TIMEOUT
        while WALKTHROUGH_END not in banner:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                raise RuntimeError("purelift serve did not start; see " + self.log.name)
            banner += line
        urls = dict(re.findall(r"^  (REST API|WebSocket)\s+(\S+)$", banner, re.M))
        self.api, self.ws = urls["REST API"], urls["WebSocket"]
        self.token = re.findall(r"^  User  'alice'  (\S+)$", banner, re.M)[0]
        self.http = httpx.Client(base_url=self.api, headers={"Authorization": f"Bearer {self.token}"}, timeout=120)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()

    def create_and_upload(self, name: str, archive: bytes) -> str:
        created = self.http.post("/analysis", json={"name": name})
        created.raise_for_status()
        form = created.json()["upload"]
        httpx.post(form["url"], data=form["fields"], files={"file": ("source.zip", archive)}, timeout=120)
        return str(created.json()["job_id"])

    def start(self, job_id: str) -> None:
        self.http.post(f"/analysis/{job_id}/start").raise_for_status()


def zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" not in path.parts:
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


async def _subscribe_all(stack: Stack, job_id: str, count: int) -> list[Any]:
    from websockets.asyncio.client import connect

    gate = asyncio.Semaphore(50)  # connects in flight at once

    async def one() -> Any:
        async with gate:
            ws = await connect(f"{stack.ws}?token={stack.token}", open_timeout=120, max_queue=None)
            await ws.send(json.dumps({"action": "subscribe", "job_id": job_id}))
            while json.loads(await asyncio.wait_for(ws.recv(), 120)).get("type") != "connected":
                pass
            return ws

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def _until(ws: Any, kinds: tuple[str, ...], timeout: float) -> float:
    while json.loads(await asyncio.wait_for(ws.recv(), timeout)).get("type") not in kinds:
        pass
    return time.perf_counter()


def pipeline_vs_cli(stack: Stack, folder: Path, workdir: Path) -> tuple[float, float, int]:
    """Seconds through the local pipeline, seconds through `purelift analyze`, files; same archive."""
    archive = zipped(folder)
    path = workdir / f"{folder.name}.zip"
    path.write_bytes(archive)

    async def through_pipeline() -> float:
        started = time.perf_counter()
        job_id = await asyncio.to_thread(stack.create_and_upload, folder.name, archive)
        (ws,) = await _subscribe_all(stack, job_id, 1)
        await asyncio.to_thread(stack.start, job_id)
        finished = await _until(ws, ("completed", "error"), 600)
        await ws.close()
        return finished - started

    pipeline = asyncio.run(through_pipeline())
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "purelift.cli", "analyze", str(path), "--out", str(workdir / "cli"), "--quiet"],
        check=True,
        capture_output=True,
    )
    cli = time.perf_counter() - started
    with zipfile.ZipFile(path) as opened:
        files = len(opened.namelist())
    return pipeline, cli, files


def fan_out(stack: Stack, connections: int) -> tuple[float, float, float]:
    """(seconds to connect and subscribe all, start -> last `completed`, first -> last `completed`)."""
    archive = zipped_text({"calc.py": "def add(a, b):\n    return a + b\n"})

    async def measure() -> tuple[float, float, float]:
        job_id = await asyncio.to_thread(stack.create_and_upload, "fan-out", archive)
        began = time.perf_counter()
        sockets = await _subscribe_all(stack, job_id, connections)
        subscribed = time.perf_counter() - began
        waits = [asyncio.create_task(_until(ws, ("completed",), 300)) for ws in sockets]
        started = time.perf_counter()
        await asyncio.to_thread(stack.start, job_id)
        arrivals = await asyncio.gather(*waits)
        await asyncio.gather(*(ws.close() for ws in sockets))
        return subscribed, max(arrivals) - started, max(arrivals) - min(arrivals)

    return asyncio.run(measure())


def zipped_text(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def run(folder: Path = IDLELIB, connections: int = CONNECTIONS) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="purelift-bench-local-") as tmp:
        workdir = Path(tmp)
        stack = Stack(workdir)
        try:
            pipeline, cli, files = pipeline_vs_cli(stack, folder, workdir)
            subscribed, last, spread = fan_out(stack, connections)
        finally:
            stack.stop()
    return [
        (f"{folder.name} ({files} files) through the local pipeline, upload to `completed`", f"{pipeline:.2f} s"),
        (f"{folder.name}: purelift analyze on the same archive (fresh process)", f"{cli:.2f} s"),
        ("pipeline overhead ratio (local pipeline / CLI)", f"{pipeline / cli:.2f}x"),
        (f"fan-out: {connections} WebSocket connections opened and subscribed", f"{subscribed:.2f} s"),
        (f"fan-out: start -> last of {connections} connections received `completed`", f"{last:.2f} s"),
        ("fan-out: first -> last `completed`", f"{spread * 1000:.0f} ms"),
    ]


if __name__ == "__main__":
    for measure, value in run():
        print(f"{measure:<80} {value}")
