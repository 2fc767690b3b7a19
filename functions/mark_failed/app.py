"""Pipeline step MarkFailed (every Catch, and the execution's own timeout through EventBridge): the job
becomes `failed` with a message a user can act on, and `error` is pushed."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.events import failure
from purelift.wiring.pipeline import pipeline


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    job_id, error, cause = failure(event)
    logger.append_keys(job_id=job_id)
    logger.info("marking the job failed", extra={"error": error})
    return pipeline().mark_failed(job_id, error, cause)
