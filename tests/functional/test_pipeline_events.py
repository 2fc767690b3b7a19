"""Every `events/` sample of the pipeline functions, through its handler, step by step (what `sam local invoke -e`
would feed them), on a job seeded under the samples' job id; and each step run twice is harmless."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from purelift.domain.model import Job, JobStatus, isoformat, utcnow
from purelift.domain.pipeline import INTERNAL_MESSAGE, TIMEOUT_MESSAGE, JobGoneError, JobNotReadyError
from purelift.domain.storage_keys import result_key, upload_key
from purelift.services.pipeline import user_message
from purelift.wiring import api as api_wiring
from purelift.wiring import pipeline as pipeline_wiring

from tests.functional.backend_support import (
    BUCKET,
    EXAMPLE_JOB,
    TABLE,
    LambdaContext,
    Stack,
    api_event,
    call_api,
    load_event,
    load_function,
)
from tests.functional.realtime_support import PipelineStack, zip_folder


def run(function: str, event: dict[str, Any]) -> Any:
    return load_function(function).handler(event, LambdaContext())


def seed(status: JobStatus = JobStatus.QUEUED) -> None:
    now = isoformat(utcnow())
    api_wiring.backend().jobs.put_job(Job(EXAMPLE_JOB, "user-1", "tkcalc", status, now, now))


def job() -> Job:
    return job_by_id(EXAMPLE_JOB)


def job_by_id(job_id: str) -> Job:
    found = api_wiring.backend().jobs.get_job(job_id)
    assert found is not None
    return found


def test_the_steps_one_by_one_from_their_sample_events(pipeline_stack: PipelineStack, example_app: Path) -> None:
    seed()
    pipeline_stack.stack.s3.put_object(Bucket=BUCKET, Key=upload_key(EXAMPLE_JOB), Body=zip_folder(example_app))

    prepared = run("prepare", load_event("prepare/prepare.json"))
    assert prepared["files_total"] == 10 and prepared["batch_count"] == 5
    assert prepared["batches"][0] == {"index": 0, "count": 2}
    assert job().status is JobStatus.RUNNING and job().files_total == 10 and job().progress == 5
    again = run("prepare", load_event("prepare/prepare.json"))  # a retried Prepare rewrites the same objects
    assert again == prepared and job().files_done == 0

    batch_event = load_event("analyze_batch/batch.json")
    assert run("analyze_batch", batch_event) == {"index": 0, "count": 2}
    assert run("analyze_batch", batch_event) == {"index": 0, "count": 2}  # retried: not counted twice
    assert job().files_done == 2
    for index in range(1, prepared["batch_count"]):
        run("analyze_batch", {"job_id": EXAMPLE_JOB, "batch": prepared["batches"][index]})
    assert job().files_done == 10 and job().progress == 95

    aggregated = run("aggregate", load_event("aggregate/aggregate.json"))
    assert aggregated == {"job_id": EXAMPLE_JOB, "files": 10, "result_key": result_key(EXAMPLE_JOB)}
    done = job()
    assert done.status is JobStatus.COMPLETED and done.progress == 100 and done.summary
    run("aggregate", load_event("aggregate/aggregate.json"))  # a re-run leaves the completed job alone
    assert job() == done

    # A failure arriving after completion (the execution's status event) changes nothing.
    answer = run("mark_failed", load_event("mark_failed/execution_timed_out.json"))
    assert answer["changed"] is False and job().status is JobStatus.COMPLETED


def test_prepare_waits_for_the_api_to_queue_the_job(pipeline_stack: PipelineStack) -> None:
    """The execution may start before the API records `queued`: Prepare raises a retried, transient error."""
    seed(JobStatus.AWAITING_UPLOAD)
    with pytest.raises(JobNotReadyError):
        run("prepare", load_event("prepare/prepare.json"))


def test_prepare_without_an_upload_is_a_user_error(pipeline_stack: PipelineStack) -> None:
    seed()
    with pytest.raises(Exception) as caught:
        run("prepare", load_event("prepare/prepare.json"))
    assert type(caught.value).__name__ == "UploadNotFoundError"
    assert str(caught.value) == "The uploaded archive is missing; upload it again."


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("caught_invalid_source", "source.zip holds no Python file outside the skipped folders and exclusion rules"),
        ("caught_internal_error", INTERNAL_MESSAGE),
        ("execution_timed_out", TIMEOUT_MESSAGE),
    ],
)
def test_mark_failed_samples(pipeline_stack: PipelineStack, sample: str, expected: str) -> None:
    seed(JobStatus.RUNNING)

    answer = run("mark_failed", load_event(f"mark_failed/{sample}.json"))

    assert answer["changed"] is True
    failed = job()
    assert failed.status is JobStatus.FAILED and failed.error is not None
    assert failed.error.startswith(expected)
    assert "stackTrace" not in failed.error and "File" not in failed.error
    # A second delivery (EventBridge after the Catch) keeps the first message.
    assert run("mark_failed", load_event("mark_failed/execution_timed_out.json"))["changed"] is False
    assert job().error == failed.error


def test_user_messages_never_pass_on_internal_text() -> None:
    cause = json.dumps({"errorType": "ClientError", "errorMessage": "arn:aws:dynamodb:... AccessDenied"})
    assert user_message("ClientError", cause) == INTERNAL_MESSAGE
    assert user_message("InvalidSourceError", "not json") == INTERNAL_MESSAGE
    assert user_message("States.Timeout", None) == TIMEOUT_MESSAGE
    assert user_message("ABORTED", None) == "The analysis was cancelled."
    two_lines = json.dumps({"errorType": "InvalidSourceError", "errorMessage": "line one\nline two"})
    assert user_message("InvalidSourceError", two_lines) == "line one line two"


def test_progress_never_goes_back(pipeline_stack: PipelineStack) -> None:
    seed(JobStatus.RUNNING)
    progress = pipeline_wiring.pipeline().jobs
    assert progress.raise_progress(EXAMPLE_JOB, 40)
    assert not progress.raise_progress(EXAMPLE_JOB, 30)
    assert not progress.raise_progress(EXAMPLE_JOB, 40)
    assert job().progress == 40


def test_one_push_lease_at_a_time(pipeline_stack: PipelineStack) -> None:
    seed(JobStatus.RUNNING)
    progress = pipeline_wiring.pipeline().jobs
    assert progress.acquire_push(EXAMPLE_JOB, "a") == 0
    assert progress.acquire_push(EXAMPLE_JOB, "b") is None
    progress.release_push(EXAMPLE_JOB, "b", 99)  # not the holder: ignored
    progress.release_push(EXAMPLE_JOB, "a", 30)
    assert progress.acquire_push(EXAMPLE_JOB, "b") == 30
    assert progress.acquire_push(EXAMPLE_JOB, "c", lease_seconds=-1) is None
    progress.release_push(EXAMPLE_JOB, "b", 30)
    assert progress.acquire_push(EXAMPLE_JOB, "c", lease_seconds=-1) == 30
    assert progress.acquire_push(EXAMPLE_JOB, "d") == 30  # c's lease has expired: d may take over


def test_aggregate_fills_the_result_cache_the_api_reads(pipeline_stack: PipelineStack, example_app: Path) -> None:
    """With a cache configured, Aggregate stores the result exactly as the API would cache it, and drops the
    owner's history pages (the job's status changed)."""
    import dataclasses

    from purelift.adapters.cache import MemoryCache
    from purelift.domain import cache_keys
    from purelift.services.results import normalise_result

    cache = MemoryCache()
    steps = dataclasses.replace(pipeline_wiring.pipeline(), cache=cache)
    seed()
    pipeline_stack.stack.s3.put_object(Bucket=BUCKET, Key=upload_key(EXAMPLE_JOB), Body=zip_folder(example_app))
    cache.set_field(cache_keys.history("user-1"), "20:", b"[]", 300)

    prepared = steps.prepare(EXAMPLE_JOB, upload_key(EXAMPLE_JOB), "tkcalc")
    for batch in prepared["batches"]:
        steps.analyze_batch(EXAMPLE_JOB, batch["index"])
    steps.aggregate(EXAMPLE_JOB)

    stored = pipeline_stack.stack.s3.get_object(Bucket=BUCKET, Key=result_key(EXAMPLE_JOB))["Body"].read()
    assert cache.get(cache_keys.result(EXAMPLE_JOB)) == normalise_result(stored)
    assert cache.get_field(cache_keys.history("user-1"), "20:") is None


def test_the_steps_run_the_engine_as_the_cli_does_with_the_cyclic_gc_paused(
    pipeline_stack: PipelineStack, example_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9 item 16: `analyze_tree` pauses the cyclic GC (ASTs and summaries hold no cycles, and the collector
    rescanning them made the steps ~0.8 s slower than the CLI on idlelib); AnalyzeBatch and Aggregate must too,
    the result's serialisation included (with the collector on, it took 0.33 s of its 0.06 s on idlelib), and
    leave it as they found it."""
    import gc

    from purelift.services import pipeline as steps_module

    seen: list[tuple[str, bool]] = []

    def spy(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen.append((name, gc.isenabled()))
            return original(*args, **kwargs)

        return call

    for name in ("summarize_file", "solve_project", "to_json", "to_zip"):
        monkeypatch.setattr(steps_module, name, spy(name, getattr(steps_module, name)))
    seed()
    pipeline_stack.stack.s3.put_object(Bucket=BUCKET, Key=upload_key(EXAMPLE_JOB), Body=zip_folder(example_app))
    steps = pipeline_wiring.pipeline()
    prepared = steps.prepare(EXAMPLE_JOB, upload_key(EXAMPLE_JOB), "tkcalc")
    for batch in prepared["batches"]:
        steps.analyze_batch(EXAMPLE_JOB, batch["index"])
    steps.aggregate(EXAMPLE_JOB)
    assert {name for name, _ in seen} == {"summarize_file", "solve_project", "to_json", "to_zip"}
    assert [name for name, enabled in seen if enabled] == []
    assert gc.isenabled()


def test_batches_stay_few_enough_for_the_payload_limit() -> None:
    from purelift.analysis import SourceFile
    from purelift.services.pipeline import MAX_BATCHES, Pipeline, PipelineConfig

    steps = Pipeline(None, None, None, None, PipelineConfig(batch_size=1, batch_bytes=100))  # type: ignore[arg-type]
    files = [SourceFile(f"m{i}.py", b"x = 1\n") for i in range(2 * MAX_BATCHES + 1)]
    batches = steps._batches(files)
    assert len(batches) <= MAX_BATCHES and sum(len(b) for b in batches) == len(files)
    assert [f.path for b in batches for f in b] == [f.path for f in files]
    big = [SourceFile("a.py", b"#" * 150), SourceFile("b.py", b"x"), SourceFile("c.py", b"y")]
    by_bytes = Pipeline(None, None, None, None, PipelineConfig(batch_size=5, batch_bytes=100))  # type: ignore[arg-type]
    assert [len(b) for b in by_bytes._batches(big)] == [1, 2]  # a lone large file gets a batch of its own


def _defs(n: int) -> bytes:
    return "".join(f"def f{i}(a):\n    return a + {i}\n\n" for i in range(n)).encode()


# Prepare's batches are cut by files, source bytes and functions, whichever fills first (issue 9 item 7): a batch's
# memory in AnalyzeBatch grows with its bytes (the parse) and its functions (the summaries), not its file count.
# Each row: the files (count × source), the limits (files, bytes, functions) and the files per batch expected.
BATCH_ROWS = {
    "many tiny files: cut by count": (120, b"x = 1\n", (50, 10_000, 1_000), [50, 50, 20]),
    "many small files full of functions: cut by functions": (10, _defs(300), (50, 10**9, 1_000), [3, 3, 3, 1]),
    "a few big files: cut by bytes": (4, b"#" * 600, (50, 1_000, 1_000), [1, 1, 1, 1]),
    "one file above every limit: a batch of its own": (3, _defs(2_000), (50, 100, 10), [1, 1, 1]),
    "a lambda counts as a function": (6, b"f = lambda: 1\n" * 50, (50, 10**9, 100), [2, 2, 2]),
}


@pytest.mark.parametrize("row", list(BATCH_ROWS.values()), ids=list(BATCH_ROWS))
def test_prepare_cuts_batches_by_files_bytes_and_functions(
    row: tuple[int, bytes, tuple[int, int, int], list[int]],
) -> None:
    from purelift.analysis import SourceFile
    from purelift.services.pipeline import Pipeline, PipelineConfig

    count, data, (files, size, functions), expected = row
    config = PipelineConfig(batch_size=files, batch_bytes=size, batch_functions=functions)
    steps = Pipeline(None, None, None, None, config)  # type: ignore[arg-type]
    batches = steps._batches([SourceFile(f"m{i}.py", data) for i in range(count)])
    assert [len(b) for b in batches] == expected


# --- Cancelling: DELETE of a running job stops its execution; no later step recreates what it removed ---
@pytest.fixture
def idle_machine(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    """moto's Step Functions without the interpreter: an execution stays RUNNING until stopped, so the test
    drives the steps itself, from their events, around the delete."""
    monkeypatch.setenv("BATCH_SIZE", "2")
    pipeline_wiring.reset()
    yield stack
    pipeline_wiring.reset()


def started_job(stack: Stack, archive: bytes) -> str:
    """Created and started through the API: the job is queued with its execution RUNNING."""
    created = call_api(api_event("create_job", body={"name": "tkcalc"}))
    job_id: str = created.json()["job_id"]
    stack.s3.put_object(Bucket=BUCKET, Key=upload_key(job_id), Body=archive)
    assert call_api(api_event("start_job", job_id=job_id)).status == 202
    return job_id


def leftovers(stack: Stack, job_id: str) -> list[str]:
    """Every S3 key and DynamoDB item that still names the job (but the create request's Idempotency-Key record:
    the caller's, expiring by TTL, not the job's)."""
    listed = stack.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    items = stack.dynamodb.scan(TableName=TABLE)["Items"]
    found = [obj["Key"] for obj in listed if job_id in obj["Key"]]
    keys = [f"{i['PK']['S']}/{i['SK']['S']}" for i in items if job_id in json.dumps(i)]
    return found + [key for key in keys if not key.startswith("IDEMP#")]


# The step after which the job is deleted, and the steps that then still run (Step Functions had started them).
DELETED_AFTER = {
    "prepare": ["analyze_batch", "aggregate"],
    "analyze_batch": ["analyze_batch", "aggregate"],
    "all_batches": ["aggregate"],
}


@pytest.mark.parametrize("after", list(DELETED_AFTER))
def test_a_job_deleted_between_steps_leaves_nothing_behind(idle_machine: Stack, example_app: Path, after: str) -> None:
    # Given a started job whose steps ran up to `after`
    job_id = started_job(idle_machine, zip_folder(example_app))
    execution_arn = job_by_id(job_id).execution_arn
    prepared = run("prepare", {"job_id": job_id, "source_key": upload_key(job_id), "name": "tkcalc"})
    batches = prepared["batches"]
    done = {"prepare": 0, "analyze_batch": 1, "all_batches": len(batches)}[after]
    for batch in batches[:done]:
        run("analyze_batch", {"job_id": job_id, "batch": batch})

    # When its owner deletes it, and the steps Step Functions had already started still run
    assert call_api(api_event("delete_job", job_id=job_id)).status == 204
    for step in DELETED_AFTER[after]:
        event = {"job_id": job_id, "batch": batches[-1]} if step == "analyze_batch" else {"job_id": job_id}
        with pytest.raises(JobGoneError):
            run(step, event)

    # Then the execution was stopped, and no S3 object or DynamoDB item of the job is left
    execution = idle_machine.sfn.describe_execution(executionArn=execution_arn)
    assert execution["status"] == "ABORTED"
    assert leftovers(idle_machine, job_id) == []


@pytest.mark.parametrize("step", ["prepare", "analyze_batch", "aggregate"])
def test_a_delete_landing_during_a_step_leaves_nothing_behind(
    idle_machine: Stack, example_app: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The delete runs while the step is writing: after the step read the job, before its S3 objects land."""
    job_id = started_job(idle_machine, zip_folder(example_app))
    events = {
        "prepare": {"job_id": job_id, "source_key": upload_key(job_id), "name": "tkcalc"},
        "analyze_batch": {"job_id": job_id, "batch": {"index": 0, "count": 2}},
        "aggregate": {"job_id": job_id},
    }
    if step != "prepare":
        prepared = run("prepare", events["prepare"])
        for batch in prepared["batches"] if step == "aggregate" else []:
            run("analyze_batch", {"job_id": job_id, "batch": batch})
    store = pipeline_wiring.pipeline().store
    put = store.put

    def put_after_delete(key: str, data: bytes, content_type: str) -> None:
        if api_wiring.backend().jobs.get_job(job_id) is not None:
            assert call_api(api_event("delete_job", job_id=job_id)).status == 204
        put(key, data, content_type)

    monkeypatch.setattr(store, "put", put_after_delete)
    with pytest.raises(JobGoneError):
        run(step, events[step])
    assert leftovers(idle_machine, job_id) == []
