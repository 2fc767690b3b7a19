"""The authorizer handler fed the `events/authorizer/` files: REST (REQUEST and TOKEN) and WebSocket
`$connect`; forged, expired, `alg: none`, wrong-audience and missing tokens are refused (API Gateway's 401)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from purelift.auth.tokens import TokenVerifier
from purelift.domain.model import Role
from purelift.settings import DEV_JWT_SECRET, AuthSettings

from tests.functional.backend_support import TOKEN_PLACEHOLDER, LambdaContext, load_event, load_function, token

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TEST"
CLIENT = "test-app-client"


@pytest.fixture(autouse=True)
def local_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LOCAL_JWT_SECRET", DEV_JWT_SECRET)
    monkeypatch.delenv("JWKS_URL", raising=False)
    app = load_function("authorizer")
    app.verifier.cache_clear()
    yield
    app.verifier.cache_clear()


def _with_token(name: str, value: str) -> dict[str, Any]:
    return json.loads(json.dumps(load_event(f"authorizer/{name}.json")).replace(TOKEN_PLACEHOLDER, value))


def _authorize(event: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = load_function("authorizer").handler(event, LambdaContext())
    return result


@pytest.mark.parametrize("name", ["rest_request", "rest_token", "websocket_connect"])
def test_a_valid_local_token_is_allowed_on_the_whole_stage(name: str) -> None:
    policy = _authorize(_with_token(name, token("user-7", Role.TEAM_LEAD)))
    (statement,) = policy["policyDocument"]["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"].endswith("/prod/*")
    assert policy["principalId"] == "user-7"
    assert policy["context"] == {"user_id": "user-7", "role": "TeamLead", "email": "user-7@example.com"}


def _alg_none(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {"sub": "mallory", "iss": "purelift-local", "aud": "purelift", "iat": now, "exp": now + 600}
    base["cognito:groups"] = ["Admin"]
    return {**base, **overrides}


BAD_TOKENS = {
    "forged": lambda: jwt.encode(_claims(), "another-key-of-sufficient-length-0123456789", algorithm="HS256"),
    "expired": lambda: token("user-1", Role.USER, ttl=-3600),
    "alg_none": lambda: _alg_none(_claims()),
    "wrong_audience": lambda: jwt.encode(_claims(aud="someone-else"), DEV_JWT_SECRET, algorithm="HS256"),
    "wrong_issuer": lambda: jwt.encode(_claims(iss="evil"), DEV_JWT_SECRET, algorithm="HS256"),
    "no_expiry": lambda: jwt.encode({k: v for k, v in _claims().items() if k != "exp"}, DEV_JWT_SECRET),
    "garbage": lambda: "not.a.jwt",
    "empty": lambda: "",
}


@pytest.mark.parametrize("name", ["rest_request", "websocket_connect"])
@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_bad_tokens_are_unauthorized(name: str, kind: str) -> None:
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _authorize(_with_token(name, BAD_TOKENS[kind]()))


def test_a_missing_authorization_header_is_unauthorized() -> None:
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _authorize(load_event("authorizer/rest_missing_token.json"))


def test_local_tokens_are_refused_when_no_local_key_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOCAL_JWT_SECRET")
    load_function("authorizer").verifier.cache_clear()
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _authorize(_with_token("rest_request", token()))


# --- Cognito tokens: RS256 with a key from the pool's JWKS (a JWKS client stand-in holds our test key) ---
class _StaticJwks:
    def __init__(self, key: rsa.RSAPrivateKey, kid: str) -> None:
        self.public, self.kid = key.public_key(), kid

    def get_signing_key_from_jwt(self, encoded: str) -> Any:
        if jwt.get_unverified_header(encoded).get("kid") != self.kid:
            raise jwt.PyJWKClientError("Unable to find a signing key that matches")
        return type("Key", (), {"key": self.public})()


@pytest.fixture(scope="module")
def pool_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cognito(key: rsa.RSAPrivateKey, kid: str = "k1", **overrides: Any) -> str:
    now = int(time.time())
    claims = {
        "sub": "cognito-user",
        "iss": ISSUER,
        "aud": CLIENT,
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "email": "c@example.com",
        "cognito:groups": ["TeamLead"],
        **overrides,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def _verifier(key: rsa.RSAPrivateKey) -> TokenVerifier:
    settings = AuthSettings(JWT_ISSUER=ISSUER, JWT_AUDIENCE=CLIENT, JWKS_URL="https://example.invalid/jwks.json")
    return TokenVerifier(settings, jwks_client=_StaticJwks(key, "k1"))


def test_cognito_id_and_access_tokens_are_accepted(pool_key: rsa.RSAPrivateKey) -> None:
    verifier = _verifier(pool_key)
    identity = verifier.verify(_cognito(pool_key))
    assert (identity.user_id, identity.role, identity.email) == ("cognito-user", Role.TEAM_LEAD, "c@example.com")
    access = _cognito(pool_key, token_use="access", aud=None, client_id=CLIENT, **{"cognito:groups": ["Admin"]})
    assert verifier.verify(access).role is Role.ADMIN


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "another-client"},
        {"iss": "https://cognito-idp.us-east-1.amazonaws.com/other-pool"},
        {"exp": 1},
        {"token_use": "refresh"},
        {"token_use": "access", "client_id": "another-client"},
    ],
    ids=["audience", "issuer", "expired", "token_use", "access_client"],
)
def test_cognito_tokens_with_wrong_claims_are_refused(pool_key: rsa.RSAPrivateKey, overrides: dict[str, Any]) -> None:
    from purelift.auth.tokens import InvalidTokenError

    with pytest.raises(InvalidTokenError):
        _verifier(pool_key).verify(_cognito(pool_key, **overrides))


def test_a_token_signed_by_another_key_or_kid_is_refused(pool_key: rsa.RSAPrivateKey) -> None:
    from purelift.auth.tokens import InvalidTokenError

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(InvalidTokenError):
        _verifier(pool_key).verify(_cognito(other))
    with pytest.raises(InvalidTokenError):
        _verifier(pool_key).verify(_cognito(pool_key, kid="unknown"))


def test_hs256_is_not_accepted_in_place_of_rs256_without_a_local_key(pool_key: rsa.RSAPrivateKey) -> None:
    from purelift.auth.tokens import InvalidTokenError

    forged = jwt.encode(
        {"sub": "x", "iss": ISSUER, "aud": CLIENT, "token_use": "id", "iat": 1, "exp": 2**31}, "guess" * 8
    )
    with pytest.raises(InvalidTokenError):
        _verifier(pool_key).verify(forged)


# --- where the token is read: REST from the Authorization header only, WebSocket $connect from ?token= only ---
def _rest_with(header: str | None, query_token: str | None) -> dict[str, Any]:
    """A REST REQUEST event carrying a header and/or a query token (API Gateway passes both to the authorizer)."""
    event = _with_token("rest_request", "placeholder")
    event["headers"] = {k: v for k, v in event["headers"].items() if k.lower() != "authorization"}
    if header is not None:
        event["headers"]["Authorization"] = header
    event["queryStringParameters"] = {"token": query_token} if query_token else {}
    event["multiValueQueryStringParameters"] = {"token": [query_token]} if query_token else {}
    return event


ADMIN, USER = ("boss", Role.ADMIN), ("user-9", Role.USER)


@pytest.mark.parametrize(
    ("header", "query", "expected"),
    [
        ("junk", ADMIN, None),  # the query token must not stand in for a bad header (its policy is cached under it)
        (None, ADMIN, None),  # nor for a missing one
        ("user", ADMIN, USER),  # the header decides, whatever the query says
        ("admin", USER, ADMIN),
        ("admin", None, ADMIN),
    ],
    ids=["junk_header_admin_query", "no_header_admin_query", "user_header_admin_query", "admin_header_user_query",
         "header_only"],
)  # fmt: skip
def test_rest_reads_the_authorization_header_only(
    header: str | None, query: tuple[str, Role] | None, expected: tuple[str, Role] | None
) -> None:
    headers = {"junk": "Bearer junk", "user": f"Bearer {token(*USER)}", "admin": f"Bearer {token(*ADMIN)}"}
    event = _rest_with(headers[header] if header else None, token(*query) if query else None)
    if expected is None:
        with pytest.raises(Exception, match=r"^Unauthorized$"):
            _authorize(event)
    else:
        policy = _authorize(event)
        assert (policy["principalId"], policy["context"]["role"]) == (expected[0], expected[1].value)


def test_websocket_connect_reads_the_query_token_only() -> None:
    event = _with_token("websocket_connect", token(*USER))
    event["headers"]["Authorization"] = f"Bearer {token(*ADMIN)}"
    assert _authorize(event)["principalId"] == USER[0]
    event["queryStringParameters"] = {}
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _authorize(event)  # a header is not $connect's identity source


# --- time claims must be numbers (PyJWT would read "9999999999" as a number) ---
@pytest.mark.parametrize("claim", ["exp", "nbf", "iat"])
@pytest.mark.parametrize("value", ["9999999999", "1", None, True, [1]], ids=["str_far", "str_small", "null", "bool",
                                                                            "list"])  # fmt: skip
def test_non_numeric_time_claims_are_refused(claim: str, value: Any) -> None:
    now = int(time.time())
    claims = _claims(**{claim: value}) if claim != "nbf" else _claims(nbf=value)
    if claim == "iat" and value is None:
        claims["exp"] = now + 600
    signed = jwt.encode(claims, DEV_JWT_SECRET, algorithm="HS256")
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _authorize(_with_token("rest_request", signed))


def test_numeric_time_claims_are_still_accepted() -> None:
    now = int(time.time())
    signed = jwt.encode(_claims(nbf=now - 5, iat=float(now), exp=now + 60.5), DEV_JWT_SECRET, algorithm="HS256")
    assert _authorize(_with_token("rest_request", signed))["principalId"] == "mallory"


def test_cognito_tokens_with_a_string_expiry_are_refused(pool_key: rsa.RSAPrivateKey) -> None:
    from purelift.auth.tokens import InvalidTokenError

    with pytest.raises(InvalidTokenError):
        _verifier(pool_key).verify(_cognito(pool_key, exp="9999999999"))


def test_a_rejected_token_is_logged_in_one_line_with_its_reason() -> None:
    import io
    import logging

    from purelift.observability import logger

    # Given the function's log handler at INFO, writing where we can read it
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logger.registered_formatter)
    level = logger.log_level
    underlying = logging.getLogger(logger.name)
    underlying.addHandler(handler)
    logger.setLevel("INFO")
    try:
        # When an expired token is refused
        with pytest.raises(Exception, match=r"^Unauthorized$"):
            _authorize(_with_token("rest_request", token("user-1", Role.USER, ttl=-3600)))
    finally:
        underlying.removeHandler(handler)
        logger.setLevel(level)
    # Then one JSON line says why, with no stack trace
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["message"] == "token rejected" and record["reason"] == "ExpiredSignatureError: Signature has expired"
    assert "Traceback" not in line and "exception" not in record


def test_the_local_runtime_logs_a_refusal_in_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """`raise Exception("Unauthorized")` is API Gateway's contract for a 401, not a fault: the local stack's
    runtime says so in one line instead of a stack trace per refused request."""
    from purelift.local.lambda_runtime import FunctionError, LambdaRuntime

    runtime = LambdaRuntime.from_template()
    with caplog.at_level("INFO", logger="purelift.local"), pytest.raises(FunctionError):
        runtime.invoke("AuthorizerFunction", _with_token("rest_request", "junk"))
    (record,) = [r for r in caplog.records if r.name.startswith("purelift.local")]
    assert "Unauthorized" in record.getMessage() and "\n" not in record.getMessage()
    assert "Traceback" not in caplog.text and 'File "' not in caplog.text
