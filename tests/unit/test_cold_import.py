"""What a cold start of a function imports (issue 9 items 15-16): given a fresh interpreter, when a handler module
is imported (the Lambda init phase), then nothing its first request may not need is loaded yet — the X-Ray SDK
(which builds botocore clients as it is imported), boto3, the analysis engine. The API handler's import is then
within 1.3x of a bare FastAPI + Mangum import (`make bench` prints the ratio)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_LOADED = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("handler_app", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(sorted(sys.modules)))
"""
_ENV = {"AWS_DEFAULT_REGION": "us-east-1", "TABLE_NAME": "t", "BUCKET_NAME": "b", "STATE_MACHINE_ARN": ""}


def loaded_by_import(handler: str, **env: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _LOADED, str(ROOT / "functions" / handler / "app.py")],
        capture_output=True,
        text=True,
        env={**os.environ, **_ENV, **env},
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize("tracing", ["on", "off"])
@pytest.mark.parametrize("module", ["aws_xray_sdk", "boto3", "purelift.analysis.engine"])
def test_the_api_handler_defers_what_a_request_may_not_need(module: str, tracing: str) -> None:
    env = {"POWERTOOLS_TRACE_DISABLED": "false" if tracing == "on" else "true"}
    assert module not in loaded_by_import("api", **env)


def test_the_analysis_package_still_exports_every_name() -> None:
    import purelift.analysis as analysis

    for name in analysis.__all__:
        assert getattr(analysis, name) is not None
    with pytest.raises(AttributeError):
        analysis.no_such_name  # noqa: B018
