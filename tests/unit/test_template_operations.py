"""template.yaml is operable in production (issue 9 item 14): every log group keeps its logs LogRetentionDays,
every function, the state machine, the REST API and the table have alarms to the AlarmTopicArn topic (created only
when it is set), a failure the EventBridge -> MarkFailed path cannot record lands in a dead-letter queue, the
state machine and both APIs write logs, the bucket is versioned and access-logged, and every checkov check the
template skips says why. `make checkov` (a `make test` tier) runs the scanner itself; these read the template,
so they run without checkov's virtual environment."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from purelift.local.cfn import load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template()
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]
FUNCTIONS = sorted(lid for lid, res in RESOURCES.items() if res["Type"] == "AWS::Serverless::Function")
PUBLIC = {lid for lid in FUNCTIONS if lid == "ApiFunction" or lid == "AuthorizerFunction" or lid.startswith("Ws")}


def of_type(kind: str) -> dict[str, Any]:
    return {lid: res for lid, res in RESOURCES.items() if res["Type"] == kind}


def alarms_on(namespace: str, metric: str) -> list[dict[str, Any]]:
    return [
        res
        for res in of_type("AWS::CloudWatch::Alarm").values()
        if res["Properties"]["Namespace"] == namespace and res["Properties"]["MetricName"] == metric
    ]


def dimension(alarm: dict[str, Any], name: str) -> Any:
    return next(d["Value"] for d in alarm["Properties"]["Dimensions"] if d["Name"] == name)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_a_function_logs_to_its_own_group_kept_log_retention_days(function: str) -> None:
    group = RESOURCES[function]["Properties"]["LoggingConfig"]["LogGroup"]
    assert RESOURCES[group["Ref"]]["Type"] == "AWS::Logs::LogGroup"


def test_every_log_group_keeps_its_logs_log_retention_days() -> None:
    groups = of_type("AWS::Logs::LogGroup")
    assert len(groups) >= len(FUNCTIONS) + 3  # + the state machine, REST and WebSocket access logs
    assert {lid: res["Properties"]["RetentionInDays"] for lid, res in groups.items()} == {
        lid: {"Ref": "LogRetentionDays"} for lid in groups
    }


@pytest.mark.parametrize("metric", ["Errors", "Throttles"])
@pytest.mark.parametrize("function", FUNCTIONS)
def test_a_function_has_an_alarm_on_its_errors_and_throttles(function: str, metric: str) -> None:
    watched = [dimension(alarm, "FunctionName") for alarm in alarms_on("AWS/Lambda", metric)]
    assert {"Ref": function} in watched


@pytest.mark.parametrize(
    ("namespace", "metric", "dimension_name"),
    [
        ("AWS/States", "ExecutionsFailed", "StateMachineArn"),
        ("AWS/States", "ExecutionsTimedOut", "StateMachineArn"),
        ("AWS/ApiGateway", "5XXError", "ApiName"),
        ("AWS/DynamoDB", "ReadThrottleEvents", "TableName"),
        ("AWS/DynamoDB", "WriteThrottleEvents", "TableName"),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName"),
    ],
)
def test_the_pipeline_api_table_and_dead_letters_have_alarms(namespace: str, metric: str, dimension_name: str) -> None:
    (alarm,) = alarms_on(namespace, metric)
    assert dimension(alarm, dimension_name)


def test_alarms_exist_only_with_a_topic_and_notify_it() -> None:
    alarms = of_type("AWS::CloudWatch::Alarm")
    assert alarms
    assert TEMPLATE["Parameters"]["AlarmTopicArn"]["Default"] == ""
    assert TEMPLATE["Conditions"]["AlarmsEnabled"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmTopicArn"}, ""]}]}
    for alarm in alarms.values():
        assert alarm["Condition"] == "AlarmsEnabled"
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopicArn"}]


def test_what_cannot_mark_a_job_failed_lands_in_a_dead_letter_queue() -> None:
    mark_failed = RESOURCES["MarkFailedFunction"]["Properties"]
    queue = {"Fn::GetAtt": ["FailureDeadLetterQueue", "Arn"]}
    assert mark_failed["DeadLetterQueue"] == {"Type": "SQS", "TargetArn": queue}
    (rule,) = [event["Properties"] for event in mark_failed["Events"].values() if event["Type"] == "EventBridgeRule"]
    assert rule["DeadLetterConfig"] == {"Arn": queue}
    assert rule["RetryPolicy"]["MaximumRetryAttempts"] > 0
    policy = RESOURCES["FailureDeadLetterQueuePolicy"]["Properties"]["PolicyDocument"]["Statement"][0]
    assert policy["Principal"] == {"Service": "events.amazonaws.com"}


def test_the_state_machine_logs_to_a_group_its_role_may_deliver_to() -> None:
    props = RESOURCES["AnalysisStateMachine"]["Properties"]
    (destination,) = props["Logging"]["Destinations"]
    group = destination["CloudWatchLogsLogGroup"]["LogGroupArn"]["Fn::GetAtt"][0]
    assert RESOURCES[group]["Type"] == "AWS::Logs::LogGroup"
    actions = {a for p in props["Policies"] if "Statement" in p for s in p["Statement"] for a in s["Action"]}
    assert {"logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeLogGroups"} <= actions


@pytest.mark.parametrize(("api", "setting"), [("RestApi", "AccessLogSetting"), ("WebSocketStage", "AccessLogSettings")])
def test_both_apis_write_access_logs(api: str, setting: str) -> None:
    access = RESOURCES[api]["Properties"][setting]
    group = access["DestinationArn"]["Fn::GetAtt"][0]
    assert RESOURCES[group]["Type"] == "AWS::Logs::LogGroup"
    assert "$context.requestId" in access["Format"]


def test_the_bucket_is_versioned_expires_old_versions_and_logs_its_accesses() -> None:
    props = RESOURCES["Bucket"]["Properties"]
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    assert any("NoncurrentVersionExpiration" in rule for rule in props["LifecycleConfiguration"]["Rules"])
    target = props["LoggingConfiguration"]["DestinationBucketName"]["Ref"]
    assert RESOURCES[target]["Type"] == "AWS::S3::Bucket"


@pytest.mark.parametrize("function", FUNCTIONS)
def test_a_public_function_has_a_reserved_concurrency_parameter(function: str) -> None:
    reserved = RESOURCES[function]["Properties"].get("ReservedConcurrentExecutions")
    if function in PUBLIC:
        assert reserved == {
            "Fn::If": ["ConcurrencyLimited", {"Ref": "PublicFunctionConcurrency"}, {"Ref": "AWS::NoValue"}]
        }
    else:  # the pipeline's functions: bounded by the Map's concurrency, skipped with the reason
        assert "CKV_AWS_115" in skipped(function)


def skipped(logical_id: str) -> dict[str, str]:
    skips = ((RESOURCES[logical_id].get("Metadata") or {}).get("checkov") or {}).get("skip") or []
    return {skip["id"]: skip.get("comment", "") for skip in skips}


def test_every_checkov_skip_says_why() -> None:
    skips = {(lid, check): why for lid in RESOURCES for check, why in skipped(lid).items()}
    assert skips
    assert {key: why for key, why in skips.items() if len(why.split()) < 6} == {}


def test_make_test_runs_checkov_from_its_own_virtual_environment() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    tiers = re.search(r"^TIERS\s*:=\s*(.+)$", makefile, re.M)
    assert tiers and "checkov" in tiers.group(1).split()
    assert re.search(
        r"^checkov: \$\(CHECKOV_STAMP\)\n\t\$\(CHECKOV_VENV\)/bin/checkov -f template.yaml", makefile, re.M
    )
    assert re.search(r"pip install --quiet checkov==\S+", makefile)
