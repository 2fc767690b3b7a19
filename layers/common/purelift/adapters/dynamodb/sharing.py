"""Shares of jobs with teams, the teams and their members, in the single table.

Shares sit under the job (`JOB#{job}`/`SHARE#{team}`), so the permission check reads a job's shares with one
query and deleting the job deletes them; GSI1 lists a team's shares and a user's teams. A share with an
expiry carries `ttl`; expired shares are also filtered when read (`Share.active`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from purelift.adapters.dynamodb.table import Table, indexed_key, primary_key
from purelift.domain.model import Membership, Share, Team, parse_time


def share_from_item(item: Mapping[str, Any]) -> Share:
    return Share(
        job_id=item["job_id"],
        team_id=item["team_id"],
        can_view=bool(item["can_view"]),
        can_download=bool(item["can_download"]),
        shared_by=item["shared_by"],
        created_at=item["created_at"],
        expires_at=item.get("expires_at"),
    )


def team_from_item(item: Mapping[str, Any]) -> Team:
    return Team(item["team_id"], item["name"], item["created_at"])


class DynamoSharing:
    """Implements `ShareRepository` and `TeamRepository` over the single table."""

    def __init__(self, table: Table) -> None:
        self.table = table

    # --- shares ---
    def put_share(self, share: Share) -> Share:
        item: dict[str, Any] = {
            **indexed_key(
                f"JOB#{share.job_id}", f"SHARE#{share.team_id}", f"TEAM#{share.team_id}", f"SHARE#{share.job_id}"
            ),
            "type": "share",
            **asdict(share),
        }
        if share.expires_at is not None:
            item["ttl"] = int(parse_time(share.expires_at).timestamp())
        self.table.put(item)
        return share

    def shares_of(self, job_id: str) -> Sequence[Share]:
        items = self.table.query(
            "PK = :pk AND begins_with(SK, :prefix)", {":pk": f"JOB#{job_id}", ":prefix": "SHARE#"}, consistent=True
        )
        return [share_from_item(item) for item in items]

    def delete_share(self, job_id: str, team_id: str) -> bool:
        return self.table.delete(primary_key(f"JOB#{job_id}", f"SHARE#{team_id}"), report=True)

    def shares_for_team(self, team_id: str) -> Sequence[Share]:
        return [share_from_item(item) for item in self.table.gsi1(f"TEAM#{team_id}", "SHARE#")]

    # --- teams ---
    def put_team(self, team: Team) -> None:
        item = {
            **indexed_key(f"TEAM#{team.team_id}", "META", "TEAMS", f"TEAM#{team.name}#{team.team_id}"),
            "type": "team",
            **asdict(team),
        }
        self.table.put(item)

    def get_team(self, team_id: str) -> Team | None:
        item = self.table.get(primary_key(f"TEAM#{team_id}", "META"))
        return team_from_item(item) if item else None

    def all_teams(self) -> Sequence[Team]:
        return [team_from_item(item) for item in self.table.gsi1("TEAMS", "TEAM#")]

    def put_member(self, team_id: str, user_id: str, lead: bool) -> None:
        item = {
            **indexed_key(f"TEAM#{team_id}", f"MEMBER#{user_id}", f"USER#{user_id}", f"TEAM#{team_id}"),
            "type": "member",
            "team_id": team_id,
            "user_id": user_id,
            "lead": lead,
        }
        self.table.put(item)

    def delete_member(self, team_id: str, user_id: str) -> bool:
        return self.table.delete(primary_key(f"TEAM#{team_id}", f"MEMBER#{user_id}"), report=True)

    def members_of(self, team_id: str) -> Sequence[Membership]:
        items = self.table.query(
            "PK = :pk AND begins_with(SK, :prefix)", {":pk": f"TEAM#{team_id}", ":prefix": "MEMBER#"}, consistent=True
        )
        return sorted(
            (Membership(item["team_id"], item["user_id"], bool(item.get("lead"))) for item in items),
            key=lambda m: m.user_id,
        )

    def teams_of(self, user_id: str) -> Mapping[str, bool]:
        return {item["team_id"]: bool(item.get("lead")) for item in self.table.gsi1(f"USER#{user_id}", "TEAM#")}
