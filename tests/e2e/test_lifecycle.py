"""`purelift serve` as a process: data kept across restarts with `--data`, clean stops, clear refusals."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from purelift.domain.model import Role
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.e2e.e2e_support import SECRET, client, pipeline_present, serve, token, wait_for, websocket_present


def _closed(url: str) -> bool:
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return True
    return False


def test_data_survives_a_restart_with_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # Given a stack keeping its data in a folder, with a team and (pipeline permitting) a finished job
    first = serve(tmp_path, "--data", str(data))
    try:
        admin = client(first, "root", Role.ADMIN)
        team_id = admin.post("/teams", json={"name": "kept"}).json()["team_id"]
        job_id = None
        if pipeline_present():
            owner = client(first, "kim")
            files = {"file": ("app.zip", _tiny_zip(), "application/zip")}
            job_id = owner.post("/analysis", files=files, data={"name": "kept"}).json()["job_id"]
            wait_for(lambda: owner.get(f"/analysis/{job_id}").json()["status"] == "completed", timeout=60)
    finally:
        # When it is stopped with Ctrl-C
        assert first.stop() == 0, first.logs()
    assert "data saved in" in "".join(first.lines)
    assert all(_closed(url) for name, url in first.urls.items() if name in ("REST API", "WebSocket"))

    # Then a new stack on the same folder has them back
    second = serve(tmp_path, "--data", str(data))
    try:
        assert "items restored" in second.banner
        teams = client(second, "root", Role.ADMIN).get("/teams").json()["items"]
        assert team_id in [team["team_id"] for team in teams]
        if job_id is not None:
            result = client(second, "kim").get(f"/analysis/{job_id}/result")
            assert result.status_code == 200
            assert result.json()["summary"]["files"] == 1
    finally:
        assert second.stop() == 0, second.logs()


def test_ctrl_c_stops_at_once_with_a_client_connected_even_when_started_as_a_background_job(tmp_path: Path) -> None:
    served = serve(tmp_path, background=True)
    with contextlib.ExitStack() as open_clients:
        sockets = []
        if websocket_present():
            sockets.append(open_clients.enter_context(connect(f"{served.ws}?token={token('gus')}", open_timeout=10)))
        http = open_clients.enter_context(client(served, "gus"))
        assert http.get("/me").status_code == 200
        started = time.monotonic()
        assert served.stop() == 0, served.logs()
        assert time.monotonic() - started < 15
        assert all(_closed(url) for name, url in served.urls.items() if name in ("REST API", "WebSocket"))
        for ws in sockets:
            with pytest.raises(ConnectionClosed):
                ws.recv(timeout=10)


def test_a_data_dir_holding_something_else_is_refused(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    run = _serve_once("--data", str(precious))
    assert run.returncode == 2
    assert "not empty" in run.stderr
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


def test_a_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = _serve_once("--port", str(port))
    assert run.returncode == 2
    assert f"port {port}" in run.stderr
    assert "--port" in run.stderr


def test_an_unknown_template_parameter_is_refused() -> None:
    run = _serve_once("--parameter", "NoSuchParameter=1")
    assert run.returncode == 2
    assert "NoSuchParameter" in run.stderr


def _serve_once(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "purelift.cli", "serve", "--port", "0", "--ws-port", "0", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LOCAL_JWT_SECRET": SECRET, "HOME": str(Path.home())},
        stdin=subprocess.DEVNULL,
    )


def _tiny_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("calc.py", "def add(a, b):\n    return a + b\n")
    return buffer.getvalue()
