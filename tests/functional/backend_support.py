"""What the functional tests share besides fixtures: the stack's names, events fed to the real handlers, seeding."""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from purelift.auth.tokens import mint_token
from purelift.domain.model import Role
from purelift.domain.storage_keys import batch_key, export_key, manifest_key, result_key
from purelift.local.cfn import ROOT
from purelift.local.lambda_runtime import LambdaContext, load_module
from purelift.local.resources import create_bucket, create_state_machine, create_table
from purelift.wiring import api as api_wiring

EVENTS = ROOT / "events"
TABLE, BUCKET, MACHINE = "purelift-test", "purelift-test-bucket", "purelift-analysis"
EXAMPLE_JOB = "0123456789abcdef0123456789abcdef"
EXAMPLE_TEAM = "fedcba9876543210fedcba9876543210"
TOKEN_PLACEHOLDER = "<token from: purelift token --user user-1 --role User>"

# Read at import, before the conftest's fixtures clear REDIS_URL for the handlers (the API runs without Redis unless
# a test wires it).
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379"
FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    "POWERTOOLS_SERVICE_NAME": "purelift",
}


@cache
def load_function(name: str) -> ModuleType:
    """Import `functions/<name>/app.py` the way Lambda does (its folder is the code root): the very module
    the state machine's tasks run (`lambda_runtime.load_module`)."""
    return load_module(ROOT / "functions" / name, "app")


def load_event(relative: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / relative).read_text(encoding="utf-8"))
    return data


def api_event(
    name: str,
    *,
    user: str | None = "user-1",
    role: Role | str = Role.USER,
    job_id: str | None = None,
    team_id: str | None = None,
    query: dict[str, str] | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An `events/api/<name>.json` event, re-aimed at the given caller, job, team, query and body."""
    event = copy.deepcopy(load_event(f"api/{name}.json"))
    text = json.dumps(event)
    if job_id:
        text = text.replace(EXAMPLE_JOB, job_id)
    if team_id:
        text = text.replace(EXAMPLE_TEAM, team_id)
    event = json.loads(text)
    if user is None:
        event["requestContext"].pop("authorizer", None)
    else:
        event["requestContext"]["authorizer"] = {
            "principalId": user,
            "user_id": user,
            "role": str(role),
            "email": f"{user}@example.com",
        }
    if query is not None:
        event["queryStringParameters"] = query or None
        event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()} or None
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
        event["isBase64Encoded"] = False
    if headers:
        event["headers"].update(headers)
        event["multiValueHeaders"].update({k: [v] for k, v in headers.items()})
    return event


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


def call_api(event: dict[str, Any]) -> Response:
    raw = load_function("api").handler(event, LambdaContext())
    headers = {k.lower(): v for k, v in (raw.get("headers") or {}).items()}
    for key, values in (raw.get("multiValueHeaders") or {}).items():
        headers[key.lower()] = values[-1]
    body = raw.get("body") or ""
    if raw.get("isBase64Encoded"):
        import base64

        body = base64.b64decode(body).decode("utf-8-sig")
    return Response(status=raw["statusCode"], headers=headers, body=body)


@dataclass
class Stack:
    dynamodb: Any
    s3: Any
    sfn: Any
    state_machine_arn: str


def start_stack(mp: pytest.MonkeyPatch) -> Stack:
    dynamodb = boto3.client("dynamodb", region_name="us-east-1")
    s3 = boto3.client("s3", region_name="us-east-1")
    sfn = boto3.client("stepfunctions", region_name="us-east-1")
    create_table(dynamodb, TABLE)
    create_bucket(s3, BUCKET)
    arn = create_state_machine(sfn, MACHINE)
    mp.setenv("TABLE_NAME", TABLE)
    mp.setenv("BUCKET_NAME", BUCKET)
    mp.setenv("STATE_MACHINE_ARN", arn)
    mp.setenv("REDIS_URL", "")
    api_wiring.reset()
    return Stack(dynamodb, s3, sfn, arn)


def token(user: str = "user-1", role: Role = Role.USER, **kwargs: Any) -> str:
    return mint_token(user, role, f"{user}@example.com", **kwargs)


def example_zip() -> bytes:
    """The same bytes on every call: a member's timestamp is fixed (``writestr`` with a bare name stamps the
    current time, and two calls either side of a two-second boundary differ)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("app/calc.py", (2026, 1, 1, 0, 0, 0)), "def add(a, b):\n    return a + b\n")
    return buffer.getvalue()


def fixture_path(name: str) -> Path:
    return EVENTS / name


# --- seeding: data the pipeline would have produced ---
def sample_result(job_id: str, name: str = "calc") -> dict[str, Any]:
    from purelift.analysis import AnalysisResult, FileResult, FunctionResult, Reason, Summary

    summary = Summary(
        files=2, parsed=2, failed=0, loc=30, sloc=24, ui_files=1, logic_files=1, mixed_files=0,
        web_ready_files=1, functions=3, pure_functions=1, extractable_functions=1, ui_pct=41.7,
        toolkits={"tkinter": 1},
    )  # fmt: skip
    files = [
        FileResult(
            path="app/calc.py", loc=10, lloc=8, sloc=8, comments=1, multi=0, blank=1, ui_lines=0, ui_pct=0.0,
            classification="Logic", web_ready=True,
            functions=[FunctionResult("add", 1, 2, pure=True, extractable=True)],
        ),
        FileResult(
            path="app/gui.py", loc=20, lloc=16, sloc=16, comments=0, multi=0, blank=4, ui_lines=10, ui_pct=62.5,
            classification="UI", web_ready=False, toolkits=["tkinter"],
            functions=[
                FunctionResult("App.__init__", 5, 9, pure=False, extractable=False,
                               reasons=[Reason("ui", 6, "tkinter.Tk()")]),
                FunctionResult("App.run", 11, 12, pure=False, extractable=False,
                               reasons=[Reason("ui", 12, "self.root.mainloop()")]),
            ],
        ),
    ]  # fmt: skip
    result = AnalysisResult(job_id, name, "2026-11-26T03:00:00Z", 1.5, summary, files)
    return result.to_dict()


# The sources of `sample_result`'s files, as Prepare stores them (one file per batch here, so reading one bisects).
SAMPLE_SOURCES = {
    "app/calc.py": b"# calculator\ndef add(a, b):\n    return a + b\n",
    "app/gui.py": b"import tkinter\n\n\nclass App:\n    def __init__(self):\n        self.root = tkinter.Tk()\n",
}


def seed_sources(job_id: str, files: dict[str, bytes], per_batch: int = 1) -> None:
    """The objects Prepare writes for `files`: batches of `{path, data}` (base64) sorted by path, and the manifest
    with each batch's count (`Pipeline.prepare`; `test_api_files.py` reads what the real Prepare wrote)."""
    import base64

    store = api_wiring.backend().store
    paths = sorted(files)
    batches = [paths[i : i + per_batch] for i in range(0, len(paths), per_batch)]
    for index, batch in enumerate(batches):
        payload = [{"path": p, "data": base64.b64encode(files[p]).decode("ascii")} for p in batch]
        store.put(batch_key(job_id, index), json.dumps(payload).encode(), "application/json")
    manifest = {"job_id": job_id, "files_total": len(paths), "batches": [len(b) for b in batches], "skipped": []}
    store.put(manifest_key(job_id), json.dumps(manifest).encode(), "application/json")


def seed_job(
    owner: str,
    *,
    name: str = "calc",
    status: str = "completed",
    with_zip: bool = True,
) -> str:
    """A job as the pipeline leaves it: record (with summary), result JSON, ZIP export and sources in S3."""
    import uuid

    from purelift.domain.model import Job, JobStatus, isoformat, utcnow

    backend = api_wiring.backend()
    job_id = uuid.uuid4().hex
    result = sample_result(job_id, name)
    now = isoformat(utcnow())
    done = status == "completed"
    backend.jobs.put_job(
        Job(
            job_id, owner, name, JobStatus(status), now, now,
            progress=100 if done else 0, files_done=2 if done else 0, files_total=2 if done else 0,
            summary=result["summary"] if done else None,
        )
    )  # fmt: skip
    if done:
        seed_sources(job_id, SAMPLE_SOURCES)
        backend.store.put(result_key(job_id), json.dumps(result).encode(), "application/json")
        if with_zip:
            backend.store.put(export_key(job_id, "zip"), example_zip(), "application/zip")
    return job_id


def seed_team(name: str = "team", members: dict[str, bool] | None = None) -> str:
    """A team with members (user id -> is lead)."""
    import uuid

    from purelift.domain.model import Team, isoformat, utcnow

    backend = api_wiring.backend()
    team_id = uuid.uuid4().hex
    backend.teams.put_team(Team(team_id, name, isoformat(utcnow())))
    for user, lead in (members or {}).items():
        backend.teams.put_member(team_id, user, lead)
    return team_id


def seed_share(job_id: str, team_id: str, *, view: bool, download: bool, expired: bool = False) -> None:
    from datetime import timedelta

    from purelift.domain.model import Share, isoformat, utcnow

    expires = utcnow() + timedelta(days=-1 if expired else 1)
    api_wiring.backend().shares.put_share(
        Share(job_id, team_id, view, download, "seed", isoformat(utcnow()), isoformat(expires))
    )
