"""Pipeline step AnalyzeBatch: the engine's per-file half over one batch; `files_done` advanced once."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.pipeline import pipeline


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    logger.append_keys(job_id=event["job_id"], batch=event["batch"]["index"])
    return pipeline().analyze_batch(event["job_id"], int(event["batch"]["index"]))
