"""The local Lambda runtime: each function of the template runs in this process, imported the way Lambda
imports it (its `CodeUri` folder is the code root, `Handler` names module and function) and called with a
real-looking context (request id, function name, ARN, memory, remaining time from its `Timeout`).

Step Functions' Lambda tasks reach it through moto: `dispatch_moto_lambda` replaces the one method of
moto's Docker-less Lambda backend that answers `Invoke`, so the state machine of template.yaml calls the
project's own handlers; a handler's exception becomes a Lambda function error (`Unhandled`, with
`errorType`/`errorMessage`), which is what `Retry` and `Catch` match on.

Limits of running in one process, said plainly: the timeout is reported by the context but not enforced
(a thread cannot be killed), and every function shares one `os.environ` (the union of their environments).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import logging
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from purelift.local.template import FunctionSpec

log = logging.getLogger("purelift.local")

Handler = Callable[[Any, Any], Any]

_thread = threading.local()

# moto's private seam (NOTES-aws-local.md): checked at install time, so an upgrade that moves it fails loudly.
MOTO_SUPPORTED = ("5.2.",)


class FunctionError(Exception):
    """A handler raised: Lambda reports it as a function error with this type and message."""

    def __init__(self, error_type: str, message: str, trace: list[str] | None = None) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []

    def payload(self) -> dict[str, Any]:
        return {"errorType": self.error_type, "errorMessage": self.message, "stackTrace": self.trace}


@dataclass
class LambdaContext:
    """The attributes and the one method of Lambda's context object that handlers and Powertools use."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    timeout: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    identity: Any = None
    client_context: Any = None
    started: float = field(default_factory=time.monotonic)

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"{time.strftime('%Y/%m/%d')}/[$LATEST]{self.aws_request_id.replace('-', '')}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.started + self.timeout - time.monotonic()) * 1000))


class LambdaRuntime:
    """Imports each function once (its cold start) and invokes it with a fresh context per call."""

    def __init__(self, functions: Mapping[str, FunctionSpec]) -> None:
        self.functions = dict(functions)
        self._handlers: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self.invocations: dict[str, int] = {name: 0 for name in self.functions}

    def spec(self, name: str) -> FunctionSpec:
        """A function by logical id, name or ARN."""
        if name in self.functions:
            return self.functions[name]
        for spec in self.functions.values():
            if name in (spec.name, spec.arn) or name.startswith(spec.arn + ":"):
                return spec
        raise KeyError(f"no local function {name!r}")

    def handler(self, name: str) -> Handler:
        spec = self.spec(name)
        with self._lock:
            if spec.logical_id not in self._handlers:
                self._handlers[spec.logical_id] = _load_handler(spec)
            return self._handlers[spec.logical_id]

    def load_all(self) -> None:
        """Cold-start every function now, so a broken handler fails `purelift serve` at once."""
        for name in self.functions:
            self.handler(name)

    def invoke(self, name: str, event: Any) -> Any:
        """Call the handler; its exception becomes `FunctionError` (as Lambda reports it)."""
        spec = self.spec(name)
        handler = self.handler(name)
        _event_loop()
        context = LambdaContext(spec.name, spec.arn, spec.memory, spec.timeout)
        self.invocations[spec.logical_id] = self.invocations.get(spec.logical_id, 0) + 1
        try:
            result = handler(event, context)
        except Exception as exc:
            trace = traceback.format_exception(exc)
            log.warning("%s failed (request %s): %s", spec.name, context.aws_request_id, "".join(trace[-3:]).strip())
            raise FunctionError(type(exc).__name__, str(exc), trace) from exc
        if context.get_remaining_time_in_millis() == 0:
            log.warning("%s ran longer than its %s s timeout (not enforced locally)", spec.name, spec.timeout)
        return result


def _event_loop() -> None:
    """Lambda's Python runtime calls handlers on a thread that has an event loop (Mangum relies on it);
    the gateways' and moto's worker threads get one each, once."""
    if getattr(_thread, "loop", None) is None:
        _thread.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(_thread.loop)


def _load_handler(spec: FunctionSpec) -> Handler:
    module_name, _, attribute = spec.handler.rpartition(".")
    if not module_name or not attribute:
        raise ValueError(f"{spec.logical_id}: Handler {spec.handler!r} is not module.function")
    path = spec.code_dir.joinpath(*module_name.split(".")).with_suffix(".py")
    # One module per function (they are all called `app`): the name says which.
    unique = f"purelift_local_functions.{spec.logical_id}.{module_name}"
    module_spec = importlib.util.spec_from_file_location(unique, path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"{spec.logical_id}: cannot load {path}")
    module: ModuleType = importlib.util.module_from_spec(module_spec)
    sys.modules[unique] = module
    module_spec.loader.exec_module(module)
    handler = getattr(module, attribute)
    if not callable(handler):
        raise TypeError(f"{spec.logical_id}: {spec.handler} is not callable")
    return handler  # type: ignore[no-any-return]


def dispatch_moto_lambda(runtime: LambdaRuntime) -> Callable[[], None]:
    """Make moto's Lambda `Invoke` run the local function; returns the function that undoes it."""
    import moto
    from moto.awslambda_simple.models import LambdaSimpleBackend

    if not str(moto.__version__).startswith(MOTO_SUPPORTED):
        raise RuntimeError(f"moto {moto.__version__}: the Lambda dispatch seam is checked for {MOTO_SUPPORTED} only")
    original = LambdaSimpleBackend.invoke

    def invoke(
        self: LambdaSimpleBackend, function_name: str, qualifier: str | None, body: Any, headers: Any, response: Any
    ) -> bytes:
        event = json.loads(body) if body else {}
        try:
            result = runtime.invoke(function_name, event)
        except FunctionError as exc:
            response["x-amz-function-error"] = "Unhandled"
            return json.dumps(exc.payload()).encode()
        except KeyError as exc:
            response["x-amz-function-error"] = "Unhandled"
            return json.dumps({"errorType": "ResourceNotFoundException", "errorMessage": str(exc)}).encode()
        return json.dumps(result).encode()

    LambdaSimpleBackend.invoke = invoke  # type: ignore[method-assign,assignment]

    def undo() -> None:
        LambdaSimpleBackend.invoke = original  # type: ignore[method-assign]

    return undo
