"""The template's data resources, created in moto from their own definitions, are what the code expects."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from purelift.local.cfn import LocalTemplate, load_template, resource
from purelift.local.resources import create_bucket

from tests.functional.backend_support import BUCKET, TABLE, Stack


def test_table_from_template_has_keys_index_ttl_and_recovery(stack: Stack) -> None:
    table = stack.dynamodb.describe_table(TableName=TABLE)["Table"]
    assert [k["AttributeName"] for k in table["KeySchema"]] == ["PK", "SK"]
    (gsi,) = table["GlobalSecondaryIndexes"]
    assert gsi["IndexName"] == "GSI1"
    assert [k["AttributeName"] for k in gsi["KeySchema"]] == ["GSI1PK", "GSI1SK"]
    ttl = stack.dynamodb.describe_time_to_live(TableName=TABLE)["TimeToLiveDescription"]
    assert ttl == {"AttributeName": "ttl", "TimeToLiveStatus": "ENABLED"}
    backups = stack.dynamodb.describe_continuous_backups(TableName=TABLE)["ContinuousBackupsDescription"]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"


def test_bucket_from_template_is_private_encrypted_and_expires_uploads_and_exports(stack: Stack) -> None:
    block = stack.s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"]
    assert all(block.values())
    encryption = stack.s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"]
    assert encryption["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    rules = stack.s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    expiring = {rule["Filter"]["Prefix"] for rule in rules if rule.get("Expiration")}
    assert {"uploads/", "exports/"} <= expiring


def test_the_bucket_answers_the_web_apps_origin_only(stack: Stack) -> None:
    # Given the template's default (WebOrigin empty): one origin, the distribution serving the web app, never `*`
    assert resource_parameters()["WebOrigin"]["Default"] == ""
    (rule,) = stack.s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"]
    (origin,) = rule["AllowedOrigins"]
    assert origin == f"https://{LocalTemplate().get_att('Distribution', 'DomainName')}" and "*" not in origin

    # When the web app's origin is given, Then exactly that origin may POST (upload) and GET (large results)
    template = LocalTemplate(parameters={"WebOrigin": "https://d111111abcdef8.cloudfront.net"})
    create_bucket(stack.s3, "with-web-origin", template=template)
    (rule,) = stack.s3.get_bucket_cors(Bucket="with-web-origin")["CORSRules"]
    assert rule["AllowedOrigins"] == ["https://d111111abcdef8.cloudfront.net"]
    assert sorted(rule["AllowedMethods"]) == ["GET", "POST"]
    assert rule["ExposeHeaders"] == ["ETag"]


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        ("", True),
        ("http://127.0.0.1:8000", True),
        ("https://d111111abcdef8.cloudfront.net", True),
        ("https://app.example.com", True),
        ("*", False),
        ("https://app.example.com/", False),
        ("https://app.example.com/path", False),
        ("app.example.com", False),
        ("https://*.example.com", False),
    ],
)
def test_web_origin_takes_one_origin_never_a_wildcard(origin: str, accepted: bool) -> None:
    pattern = resource_parameters()["WebOrigin"]["AllowedPattern"]
    assert (re.fullmatch(pattern, origin) is not None) is accepted


def test_bucket_from_template_expires_noncurrent_versions_of_the_whole_bucket(stack: Stack) -> None:
    # A rule without a Prefix (the whole bucket) reaches the local bucket with its noncurrent-version expiry.
    rules = stack.s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    (noncurrent,) = [rule for rule in rules if "NoncurrentVersionExpiration" in rule]
    assert noncurrent["Filter"] == {"Prefix": ""}
    assert noncurrent["NoncurrentVersionExpiration"]["NoncurrentDays"] > 0


def test_state_machine_from_template_exists(stack: Stack) -> None:
    described = stack.sfn.describe_state_machine(stateMachineArn=stack.state_machine_arn)
    assert described["status"] == "ACTIVE"


def test_functions_share_the_globals_and_least_privilege_policies() -> None:
    template = load_template()
    function_globals = template["Globals"]["Function"]
    assert function_globals["Runtime"] == "python3.12"
    assert function_globals["Tracing"] == "Active"
    assert {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL"} <= set(
        function_globals["Environment"]["Variables"]
    )
    policies = resource("ApiFunction")["Properties"]["Policies"]
    assert {next(iter(p)) for p in policies} == {
        "DynamoDBCrudPolicy",
        "S3CrudPolicy",
        "StepFunctionsExecutionPolicy",
        "Statement",
    }
    # Deleting a running job stops its execution: StopExecution on this state machine's executions only.
    (stop,) = [statement for p in policies for statement in p.get("Statement", [])]
    assert stop["Action"] == ["states:StopExecution"]
    assert ":execution:${AnalysisStateMachine.Name}:*" in stop["Resource"]["Fn::Sub"]
    layer = resource("CommonLayer")
    # Built by layers/common/Makefile (the package without its development tooling), for the functions' runtime.
    assert layer["Metadata"]["BuildMethod"] == "makefile"
    assert layer["Properties"]["CompatibleRuntimes"] == [function_globals["Runtime"]]
    assert layer["Metadata"]["BuildArchitecture"] in function_globals["Architectures"]


def test_cache_and_vpc_only_behind_the_condition() -> None:
    template = load_template()
    for logical_id, body in template["Resources"].items():
        if body["Type"].startswith(("AWS::ElastiCache", "AWS::EC2::")):
            assert body.get("Condition") == "CacheEnabled", logical_id
    vpc = resource("ApiFunction")["Properties"]["VpcConfig"]
    assert vpc["Fn::If"][0] == "CacheEnabled" and vpc["Fn::If"][2] == {"Ref": "AWS::NoValue"}


def test_the_rest_authorizer_is_keyed_and_cached_on_the_authorization_header_only() -> None:
    """The authorizer reads REST tokens from `Authorization` only (purelift.auth.authorizer): the identity
    source, hence API Gateway's cache key, must be that header and nothing else."""
    auth = resource("RestApi")["Properties"]["Auth"]
    identity = auth["Authorizers"][auth["DefaultAuthorizer"]]["Identity"]
    assert identity["Headers"] == ["Authorization"]
    assert not {"QueryStrings", "StageVariables", "Context"} & set(identity)
    assert 0 < identity["ReauthorizeEvery"] <= 300


def test_results_and_exports_expire_after_the_retention_parameter(stack: Stack) -> None:
    """One stated period (the `RetentionDays` parameter, 90 days by default) for what a finished job leaves:
    the S3 lifecycle of `results/` and `exports/`, and the `ttl` of the job's item (the functions read it
    as RETENTION_DAYS)."""
    from purelift.domain.storage_keys import EXPORTS_PREFIX, RESULTS_PREFIX

    from tests.functional.backend_support import api_event, call_api

    template = load_template()
    parameter = template["Parameters"]["RetentionDays"]
    assert parameter["Type"] == "Number" and parameter["Default"] == 90 and parameter["MinValue"] >= 1
    assert template["Globals"]["Function"]["Environment"]["Variables"]["RETENTION_DAYS"] == {"Ref": "RetentionDays"}
    declared = {
        r["Prefix"]: r.get("ExpirationInDays")
        for r in resource("Bucket")["Properties"]["LifecycleConfiguration"]["Rules"]
        if "Prefix" in r
    }
    assert declared[RESULTS_PREFIX] == declared[EXPORTS_PREFIX] == {"Ref": "RetentionDays"}
    rules = stack.s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    applied = {rule["Filter"]["Prefix"]: rule.get("Expiration", {}).get("Days") for rule in rules}
    assert applied[RESULTS_PREFIX] == applied[EXPORTS_PREFIX] == 90

    created = call_api(api_event("create_job", body={"name": "kept"}))
    assert created.status == 201, created.body
    key = {"PK": {"S": f"JOB#{created.json()['job_id']}"}, "SK": {"S": "META"}}
    item = stack.dynamodb.get_item(TableName=TABLE, Key=key)["Item"]
    created_at = datetime.fromisoformat(item["created_at"]["S"].replace("Z", "+00:00"))
    assert int(item["ttl"]["N"]) == int((created_at + timedelta(days=90)).timestamp())


def resource_parameters() -> dict[str, Any]:
    parameters: dict[str, Any] = load_template()["Parameters"]
    return parameters
