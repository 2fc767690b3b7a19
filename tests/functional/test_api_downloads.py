"""Downloads through the real API handler over moto: 307 to a presigned URL (or the link as JSON), JSON and
CSV exports produced from the stored result on first request, the pipeline's ZIP presigned as it is."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import requests  # fetches moto's presigned URLs inside mock_aws (NOTES-aws-local)
from purelift.services.jobs import safe_filename

from tests.functional.backend_support import BUCKET, Stack, api_event, call_api, example_zip, seed_job


def _link(job_id: str, fmt: str, user: str = "user-1") -> dict[str, str]:
    response = call_api(
        api_event("download", user=user, job_id=job_id, query={"format": fmt}, headers={"Accept": "application/json"})
    )
    assert response.status == 200, response.body
    link: dict[str, str] = response.json()
    return link


def test_download_redirects_to_a_presigned_url(stack: Stack) -> None:
    job_id = seed_job("user-1", name="Inventory app")
    response = call_api(api_event("download", job_id=job_id, query={"format": "csv"}))
    assert response.status == 307
    location = urlparse(response.headers["location"])
    assert location.path.endswith(f"/exports/{job_id}.csv")
    disposition = parse_qs(location.query)["response-content-disposition"][0]
    assert disposition == 'attachment; filename="Inventory_app.csv"'


def test_json_export_is_made_from_the_result_and_readable(stack: Stack) -> None:
    job_id = seed_job("user-1", name="재고 관리")
    link = _link(job_id, "json")
    assert link["filename"] == "analysis.json" and link["expires_at"].endswith("Z")
    body = requests.get(link["url"], timeout=10).content
    assert body.decode("utf-8").startswith("{\n") and f'"job_id": "{job_id}"' in body.decode("utf-8")
    assert "재고 관리" in body.decode("utf-8")  # ensure_ascii=False


def test_csv_export_has_a_bom_and_one_row_per_file(stack: Stack) -> None:
    job_id = seed_job("user-1")
    body = requests.get(_link(job_id, "csv")["url"], timeout=10).content
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0] == "File Path,LOC,UI %,Pure Functions,Classification,Web Ready"
    assert len(lines) == 3


def test_exports_are_produced_once(stack: Stack) -> None:
    job_id = seed_job("user-1")
    _link(job_id, "csv")
    first = stack.s3.head_object(Bucket=BUCKET, Key=f"exports/{job_id}.csv")["ETag"]
    _link(job_id, "csv")
    assert stack.s3.head_object(Bucket=BUCKET, Key=f"exports/{job_id}.csv")["ETag"] == first


def test_zip_is_the_pipelines(stack: Stack) -> None:
    job_id = seed_job("user-1", name="calc")
    link = _link(job_id, "zip")
    assert link["filename"] == "calc.zip"
    assert requests.get(link["url"], timeout=10).content == example_zip()


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("Inventory app", "csv", "Inventory_app.csv"),
        ("../../etc/passwd", "json", "etc_passwd.json"),
        ('quote"and;semicolon\r\nheader', "zip", "quote_and_semicolon_header.zip"),
        ("재고", "csv", "analysis.csv"),
        ("a" * 80, "json", "a" * 45 + ".json"),
        ("...", "zip", "analysis.zip"),
    ],
)
def test_filenames_are_sanitised(name: str, extension: str, expected: str) -> None:
    filename = safe_filename(name, extension)
    assert filename == expected and len(filename) <= 50
