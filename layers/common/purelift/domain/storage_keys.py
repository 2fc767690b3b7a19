"""Where a job's objects live in the bucket (SPEC §6). The writer and the reader of each object take its key
from here, so the two cannot drift apart; the template's lifecycle rules and IAM prefixes follow the same
layout.

| object    | key                                     | written by               | read by                 |
|-----------|-----------------------------------------|--------------------------|-------------------------|
| upload    | `uploads/{job}/source.zip`              | the browser or the API   | Prepare                 |
| sources   | `jobs/{job}/sources/{index:05d}.json`   | Prepare                  | AnalyzeBatch, Aggregate, API |
| manifest  | `jobs/{job}/manifest.json`              | Prepare                  | Aggregate, the API      |
| summaries | `jobs/{job}/summaries/{index:05d}.json` | AnalyzeBatch             | Aggregate               |
| result    | `results/{job}.json`                    | Aggregate                | the API                 |
| result.gz | `results/{job}.json.gz`                 | the API (large results)  | the client (presigned)  |
| export    | `exports/{job}.{json,csv,zip}`          | the API (zip: Aggregate) | the API (presigned GET) |

`result.gz` is a copy of the result as the API serves it, gzip-compressed and stored with `Content-Encoding: gzip`
and `Content-Type: application/json`: a result over the API's inline limit leaves through a presigned GET of it,
which `curl -L --compressed`, browsers and HTTP clients decode transparently. The result itself stays plain JSON,
so the pipeline and every other reader are unchanged.
"""

from __future__ import annotations

# The prefixes the template's lifecycle rules expire after the retention period (`RetentionDays`).
RESULTS_PREFIX, EXPORTS_PREFIX = "results/", "exports/"


def upload_key(job_id: str) -> str:
    return f"uploads/{job_id}/source.zip"


def batch_key(job_id: str, index: int) -> str:
    return f"jobs/{job_id}/sources/{index:05d}.json"


def manifest_key(job_id: str) -> str:
    return f"jobs/{job_id}/manifest.json"


def summaries_key(job_id: str, index: int) -> str:
    return f"jobs/{job_id}/summaries/{index:05d}.json"


def result_key(job_id: str) -> str:
    return f"{RESULTS_PREFIX}{job_id}.json"


def result_gzip_key(job_id: str) -> str:
    return f"{result_key(job_id)}.gz"


def export_key(job_id: str, fmt: str) -> str:
    return f"{EXPORTS_PREFIX}{job_id}.{fmt}"


def job_prefixes(job_id: str) -> tuple[str, ...]:
    """Every prefix under which the job has objects: what deleting the job removes (the trailing `/` and `.`
    keep one job's prefix from matching another job whose id starts the same way). `result_key` as a prefix also
    covers the result's gzip copy (`result_gzip_key`)."""
    return (f"uploads/{job_id}/", f"jobs/{job_id}/", result_key(job_id), f"exports/{job_id}.")
