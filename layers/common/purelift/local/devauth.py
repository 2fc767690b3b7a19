"""Dev sign-in: the local stack's stand-in for Cognito's Hosted UI (SPEC §11), and the team it seeds.

Only the local gateway serves it (`local.front`); the API the Lambda handler builds has no such route, and this
module is not in the Lambda layer (`purelift/local` is development-only), so a deployed API cannot have it.

- `GET /api/v1/dev/identities` -> `{"identities": [{"user_id", "role", "email", "label"}]}`: an Admin (`admin`), a
  TeamLead leading the seeded team (`lead`), two Users in that team (`alice`, `bob`) and a User in no team
  (`carol`, to see what an outsider sees).
- `POST /api/v1/dev/token` `{"user_id": "alice"}` -> `{"token", "expires_at"}`: a token minted with the stack's
  signing key (the one `purelift token` and the banner use), exactly what the authorizer accepts. An unknown
  user is 404 `identity_not_found`; a body that is not JSON 400 `malformed_json`; another shape 422
  `validation_error`. No token is needed to ask: that is the point of a local sign-in page.

`seed_dev_team` creates "Desktop migration" (`lead` its lead, `alice` and `bob` members) under a fixed id when it
does not exist, so sharing can be tried at once; a restart with `--data` keeps whatever was changed since.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from purelift.auth.tokens import mint_token
from purelift.domain.model import Role, Team, isoformat
from purelift.domain.ports import TeamRepository

IDENTITIES_PATH = "/api/v1/dev/identities"
TOKEN_PATH = "/api/v1/dev/token"
TOKEN_TTL = 12 * 3600  # as `purelift token` and the banner's tokens
DEV_TEAM_NAME = "Desktop migration"
DEV_TEAM_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://purelift.local/teams/desktop-migration").hex


@dataclass(frozen=True, slots=True)
class DevIdentity:
    user_id: str
    role: Role
    email: str
    label: str


IDENTITIES = (
    DevIdentity("admin", Role.ADMIN, "admin@example.com", "Admin: every team, deletes any job"),
    DevIdentity("lead", Role.TEAM_LEAD, "lead@example.com", f"Team lead of {DEV_TEAM_NAME}: shares, manages members"),
    DevIdentity("alice", Role.USER, "alice@example.com", f"Alice, member of {DEV_TEAM_NAME}"),
    DevIdentity("bob", Role.USER, "bob@example.com", f"Bob, member of {DEV_TEAM_NAME}"),
    DevIdentity("carol", Role.USER, "carol@example.com", "Carol, in no team"),
)
DEV_TEAM_MEMBERS = {"lead": True, "alice": False, "bob": False}


class DevSignInError(Exception):
    """A refused request: its status and the API's error code and message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class DevSignIn:
    """The two endpoints, over the stack's signing key."""

    def __init__(self, secret: str, ttl: int = TOKEN_TTL, clock: Callable[[], float] = time.time) -> None:
        self.secret = secret
        self.ttl = ttl
        self.clock = clock
        self.by_id = {identity.user_id: identity for identity in IDENTITIES}

    def identities(self) -> dict[str, Any]:
        return {"identities": [{**asdict(i), "role": i.role.value} for i in IDENTITIES]}

    def token(self, body: bytes) -> dict[str, Any]:
        """`{"user_id"}` -> `{"token", "expires_at"}`; `DevSignInError` for a body or user it refuses."""
        try:
            request = json.loads(body or b"null")
        except ValueError:
            raise DevSignInError(400, "malformed_json", "The request body is not valid JSON.") from None
        if not isinstance(request, dict) or set(request) != {"user_id"} or not isinstance(request["user_id"], str):
            raise DevSignInError(422, "validation_error", 'The body must be {"user_id": "<one of the identities>"}.')
        identity = self.by_id.get(request["user_id"])
        if identity is None:
            known = ", ".join(self.by_id)
            raise DevSignInError(404, "identity_not_found", f"No such dev identity; the local stack has: {known}.")
        now = int(self.clock())
        token = mint_token(identity.user_id, identity.role, identity.email, secret=self.secret, ttl=self.ttl, now=now)
        return {"token": token, "expires_at": isoformat(datetime.fromtimestamp(now + self.ttl, UTC))}


def seed_dev_team(teams: TeamRepository, now: datetime) -> bool:
    """Create the dev team with its lead and members unless it exists; True when it was created now."""
    if teams.get_team(DEV_TEAM_ID) is not None:
        return False
    for user_id, lead in DEV_TEAM_MEMBERS.items():
        teams.put_member(DEV_TEAM_ID, user_id, lead)
    teams.put_team(Team(DEV_TEAM_ID, DEV_TEAM_NAME, isoformat(now)))  # last: a team that exists is complete
    return True
