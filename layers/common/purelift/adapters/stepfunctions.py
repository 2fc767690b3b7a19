"""Starts and stops the analysis state machine (SPEC §5). One execution per job: the execution is named after
the job id, so a retried start cannot run the analysis twice; deleting a running job stops its execution."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from purelift.domain.errors import ServiceUnavailableError


class StepFunctionsOrchestrator:
    """Implements `Orchestrator`."""

    def __init__(self, state_machine_arn: str, client: Any | None = None) -> None:
        if client is None:
            import boto3

            client = boto3.client("stepfunctions")
        self._client = client
        self._arn = state_machine_arn

    def execution_arn(self, job_id: str) -> str:
        return self._arn.replace(":stateMachine:", ":execution:", 1) + f":{job_id}"

    def start(self, job_id: str, payload: Mapping[str, Any]) -> str:
        try:
            response = self._client.start_execution(
                stateMachineArn=self._arn, name=job_id, input=json.dumps(dict(payload))
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ExecutionAlreadyExists":
                return self.execution_arn(job_id)
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
        return str(response["executionArn"])

    def stop(self, execution_id: str) -> None:
        """`StopExecution` (the execution ends `ABORTED`; the step running then finishes, and finds its job gone).
        Stopping an execution that has ended changes nothing; an unknown one is nothing to stop."""
        try:
            self._client.stop_execution(executionArn=execution_id, cause="The job was deleted.")
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ExecutionDoesNotExist":
                return
            raise ServiceUnavailableError from exc
        except BotoCoreError as exc:
            raise ServiceUnavailableError from exc
