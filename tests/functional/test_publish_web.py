"""`make deploy`'s second half (scripts/publish_web.py) against moto: the stack's outputs read from CloudFormation,
config.json made from them, web/dist uploaded with per-path content types and Cache-Control, CloudFront invalidated."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from purelift.local.cfn import REGION, ROOT

from scripts import publish_web
from scripts.publish_web import PublishError, main, publish, stack_outputs, web_config

STACK = "purelift-test"
ASSET_JS = "assets/index-3f9a1c.js"
ASSET_CSS = "assets/index-b7e2d4.css"


@dataclass
class Deployed:
    cloudformation: Any
    s3: Any
    cloudfront: Any
    bucket: str
    distribution_id: str
    outputs: dict[str, str]


def outputs_template(bucket: str, distribution_id: str) -> str:
    """A stand-in stack whose outputs are those of template.yaml (moto does not create CloudFront from a stack)."""
    values = {
        "ApiUrl": f"https://a1b2c3.execute-api.{REGION}.amazonaws.com/prod",
        "WebSocketUrl": f"wss://w4x5y6.execute-api.{REGION}.amazonaws.com/prod",
        "CognitoDomain": f"https://purelift-1b2c3d4e.auth.{REGION}.amazoncognito.com",
        "UserPoolClientId": "4o5p6q7r8s9t",
        "WebUrl": "https://d111111abcdef8.cloudfront.net",
        "WebBucket": bucket,
        "DistributionId": distribution_id,
    }
    return json.dumps(
        {
            "Resources": {"Placeholder": {"Type": "AWS::SQS::Queue"}},
            "Outputs": {key: {"Value": value} for key, value in values.items()},
        }
    )


@pytest.fixture
def deployed() -> Iterator[Deployed]:
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        cloudfront = boto3.client("cloudfront", region_name=REGION)
        cloudformation = boto3.client("cloudformation", region_name=REGION)
        s3.create_bucket(Bucket="purelift-web")
        distribution = cloudfront.create_distribution(
            DistributionConfig={
                "CallerReference": "test",
                "Comment": "",
                "Enabled": True,
                "Origins": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "web",
                            "DomainName": f"purelift-web.s3.{REGION}.amazonaws.com",
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                        }
                    ],
                },
                "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https"},
            }
        )["Distribution"]["Id"]
        cloudformation.create_stack(StackName=STACK, TemplateBody=outputs_template("purelift-web", distribution))
        yield Deployed(
            cloudformation, s3, cloudfront, "purelift-web", distribution, stack_outputs(cloudformation, STACK)
        )


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A build as `npm run build` writes it, with a development config.json that must never be published."""
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(f'<script type="module" src="/{ASSET_JS}"></script>', encoding="utf-8")
    (root / ASSET_JS).write_text("export const x = 1;", encoding="utf-8")
    (root / ASSET_CSS).write_text("body{}", encoding="utf-8")
    (root / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (root / "theme-init.js").write_text("document.documentElement.dataset.theme='dark';", encoding="utf-8")
    (root / "config.json").write_text('{"auth": "local"}', encoding="utf-8")
    return root


def fields_config_ts_reads() -> set[str]:
    text = (ROOT / "web" / "src" / "config.ts").read_text(encoding="utf-8")
    return set(re.findall(r'str\("(\w+)"\)', text)) | {"auth"}


def test_config_json_is_made_from_the_stacks_outputs_with_the_fields_the_app_reads(deployed: Deployed) -> None:
    config = web_config(deployed.outputs)
    assert set(config) == fields_config_ts_reads()
    assert config == {
        "api_url": f"https://a1b2c3.execute-api.{REGION}.amazonaws.com/prod/api/v1",
        "ws_url": f"wss://w4x5y6.execute-api.{REGION}.amazonaws.com/prod",
        "auth": "cognito",
        "cognito_domain": f"https://purelift-1b2c3d4e.auth.{REGION}.amazoncognito.com",
        "client_id": "4o5p6q7r8s9t",
        "redirect_uri": "https://d111111abcdef8.cloudfront.net/auth/callback",
        "logout_uri": "https://d111111abcdef8.cloudfront.net/signin",
    }


def test_publish_uploads_the_build_with_types_and_cache_control_then_invalidates(
    deployed: Deployed, dist: Path, tmp_path: Path
) -> None:
    # Given the order in which the objects reach S3
    order: list[str] = []
    deployed.s3.meta.events.register(
        "provide-client-params.s3.PutObject", lambda params, **_: order.append(params["Key"])
    )
    # When the build is published
    done = publish(deployed.outputs, dist, deployed.s3, deployed.cloudfront, tmp_path / "config.json")

    # Then every file is there with its content type and cache lifetime
    expected = {
        ASSET_JS: ("text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
        ASSET_CSS: ("text/css; charset=utf-8", "public, max-age=31536000, immutable"),
        "favicon.svg": ("image/svg+xml", "public, max-age=300"),
        "theme-init.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
        "config.json": ("application/json", "no-cache"),
        "index.html": ("text/html; charset=utf-8", "no-cache"),
    }
    for key, (content_type, cache_control) in expected.items():
        head = deployed.s3.head_object(Bucket=deployed.bucket, Key=key)
        assert (head["ContentType"], head["CacheControl"]) == (content_type, cache_control), key
    listed = deployed.s3.list_objects_v2(Bucket=deployed.bucket)["Contents"]
    assert sorted(o["Key"] for o in listed) == sorted(expected)
    # And the hashed assets go first, index.html last: no page names an asset that is not there yet
    assert order[:2] == sorted([ASSET_CSS, ASSET_JS]) and order[-2:] == ["config.json", "index.html"]
    # And the published config.json is the stack's, not the build's development copy (kept beside, for the record)
    published = deployed.s3.get_object(Bucket=deployed.bucket, Key="config.json")["Body"].read()
    assert json.loads(published) == web_config(deployed.outputs)
    assert json.loads((tmp_path / "config.json").read_text(encoding="utf-8")) == web_config(deployed.outputs)
    index = deployed.s3.get_object(Bucket=deployed.bucket, Key="index.html")["Body"].read().decode()
    assert ASSET_JS in index

    # And CloudFront forgets the top-level files (never /assets/*: a changed asset has a new name)
    (listed_invalidation,) = deployed.cloudfront.list_invalidations(DistributionId=deployed.distribution_id)[
        "InvalidationList"
    ]["Items"]
    invalidation = deployed.cloudfront.get_invalidation(
        DistributionId=deployed.distribution_id, Id=listed_invalidation["Id"]
    )["Invalidation"]
    paths = invalidation["InvalidationBatch"]["Paths"]["Items"]
    assert {"/index.html", "/config.json"} <= set(paths)
    assert sorted(paths) == ["/config.json", "/favicon.svg", "/index.html", "/theme-init.js"]
    assert done == {
        "url": "https://d111111abcdef8.cloudfront.net",
        "uploaded": 6,
        "invalidation": listed_invalidation["Id"],
        "paths": sorted(paths),
    }


def test_publishing_again_overwrites_and_makes_a_new_invalidation(
    deployed: Deployed, dist: Path, tmp_path: Path
) -> None:
    publish(deployed.outputs, dist, deployed.s3, deployed.cloudfront, None)
    (dist / "index.html").write_text("<p>v2</p>", encoding="utf-8")
    publish(deployed.outputs, dist, deployed.s3, deployed.cloudfront, None)
    body = deployed.s3.get_object(Bucket=deployed.bucket, Key="index.html")["Body"].read()
    assert body == b"<p>v2</p>"
    invalidations = deployed.cloudfront.list_invalidations(DistributionId=deployed.distribution_id)
    assert invalidations["InvalidationList"]["Quantity"] == 2  # distinct caller references


def test_the_command_reads_the_stack_and_publishes(
    deployed: Deployed, dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--stack-name", STACK, "--region", REGION, "--dist", str(dist), "--config-out", str(tmp_path / "c.json")]
    assert main(argv) == 0
    assert "Web app  https://d111111abcdef8.cloudfront.net" in capsys.readouterr().out
    assert deployed.s3.head_object(Bucket=deployed.bucket, Key="index.html")["CacheControl"] == "no-cache"


def test_a_stack_without_the_web_outputs_is_refused_by_name(deployed: Deployed) -> None:
    template = json.dumps(
        {"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Outputs": {"ApiUrl": {"Value": "https://x/prod"}}}
    )
    deployed.cloudformation.create_stack(StackName="old-stack", TemplateBody=template)
    with pytest.raises(PublishError, match=r"WebSocketUrl.*WebBucket.*DistributionId"):
        stack_outputs(deployed.cloudformation, "old-stack")
    with pytest.raises(PublishError, match=r"'no-such-stack'.*sam deploy"):
        stack_outputs(deployed.cloudformation, "no-such-stack")


def test_nothing_is_uploaded_without_a_build(
    deployed: Deployed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--stack-name", STACK, "--region", REGION, "--dist", str(tmp_path / "none"), "--config-out", "/dev/null"]
    assert main(argv) == 1
    assert "no index.html: build the web app first" in capsys.readouterr().err
    assert "Contents" not in deployed.s3.list_objects_v2(Bucket=deployed.bucket)
    assert (
        deployed.cloudfront.list_invalidations(DistributionId=deployed.distribution_id)["InvalidationList"]["Quantity"]
        == 0
    )


def test_the_stack_name_and_region_default_to_samconfig(tmp_path: Path) -> None:
    assert publish_web.samconfig_defaults()["stack_name"] == "purelift"  # the repository's samconfig.toml
    config = tmp_path / "samconfig.toml"
    config.write_text(
        '[default.global.parameters]\nstack_name = "a"\n[default.deploy.parameters]\nstack_name = "b"\n'
        'region = "eu-west-1"\n',
        encoding="utf-8",
    )
    assert publish_web.samconfig_defaults(config) == {"stack_name": "b", "region": "eu-west-1"}
    assert publish_web.samconfig_defaults(tmp_path / "missing.toml") == {}
