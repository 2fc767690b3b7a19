"""`GET /analysis/{job_id}/files/{path}`: the text of one analysed file (SPEC §3), through the real API handler.

What the real pipeline stored (template.yaml's state machine over moto, several batches) is served back file by
file, as the engine decoded it; anything that is not one of the job's files is 404 `file_not_found` whatever its
spelling (`..`, absolute, backslashes, NUL, percent-encodings); a job whose files are not stored yet is 409
`files_not_ready`; a text too large for a Lambda answer is 413 `file_too_large`. Who may read is the permission
matrix's business (`test_permission_matrix.py`, the `file` cells)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from purelift.domain.model import Role
from purelift.domain.storage_keys import manifest_key
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import (
    BUCKET,
    EXAMPLE_JOB,
    SAMPLE_SOURCES,
    Response,
    Stack,
    api_event,
    call_api,
    seed_job,
    seed_share,
    seed_sources,
    seed_team,
)


def get_file(job_id: str, path: str, user: str = "user-1", role: Role = Role.USER) -> Response:
    """The `get_file` event aimed at `path`, spelled exactly as given (API Gateway hands the path to the function
    as it received it; the handler must never normalise it into another file)."""
    event: dict[str, Any] = copy.deepcopy(api_event("get_file", user=user, role=role, job_id=job_id))
    event["path"] = f"/api/v1/analysis/{job_id}/files/{path}"
    event["pathParameters"] = {"proxy": f"v1/analysis/{job_id}/files/{path}"}
    event["requestContext"]["path"] = f"/prod{event['path']}"
    return call_api(event)


def test_a_file_in_a_legacy_encoding_is_served_as_utf8(module_stack: Stack) -> None:
    # Given a file declaring latin-1 (PEP 263) and a file with a UTF-8 BOM
    job_id = seed_job("user-1")
    latin = "# -*- coding: latin-1 -*-\nNAME = 'café'\n"
    seed_sources(job_id, {"app/latin.py": latin.encode("latin-1"), "app/bom.py": b"\xef\xbb\xbfX = '\xea\xb0\x80'\n"})

    # When each is read, Then the answer is the decoded text in UTF-8 (the BOM is not part of the text)
    assert get_file(job_id, "app/latin.py").body == latin
    assert get_file(job_id, "app/bom.py").body == "X = '가'\n"


BAD_PATHS = {
    "parent": "../calc.py",
    "parent-inside": "app/../app/calc.py",  # names a real file once normalised: still not a path of the job
    "dot": "./app/calc.py",
    "dot-inside": "app/./calc.py",
    "absolute": "/app/calc.py",
    "double-slash": "app//calc.py",
    "trailing-slash": "app/calc.py/",
    "folder": "app",
    "backslash": "app\\calc.py",
    "backslash-parent": "..\\app\\calc.py",
    "nul": "app/calc.py\x00",
    "nul-inside": "app/calc.py\x00.png",
    "control": "app/\ncalc.py",
    "encoded-dots": "%2e%2e/app/calc.py",
    "encoded-nul": "app/calc.py%00",
    "double-encoded": "%252e%252e%252fapp/calc.py",
    "encoded-backslash": "app%5Ccalc.py",
    "overlong-utf8-dot": "%c0%ae%c0%ae/app/calc.py",
    "fullwidth-dot": "\uff0e\uff0e/app/calc.py",
    "other-case": "App/Calc.py",
    "long": "a/" * 600 + "calc.py",
    "unknown": "app/nothing.py",
    "result-key": "../../results/x.json",
}


@pytest.mark.parametrize("path", list(BAD_PATHS.values()), ids=list(BAD_PATHS))
def test_a_path_that_is_not_one_of_the_jobs_files_is_404(module_stack: Stack, path: str) -> None:
    # Given a completed job with app/calc.py and app/gui.py
    job_id = seed_job("user-1")

    # When the owner asks for a path spelled otherwise
    response = get_file(job_id, path)

    # Then it is 404 file_not_found, never another file's text (a line break does not even match the route: the
    # router's own 404 `not_found`)
    expected = "not_found" if "\n" in path else "file_not_found"
    assert (response.status, response.json()["error"]["code"]) == (404, expected), response.body
    assert "return a + b" not in response.body and "tkinter" not in response.body


def test_a_percent_encoded_path_is_decoded_once(module_stack: Stack) -> None:
    # Given files whose names a client must encode (a space, non-ASCII), as a browser's encodeURIComponent does
    job_id = seed_job("user-1")
    seed_sources(job_id, {"app/my file.py": b"A = 1\n", "app/한글.py": b"B = 2\n", "app/%41.py": b"C = 3\n"})

    # Then the path is decoded exactly once (the adapter decodes the event's path, as for every route)
    assert get_file(job_id, "app/my%20file.py").body == "A = 1\n"
    assert get_file(job_id, "app%2Fmy%20file.py").body == "A = 1\n"  # an encoded `/` is the same path
    assert get_file(job_id, "app/%ED%95%9C%EA%B8%80.py").body == "B = 2\n"
    assert get_file(job_id, "app/%2541.py").body == "C = 3\n"  # `%25` is a literal `%`, not decoded twice
    assert get_file(job_id, "app/%41.py").status == 404  # `%41` is `A`: app/A.py is not a file of the job


def test_a_file_of_another_job_is_not_a_file_of_this_one(module_stack: Stack) -> None:
    # Given two jobs of the same owner, one holding a file the other does not
    mine, other = seed_job("user-1"), seed_job("user-1")
    seed_sources(other, {"app/secret.py": b"TOKEN = 'other job'\n"})

    # When the file is asked for through the first job, Then it is unknown there
    assert get_file(mine, "app/secret.py").json()["error"]["code"] == "file_not_found"
    assert get_file(other, "app/secret.py").body == "TOKEN = 'other job'\n"


def test_the_bisection_finds_every_file_over_many_batches(module_stack: Stack) -> None:
    # Given 40 files in batches of 3 (names chosen so that byte order and a naive order disagree)
    job_id = seed_job("user-1")
    files = {f"pkg{i % 7}/{'_' if i % 2 else 'Z'}mod{i}.py": f"N = {i}\n".encode() for i in range(40)}
    seed_sources(job_id, files, per_batch=3)

    # Then each is found, and a name between two stored names is not
    for path, data in files.items():
        assert get_file(job_id, path).body == data.decode(), path
    assert get_file(job_id, "pkg3/Zmod0.py").status == 404


@pytest.mark.parametrize("status", ["awaiting_upload", "queued", "running"])
def test_a_job_whose_files_are_not_stored_yet_is_409(module_stack: Stack, status: str) -> None:
    job_id = seed_job("user-1", status=status)

    response = get_file(job_id, "app/calc.py")

    assert (response.status, response.json()["error"]["code"]) == (409, "files_not_ready"), response.body


def test_a_job_that_failed_before_storing_its_files_has_none(module_stack: Stack) -> None:
    job_id = seed_job("user-1", status="failed")

    assert get_file(job_id, "app/calc.py").json()["error"]["code"] == "file_not_found"


def test_a_running_job_serves_what_prepare_already_stored(module_stack: Stack) -> None:
    job_id = seed_job("user-1", status="running")
    seed_sources(job_id, SAMPLE_SOURCES)

    assert get_file(job_id, "app/calc.py").body == SAMPLE_SOURCES["app/calc.py"].decode()


def test_an_invisible_job_is_404_whatever_the_path(module_stack: Stack) -> None:
    # Given someone else's job, and a job id that does not exist
    job_id = seed_job("someone-else")

    # Then an outsider learns nothing: job_not_found for a real file, a bad path and an unknown job alike
    for target, path in ((job_id, "app/calc.py"), (job_id, "../x"), (EXAMPLE_JOB, "app/calc.py")):
        response = get_file(target, path, user="outsider")
        assert (response.status, response.json()["error"]["code"]) == (404, "job_not_found"), response.body


def test_a_team_member_with_view_reads_without_download(module_stack: Stack) -> None:
    job_id = seed_job("owner-x")
    team_id = seed_team("readers", {"reader": False})
    seed_share(job_id, team_id, view=True, download=False)

    assert get_file(job_id, "app/gui.py", user="reader").body == SAMPLE_SOURCES["app/gui.py"].decode()


@pytest.fixture
def small_inline_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("RESULT_INLINE_MAX_BYTES", "1024")
    api_wiring.reset()
    yield
    monkeypatch.undo()
    api_wiring.reset()


def test_a_file_too_large_for_a_lambda_answer_is_413(module_stack: Stack, small_inline_limit: None) -> None:
    # Given an inline limit of 1 KB and a file whose JSON-escaped text is over it (control characters: 6 bytes each)
    job_id = seed_job("user-1")
    seed_sources(job_id, {"app/big.py": b"X = 1\n" * 300, "app/escaped.py": b"#\x01\n" * 150, "app/ok.py": b"Y\n"})

    # Then the large and the escaped one are refused with a code, the small one served
    for path in ("app/big.py", "app/escaped.py"):
        response = get_file(job_id, path)
        assert (response.status, response.json()["error"]["code"]) == (413, "file_too_large"), path
    assert get_file(job_id, "app/ok.py").body == "Y\n"


def test_a_completed_job_whose_stored_files_are_gone_has_none(module_stack: Stack) -> None:
    # Given a completed job whose manifest is gone (its intermediate objects expire after 7 days)
    job_id = seed_job("user-1")
    module_stack.s3.delete_object(Bucket=BUCKET, Key=manifest_key(job_id))

    assert get_file(job_id, "../../etc/passwd").json()["error"]["code"] == "file_not_found"
    assert get_file(job_id, "app/calc.py").json()["error"]["code"] == "file_not_found"


def test_the_openapi_document_declares_the_route(module_stack: Stack) -> None:
    document = call_api(api_event("openapi", user=None)).json()
    operation = document["paths"]["/api/v1/analysis/{job_id}/files/{path}"]["get"]
    assert "text/plain; charset=utf-8" in operation["responses"]["200"]["content"]
    assert {"404", "409", "413"} <= set(operation["responses"])
    assert operation["security"] == [{"bearerAuth": []}]
