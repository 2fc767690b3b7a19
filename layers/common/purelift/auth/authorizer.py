"""The Lambda authorizer's logic: REST (`Authorization: Bearer`, REQUEST or TOKEN events) and WebSocket
`$connect` (`?token=`). A valid token gives an Allow policy for the whole API stage with the identity as
context; anything else raises `InvalidTokenError`, which the handler turns into API Gateway's 401.

Each API reads its token from its identity source and nowhere else: API Gateway caches the policy under the
identity source's value (`Authorization` for REST, `route.request.querystring.token` for `$connect`, as in
template.yaml), so a token read from anywhere else would be cached under a value that was never checked
(`GET /me?token=<admin>` with `Authorization: Bearer junk` would make `Bearer junk` an Admin for 300 s).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from purelift.auth.tokens import InvalidTokenError, TokenVerifier, bearer_token
from purelift.domain.model import Identity


def is_websocket_connect(event: Mapping[str, Any]) -> bool:
    context = event.get("requestContext") or {}
    return isinstance(context, Mapping) and context.get("eventType") == "CONNECT"


def token_of(event: Mapping[str, Any]) -> str:
    """The token from the event's identity source: `?token=` on `$connect`, the `Authorization` header
    (or a TOKEN event's `authorizationToken`) on REST."""
    if event.get("type") == "TOKEN":
        return bearer_token(event.get("authorizationToken"))
    if is_websocket_connect(event):
        token = (event.get("queryStringParameters") or {}).get("token")
        if not isinstance(token, str) or not token:
            raise InvalidTokenError("No ?token= on $connect.")
        return token
    headers = {str(k).lower(): v for k, v in (event.get("headers") or {}).items()}
    return bearer_token(headers.get("authorization"))


def stage_resource(method_arn: str) -> str:
    """`arn:…:{api}/{stage}/GET/x` -> `arn:…:{api}/{stage}/*`: one cached policy serves every route."""
    parts = method_arn.split("/")
    if len(parts) < 2 or not parts[0].startswith("arn:aws"):
        raise InvalidTokenError("Malformed method ARN.")
    return f"{parts[0]}/{parts[1]}/*"


def policy(identity: Identity, method_arn: str) -> dict[str, Any]:
    return {
        "principalId": identity.user_id,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": stage_resource(method_arn)}],
        },
        # API Gateway passes these to the API as requestContext.authorizer (string values only).
        "context": {"user_id": identity.user_id, "role": identity.role.value, "email": identity.email or ""},
    }


def authorize_event(event: Mapping[str, Any], verifier: TokenVerifier) -> dict[str, Any]:
    identity = verifier.verify(token_of(event))
    return policy(identity, str(event.get("methodArn", "")))
