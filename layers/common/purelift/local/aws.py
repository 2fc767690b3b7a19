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
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import boto3
import yaml

from purelift.local.template import REGION, LocalTemplate

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


def atomic_dynamodb() -> Any:
    """Serialise moto's DynamoDB requests; returns the function that undoes it.

    moto evaluates a condition and applies the write without a lock, so two threads can both pass
    `attribute_not_exists(...)`; DynamoDB makes every conditional write and transaction atomic. The Map's
    batches and the gateways call from many threads at once, so one DynamoDB request runs at a time.
    """
    import threading

    from moto.dynamodb.responses import DynamoHandler

    original = DynamoHandler.call_action
    lock = threading.RLock()

    def call_action(self: DynamoHandler) -> Any:
        with lock:
            return original(self)

    DynamoHandler.call_action = call_action  # type: ignore[method-assign]

    def undo() -> None:
        DynamoHandler.call_action = original  # type: ignore[method-assign]

    return undo


class EmbeddedAws:
    """The moto server and the template's data resources on it."""

    def __init__(self, template: LocalTemplate, port: int = 0, data_dir: Path | None = None) -> None:
        self.template = template
        self.port = port
        self.data_dir = data_dir
        self.server: Any = None
        self.url = ""
        self._undo_atomic: Any = None

    def start(self) -> str:
        """Start moto on 127.0.0.1, enable the Step Functions interpreter; returns the endpoint URL."""
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        self._undo_atomic = atomic_dynamodb()
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
        from purelift.stack_template import create_bucket, create_table

        created: dict[str, str] = {}
        dynamodb, s3, sfn = self.client("dynamodb"), self.client("s3"), self.client("stepfunctions")
        for lid in self.template.of_type("AWS::DynamoDB::Table"):
            create_table(dynamodb, self.template.ref(lid), logical_id=lid)
            created[lid] = self.template.ref(lid)
        for lid in self.template.of_type("AWS::S3::Bucket"):
            create_bucket(s3, self.template.ref(lid), logical_id=lid)
            created[lid] = self.template.ref(lid)
        for lid in self.template.state_machines():
            created[lid] = self._create_state_machine(sfn, lid)
        return created

    def _create_state_machine(self, sfn: Any, logical_id: str) -> str:
        props = self.template.resources[logical_id].get("Properties") or {}
        if "Definition" in props:
            definition = self.template.resolve(props["Definition"])
        elif "DefinitionUri" in props and isinstance(props["DefinitionUri"], str):
            definition = yaml.safe_load((self.template.root / props["DefinitionUri"]).read_text(encoding="utf-8"))
        else:
            definition = json.loads(str(self.template.resolve(props.get("DefinitionString", "{}"))))
        text = json.dumps(definition)
        for key, value in self.template.substitutions(logical_id).items():
            text = text.replace("${" + key + "}", value)
        response = sfn.create_state_machine(
            name=logical_id,
            definition=text,
            roleArn=f"arn:aws:iam::123456789012:role/{logical_id}-local",
            type=str(props.get("Type", "STANDARD")),
        )
        arn = str(response["stateMachineArn"])
        if arn != self.template.ref(logical_id):
            raise RuntimeError(
                f"{logical_id}: moto named it {arn}, the functions expect {self.template.ref(logical_id)}"
            )
        return arn

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
        if self._undo_atomic is not None:
            self._undo_atomic()
            self._undo_atomic = None
