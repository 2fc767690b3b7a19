"""The state machine as template.yaml defines it: shape, error handling, limits, payloads, permissions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from purelift.local.cfn import load_template, resource

TRANSIENT = {"ServiceUnavailableError", "Lambda.ServiceException", "Lambda.TooManyRequestsException"}
PIPELINE_FUNCTIONS = ("PrepareFunction", "AnalyzeBatchFunction", "AggregateFunction", "MarkFailedFunction")


def definition() -> dict[str, Any]:
    body: dict[str, Any] = resource("AnalysisStateMachine")["Properties"]["Definition"]
    return body


def tasks(states: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, state in states.items():
        yield name, state
        if state["Type"] == "Map":
            yield from tasks(state["ItemProcessor"]["States"])


def test_prepare_map_aggregate_with_mark_failed_behind_every_step() -> None:
    body = definition()
    states = body["States"]
    assert body["StartAt"] == "Prepare"
    assert states["Prepare"]["Next"] == "AnalyzeFiles"
    assert states["AnalyzeFiles"]["Type"] == "Map" and states["AnalyzeFiles"]["Next"] == "Aggregate"
    assert states["Aggregate"].get("End") is True
    assert states["AnalyzeFiles"]["ItemProcessor"]["StartAt"] == "AnalyzeBatch"
    for name in ("Prepare", "AnalyzeFiles", "Aggregate"):
        (catch,) = states[name]["Catch"]
        assert catch == {"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "MarkFailed"}
    assert states["MarkFailed"]["Next"] == "Failed" and states["Failed"]["Type"] == "Fail"


def test_every_task_retries_transient_errors_with_short_backoff_and_has_a_timeout() -> None:
    for name, state in tasks(definition()["States"]):
        if state["Type"] != "Task":
            continue
        assert 0 < state["TimeoutSeconds"] <= 930, name
        retried = set().union(*(set(r["ErrorEquals"]) for r in state["Retry"]))
        assert retried >= TRANSIENT or retried == {"States.ALL"}, name
        for retry in state["Retry"]:
            assert retry["IntervalSeconds"] <= 2 and retry["BackoffRate"] >= 1 and retry["MaxAttempts"] <= 8, name


def test_the_whole_execution_has_a_timeout_and_its_end_marks_the_job_failed() -> None:
    assert 0 < definition()["TimeoutSeconds"] <= 24 * 3600
    rule = resource("MarkFailedFunction")["Properties"]["Events"]["ExecutionEnded"]
    assert rule["Type"] == "EventBridgeRule"
    pattern = rule["Properties"]["Pattern"]
    assert set(pattern["detail"]["status"]) == {"TIMED_OUT", "ABORTED", "FAILED"}
    assert pattern["detail"]["stateMachineArn"] == [{"Ref": "AnalysisStateMachine"}]


def test_map_concurrency_and_batch_size_are_template_parameters() -> None:
    parameters = load_template()["Parameters"]
    assert parameters["MapMaxConcurrency"]["Type"] == "Number"
    assert definition()["States"]["AnalyzeFiles"]["MaxConcurrencyPath"] == "$.prepared.max_concurrency"
    env = resource("PrepareFunction")["Properties"]["Environment"]["Variables"]
    assert env["MAP_MAX_CONCURRENCY"] == {"Ref": "MapMaxConcurrency"}
    assert env["BATCH_SIZE"] == {"Ref": "BatchSize"}


def test_payloads_are_keys_and_counts() -> None:
    states = definition()["States"]
    assert states["Prepare"]["Parameters"] == {
        "job_id.$": "$.job_id",
        "source_key.$": "$.source_key",
        "name.$": "$.name",
    }
    assert states["AnalyzeFiles"]["ItemSelector"] == {"job_id.$": "$.job_id", "batch.$": "$$.Map.Item.Value"}
    assert states["AnalyzeFiles"]["ResultPath"] is None  # batch outputs are dropped, not accumulated
    assert states["Aggregate"]["Parameters"] == {"job_id.$": "$.job_id"}


def test_functions_are_conventional_and_least_privilege() -> None:
    policies = resource("AnalysisStateMachine")["Properties"]["Policies"]
    invoke = [p for p in policies if "LambdaInvokePolicy" in p]
    assert {p["LambdaInvokePolicy"]["FunctionName"]["Ref"] for p in invoke} == set(PIPELINE_FUNCTIONS)
    # Besides invoking its functions, the role may only deliver the execution logs (no resource to name).
    (logs,) = [p["Statement"] for p in policies if "LambdaInvokePolicy" not in p]
    assert {action.split(":")[0] for statement in logs for action in statement["Action"]} == {"logs"}
    for logical_id, body in load_template()["Resources"].items():
        if body["Type"] != "AWS::Serverless::Function" or logical_id in ("ApiFunction", "AuthorizerFunction"):
            continue
        props = body["Properties"]
        assert props["Handler"] == "app.handler"
        assert props["CodeUri"].startswith("functions/") and props["CodeUri"].endswith("/")
        for policy in props["Policies"]:
            for statement in policy["Statement"]:
                actions = statement["Action"]
                assert all("*" not in action for action in actions), logical_id
                assert statement["Resource"] != "*", logical_id


def test_s3_access_is_by_prefix() -> None:
    def s3_resources(logical_id: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for statement in resource(logical_id)["Properties"]["Policies"][0]["Statement"]:
            if statement["Action"][0].startswith("s3:"):
                targets = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
                for action in statement["Action"]:
                    out.setdefault(action, set()).update(t["Fn::Sub"].split("/")[1] for t in targets)
        return out

    # A step deletes what it wrote when the job was deleted meanwhile (by key: no s3:ListBucket), so it may
    # delete where it writes, and nowhere else.
    assert s3_resources("PrepareFunction") == {
        "s3:GetObject": {"uploads"},
        "s3:PutObject": {"jobs"},
        "s3:DeleteObject": {"jobs"},
    }
    assert s3_resources("AnalyzeBatchFunction") == {
        "s3:GetObject": {"jobs"},
        "s3:PutObject": {"jobs"},
        "s3:DeleteObject": {"jobs"},
    }
    assert s3_resources("AggregateFunction") == {
        "s3:GetObject": {"jobs"},
        "s3:PutObject": {"results", "exports"},
        "s3:DeleteObject": {"results", "exports"},
    }
    assert s3_resources("MarkFailedFunction") == {}


def test_steps_that_take_the_push_lease_may_check_the_job_in_the_same_transaction() -> None:
    """The push lease is taken in one transaction with a `ConditionCheck` on the job item (a deleted job's lease
    is never recreated): Prepare and AnalyzeBatch, which take it, need `dynamodb:ConditionCheckItem`."""
    for logical_id in ("PrepareFunction", "AnalyzeBatchFunction"):
        actions = {
            action
            for statement in resource(logical_id)["Properties"]["Policies"][0]["Statement"]
            for action in statement["Action"]
        }
        assert {"dynamodb:ConditionCheckItem", "dynamodb:UpdateItem", "dynamodb:GetItem"} <= actions, logical_id
