"""AWS's payload limits through the local stack over real sockets (issue 9 item 6): a result too large for a Lambda
answer leaves through a presigned S3 URL (307, or the link as JSON), and a direct upload too large for the
base64-encoded event is refused with a 413 that says what to do instead."""

from __future__ import annotations

import json
from typing import Any

import boto3
import httpx
from purelift.adapters.dynamodb.jobs import DynamoJobs
from purelift.adapters.dynamodb.table import Table
from purelift.analysis import AnalysisResult, FileResult, FunctionResult, Reason, Summary
from purelift.domain.model import JobStatus
from purelift.services.results import normalise_result

from tests.e2e.e2e_support import Served, client

INLINE_MAX = 5 * 1024 * 1024  # the API's default inline limit


def _aws(stack: Served, service: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=stack.urls["AWS (moto)"],
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def _large_result(job_id: str, files: int) -> bytes:
    """A valid result of `files` files, each with a few functions: about 550 bytes a file."""
    summary = Summary(
        files=files, parsed=files, failed=0, loc=30 * files, sloc=24 * files, ui_files=0, logic_files=files,
        mixed_files=0, web_ready_files=files, functions=3 * files, pure_functions=files,
        extractable_functions=files, ui_pct=0.0, toolkits={},
    )  # fmt: skip
    rows = [
        FileResult(
            path=f"app/pkg{i // 100}/module_{i}.py", loc=30, lloc=24, sloc=24, comments=2, multi=0, blank=4,
            ui_lines=0, ui_pct=0.0, classification="Logic", web_ready=True,
            functions=[
                FunctionResult(f"compute_{i}", 1, 5, pure=True, extractable=True),
                FunctionResult(f"Store_{i}.save", 7, 12, pure=False, extractable=False,
                               reasons=[Reason("io", 9, "open(path, 'w')")]),
            ],
        )
        for i in range(files)
    ]  # fmt: skip
    return json.dumps(AnalysisResult(job_id, "large", "2026-11-26T03:00:00Z", 9.5, summary, rows).to_dict()).encode()


def _completed_large_job(stack: Served, http: httpx.Client) -> tuple[str, bytes]:
    """A job as the pipeline leaves a 678-file app's: completed, with a result over the inline limit in S3."""
    created = http.post("/analysis", json={"name": "large"})
    assert created.status_code == 201, created.text
    job_id = created.json()["job_id"]
    s3, dynamodb = _aws(stack, "s3"), _aws(stack, "dynamodb")
    bucket = s3.list_buckets()["Buckets"][0]["Name"]
    raw = _large_result(job_id, 12_000)
    s3.put_object(Bucket=bucket, Key=f"results/{job_id}.json", Body=raw, ContentType="application/json")
    jobs = DynamoJobs(Table(dynamodb.list_tables()["TableNames"][0], dynamodb))
    jobs.transition(job_id, JobStatus.AWAITING_UPLOAD, JobStatus.COMPLETED, progress=100)
    served = normalise_result(raw)
    assert len(served) > INLINE_MAX
    return job_id, served


def test_a_large_result_is_a_redirect_that_curl_l_compressed_follows(stack: Served) -> None:
    http = client(stack, "lena")
    job_id, expected = _completed_large_job(stack, http)

    # As `curl -L --compressed` does: any Accept, gzip accepted, redirects followed (the token stays behind)
    response = http.get(
        f"/analysis/{job_id}/result",
        headers={"Accept": "*/*", "Accept-Encoding": "gzip"},
        follow_redirects=True,
        timeout=60,
    )

    assert [r.status_code for r in response.history] == [307]
    assert str(response.url).startswith(stack.urls["AWS (moto)"])
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.content == expected  # decoded by the client: exactly the JSON the API would have sent


def test_a_large_result_with_accept_json_is_the_link_a_web_app_fetches(stack: Served) -> None:
    http = client(stack, "lena")
    job_id, expected = _completed_large_job(stack, http)

    response = http.get(f"/analysis/{job_id}/result", headers={"Accept": "application/json"}, timeout=60)

    assert response.status_code == 200, response.text
    link = response.json()
    assert set(link) == {"url", "expires_at"}
    assert httpx.get(link["url"], timeout=60).content == expected


def _multipart_upload(http: httpx.Client, size: int) -> httpx.Response:
    archive = b"PK\x03\x04" + b"\0" * (size - 4)
    return http.post("/analysis", files={"file": ("big.zip", archive, "application/zip")}, timeout=60)


def test_a_direct_upload_over_4_mb_is_a_413_that_says_why(stack: Served) -> None:
    """Just over the cap, the event still fits Lambda's 6 MB: the API itself refuses, explaining."""
    response = _multipart_upload(client(stack, "lena"), 4 * 1024 * 1024 + 1)
    assert response.status_code == 413, response.text
    error = response.json()["error"]
    assert error["code"] == "payload_too_large"
    assert "4 MB" in error["message"] and "base64" in error["message"] and "presigned" in error["message"]


def test_a_direct_upload_too_large_for_the_event_is_the_gateways_413(stack: Served) -> None:
    """At 4.8 MB the base64-encoded event is over Lambda's 6 MB: the gateway refuses before any function runs,
    with the template's REQUEST_TOO_LARGE response."""
    response = _multipart_upload(client(stack, "lena"), 4_800_000)
    assert response.status_code == 413, response.text
    error = response.json()["error"]
    assert error["code"] == "payload_too_large" and "presigned" in error["message"]
    assert response.headers["x-amzn-errortype"] == "REQUEST_TOO_LARGE"
