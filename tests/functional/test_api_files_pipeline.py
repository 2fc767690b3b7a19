"""`GET /analysis/{job_id}/files/{path}` over what the REAL pipeline stored: template.yaml's state machine over
moto, the example app in several batches (its own module: the pipeline fixture builds its own stack)."""

from __future__ import annotations

from pathlib import Path

from purelift.analysis import decode_source, read_archive

from tests.functional.backend_support import api_event, call_api
from tests.functional.realtime_support import PipelineStack, failures, wait_for_execution, zip_folder
from tests.functional.test_api_files import get_file
from tests.functional.test_pipeline import submit


def test_every_file_the_pipeline_stored_is_served_as_the_engine_read_it(
    pipeline_stack: PipelineStack, example_app: Path
) -> None:
    # Given the example app analysed by the real pipeline, in batches of 2 files (5 batches)
    archive = zip_folder(example_app)
    job_id = submit(pipeline_stack, archive, "tkcalc")
    assert wait_for_execution(pipeline_stack.stack, job_id)["status"] == "SUCCEEDED", failures(
        pipeline_stack.stack, job_id
    )
    result = call_api(api_event("get_result", job_id=job_id)).json()
    originals = {f.path: f.data for f in read_archive(archive, "source.zip").files}
    assert sorted(f["path"] for f in result["files"]) == sorted(originals)

    # When each file of the result is asked for, Then it is its text as the engine decoded it, as text/plain UTF-8
    for path, data in originals.items():
        response = get_file(job_id, path)
        assert response.status == 200, (path, response.body)
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "private, no-cache"
        assert response.body == decode_source(data), path
