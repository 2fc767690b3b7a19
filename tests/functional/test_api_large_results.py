"""Large results through the real API handler over moto (issue 9 item 6): no response body over the inline limit
(`RESULT_INLINE_MAX_BYTES`, 5 MB by default: Lambda's own limit is 6 MB) ever leaves the function. A larger result
is a 307 to a presigned URL of a gzip copy of the stored result (`curl -L --compressed` follows it), or with
`Accept: application/json` the link itself; a small result is still returned inline."""

from __future__ import annotations

import gzip
import json

import pytest
import requests  # fetches moto's presigned URLs inside mock_aws (NOTES-aws-local)
from botocore.exceptions import ClientError
from purelift.settings import load_api_settings
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import BUCKET, Stack, api_event, call_api, seed_job

CURL = {"Accept": "*/*"}  # what `curl -L --compressed` sends (the sample event asks for JSON)


def _answer_size(job_id: str) -> int:
    """The size the result takes in the function's answer (JSON, the body escaped as a string), what the limit
    measures: Lambda's 6 MB applies to that, not to the body alone."""
    response = call_api(api_event("get_result", job_id=job_id, headers=CURL))
    assert response.status == 200, response.body
    return len(json.dumps(response.body))


def _limit(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setenv("RESULT_INLINE_MAX_BYTES", str(limit))
    api_wiring.reset()


def _fetch(url: str) -> tuple[requests.Response, bytes]:
    """What `curl -L --compressed` gets: the object as stored (gzip), and its bytes before decoding."""
    response = requests.get(url, timeout=10, stream=True)
    return response, response.raw.read(decode_content=False)


def test_the_inline_limit_defaults_to_5_mb_below_lambdas_6() -> None:
    env = {"TABLE_NAME": "tbl", "BUCKET_NAME": "bkt", "STATE_MACHINE_ARN": "arn"}
    assert load_api_settings(env).result_inline_max_bytes == 5 * 1024 * 1024


@pytest.mark.parametrize(("margin", "inline"), [(0, True), (1, True), (-1, False)], ids=["at", "under", "over"])
def test_only_a_result_over_the_limit_leaves_by_redirect(
    stack: Stack, monkeypatch: pytest.MonkeyPatch, margin: int, inline: bool
) -> None:
    # Given a completed job whose result takes `size` bytes in the answer, and an inline limit around that size
    job_id = seed_job("user-1")
    size = _answer_size(job_id)
    _limit(monkeypatch, size + margin)

    # When the owner asks for the result
    response = call_api(api_event("get_result", job_id=job_id, headers=CURL))

    # Then it is inline up to the limit, a 307 beyond
    assert response.status == (200 if inline else 307), response.body
    if inline:
        assert response.headers["content-type"] == "application/json"
        assert len(json.dumps(response.body)) == size
        with pytest.raises(ClientError):  # no gzip copy made for a result served inline
            stack.s3.head_object(Bucket=BUCKET, Key=f"results/{job_id}.json.gz")
    else:
        assert response.body == ""


def test_the_redirect_fetches_the_exact_result_gzip_encoded(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    job_id = seed_job("user-1")
    expected = call_api(api_event("get_result", job_id=job_id)).body.encode("utf-8")
    _limit(monkeypatch, 1024)

    redirect = call_api(api_event("get_result", job_id=job_id, headers=CURL))

    assert redirect.status == 307
    fetched, raw = _fetch(redirect.headers["location"])
    assert fetched.status_code == 200
    assert fetched.headers["content-encoding"] == "gzip"
    assert fetched.headers["content-type"] == "application/json"
    assert gzip.decompress(raw) == expected
    assert requests.get(redirect.headers["location"], timeout=10).content == expected  # decoded as clients do


def test_accept_json_gets_the_link_as_downloads_do(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    job_id = seed_job("user-1")
    expected = call_api(api_event("get_result", job_id=job_id)).body.encode("utf-8")
    _limit(monkeypatch, 1024)

    response = call_api(api_event("get_result", job_id=job_id, headers={"Accept": "application/json"}))

    assert response.status == 200, response.body
    link = response.json()
    assert set(link) == {"url", "expires_at"} and link["expires_at"].endswith("Z")
    fetched, raw = _fetch(link["url"])
    assert fetched.status_code == 200 and gzip.decompress(raw) == expected


def test_the_gzip_copy_is_made_once_and_deleted_with_the_job(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    job_id = seed_job("user-1")
    _limit(monkeypatch, 1024)
    assert call_api(api_event("get_result", job_id=job_id, headers=CURL)).status == 307
    key = f"results/{job_id}.json.gz"
    first = stack.s3.head_object(Bucket=BUCKET, Key=key)
    assert first["ContentEncoding"] == "gzip" and first["ContentType"] == "application/json"
    stack.s3.put_object(Bucket=BUCKET, Key=key, Body=b"marker")  # a second request must not write it again
    assert call_api(api_event("get_result", job_id=job_id, headers=CURL)).status == 307
    assert stack.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"marker"

    assert call_api(api_event("delete_job", job_id=job_id)).status == 204
    with pytest.raises(ClientError):
        stack.s3.head_object(Bucket=BUCKET, Key=key)


def test_a_large_result_is_still_refused_to_someone_who_may_not_see_it(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = seed_job("user-1")
    _limit(monkeypatch, 1024)
    response = call_api(api_event("get_result", user="user-2", job_id=job_id))
    assert response.status == 404 and "location" not in response.headers


def test_the_limit_measures_the_answer_not_the_utf8_body(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    """Non-ASCII text is written `\\uXXXX` in Lambda's JSON answer: a body under the limit in UTF-8 can be over it
    there, and must then leave by redirect too."""
    job_id = seed_job("user-1", name="재고" * 1000)
    body = call_api(api_event("get_result", job_id=job_id, headers=CURL)).body
    _limit(monkeypatch, len(body.encode("utf-8")) + 100)
    assert call_api(api_event("get_result", job_id=job_id, headers=CURL)).status == 307
