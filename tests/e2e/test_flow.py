"""The whole service through the local stack, as a user sees it (issue 5, "Must show"): REST over HTTP,
the presigned S3 POST, the state machine of template.yaml, progress over the WebSocket, downloads through
307 + presigned URLs, sharing, and deletion down to the cache."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from purelift.analysis import Analysis, analyze_tree, read_archive, read_path, to_csv, to_zip
from purelift.domain.model import Role
from websockets.sync.client import connect

from tests.e2e.e2e_support import Served, client, pipeline_present, recv_json, token, wait_for

pytestmark = pytest.mark.skipif(
    not pipeline_present(), reason="template.yaml has no pipeline functions or WebSocket API yet (issue 4)"
)


def zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def upload(created: dict[str, Any], data: bytes) -> None:
    """The browser's part: a multipart POST of the presigned fields and the file, straight to S3."""
    form = created["upload"]
    response = httpx.post(form["url"], data=form["fields"], files={"file": ("source.zip", data)}, timeout=30)
    assert response.status_code in (200, 201, 204), response.text


def follow(ws: Any, job_id: str) -> list[dict[str, Any]]:
    """Every message for `job_id` until `completed` or `error` (bounded)."""
    messages = []
    while not messages or messages[-1]["type"] not in ("completed", "error"):
        message = recv_json(ws, timeout=120)
        if message.get("job_id") == job_id:
            messages.append(message)
    return messages


def download(http: httpx.Client, job_id: str, fmt: str) -> bytes:
    redirect = http.get(f"/analysis/{job_id}/download", params={"format": fmt}, follow_redirects=False)
    assert redirect.status_code == 307, redirect.text
    presigned = redirect.headers["location"]
    content = httpx.get(presigned, timeout=30)  # no token: the presigned URL is the permission
    assert content.status_code == 200
    return content.content


def cache_mentions(served: Served, needle: str) -> list[str]:
    """Every cache key whose name or value mentions `needle`."""
    import redis

    cache = redis.Redis.from_url(served.urls["cache"], socket_timeout=5)
    found = []
    for key in cache.scan_iter(count=1000):
        kind = cache.type(key)
        values: list[Any] = (
            [cache.get(key)] if kind == b"string" else list(cache.hgetall(key).values()) if kind == b"hash" else []
        )
        if needle.encode() in key or any(needle.encode() in (v or b"") for v in values):
            found.append(key.decode())
    return found


def test_create_upload_start_follow_download_share_unshare_delete(stack: Served, example_app: Path) -> None:
    expected: Analysis = analyze_tree(read_path(example_app))
    owner, member = client(stack, "olga", Role.TEAM_LEAD), client(stack, "max")
    admin = client(stack, "root", Role.ADMIN)

    # Given a job awaiting its upload, and a subscriber already following it
    created = owner.post("/analysis", json={"name": "tkcalc"})
    assert created.status_code == 201, created.text
    job_id = created.json()["job_id"]
    assert created.json()["status"] == "awaiting_upload"
    with connect(f"{stack.ws}?token={token('olga', Role.TEAM_LEAD)}", open_timeout=10) as ws:
        ws.send(json.dumps({"action": "subscribe", "job_id": job_id}))
        first = recv_json(ws, timeout=30)
        assert first["type"] == "connected"
        assert first["job_id"] == job_id

        # When the archive goes up through the presigned POST and the job starts
        upload(created.json(), zipped(example_app))
        started = owner.post(f"/analysis/{job_id}/start")
        assert started.status_code == 202, started.text

        # Then the subscriber sees progress strictly increasing, then completed
        messages = follow(ws, job_id)
    progress = [m["progress"] for m in messages if m["type"] == "progress"]
    assert len(progress) >= 2, messages  # 10 files in batches of 2 (the stack runs with BatchSize=2)
    assert progress == sorted(set(progress)), progress
    assert messages[-1]["type"] == "completed", messages
    assert messages[-1]["summary"]["files"] == expected.result.summary.files

    # The result is the CLI's for the same files
    status = owner.get(f"/analysis/{job_id}").json()
    assert status["status"] == "completed"
    assert status["progress"] == 100
    result = owner.get(f"/analysis/{job_id}/result")
    assert result.status_code == 200
    cli = expected.result.to_dict()
    assert result.json()["files"] == cli["files"]
    assert result.json()["summary"] == cli["summary"]

    # Downloads: 307 to presigned S3 URLs; JSON, CSV and the extraction ZIP (SPEC §2)
    assert json.loads(download(owner, job_id, "json"))["files"] == cli["files"]
    csv_bytes = download(owner, job_id, "csv")
    assert csv_bytes.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert rows == list(csv.reader(io.StringIO(to_csv(expected.result).decode("utf-8-sig"))))
    got = zipfile.ZipFile(io.BytesIO(download(owner, job_id, "zip")))
    want = zipfile.ZipFile(io.BytesIO(to_zip(expected.extraction, expected.result)))
    assert sorted(got.namelist()) == sorted(want.namelist())
    modules = [n for n in want.namelist() if n.endswith("_pure.py")]
    assert modules
    for name in modules:
        assert got.read(name) == want.read(name), name

    # Share with a team: the member sees it, reads it, may not download it
    team = admin.post("/teams", json={"name": "calc-team"})
    assert team.status_code == 201, team.text
    team_id = team.json()["team_id"]
    for user, lead in (("olga", True), ("max", False)):
        assert admin.post(f"/teams/{team_id}/members", json={"user_id": user, "lead": lead}).status_code == 201
    shared = owner.post(f"/analysis/{job_id}/share", json={"team_id": team_id, "can_view": True, "can_download": False})
    assert shared.status_code == 200, shared.text
    visible = member.get("/analysis/shared-with-me").json()["items"]
    assert [item["job"]["job_id"] for item in visible] == [job_id]
    assert member.get(f"/analysis/{job_id}/result").json()["files"] == cli["files"]
    assert member.get(f"/analysis/{job_id}/download", params={"format": "csv"}).status_code == 403

    # Unshare: the member no longer sees it at all
    assert owner.delete(f"/analysis/{job_id}/share/{team_id}").status_code == 204
    assert member.get(f"/analysis/{job_id}").status_code == 404

    # Delete: gone for the owner, and nothing of it left in the cache
    assert owner.get(f"/analysis/{job_id}/result").status_code == 200  # fills the cache once more
    assert owner.delete(f"/analysis/{job_id}").status_code == 204
    assert owner.get(f"/analysis/{job_id}").status_code == 404
    assert cache_mentions(stack, job_id) == []


def test_a_corrupt_upload_ends_in_error_over_the_websocket_and_failed_over_rest(stack: Served) -> None:
    http = client(stack, "nina")
    created = http.post("/analysis", json={"name": "broken"}).json()
    job_id = created["job_id"]
    with connect(f"{stack.ws}?token={token('nina')}", open_timeout=10) as ws:
        ws.send(json.dumps({"action": "subscribe", "job_id": job_id}))
        assert recv_json(ws, timeout=30)["type"] == "connected"
        upload(created, b"PK\x03\x04 this is not really a zip archive" * 10)
        assert http.post(f"/analysis/{job_id}/start").status_code == 202
        messages = follow(ws, job_id)
    assert messages[-1]["type"] == "error"
    assert messages[-1]["error"]
    job = wait_for(lambda: (j := http.get(f"/analysis/{job_id}").json())["status"] == "failed" and j, timeout=30)
    assert job["error"]
    assert "Traceback" not in job["error"]


@pytest.mark.skipif(shutil.which("curl") is None, reason="the walkthrough uses curl")
def test_the_printed_walkthrough_works_when_pasted(stack: Served, tmp_path: Path) -> None:
    script = tmp_path / "walkthrough.sh"
    script.write_text(stack.walkthrough + "\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]  # pasted at the repository root, as the banner says
    run = subprocess.run(["bash", "-e", str(script)], capture_output=True, text=True, timeout=300, cwd=root)
    assert run.returncode == 0, run.stderr[-3000:] + run.stdout[-3000:]
    assert "'type': 'completed'" in run.stdout
    assert "File Path,LOC,UI %,Pure Functions,Classification,Web Ready" in run.stdout
    assert "manifest.json" in run.stdout
    assert "core/expression_pure.py" in run.stdout  # the example app went up, not an empty archive


@pytest.mark.slow
def test_idlelib_through_the_local_pipeline_gives_the_cli_result(stack: Served, idlelib_dir: Path) -> None:
    """A real application in many concurrent batches (125 files, BatchSize=2): what in-process threads
    get wrong (shared interpreter state, non-atomic moto writes) shows here."""
    archive = zipped(idlelib_dir)  # files at the archive's root: no package name, as the CLI sees the same zip
    expected = analyze_tree(read_archive(archive, "idlelib.zip")).result.to_dict()
    http = client(stack, "ida")
    files = {"file": ("idlelib.zip", archive, "application/zip")}
    created = http.post("/analysis", files=files, data={"name": "idlelib"})
    assert created.status_code == 202, created.text
    job_id = created.json()["job_id"]
    job = wait_for(
        lambda: (j := http.get(f"/analysis/{job_id}").json())["status"] in ("completed", "failed") and j, 240
    )
    assert job["status"] == "completed", job
    assert job["files_done"] == job["files_total"] > 100  # every batch counted exactly once
    result = http.get(f"/analysis/{job_id}/result").json()
    assert result["summary"] == expected["summary"]
    assert result["files"] == expected["files"]
