"""The stack's data resources created FROM template.yaml on any boto3 endpoint (moto in the functional tests
and the benchmarks, the local stack's embedded moto server), so tests, local runs and the deployed
infrastructure cannot drift apart: each `create_*` translates one resource definition into the
equivalent API calls, its properties resolved by `cfn.LocalTemplate`.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from purelift.local.cfn import ACCOUNT, LocalTemplate


def create_table(
    client: Any, table_name: str, logical_id: str = "Table", template: LocalTemplate | None = None
) -> None:
    """`AWS::DynamoDB::Table` -> create_table + TTL + point-in-time recovery."""
    props = _properties(template, logical_id)
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


def create_bucket(
    client: Any, bucket_name: str, logical_id: str = "Bucket", template: LocalTemplate | None = None
) -> None:
    """`AWS::S3::Bucket` -> create_bucket + encryption, public access block, lifecycle, CORS."""
    props = _properties(template, logical_id)
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
            out: dict[str, Any] = {
                "ID": rule["Id"],
                "Status": rule["Status"],
                "Filter": {"Prefix": rule.get("Prefix", "")},  # no prefix: the whole bucket
            }
            if "ExpirationInDays" in rule:
                out["Expiration"] = {"Days": int(rule["ExpirationInDays"])}
            elif "ExpiredObjectDeleteMarker" in rule:
                out["Expiration"] = {"ExpiredObjectDeleteMarker": bool(rule["ExpiredObjectDeleteMarker"])}
            if "NoncurrentVersionExpiration" in rule:
                days = rule["NoncurrentVersionExpiration"]["NoncurrentDays"]
                out["NoncurrentVersionExpiration"] = {"NoncurrentDays": int(days)}
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
    client: Any, name: str, logical_id: str = "AnalysisStateMachine", template: LocalTemplate | None = None
) -> str:
    """`AWS::Serverless::StateMachine` (inline `Definition`, `DefinitionUri` or `DefinitionString`, with its
    `DefinitionSubstitutions`) -> create_state_machine; returns the ARN."""
    template = template or LocalTemplate()
    props = template.resources[logical_id].get("Properties") or {}
    if "Definition" in props:
        definition = template.resolve(props["Definition"])
    elif "DefinitionUri" in props and isinstance(props["DefinitionUri"], str):
        definition = yaml.safe_load((template.root / props["DefinitionUri"]).read_text(encoding="utf-8"))
    else:
        definition = json.loads(str(template.resolve(props.get("DefinitionString", "{}"))))
    text = json.dumps(definition)
    for key, value in template.substitutions(logical_id).items():
        text = text.replace("${" + key + "}", value)
    response = client.create_state_machine(
        name=name,
        definition=text,
        roleArn=f"arn:aws:iam::{ACCOUNT}:role/{logical_id}-local",
        type=str(props.get("Type", "STANDARD")),
    )
    return str(response["stateMachineArn"])


def create_resources(template: LocalTemplate, dynamodb: Any, s3: Any, sfn: Any) -> dict[str, str]:
    """Every table, bucket and state machine of `template` under its local physical name; returns logical
    id -> physical name (ARN for a state machine)."""
    created: dict[str, str] = {}
    for lid in template.of_type("AWS::DynamoDB::Table"):
        create_table(dynamodb, template.ref(lid), logical_id=lid, template=template)
        created[lid] = template.ref(lid)
    for lid in template.of_type("AWS::S3::Bucket"):
        create_bucket(s3, template.ref(lid), logical_id=lid, template=template)
        created[lid] = template.ref(lid)
    for lid in template.state_machines():
        arn = create_state_machine(sfn, lid, logical_id=lid, template=template)
        if arn != template.ref(lid):
            raise RuntimeError(f"{lid}: moto named it {arn}, the functions expect {template.ref(lid)}")
        created[lid] = arn
    return created


def _properties(template: LocalTemplate | None, logical_id: str) -> dict[str, Any]:
    template = template or LocalTemplate()
    props: dict[str, Any] = template.resolve(template.resources[logical_id].get("Properties") or {})
    return props
