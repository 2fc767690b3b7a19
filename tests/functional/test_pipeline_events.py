"""Every `events/` sample of the pipeline functions, through its handler, step by step (what `sam local invoke -e`
would feed them), on a job seeded under the samples' job id; and each step run twice is harmless."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from purelift.domain.model import Job, JobStatus, isoformat, utcnow
from purelift.domain.pipeline import INTERNAL_MESSAGE, TIMEOUT_MESSAGE, JobNotReadyError
from purelift.domain.storage_keys import result_key, upload_key
from purelift.services.pipeline import user_message
from purelift.wiring import api as api_wiring
from purelift.wiring import pipeline as pipeline_wiring

from tests.functional.backend_support import BUCKET, EXAMPLE_JOB, LambdaContext, load_event, load_function
from tests.functional.realtime_support import PipelineStack, zip_folder


def run(function: str, event: dict[str, Any]) -> Any:
    return load_function(function).handler(event, LambdaContext())


def seed(status: JobStatus = JobStatus.QUEUED) -> None:
    now = isoformat(utcnow())
    api_wiring.backend().jobs.put_job(Job(EXAMPLE_JOB, "user-1", "tkcalc", status, now, now))


def job() -> Job:
    found = api_wiring.backend().jobs.get_job(EXAMPLE_JOB)
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
