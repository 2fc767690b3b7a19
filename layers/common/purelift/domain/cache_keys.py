"""Cache keys and their lifetimes (SPEC §6, the seed's names). The pipeline writes the same keys."""

from __future__ import annotations

import json
from dataclasses import replace

from purelift.domain.model import Job

RESULT_TTL = 24 * 3600
PROGRESS_TTL = 60
HISTORY_TTL = 5 * 60


def result(job_id: str) -> str:
    return f"analysis:result:{job_id}"


def progress(job_id: str) -> str:
    return f"analysis:progress:{job_id}"


def history(user_id: str) -> str:
    """A hash: one field per (limit, cursor) page, dropped whole when the user's jobs change."""
    return f"user:history:{user_id}"


PROGRESS_FIELDS = ("status", "progress", "files_done", "files_total", "updated_at")


def progress_value(job: Job) -> bytes:
    """What the pipeline writes under `progress(job_id)` each time a running job's progress changes."""
    return json.dumps(
        {name: str(getattr(job, name)) if name == "status" else getattr(job, name) for name in PROGRESS_FIELDS}
    ).encode()


def with_progress(job: Job, value: bytes) -> Job:
    """`job` with the progress fields of a cached entry (an entry of another state than the job's is ignored:
    the job moved on, and its own record is the truth)."""
    try:
        fields = json.loads(value)
        if not isinstance(fields, dict) or fields.get("status") != str(job.status):
            return job
        return replace(job, **{name: fields[name] for name in PROGRESS_FIELDS if name != "status"})
    except (ValueError, KeyError, TypeError):
        return job
