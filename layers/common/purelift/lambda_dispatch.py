"""Run the template's Lambda functions in-process where moto's Step Functions interpreter invokes them.

moto executes state machines (`execute_state_machine: True`) but, without Docker, its Lambda backend
(`moto.awslambda_simple`) only echoes payloads. This module replaces exactly ONE method,
`LambdaSimpleBackend.invoke`, so an invoked function ARN (`…:function:{LogicalId}`, see
`stack_template.function_arn`) runs the project's own handler: the template's `CodeUri` + `Handler`.
A handler's exception becomes a Lambda function error the way the Python runtime reports it
(`x-amz-function-error: Unhandled`, body `{"errorType", "errorMessage", "stackTrace"}`), so `Retry` and
`Catch` match on the exception's class name, as in AWS.

It is a private API of moto: `check_seam()` fails loudly (with `SeamMovedError`) when moto's version or
the method's signature is not the one this was written against; a test calls it. Development tooling
(tests, the local stack); the Lambda functions never import it.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import sys
import threading
import traceback
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from purelift.stack_template import ROOT, load_template

Handler = Callable[[Any, Any], Any]
SUPPORTED_MOTO = ((5, 2), (5, 3))  # [lowest, highest) major.minor; pyproject pins the same range
_LOADING = threading.RLock()
SEAM_PARAMETERS = ["self", "function_name", "qualifier", "body", "headers", "response_headers"]


class SeamMovedError(RuntimeError):
    """moto's private Lambda API is not the one this dispatcher patches: update the seam (and the pin)."""


def check_seam() -> None:
    import moto
    from moto.awslambda_simple.models import LambdaSimpleBackend

    version = tuple(int(part) for part in moto.__version__.split(".")[:2])
    if not SUPPORTED_MOTO[0] <= version < SUPPORTED_MOTO[1]:
        raise SeamMovedError(f"moto {moto.__version__} is outside the range the Lambda dispatch seam supports")
    parameters = list(inspect.signature(LambdaSimpleBackend.invoke).parameters)
    if parameters != SEAM_PARAMETERS:
        raise SeamMovedError(f"LambdaSimpleBackend.invoke now takes {parameters}, expected {SEAM_PARAMETERS}")


@dataclass(frozen=True, slots=True)
class TemplateFunction:
    logical_id: str
    code_dir: Path
    module: str  # the handler's module inside `code_dir` (`app`)
    attribute: str  # the handler's name (`handler`)


@lru_cache(maxsize=1)
def template_functions() -> dict[str, TemplateFunction]:
    """Every `AWS::Serverless::Function` of template.yaml with a local `CodeUri` and `Handler`."""
    out: dict[str, TemplateFunction] = {}
    for logical_id, body in load_template()["Resources"].items():
        props = body.get("Properties") or {}
        if body.get("Type") != "AWS::Serverless::Function" or not isinstance(props.get("CodeUri"), str):
            continue
        module, _, attribute = str(props["Handler"]).rpartition(".")
        out[logical_id] = TemplateFunction(logical_id, ROOT / props["CodeUri"], module, attribute)
    return out


def load_module(function: TemplateFunction) -> ModuleType:
    """Import the handler's module the way Lambda does (its folder is the code root), once per process.
    The module name matches the functional tests' loader (`functions_{folder}_app`)."""
    name = f"functions_{function.code_dir.name}_{function.module}"
    with _LOADING:  # Map iterations invoke concurrently: one thread imports, the others wait for it
        if name in sys.modules:
            return sys.modules[name]
        spec = importlib.util.spec_from_file_location(name, function.code_dir / f"{function.module}.py")
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {function.code_dir}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
        return module


def function_name_of(name_or_arn: str) -> str:
    """`arn:aws:lambda:r:a:function:Name[:qualifier]` or `Name` -> `Name`."""
    if name_or_arn.startswith("arn:"):
        return name_or_arn.split(":")[6]
    return name_or_arn


@dataclass(frozen=True, slots=True)
class LambdaContext:
    """What the runtime hands a handler (the attributes Powertools reads)."""

    function_name: str
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 1024
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:123456789012:function:{self.function_name}"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 300_000


class LambdaDispatcher:
    """Maps a function name to a handler: `overrides` first (tests wrap handlers with faults), then the
    template's functions. `invocations` records (function name, event) pairs in order."""

    def __init__(self, overrides: Mapping[str, Handler] | None = None) -> None:
        self.overrides = dict(overrides or {})
        self.invocations: list[tuple[str, Any]] = []

    def handler(self, name: str) -> Handler:
        if name in self.overrides:
            return self.overrides[name]
        function = template_functions().get(name)
        if function is None:
            raise LookupError(f"no function {name!r} in template.yaml")
        handler: Handler = getattr(load_module(function), function.attribute)
        return handler

    def invoke(self, name_or_arn: str, body: bytes | str | None) -> tuple[bytes, str | None]:
        """Run the handler; (payload, None) on success, (error payload, "Unhandled") when it raises."""
        name = function_name_of(name_or_arn)
        event = json.loads(body) if body else {}
        self.invocations.append((name, event))
        try:
            result = self.handler(name)(event, LambdaContext(name))
        except Exception as exc:
            error = {
                "errorType": type(exc).__name__,
                "errorMessage": str(exc),
                "stackTrace": traceback.format_tb(exc.__traceback__),
            }
            return json.dumps(error).encode(), "Unhandled"
        return json.dumps(result).encode(), None


@contextmanager
def dispatching(dispatcher: LambdaDispatcher | None = None) -> Iterator[LambdaDispatcher]:
    """Within the block, moto's simple Lambda backend runs `dispatcher`'s handlers (the one seam).

    The Map state's iterations run on threads of this one process (in AWS each invocation has a process of
    its own); the engine makes its own parses take turns (`purelift.analysis.runtime.PARSE_LOCK`)."""
    check_seam()
    from moto.awslambda_simple.models import LambdaSimpleBackend

    active = dispatcher or LambdaDispatcher()
    original = LambdaSimpleBackend.invoke

    def invoke(
        self: LambdaSimpleBackend,
        function_name: str,
        qualifier: str | None,
        body: Any,
        headers: Any,
        response_headers: Any,
    ) -> bytes:
        payload, function_error = active.invoke(function_name, body)
        if function_error:
            response_headers["x-amz-function-error"] = function_error
        return payload

    LambdaSimpleBackend.invoke = invoke  # type: ignore[method-assign]
    try:
        yield active
    finally:
        LambdaSimpleBackend.invoke = original  # type: ignore[method-assign]
