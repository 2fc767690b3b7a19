"""Publish the web app to a deployed stack: the second half of `make deploy`, after `sam deploy`.

1. Read the stack's outputs (CloudFormation `describe_stacks`): the API and WebSocket URLs, the Cognito Hosted UI
   domain and app client, the web app's URL, its bucket and its CloudFront distribution.
2. Write `config.json` (the runtime settings `web/src/config.ts` reads before the app renders) from them.
3. Upload `web/dist` to the web bucket, each file with its content type and a Cache-Control by path:
   `assets/*` (content-hashed names) kept a year and immutable; `index.html` and `config.json` revalidated on every
   request (`no-cache`); the other top-level files (`favicon.svg`, `theme-init.js`) kept five minutes. The hashed
   assets go first and `index.html` last, so no page ever names an asset that is not there yet. Nothing is
   deleted: a browser still running the previous build may load its lazy chunks after the publish (the bucket is
   versioned; overwritten files stay recoverable for 30 days).
4. Invalidate `/index.html`, `/config.json` and the other top-level files at the distribution.

    .venv/bin/python scripts/publish_web.py [--stack-name purelift] [--region R] [--dist web/dist]
                                            [--config-out build/web/config.json]

The stack name defaults to `samconfig.toml`'s `stack_name` (else `purelift`); the region to samconfig's `region`,
else boto3's own (AWS_REGION, the profile). Credentials are boto3's. Exit 1 with a sentence on what is missing.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
import time
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

# One table of content types and one immutable policy for the web app's files, the local stack's and AWS's
from purelift.local.web import IMMUTABLE
from purelift.local.web import TYPES as CONTENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "web" / "dist"
CONFIG_OUT = ROOT / "build" / "web" / "config.json"
CONFIG_KEY = "config.json"

# The outputs of template.yaml this script reads.
REQUIRED_OUTPUTS = (
    "ApiUrl",
    "WebSocketUrl",
    "CognitoDomain",
    "UserPoolClientId",
    "WebUrl",
    "WebBucket",
    "DistributionId",
)

REVALIDATE = "no-cache"
SHORT = "public, max-age=300"


class PublishError(Exception):
    """The stack or the build is not what publishing needs; the message says what to do."""


@dataclass(frozen=True, slots=True)
class WebFile:
    key: str
    body: bytes
    content_type: str
    cache_control: str


def stack_outputs(cloudformation: Any, stack_name: str) -> dict[str, str]:
    """The stack's outputs as {key: value}; PublishError when the stack or an output the web app needs is missing."""
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except ClientError as exc:
        raise PublishError(f"stack {stack_name!r}: {exc.response['Error']['Message']} (run sam deploy first)") from exc
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
    missing = [key for key in REQUIRED_OUTPUTS if not outputs.get(key)]
    if missing:
        raise PublishError(
            f"stack {stack_name!r} has no output {', '.join(missing)}: deploy this template.yaml (sam deploy) first"
        )
    return outputs


def web_config(outputs: Mapping[str, str]) -> dict[str, str]:
    """config.json for the deployed stack (the fields `web/src/config.ts` reads in `"auth": "cognito"` mode).

    The sign-in returns to `/auth/callback` and the sign-out to `/signin` of the web app's URL: the routes of
    `web/src/App.tsx`, and the callback and logout URLs the template gives the Cognito app client."""
    web = outputs["WebUrl"].rstrip("/")
    return {
        "api_url": outputs["ApiUrl"].rstrip("/") + "/api/v1",
        "ws_url": outputs["WebSocketUrl"],
        "auth": "cognito",
        "cognito_domain": outputs["CognitoDomain"].rstrip("/"),
        "client_id": outputs["UserPoolClientId"],
        "redirect_uri": f"{web}/auth/callback",
        "logout_uri": f"{web}/signin",
    }


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def cache_control(key: str) -> str:
    if key.startswith("assets/"):
        return IMMUTABLE
    if key in ("index.html", CONFIG_KEY):
        return REVALIDATE
    return SHORT


def plan(dist: Path, config: Mapping[str, str]) -> list[WebFile]:
    """Every object to upload, in upload order: assets, the other files, config.json, index.html last.

    A `config.json` inside the build (a development copy) is never published: the stack's own is."""
    if not (dist / "index.html").is_file():
        raise PublishError(f"{dist} has no index.html: build the web app first (cd web && npm ci && npm run build)")
    files = [
        WebFile(key, path.read_bytes(), content_type(key), cache_control(key))
        for path in sorted(p for p in dist.rglob("*") if p.is_file())
        if (key := path.relative_to(dist).as_posix()) not in (CONFIG_KEY, "index.html")
    ]
    files.sort(key=lambda f: (not f.key.startswith("assets/"), f.key))
    body = (json.dumps(config, indent=2) + "\n").encode()
    files.append(WebFile(CONFIG_KEY, body, content_type(CONFIG_KEY), cache_control(CONFIG_KEY)))
    files.append(WebFile("index.html", (dist / "index.html").read_bytes(), content_type("index.html"), REVALIDATE))
    return files


def upload(s3: Any, bucket: str, files: Iterable[WebFile]) -> int:
    count = 0
    for f in files:
        s3.put_object(Bucket=bucket, Key=f.key, Body=f.body, ContentType=f.content_type, CacheControl=f.cache_control)
        count += 1
    return count


def invalidation_paths(files: Iterable[WebFile]) -> list[str]:
    """The top-level files: index.html and config.json (never cached) and the ones kept five minutes.
    `/assets/*` is not invalidated: a changed asset has a new name."""
    return sorted(f"/{f.key}" for f in files if "/" not in f.key)


def invalidate(cloudfront: Any, distribution_id: str, paths: list[str]) -> str:
    answer = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": paths},
            "CallerReference": f"publish-web-{time.time_ns()}",
        },
    )
    return str(answer["Invalidation"]["Id"])


def publish(
    outputs: Mapping[str, str],
    dist: Path,
    s3: Any,
    cloudfront: Any,
    config_out: Path | None = CONFIG_OUT,
) -> dict[str, Any]:
    """Write config.json (to `config_out` too, for the record), upload the build and config.json, invalidate."""
    config = web_config(outputs)
    files = plan(dist, config)
    if config_out is not None:
        config_out.parent.mkdir(parents=True, exist_ok=True)
        config_out.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    uploaded = upload(s3, outputs["WebBucket"], files)
    paths = invalidation_paths(files)
    invalidation = invalidate(cloudfront, outputs["DistributionId"], paths)
    return {"url": outputs["WebUrl"], "uploaded": uploaded, "invalidation": invalidation, "paths": paths}


def samconfig_defaults(path: Path = ROOT / "samconfig.toml") -> dict[str, str]:
    """`stack_name` and `region` as `sam deploy` reads them (deploy section over global); absent keys omitted."""
    if not path.is_file():
        return {}
    default = tomllib.loads(path.read_text(encoding="utf-8")).get("default", {})
    found: dict[str, str] = {}
    for section in ("global", "deploy"):
        params = (default.get(section) or {}).get("parameters") or {}
        found.update({k: str(params[k]) for k in ("stack_name", "region") if k in params})
    return found


def main(argv: list[str] | None = None) -> int:
    defaults = samconfig_defaults()
    parser = argparse.ArgumentParser(description="Publish web/dist and config.json to the deployed stack.")
    parser.add_argument("--stack-name", default=defaults.get("stack_name", "purelift"))
    parser.add_argument("--region", default=defaults.get("region"))
    parser.add_argument("--dist", type=Path, default=DIST)
    parser.add_argument("--config-out", type=Path, default=CONFIG_OUT, help="where the published config.json is kept")
    args = parser.parse_args(argv)

    import boto3  # here, not at import: the tests and --help need no SDK session

    session = boto3.session.Session(region_name=args.region)
    try:
        outputs = stack_outputs(session.client("cloudformation"), args.stack_name)
        done = publish(outputs, args.dist, session.client("s3"), session.client("cloudfront"), args.config_out)
    except PublishError as exc:
        print(f"publish_web: {exc}", file=sys.stderr)
        return 1
    print(f"publish_web: {done['uploaded']} files to s3://{outputs['WebBucket']}, config.json from {args.stack_name}")
    print(f"publish_web: invalidation {done['invalidation']} of {', '.join(done['paths'])}")
    print(f"Web app  {done['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
