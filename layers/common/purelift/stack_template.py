"""Build the stack's data resources FROM template.yaml on any boto3 endpoint (moto in tests and benchmarks,
the local stack), so tests, local runs and the deployed infrastructure cannot drift apart.

`load_template()` reads the template with CloudFormation's short tags (`!Ref`, `!Sub`, `!GetAtt`, …) turned
into their long forms; `create_table`, `create_bucket` and `create_state_machine` translate the resource
definitions into the equivalent API calls. Development tooling: it needs PyYAML (a dev dependency), which
the Lambda functions never import.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]  # layers/common/purelift/ -> the repository
TEMPLATE = ROOT / "template.yaml"
_SHORT_TAGS = ("Ref", "Condition")


class CfnLoader(yaml.SafeLoader):
    """A YAML loader that understands CloudFormation intrinsic function tags."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    key = suffix if suffix in _SHORT_TAGS else f"Fn::{suffix}"
    return {key: value}


CfnLoader.add_multi_constructor("!", _intrinsic)


@lru_cache(maxsize=1)
def load_template() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=CfnLoader)
    return data


def resource(logical_id: str) -> dict[str, Any]:
    return load_template()["Resources"][logical_id]  # type: ignore[no-any-return]


def _resolve(value: Any, names: dict[str, str]) -> Any:
    """Resolve `Ref`/`Fn::Sub`/`Fn::GetAtt` against parameter defaults and the given names."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref":
            if arg in names:
                return names[arg]
            return str(load_template()["Parameters"][arg]["Default"])
        if key == "Fn::Sub":
            text = arg if isinstance(arg, str) else arg[0]
            return re.sub(r"\$\{([^}]+)\}", lambda m: str(_resolve({"Ref": m.group(1)}, names)), text)
        if key == "Fn::GetAtt":
            joined = ".".join(arg)
            if joined not in names and arg[1] == "Arn" and _is_function(arg[0]):
                return function_arn(arg[0])
            return names[joined]
    if isinstance(value, dict):
        return {k: _resolve(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, names) for v in value]
    return value


def _is_function(logical_id: str) -> bool:
    body = load_template()["Resources"].get(logical_id) or {}
    return body.get("Type") in ("AWS::Serverless::Function", "AWS::Lambda::Function")


def function_arn(logical_id: str, region: str = "us-east-1", account: str = "123456789012") -> str:
    """The ARN a template function stands for where nothing is deployed: the function is named after its
    logical id, so a dispatcher can map an invoked ARN back to the template's `CodeUri` and `Handler`."""
    return f"arn:aws:lambda:{region}:{account}:function:{logical_id}"


def create_table(client: Any, table_name: str, logical_id: str = "Table") -> None:
    """`AWS::DynamoDB::Table` -> create_table + TTL + point-in-time recovery."""
    props = resource(logical_id)["Properties"]
    kwargs: dict[str, Any] = {
        "TableName": table_name,
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props["BillingMode"],
    }
    if "GlobalSecondaryIndexes" in props:
        kwargs["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
    if props.get("SSESpecification", {}).get("SSEEnabled"):
        kwargs["SSESpecification"] = {"Enabled": True}
    client.create_table(**kwargs)
    ttl = props.get("TimeToLiveSpecification")
    if ttl:
        client.update_time_to_live(
            TableName=table_name,
            TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": ttl["Enabled"]},
        )
    pitr = props.get("PointInTimeRecoverySpecification")
    if pitr:
        client.update_continuous_backups(
            TableName=table_name,
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": pitr["PointInTimeRecoveryEnabled"]},
        )


def create_bucket(client: Any, bucket_name: str, logical_id: str = "Bucket") -> None:
    """`AWS::S3::Bucket` -> create_bucket + encryption, public access block, lifecycle, CORS."""
    props = _resolve(resource(logical_id)["Properties"], {})
    client.create_bucket(Bucket=bucket_name)
    if "BucketEncryption" in props:
        rules = [
            {"ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"]}
            for rule in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        ]
        client.put_bucket_encryption(Bucket=bucket_name, ServerSideEncryptionConfiguration={"Rules": rules})
    if "PublicAccessBlockConfiguration" in props:
        client.put_public_access_block(
            Bucket=bucket_name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
        )
    if "LifecycleConfiguration" in props:
        rules = []
        for rule in props["LifecycleConfiguration"]["Rules"]:
            out: dict[str, Any] = {"ID": rule["Id"], "Status": rule["Status"], "Filter": {"Prefix": rule["Prefix"]}}
            if "ExpirationInDays" in rule:
                out["Expiration"] = {"Days": rule["ExpirationInDays"]}
            if "AbortIncompleteMultipartUpload" in rule:
                out["AbortIncompleteMultipartUpload"] = rule["AbortIncompleteMultipartUpload"]
            rules.append(out)
        client.put_bucket_lifecycle_configuration(Bucket=bucket_name, LifecycleConfiguration={"Rules": rules})
    if "CorsConfiguration" in props:
        cors = [
            {
                "AllowedMethods": rule["AllowedMethods"],
                "AllowedOrigins": rule["AllowedOrigins"],
                "AllowedHeaders": rule.get("AllowedHeaders", []),
                "ExposeHeaders": rule.get("ExposedHeaders", []),
                "MaxAgeSeconds": rule.get("MaxAge", 0),
            }
            for rule in props["CorsConfiguration"]["CorsRules"]
        ]
        client.put_bucket_cors(Bucket=bucket_name, CORSConfiguration={"CORSRules": cors})


def create_state_machine(
    client: Any, name: str, logical_id: str = "AnalysisStateMachine", names: dict[str, str] | None = None
) -> str:
    """`AWS::Serverless::StateMachine` (inline Definition + DefinitionSubstitutions) -> create_state_machine."""
    props = resource(logical_id)["Properties"]
    definition = json.dumps(props["Definition"])
    for key, value in (props.get("DefinitionSubstitutions") or {}).items():
        definition = definition.replace("${" + key + "}", str(_resolve(value, names or {})))
    response = client.create_state_machine(
        name=name,
        definition=definition,
        roleArn="arn:aws:iam::123456789012:role/purelift-test-state-machine",
        type=props.get("Type", "STANDARD"),
    )
    return str(response["stateMachineArn"])
