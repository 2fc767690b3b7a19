"""Embedded AWS: a moto server on loopback (DynamoDB, S3 with presigned URLs a browser and `curl` can use,
Step Functions executing ASL), and the template's tables, buckets and state machines created on it.

Persistence (`--data DIR`): moto keeps nothing on disk by itself, so the local stack snapshots the data
on a clean stop (every item of every table as DynamoDB JSON, every object of every bucket as a file) and
restores it on the next start. Step Functions executions are not kept: a job still running at the stop
stays `running` after the restart.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import boto3

from purelift.local.cfn import REGION, LocalTemplate
from purelift.local.moto_seams import atomic_dynamodb, bucket_cors_only
from purelift.local.resources import create_resources

log = logging.getLogger("purelift.local")

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "purelift-local",
    "AWS_SECRET_ACCESS_KEY": "purelift-local",
    "AWS_SESSION_TOKEN": "purelift-local",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
}


MARKER = "purelift-local-data.json"  # a folder holding it is ours to replace


class DataDirError(ValueError):
    """`--data DIR` names a folder that holds something other than a snapshot of the local stack."""


def check_data_dir(path: Path) -> None:
    if path.exists() and (not path.is_dir() or (any(path.iterdir()) and not (path / MARKER).is_file())):
        raise DataDirError(f"{path} is not empty and holds no local stack data: choose a new or empty folder")


class EmbeddedAws:
    """The moto server and the template's data resources on it."""

    def __init__(self, template: LocalTemplate, port: int = 0, data_dir: Path | None = None) -> None:
        self.template = template
        self.port = port
        self.data_dir = data_dir
        self.server: Any = None
        self.url = ""
        self._seams = ExitStack()

    def start(self) -> str:
        """Start moto on 127.0.0.1, enable the Step Functions interpreter; returns the endpoint URL."""
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        self._seams.enter_context(atomic_dynamodb())
        self._seams.enter_context(bucket_cors_only())  # browsers get the template's bucket CORS, not moto's `*`
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        _, port = self.server.get_host_and_port()
        self.url = f"http://127.0.0.1:{port}"
        # The interpreter calls Lambda (and the other services) back on localhost:$MOTO_PORT.
        os.environ["MOTO_PORT"] = str(port)
        config = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}
        request = Request(
            f"{self.url}/moto-api/config",
            data=json.dumps(config).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urlopen(request, timeout=10) as response:  # our own loopback server
            response.read()
        return self.url

    def client(self, service: str) -> Any:
        factory: Any = boto3.client  # one signature for every service name
        return factory(service, endpoint_url=self.url, region_name=REGION)

    def create_resources(self) -> dict[str, str]:
        """Tables, buckets and state machines of the template; returns logical id -> physical name/ARN."""
        return create_resources(self.template, self.client("dynamodb"), self.client("s3"), self.client("stepfunctions"))

    # --- persistence ---
    def restore(self) -> int:
        """Load the snapshot of `data_dir` (if any); returns how many items and objects came back."""
        if self.data_dir is None or not (self.data_dir / "dynamodb").is_dir():
            return 0
        count = 0
        dynamodb, s3 = self.client("dynamodb"), self.client("s3")
        for lid in self.template.of_type("AWS::DynamoDB::Table"):
            path = self.data_dir / "dynamodb" / f"{lid}.jsonl"
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    dynamodb.put_item(TableName=self.template.ref(lid), Item=json.loads(line))
                    count += 1
        for lid in self.template.of_type("AWS::S3::Bucket"):
            root = self.data_dir / "s3" / lid
            for file in sorted(root.rglob("*")) if root.is_dir() else []:
                if file.is_file():
                    key = file.relative_to(root).as_posix()
                    s3.put_object(Bucket=self.template.ref(lid), Key=key, Body=file.read_bytes())
                    count += 1
        return count

    def snapshot(self) -> int:
        """Write every table's items and every bucket's objects to `data_dir`; returns how many."""
        if self.data_dir is None:
            return 0
        target = self.data_dir
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        count = 0
        dynamodb, s3 = self.client("dynamodb"), self.client("s3")
        (partial / "dynamodb").mkdir(parents=True)
        (partial / MARKER).write_text(json.dumps({"format": 1}) + "\n", encoding="utf-8")
        for lid in self.template.of_type("AWS::DynamoDB::Table"):
            lines = []
            for page in dynamodb.get_paginator("scan").paginate(TableName=self.template.ref(lid)):
                lines += [json.dumps(item, sort_keys=True) for item in page["Items"]]
            (partial / "dynamodb" / f"{lid}.jsonl").write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
            count += len(lines)
        for lid in self.template.of_type("AWS::S3::Bucket"):
            root = partial / "s3" / lid
            root.mkdir(parents=True)
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=self.template.ref(lid)):
                for obj in page.get("Contents", []):
                    file = root / obj["Key"]
                    if root.resolve() not in file.resolve().parents:
                        continue  # a key with `..` stays out of the snapshot
                    file.parent.mkdir(parents=True, exist_ok=True)
                    file.write_bytes(s3.get_object(Bucket=self.template.ref(lid), Key=obj["Key"])["Body"].read())
                    count += 1
        # Swap in one step, so an interrupted snapshot never replaces a good one.
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            check_data_dir(target)
            target.rename(old)
        partial.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return count

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        self._seams.close()
