"""JWT verification and minting.

Two kinds of token are accepted, each with exactly one algorithm, so the header cannot choose a weaker one:
- Cognito tokens (RS256, key from the user pool's JWKS by `kid`): ID tokens (`aud` = the app client) and
  access tokens (`token_use: access`, `client_id` = the app client); issuer = the user pool.
- Local tokens (HS256 with `LOCAL_JWT_SECRET`, issuer `purelift-local`), minted by `purelift token` for
  the local stack and tests; accepted only when a local secret is configured.
`alg: none`, a bad signature, an expired token, a wrong issuer or audience, a time claim (`exp`, `nbf`,
`iat`) that is not a JSON number: `InvalidTokenError`, whose `reason` says which (for the log, never the client).
The role comes from `cognito:groups` (Admin > TeamLead > User).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import jwt

from purelift.domain.errors import UnauthenticatedError
from purelift.domain.model import Identity, Role
from purelift.settings import DEV_JWT_SECRET, LOCAL_AUDIENCE, LOCAL_ISSUER, AuthSettings


class InvalidTokenError(UnauthenticatedError):
    code = "invalid_token"
    message = "The token is missing, malformed, expired or not signed by a trusted key."

    @property
    def reason(self) -> str:
        """Why, for the log line: the JWT library's error when there is one, else this error's message."""
        cause = self.__cause__
        return f"{type(cause).__name__}: {cause}" if cause is not None else self.message


TIME_CLAIMS = ("exp", "nbf", "iat")


def check_time_claims(claims: Mapping[str, Any]) -> None:
    """RFC 7519 NumericDate: a JSON number. PyJWT converts with `int()`, so `"exp": "9999999999"` would pass
    as a far expiry; a string, boolean, null or list is refused here."""
    for name in TIME_CLAIMS:
        if name in claims:
            value = claims[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidTokenError(f"The `{name}` claim is not a number.")


def role_from_groups(groups: Sequence[str]) -> Role:
    if Role.ADMIN.value in groups:
        return Role.ADMIN
    if Role.TEAM_LEAD.value in groups:
        return Role.TEAM_LEAD
    return Role.USER


def bearer_token(header: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header."""
    scheme, _, token = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidTokenError
    return token.strip()


class TokenVerifier:
    def __init__(self, settings: AuthSettings, jwks_client: Any | None = None) -> None:
        self._settings = settings
        self._jwks = jwks_client

    def _jwks_client(self) -> Any:
        if self._jwks is None:
            self._jwks = jwt.PyJWKClient(self._settings.jwks_url, cache_keys=True, lifespan=3600, timeout=5)
        return self._jwks

    def verify(self, token: str) -> Identity:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidTokenError from exc
        alg = header.get("alg")
        if alg == "HS256" and self._settings.local_secret:
            claims = self._decode_local(token)
        elif alg == "RS256" and self._settings.jwks_url:
            claims = self._decode_cognito(token)
        else:
            raise InvalidTokenError
        return _identity(claims)

    def _decode_local(self, token: str) -> dict[str, Any]:
        check_time_claims(_unverified_claims(token))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._settings.local_secret,
                algorithms=["HS256"],
                audience=self._settings.local_audience,
                issuer=self._settings.local_issuer,
                leeway=self._settings.leeway,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidTokenError from exc
        return claims

    def _decode_cognito(self, token: str) -> dict[str, Any]:
        check_time_claims(_unverified_claims(token))
        try:
            key = self._jwks_client().get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self._settings.issuer,
                leeway=self._settings.leeway,
                options={"require": ["exp", "iat", "sub", "iss"], "verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            raise InvalidTokenError from exc
        use = claims.get("token_use")
        audience = claims.get("aud") if use == "id" else claims.get("client_id") if use == "access" else None
        if not self._settings.audience or audience != self._settings.audience:
            raise InvalidTokenError
        return claims


def _unverified_claims(token: str) -> dict[str, Any]:
    """The payload before its signature is checked: only to refuse malformed time claims before PyJWT reads
    them (the signature is checked right after, by `jwt.decode`)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise InvalidTokenError from exc
    if not isinstance(claims, dict):
        raise InvalidTokenError
    return claims


def _identity(claims: Mapping[str, Any]) -> Identity:
    groups = claims.get("cognito:groups") or []
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise InvalidTokenError
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidTokenError
    email = claims.get("email")
    return Identity(user_id=subject, role=role_from_groups(groups), email=email if isinstance(email, str) else None)


def mint_token(
    user_id: str,
    role: Role,
    email: str | None = None,
    *,
    secret: str = DEV_JWT_SECRET,
    issuer: str = LOCAL_ISSUER,
    audience: str = LOCAL_AUDIENCE,
    ttl: int = 12 * 3600,
    now: float | None = None,
) -> str:
    """A local HS256 token shaped like a Cognito ID token (`sub`, `cognito:groups`, `email`)."""
    issued = int(time.time() if now is None else now)
    claims: dict[str, Any] = {
        "sub": user_id,
        "iss": issuer,
        "aud": audience,
        "iat": issued,
        "exp": issued + ttl,
        "token_use": "id",
        "cognito:groups": [] if role is Role.USER else [role.value],
    }
    if email:
        claims["email"] = email
    return jwt.encode(claims, secret, algorithm="HS256")
