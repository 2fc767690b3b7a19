"""Cache keys and their lifetimes (SPEC §6, the seed's names). The pipeline writes the same keys."""

from __future__ import annotations

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
