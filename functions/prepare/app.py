"""Pipeline step Prepare: read the upload safely, store sources in batches and a manifest, set `running`."""

from __future__ import annotations

from typing import Any

from purelift.observability import logger
from purelift.wiring.pipeline import pipeline


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    logger.append_keys(job_id=event["job_id"])
    return pipeline().prepare(event["job_id"], event["source_key"], event.get("name"))
