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
