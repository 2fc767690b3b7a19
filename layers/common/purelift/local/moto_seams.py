"""The only module that touches moto's private API: two patches the local stack and the functional tests need
to run the template's pipeline in one process, and the one check that they still fit the installed moto.

- `lambda_invoke(runtime)`: moto executes state machines (`execute_state_machine: True`) but, without
  Docker, its Lambda backend (`moto.awslambda_simple`) only echoes payloads. Exactly ONE method,
  `LambdaSimpleBackend.invoke`, is replaced so an invoked function ARN runs the project's own handler; a
  handler's exception comes back as a function error (`x-amz-function-error: Unhandled`), so `Retry` and
  `Catch` match on the exception's class name, as in AWS.
- `atomic_dynamodb()`: moto evaluates a condition and applies the write without a lock, so two threads can
  both pass `attribute_not_exists(...)`; DynamoDB makes every conditional write and transaction atomic. The
  Map's batches and the gateways call from many threads at once, so one DynamoDB request runs at a time.
  After each request it also drops moto's record of DynamoDB instances (the rollback copies of every
  transaction's table lived there for the life of the process; see `_forget_dynamodb_instances`).

- `bucket_cors_only()`: moto's server wraps every service in Flask-CORS (any origin allowed, preflights answered
  for any origin) unless `MOTO_DISABLE_GLOBAL_CORS` was set before `moto.settings` was imported. S3 itself
  applies the bucket's CORS rules to preflights and to the answers of GET, PUT, HEAD…, so with the wrapper off
  the local bucket answers a browser as the template's bucket does: only `WebOrigin`. The module flag is read
  when the server builds each service's app (lazily, on its first request). One answer lacks the headers in
  moto, the browser form upload (`POST` to the bucket: the presigned POST), where S3 sends them: ONE more method,
  `S3Response._bucket_response_post`, gets them added from moto's own `_get_cors_headers_other`.

`check_seam()` fails loudly (`SeamMovedError`) when moto's version or the patched methods' signatures are
not the ones this was written against; a functional test calls it. pyproject pins moto inside
`SUPPORTED_MOTO`: move the pin and the range together.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from purelift.local.lambda_runtime import LambdaRuntime

SUPPORTED_MOTO = ((5, 2), (5, 3))  # [lowest, highest) major.minor
SEAM_PARAMETERS = ["self", "function_name", "qualifier", "body", "headers", "response_headers"]
_DYNAMODB_PARAMETERS = ["self"]
_S3_POST_PARAMETERS = ["self", "request", "bucket_name"]


class SeamMovedError(RuntimeError):
    """moto's private API is not the one these patches were written against: update them (and the pin)."""


def check_seam() -> None:
    """Refuse a moto outside `SUPPORTED_MOTO`, or one whose patched methods changed shape."""
    import moto
    from moto.awslambda_simple.models import LambdaSimpleBackend
    from moto.dynamodb.responses import DynamoHandler

    version = tuple(int(part) for part in moto.__version__.split(".")[:2])
    if not SUPPORTED_MOTO[0] <= version < SUPPORTED_MOTO[1]:
        raise SeamMovedError(f"moto {moto.__version__} is outside the range the moto seams support")
    parameters = list(inspect.signature(LambdaSimpleBackend.invoke).parameters)
    if parameters != SEAM_PARAMETERS:
        raise SeamMovedError(f"LambdaSimpleBackend.invoke now takes {parameters}, expected {SEAM_PARAMETERS}")
    parameters = list(inspect.signature(DynamoHandler.call_action).parameters)
    if parameters != _DYNAMODB_PARAMETERS:
        raise SeamMovedError(f"DynamoHandler.call_action now takes {parameters}, expected {_DYNAMODB_PARAMETERS}")
    from moto.moto_server import werkzeug_app
    from moto.s3.responses import S3Response

    if not isinstance(getattr(werkzeug_app, "DISABLE_GLOBAL_CORS", None), bool):
        raise SeamMovedError("moto.moto_server.werkzeug_app.DISABLE_GLOBAL_CORS is gone: see bucket_cors_only")
    parameters = list(inspect.signature(S3Response._bucket_response_post).parameters)
    if parameters != _S3_POST_PARAMETERS or not callable(getattr(S3Response, "_get_cors_headers_other", None)):
        raise SeamMovedError(f"S3Response._bucket_response_post now takes {parameters}, expected {_S3_POST_PARAMETERS}")


@contextmanager
def bucket_cors_only() -> Iterator[None]:
    """Within the block, moto's server answers cross-origin requests by each bucket's CORS rules only."""
    check_seam()
    from moto.moto_server import werkzeug_app
    from moto.s3.responses import S3Response

    original = S3Response._bucket_response_post

    def bucket_response_post(self: S3Response, request: Any, bucket_name: str) -> Any:
        status, headers, body = original(self, request, bucket_name)
        return status, {**self._get_cors_headers_other(), **headers}, body

    saved = getattr(werkzeug_app, "DISABLE_GLOBAL_CORS")  # noqa: B009  (not re-exported: mypy)
    setattr(werkzeug_app, "DISABLE_GLOBAL_CORS", True)  # noqa: B010
    S3Response._bucket_response_post = bucket_response_post  # type: ignore[method-assign]
    try:
        yield
    finally:
        S3Response._bucket_response_post = original  # type: ignore[method-assign]
        setattr(werkzeug_app, "DISABLE_GLOBAL_CORS", saved)  # noqa: B010


@contextmanager
def lambda_invoke(runtime: LambdaRuntime) -> Iterator[LambdaRuntime]:
    """Within the block, moto's Docker-less Lambda backend runs `runtime`'s functions.

    The Map state's iterations run on threads of this one process (in AWS each invocation has a process of
    its own); the engine makes its own parses take turns (`purelift.analysis.runtime.PARSE_LOCK`)."""
    check_seam()
    from moto.awslambda_simple.models import LambdaSimpleBackend

    original = LambdaSimpleBackend.invoke

    def invoke(
        self: LambdaSimpleBackend,
        function_name: str,
        qualifier: str | None,
        body: Any,
        headers: Any,
        response_headers: Any,
    ) -> bytes:
        payload, function_error = runtime.invoke_json(function_name, body)
        if function_error:
            response_headers["x-amz-function-error"] = function_error
        return payload

    LambdaSimpleBackend.invoke = invoke  # type: ignore[method-assign]
    try:
        yield runtime
    finally:
        LambdaSimpleBackend.invoke = original  # type: ignore[method-assign]


@contextmanager
def atomic_dynamodb() -> Iterator[None]:
    """Within the block, moto's DynamoDB answers one request at a time (see the module's docstring)."""
    check_seam()
    from moto.dynamodb.models import dynamodb_backends
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.models.table import Table
    from moto.dynamodb.responses import DynamoHandler

    original = DynamoHandler.call_action
    lock = threading.RLock()

    def call_action(self: DynamoHandler) -> Any:
        with lock:
            try:
                return original(self)
            finally:
                _forget_dynamodb_instances(dynamodb_backends, Item, Table)

    DynamoHandler.call_action = call_action  # type: ignore[method-assign]
    try:
        yield
    finally:
        DynamoHandler.call_action = original  # type: ignore[method-assign]


def _forget_dynamodb_instances(backends: Any, item: Any, table: Any) -> None:
    """Drop moto's record of every DynamoDB item and table it ever made (`BaseModel.instances_tracked`, read only
    by moto's dashboard and reset): `TransactWriteItems` deep-copies the whole table as its rollback copy, so
    the record held one copy of the table per transaction, and a local stack grew quadratically with the jobs
    it ran (issue 9 item 7). The tables in use stay recorded; items live in their tables."""
    del item.instances_tracked[:]
    live = {id(t) for account in backends.values() for region in account.values() for t in region.tables.values()}
    table.instances_tracked[:] = [t for t in table.instances_tracked if id(t) in live]
