"""The REAL state machine of template.yaml, executed by moto's Step Functions interpreter, its Lambda tasks
dispatched in-process to the project's own handlers (`purelift.local.moto_seams`, one seam).

Given an archive uploaded through the API and started through the API, when the execution ends, then the job
is `completed` with the result the CLI's `analyze_tree` gives for the same files, or `failed` with a message a
user can act on."""

from __future__ import annotations

import base64
import io
import json
import tarfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from moto.awslambda_simple.models import LambdaSimpleBackend
from purelift.analysis import analyze_tree, read_archive, read_path
from purelift.domain.errors import ServiceUnavailableError
from purelift.domain.storage_keys import export_key, result_key, upload_key
from purelift.local.cfn import LocalTemplate, resource
from purelift.local.moto_seams import SEAM_PARAMETERS, SeamMovedError, check_seam
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import BUCKET, LambdaContext, api_event, call_api, load_event, load_function
from tests.functional.realtime_support import PipelineStack, failures, wait_for_execution, ws_event, zip_folder

VOLATILE = ("job_id", "created_at", "processing_time")


def create(ps: PipelineStack, name: str, user: str = "user-1") -> str:
    created = call_api(api_event("create_job", user=user, body={"name": name}))
    assert created.status == 201, created.body
    job_id: str = created.json()["job_id"]
    return job_id


def start(ps: PipelineStack, job_id: str, archive: bytes, user: str = "user-1") -> None:
    ps.stack.s3.put_object(Bucket=BUCKET, Key=upload_key(job_id), Body=archive)
    started = call_api(api_event("start_job", user=user, job_id=job_id))
    assert started.status == 202, started.body


def submit(ps: PipelineStack, archive: bytes, name: str, user: str = "user-1") -> str:
    """Create a job (JSON), upload the archive to its key, start it: the API's own path."""
    job_id = create(ps, name, user)
    start(ps, job_id, archive, user)
    return job_id


def follow(ps: PipelineStack, connection_id: str, job_id: str) -> None:
    """A WebSocket client connects and subscribes to the job."""
    for function, event in (
        ("ws_connect", ws_event("ws_connect/connect", connection_id=connection_id)),
        ("ws_subscribe", ws_event("ws_subscribe/subscribe", connection_id=connection_id, job_id=job_id)),
    ):
        ps.api.open(connection_id)
        assert load_function(function).handler(event, LambdaContext())["statusCode"] == 200


def job_record(job_id: str) -> Any:
    return api_wiring.backend().jobs.get_job(job_id)


def stored_result(ps: PipelineStack, job_id: str) -> dict[str, Any]:
    body = ps.stack.s3.get_object(Bucket=BUCKET, Key=result_key(job_id))["Body"].read()
    data: dict[str, Any] = json.loads(body)
    return data


def without_volatile(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in VOLATILE}


def cli_result(archive: bytes) -> dict[str, Any]:
    """What `purelift analyze` computes for the same archive."""
    return analyze_tree(read_archive(archive, "source.zip")).result.to_dict()


def test_the_dispatch_seam_is_the_one_moto_still_has() -> None:
    """Fails loudly when moto's private Lambda API moves: then update moto_seams and the pin together."""
    check_seam()
    import inspect

    assert list(inspect.signature(LambdaSimpleBackend.invoke).parameters) == SEAM_PARAMETERS


def test_seam_check_refuses_an_unknown_moto(monkeypatch: pytest.MonkeyPatch) -> None:
    import moto

    monkeypatch.setattr(moto, "__version__", "6.0.0")
    with pytest.raises(SeamMovedError):
        check_seam()


def test_the_local_dynamodb_forgets_the_rollback_copies_of_transactions() -> None:
    """Issue 9 item 7: moto's `TransactWriteItems` deep-copies the whole table for a rollback, and moto's models
    remember every instance ever made, so a long-running local stack kept one copy of the table per
    transaction (memory quadratic in the jobs run). Under `atomic_dynamodb` the copies are released."""
    import gc

    import boto3
    from moto import mock_aws
    from moto.dynamodb.models.dynamo_type import Item
    from purelift.local.moto_seams import atomic_dynamodb

    def items() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Item))

    with mock_aws(), atomic_dynamodb():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        for i in range(50):
            client.put_item(TableName="t", Item={"pk": {"S": f"k{i}"}})
        before = items()
        for i in range(20):
            put = {"TableName": "t", "Item": {"pk": {"S": f"n{i}"}}}
            client.transact_write_items(TransactItems=[{"Put": put}])
        assert items() - before < 100  # 20 new items, not 20 copies of a 50-item table (1,000+)


def test_every_state_machine_task_is_a_template_function_with_a_sample_event() -> None:
    props = resource("AnalysisStateMachine")["Properties"]
    functions = LocalTemplate().functions()
    for key, value in props["DefinitionSubstitutions"].items():
        logical_id = value["Fn::GetAtt"][0]
        assert key == f"{logical_id}Arn"
        folder = functions[logical_id].code_dir
        assert folder.parent.name == "functions" and (folder / "app.py").is_file()
        assert list((folder.parent.parent / "events" / folder.name).glob("*.json")), logical_id


def test_the_example_app_completes_with_the_cli_result(pipeline_stack: PipelineStack, example_app: Path) -> None:
    archive = zip_folder(example_app)
    job_id = submit(pipeline_stack, archive, "tkcalc")

    execution = wait_for_execution(pipeline_stack.stack, job_id)

    assert execution["status"] == "SUCCEEDED", failures(pipeline_stack.stack, job_id)
    job = job_record(job_id)
    assert job.status == "completed" and job.progress == 100
    assert job.files_done == job.files_total == 10
    result = stored_result(pipeline_stack, job_id)
    assert result["job_id"] == job_id and result["processing_time"] >= 0
    assert without_volatile(result) == without_volatile(cli_result(archive))
    assert job.summary == result["summary"]
    # Several batches ran (BATCH_SIZE=2), each counted exactly once.
    batches = [e for name, e in pipeline_stack.dispatcher.invocations if name == "AnalyzeBatchFunction"]
    assert len(batches) == 5
    # The extraction ZIP is there, and the API serves the result and the download.
    export = pipeline_stack.stack.s3.get_object(Bucket=BUCKET, Key=export_key(job_id, "zip"))["Body"].read()
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(export)).namelist()
    served = call_api(api_event("get_result", job_id=job_id))
    assert served.status == 200 and served.json()["summary"] == result["summary"]


def test_no_payload_carries_sources_or_results(pipeline_stack: PipelineStack, example_app: Path) -> None:
    job_id = submit(pipeline_stack, zip_folder(example_app), "tkcalc")
    wait_for_execution(pipeline_stack.stack, job_id)
    for name, event in pipeline_stack.dispatcher.invocations:
        text = json.dumps(event)
        assert len(text) < 4096, name
        assert "def " not in text and '"files"' not in text, name


@pytest.mark.slow
def test_idlelib_completes_with_the_cli_result(pipeline_stack: PipelineStack, idlelib_dir: Path) -> None:
    pipeline_stack.configure(BATCH_SIZE="25")
    archive = zip_folder(idlelib_dir)
    job_id = create(pipeline_stack, "idlelib")
    follow(pipeline_stack, "conn-idle", job_id)
    start(pipeline_stack, job_id, archive)

    execution = wait_for_execution(pipeline_stack.stack, job_id, timeout=600)

    assert execution["status"] == "SUCCEEDED", failures(pipeline_stack.stack, job_id)
    job = job_record(job_id)
    assert job.status == "completed" and job.files_done == job.files_total > 100
    assert without_volatile(stored_result(pipeline_stack, job_id)) == without_volatile(cli_result(archive))
    # Many batches finished concurrently; the subscriber still saw progress strictly increasing.
    messages = pipeline_stack.api.messages("conn-idle")
    values = [m["progress"] for m in messages if m["type"] == "progress"]
    assert values == sorted(set(values)) and values[0] == 5 and values[-1] == 95  # pushes may coalesce
    assert messages[0]["type"] == "connected" and messages[-1]["type"] == "completed"


def test_corrupt_archive_fails_with_a_readable_message(pipeline_stack: PipelineStack, example_app: Path) -> None:
    archive = zip_folder(example_app)
    job_id = submit(pipeline_stack, archive[: len(archive) // 2], "broken")  # the central directory is cut off

    execution = wait_for_execution(pipeline_stack.stack, job_id)

    assert execution["status"] == "FAILED"
    job = job_record(job_id)
    assert job.status == "failed"
    assert_readable(job.error)
    assert "not a readable zip archive" in job.error


def test_archive_without_python_fails_with_a_readable_message(pipeline_stack: PipelineStack) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project/README.md", "# no code here\n")
        archive.writestr("project/data.csv", "a,b\n1,2\n")
    job_id = submit(pipeline_stack, buffer.getvalue(), "empty")

    wait_for_execution(pipeline_stack.stack, job_id)

    job = job_record(job_id)
    assert job.status == "failed"
    assert_readable(job.error)
    assert "no python file" in job.error.lower()
    assert call_api(api_event("get_job", job_id=job_id)).json()["error"] == job.error


def assert_readable(message: str | None) -> None:
    assert message and "\n" not in message and len(message) < 500
    for leak in ("Traceback", 'File "', "Error:", "arn:aws", "botocore", "stackTrace", "{"):
        assert leak not in message, message


def test_a_batch_failing_once_is_retried_and_counted_once(pipeline_stack: PipelineStack, example_app: Path) -> None:
    """The batch does all its work (summaries stored, files counted) and THEN fails with a transient error:
    Step Functions retries it, the retry finds its marker and does not count the files again."""
    real = pipeline_stack.dispatcher.handler("AnalyzeBatchFunction")
    failed: list[int] = []

    def flaky(event: dict[str, Any], context: Any) -> Any:
        answer = real(event, context)
        if event["batch"]["index"] == 1 and not failed:
            failed.append(1)
            raise ServiceUnavailableError("DynamoDB throttled the request")
        return answer

    pipeline_stack.dispatcher.overrides["AnalyzeBatchFunction"] = flaky
    job_id = submit(pipeline_stack, zip_folder(example_app), "tkcalc")

    execution = wait_for_execution(pipeline_stack.stack, job_id)

    assert execution["status"] == "SUCCEEDED", failures(pipeline_stack.stack, job_id)
    runs = [e["batch"]["index"] for name, e in pipeline_stack.dispatcher.invocations if name == "AnalyzeBatchFunction"]
    assert sorted(runs) == [0, 1, 1, 2, 3, 4]
    job = job_record(job_id)
    assert job.files_done == job.files_total == 10
    assert job.status == "completed"


def test_a_crashing_step_is_an_internal_error_without_details(pipeline_stack: PipelineStack, example_app: Path) -> None:
    def broken(event: dict[str, Any], context: Any) -> Any:
        raise KeyError("batches")

    pipeline_stack.dispatcher.overrides["AggregateFunction"] = broken
    job_id = submit(pipeline_stack, zip_folder(example_app), "tkcalc")

    wait_for_execution(pipeline_stack.stack, job_id)

    job = job_record(job_id)
    assert job.status == "failed"
    assert job.error == "The analysis failed because of an internal error; please try again."
    assert any("KeyError" in json.dumps(event) for event in failures(pipeline_stack.stack, job_id))


def test_parses_take_turns_while_handlers_share_one_process() -> None:
    """gh-106905: concurrent `ast.parse` on threads fails on CPython < 3.13; the engine serialises its parses,
    so batches running on threads of one process (moto's Map, the local stack) all succeed."""
    import threading

    from purelift.analysis import summarize_file

    source = ("x = " + "[" * 50 + "]" * 50 + "\n\ndef f(a):\n    return [a]\n").encode()
    summaries: list[object] = []
    threads = [threading.Thread(target=lambda: summaries.append(summarize_file("m.py", source))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(summaries) == 8
    assert all(s.parse_error is None and len(s.functions) == 1 for s in summaries)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ the root package is the CLI's (issue 9, item 8)

# A flat archive (no top folder) of a package: `main.py` calls `flat.a.helper` by its absolute name, which
# resolves only when the root package is named `flat`, after the archive's file, as the CLI names it.
FLAT = {
    "__init__.py": b"",
    "a.py": b"def helper(x):\n    return x * 2\n",
    "main.py": b"import flat.a\n\n\ndef run(x):\n    return flat.a.helper(x)\n",
}


def flat_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in FLAT.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def multipart_upload(
    filename: str, payload: bytes, name: str | None = None, fields: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """`POST /analysis` as a browser's form sends it: the file part (with its filename), `name` if given, and
    any other `fields` (a field may repeat)."""
    boundary = "----purelift-test"
    parts = [(f'name="file"; filename="{filename}"', "Content-Type: application/octet-stream\r\n", payload)]
    if name is not None:
        parts.append(('name="name"', "", name.encode()))
    parts.extend((f'name="{field}"', "", value.encode()) for field, value in fields)
    body = b"".join(
        f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n{header}\r\n".encode() + data + b"\r\n"
        for disposition, header, data in parts
    )
    event = load_event("api/create_job_upload.json")
    event["body"] = base64.b64encode(body + f"--{boundary}--\r\n".encode()).decode()
    event["headers"]["Content-Type"] = event["multiValueHeaders"]["Content-Type"][0] = (
        f"multipart/form-data; boundary={boundary}"
    )
    return event


def upload(event: dict[str, Any]) -> str:
    response = call_api(event)
    assert response.status == 202, response.body
    job_id: str = response.json()["job_id"]
    return job_id


def verdicts(result: dict[str, Any]) -> dict[str, Any]:
    """The result without what names the job (its display name) and what changes run to run."""
    return {k: v for k, v in without_volatile(result).items() if k != "name"}


def verdict_of(result: dict[str, Any], function: str) -> tuple[bool, list[str]]:
    """A function's purity and the kinds of its reasons (`unknown`: a call that did not resolve)."""
    found = [f for file in result["files"] for f in file["functions"] if f["qualname"] == function]
    assert len(found) == 1, result
    return found[0]["pure"], [reason["kind"] for reason in found[0]["reasons"]]


@pytest.mark.parametrize("display", [None, "My project"], ids=["no-name", "display-name"])
def test_a_flat_zip_gets_the_cli_root_package(
    pipeline_stack: PipelineStack, tmp_path: Path, display: str | None
) -> None:
    # Given a flat zip saved as flat.zip, and what the CLI gives for that very file
    archive = flat_zip()
    (tmp_path / "flat.zip").write_bytes(archive)
    cli = analyze_tree(read_path(tmp_path / "flat.zip")).result.to_dict()
    assert verdict_of(cli, "run") == (True, [])
    # When it is uploaded as flat.zip, without a name or under a display name unlike the package
    job_id = upload(multipart_upload("flat.zip", archive, display))
    execution = wait_for_execution(pipeline_stack.stack, job_id)
    # Then the job keeps its display name and its result is the CLI's
    assert execution["status"] == "SUCCEEDED", failures(pipeline_stack.stack, job_id)
    assert job_record(job_id).name == (display or "flat.zip")
    result = stored_result(pipeline_stack, job_id)
    assert verdicts(result) == verdicts(cli)
    assert verdict_of(result, "run") == (True, [])  # `flat.a.helper` resolved, not `unknown`


def test_a_flat_zip_named_through_json_gets_the_cli_root_package(pipeline_stack: PipelineStack, tmp_path: Path) -> None:
    archive = flat_zip()
    (tmp_path / "flat.zip").write_bytes(archive)
    created = call_api(api_event("create_job", body={"name": "Something else", "filename": "flat.zip"}))
    assert created.status == 201, created.body
    job_id = created.json()["job_id"]
    start(pipeline_stack, job_id, archive)
    assert wait_for_execution(pipeline_stack.stack, job_id)["status"] == "SUCCEEDED"
    cli = analyze_tree(read_path(tmp_path / "flat.zip")).result.to_dict()
    assert verdicts(stored_result(pipeline_stack, job_id)) == verdicts(cli)


@pytest.mark.parametrize(
    "filename",
    ["../flat.zip", "flat.exe", "a\nb.zip", "x" * 200 + ".zip", ""],
    ids=["path", "suffix", "ctl", "long", "empty"],
)
def test_a_json_filename_is_validated(pipeline_stack: PipelineStack, filename: str) -> None:
    response = call_api(api_event("create_job", body={"name": "n", "filename": filename}))
    assert response.status == 422 and response.json()["error"]["code"] == "validation_error", response.body


def broken_tar_gz() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("app/main.py")
        info.size = 6
        archive.addfile(info, io.BytesIO(b"x = 1\n"))
    return buffer.getvalue()[:40]  # cut inside the gzip stream


@pytest.mark.parametrize("how", ["multipart", "json"])
def test_a_tar_gz_error_names_the_tar_gz(pipeline_stack: PipelineStack, how: str) -> None:
    # Given a truncated tar.gz saved as app.tar.gz
    if how == "multipart":
        job_id = upload(multipart_upload("app.tar.gz", broken_tar_gz(), "release"))
    else:
        created = call_api(api_event("create_job", body={"name": "release", "filename": "app.tar.gz"}))
        job_id = created.json()["job_id"]
        start(pipeline_stack, job_id, broken_tar_gz())
    # When its analysis runs, then it fails with a message naming the file as uploaded
    wait_for_execution(pipeline_stack.stack, job_id)
    job = job_record(job_id)
    assert job.status == "failed"
    assert_readable(job.error)
    assert "app.tar.gz" in job.error and ".tar.zip" not in job.error and ".gz.zip" not in job.error, job.error


# The engine's options as `POST /analysis` takes them, and the same options on the command line.
OPTION_ROWS = {
    "exclude_and_threshold": (
        {"exclude": ["ui/*"], "ui_threshold": 10},
        ["--exclude", "ui/*", "--ui-threshold", "10"],
    ),
    "threshold_over_config": (
        {"ui_threshold": 10, "config": {"ui_threshold": 90, "extra_pure": ["tkcalc.core.storage.*"]}},
        ["--config", "{config}", "--ui-threshold", "10"],
    ),
}


@pytest.mark.parametrize("how", ["json", "multipart"])
@pytest.mark.parametrize("row", list(OPTION_ROWS))
def test_engine_options_give_the_cli_result(
    pipeline_stack: PipelineStack, example_app: Path, tmp_path: Path, row: str, how: str
) -> None:
    from purelift.cli import main as cli

    # Given the example app as tkcalc.zip, and what `purelift analyze` writes for it with the same options
    options, argv = OPTION_ROWS[row]
    archive = zip_folder(example_app)
    (tmp_path / "tkcalc.zip").write_bytes(archive)
    (tmp_path / "engine.json").write_text(json.dumps(options.get("config", {})), encoding="utf-8")
    argv = [arg.replace("{config}", str(tmp_path / "engine.json")) for arg in argv]
    out = tmp_path / "out"
    assert cli(["analyze", str(tmp_path / "tkcalc.zip"), "--out", str(out), "--format", "json", "--quiet", *argv]) == 0
    expected = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert expected != cli_result(archive)  # the options change the result

    # When a job is created with those options (JSON, or form fields beside the file) and runs
    if how == "json":
        created = call_api(api_event("create_job", body={"name": "tkcalc", "filename": "tkcalc.zip", **options}))
        assert created.status == 201, created.body
        job_id = created.json()["job_id"]
        start(pipeline_stack, job_id, archive)
    else:
        fields = [("exclude", glob) for glob in options.get("exclude", [])]
        fields += [(key, json.dumps(options[key])) for key in ("ui_threshold", "config") if key in options]
        job_id = upload(multipart_upload("tkcalc.zip", archive, "tkcalc", fields))
    execution = wait_for_execution(pipeline_stack.stack, job_id)

    # Then its result is exactly the CLI's
    assert execution["status"] == "SUCCEEDED", failures(pipeline_stack.stack, job_id)
    assert without_volatile(stored_result(pipeline_stack, job_id)) == without_volatile(expected)


@pytest.mark.parametrize(
    "options",
    [
        {"exclude": "ui/*"},
        {"exclude": [""]},
        {"exclude": ["x"] * 101},
        {"ui_threshold": 0},
        {"ui_threshold": 100.5},
        {"ui_threshold": "ten"},
        {"config": {"ui_threshold": -1}},
        {"config": {"unknown": 1}},
        {"config": {"extra_pure": "numpy.clip"}},
        {"config": {"extra_toolkits": {"w": 1}}},
        {"config": []},
    ],
    ids=str,
)
def test_engine_options_are_validated(pipeline_stack: PipelineStack, options: dict[str, Any]) -> None:
    response = call_api(api_event("create_job", body={"name": "n", **options}))
    assert response.status == 422 and response.json()["error"]["code"] == "validation_error", response.body


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ([("ui_threshold", "0")], 422, "validation_error"),
        ([("ui_threshold", "many")], 422, "validation_error"),
        ([("config", '{"unknown": 1}')], 422, "validation_error"),
        ([("config", '{"ui_threshold": 101}')], 422, "validation_error"),
        ([("exclude", "")], 422, "validation_error"),
        ([("config", "{not json")], 400, "malformed_json"),  # as a body that is not JSON
    ],
    ids=str,
)
def test_engine_options_of_an_upload_are_validated(
    pipeline_stack: PipelineStack, example_app: Path, fields: list[tuple[str, str]], status: int, code: str
) -> None:
    response = call_api(multipart_upload("tkcalc.zip", zip_folder(example_app), "tkcalc", fields))
    assert (response.status, response.json()["error"]["code"]) == (status, code), response.body
    assert pipeline_stack.stack.s3.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0  # nothing stored
