"""The local Lambda runtime: each function of the template runs in this process, imported the way Lambda
imports it (its `CodeUri` folder is the code root, `Handler` names module and function) and called with a
real-looking context (request id, function name, ARN, memory, remaining time from its `Timeout`).

The gateways of the local stack call `invoke`; Step Functions' Lambda tasks reach `invoke_json` through
moto (`moto_seams.lambda_invoke`), in the local stack and in the functional tests alike. A handler's
exception becomes a Lambda function error the way the Python runtime reports it (`errorType`,
`errorMessage`, `stackTrace`), which is what a state machine's `Retry` and `Catch` match on.

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
from pathlib import Path
from types import ModuleType
from typing import Any

from purelift.local.cfn import ACCOUNT, REGION, FunctionSpec, LocalTemplate

log = logging.getLogger("purelift.local")

Handler = Callable[[Any, Any], Any]

_thread = threading.local()
_LOADING = threading.RLock()  # concurrent invocations: one thread imports a function, the others wait for it


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
    """The attributes and the one method of Lambda's context object that handlers and Powertools use.

    Every field has a default, so a test can hand a handler `LambdaContext()`."""

    function_name: str = "purelift-local"
    memory_limit_in_mb: int = 1024
    timeout: int = 300
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    identity: Any = None
    client_context: Any = None
    started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"{time.strftime('%Y/%m/%d')}/[$LATEST]{self.aws_request_id.replace('-', '')}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.started + self.timeout - time.monotonic()) * 1000))


class LambdaRuntime:
    """Imports each function once (its cold start) and invokes it with a fresh context per call.

    `overrides` (logical id -> handler) run instead of the template's handler: tests wrap a real handler
    with a fault. With `record`, `invocations` keeps every (logical id, event) pair in call order."""

    def __init__(
        self,
        functions: Mapping[str, FunctionSpec],
        overrides: Mapping[str, Handler] | None = None,
        record: bool = False,
    ) -> None:
        self.functions = dict(functions)
        self.overrides = dict(overrides or {})
        self.record = record
        self.invocations: list[tuple[str, Any]] = []
        self._handlers: dict[str, Handler] = {}

    @classmethod
    def from_template(cls, template: LocalTemplate | None = None, *, record: bool = False) -> LambdaRuntime:
        """The repository's functions (or `template`'s), with their template defaults."""
        return cls((template or LocalTemplate()).functions(), record=record)

    def spec(self, name: str) -> FunctionSpec:
        """A function by logical id, name or ARN (with or without a qualifier)."""
        if name in self.functions:
            return self.functions[name]
        for spec in self.functions.values():
            if name in (spec.name, spec.arn) or name.startswith(spec.arn + ":"):
                return spec
        raise KeyError(f"no local function {name!r}")

    def handler(self, name: str) -> Handler:
        """The handler `invoke` runs for `name`: its override, else the template's (imported once)."""
        spec = self.spec(name)
        if spec.logical_id in self.overrides:
            return self.overrides[spec.logical_id]
        with _LOADING:
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
        context = LambdaContext(spec.name, spec.memory, spec.timeout)
        if self.record:
            self.invocations.append((spec.logical_id, event))
        try:
            result = handler(event, context)
        except Exception as exc:
            if type(exc) is Exception and str(exc) == "Unauthorized":
                # An authorizer's refusal (API Gateway's 401 contract), not a fault: one line, no stack trace.
                log.info("%s refused the request (request %s): Unauthorized", spec.name, context.aws_request_id)
            else:
                shown = "".join(traceback.format_exception(exc)[-3:]).strip()
                log.warning("%s failed (request %s): %s", spec.name, context.aws_request_id, shown)
            raise FunctionError(type(exc).__name__, str(exc), traceback.format_tb(exc.__traceback__)) from exc
        if context.get_remaining_time_in_millis() == 0:
            log.warning("%s ran longer than its %s s timeout (not enforced locally)", spec.name, spec.timeout)
        return result

    def invoke_json(self, name: str, body: bytes | str | None) -> tuple[bytes, str | None]:
        """Lambda's `Invoke` API: (payload, None) on success, (error payload, "Unhandled") on a function error."""
        event = json.loads(body) if body else {}
        try:
            result = self.invoke(name, event)
        except FunctionError as exc:
            return json.dumps(exc.payload()).encode(), "Unhandled"
        except KeyError as exc:
            error = {"errorType": "ResourceNotFoundException", "errorMessage": str(exc)}
            return json.dumps(error).encode(), "Unhandled"
        return json.dumps(result).encode(), None


def _event_loop() -> None:
    """Lambda's Python runtime calls handlers on a thread that has an event loop (Mangum relies on it);
    the gateways' and moto's worker threads get one each, once."""
    if getattr(_thread, "loop", None) is None:
        _thread.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(_thread.loop)


def load_module(code_dir: Path, module_name: str) -> ModuleType:
    """Import `module_name` from a function's code folder the way Lambda does, once per process.

    The module is registered as `functions_{folder}_{module}`: the functional tests' own loader gets the
    same module object, so what a test patches on it is what the state machine's tasks run. A module of
    that name loaded from another file (another template's folder of the same name) is replaced."""
    path = code_dir.joinpath(*module_name.split(".")).with_suffix(".py")
    unique = f"functions_{code_dir.name}_{module_name.replace('.', '_')}"
    with _LOADING:
        loaded = sys.modules.get(unique)
        if loaded is not None and getattr(loaded, "__file__", None) == str(path):
            return loaded
        module_spec = importlib.util.spec_from_file_location(unique, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[unique] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(unique, None)
            raise
        return module


def _load_handler(spec: FunctionSpec) -> Handler:
    module_name, _, attribute = spec.handler.rpartition(".")
    if not module_name or not attribute:
        raise ValueError(f"{spec.logical_id}: Handler {spec.handler!r} is not module.function")
    handler = getattr(load_module(spec.code_dir, module_name), attribute)
    if not callable(handler):
        raise TypeError(f"{spec.logical_id}: {spec.handler} is not callable")
    return handler  # type: ignore[no-any-return]
