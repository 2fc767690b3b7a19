"""`purelift token`: mint a token for the local stack's signing key (SPEC §7); prints the token alone."""

from __future__ import annotations

import argparse
import os

from purelift.domain.model import Role


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, help="user id (the token's subject)")
    parser.add_argument("--role", required=True, choices=[role.value for role in Role])
    parser.add_argument("--email", default=None)
    parser.add_argument("--ttl", type=int, default=12 * 3600, help="lifetime in seconds (default 12 h)")


def run(args: argparse.Namespace) -> int:
    # Imported here: `purelift analyze` must run with the engine alone (no PyJWT, no pydantic).
    from purelift.auth.tokens import mint_token
    from purelift.settings import DEV_JWT_SECRET

    # LOCAL_JWT_SECRET selects the key, as in the authorizer; the local stack's default key otherwise.
    secret = os.environ.get("LOCAL_JWT_SECRET") or DEV_JWT_SECRET
    print(mint_token(args.user, Role(args.role), args.email, secret=secret, ttl=args.ttl))
    return 0
