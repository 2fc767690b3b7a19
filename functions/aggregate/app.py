"""Pipeline step Aggregate: the whole-project solve, result and extraction ZIP to S3, job `completed`."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.pipeline import pipeline


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    logger.append_keys(job_id=event["job_id"])
    return pipeline().aggregate(event["job_id"])
