"""Sharing jobs with teams, and the teams themselves (SPEC §3, §7)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from purelift.domain.errors import (
    BadRequestError,
    ForbiddenError,
    MemberNotFoundError,
    ShareNotFoundError,
    TeamNotFoundError,
)
from purelift.domain.model import Identity, Membership, Page, Role, Share, SharedJob, Team, isoformat
from purelift.domain.permissions import Action, can_list_members, can_manage_members, can_view, facts
from purelift.services.context import Backend, load_authorized
from purelift.services.realtime import Audience

log = logging.getLogger(__name__)


def end_lost_subscriptions(
    backend: Backend, job_id: str, user_id: str | None = None, left_team: str | None = None
) -> None:
    """After a change that may end someone's `view` of a job, delete the WebSocket subscriptions of those who
    lost it (only `user_id`'s, if given, who has just left `left_team`). The notifier checks access at every
    push anyway (it alone covers a share that merely expires); this keeps nothing lingering. A failure here is
    logged: the change itself has been made, and the push-time check still holds."""
    if backend.connections is None:
        return
    try:
        Audience.of(backend).end_refused(backend.connections, job_id, user_id, left_team)
    except Exception:
        log.warning("cannot end the subscriptions to %s that lost access", job_id, exc_info=True)


class SharingService:
    def __init__(self, backend: Backend) -> None:
        self.b = backend

    def share(
        self,
        caller: Identity,
        job_id: str,
        team_id: str,
        can_view: bool,
        can_download: bool,
        expires_at: datetime | None,
    ) -> Share:
        """Share (or re-share, updating the flags) a job with a team."""
        load_authorized(self.b, caller, job_id, Action.SHARE, target_team=team_id)
        if self.b.teams.get_team(team_id) is None:
            raise TeamNotFoundError
        now = self.b.clock()
        if expires_at is not None and expires_at <= now:
            raise BadRequestError("expires_at must be in the future.")
        share = Share(
            job_id=job_id,
            team_id=team_id,
            can_view=can_view,
            can_download=can_download,
            shared_by=caller.user_id,
            created_at=isoformat(now),
            expires_at=isoformat(expires_at) if expires_at is not None else None,
        )
        saved = self.b.shares.put_share(share)
        end_lost_subscriptions(self.b, job_id)  # re-sharing may have taken `can_view` away
        return saved

    def unshare(self, caller: Identity, job_id: str, team_id: str) -> None:
        load_authorized(self.b, caller, job_id, Action.UNSHARE, target_team=team_id)
        if not self.b.shares.delete_share(job_id, team_id):
            raise ShareNotFoundError
        end_lost_subscriptions(self.b, job_id)

    def shares(self, caller: Identity, job_id: str) -> Sequence[Share]:
        """The job's shares, expired ones included (the owner sees what is left to clean up)."""
        load_authorized(self.b, caller, job_id, Action.LIST_SHARES)
        return self.b.shares.shares_of(job_id)

    def shared_with_me(self, caller: Identity, limit: int, offset: int) -> tuple[Page[SharedJob], int]:
        """Jobs shared with any of the caller's teams, unexpired only, flags merged over those teams;
        newest job first. Returns the page and the total. A job the caller may not view (no share with
        `can_view`, and not theirs) is listed without its status, counts and summary: `view` decides, as
        it does for `GET /analysis/{id}`."""
        now = self.b.clock()
        my_teams = self.b.teams.teams_of(caller.user_id)
        merged: dict[str, list[Share]] = {}
        for team_id in my_teams:
            for share in self.b.shares.shares_for_team(team_id):
                if share.active(now):
                    merged.setdefault(share.job_id, []).append(share)
        found = [(job, merged[job_id]) for job_id in merged if (job := self.b.jobs.get_job(job_id)) is not None]
        found.sort(key=lambda pair: (pair[0].created_at, pair[0].job_id), reverse=True)
        rows: list[SharedJob] = []
        for job, shares in found:
            expiries = [s.expires_at for s in shares]
            viewable = can_view(facts(caller, my_teams, job.owner_id, shares, now))
            rows.append(
                SharedJob(
                    job_id=job.job_id,
                    name=job.name,
                    team_ids=tuple(sorted(s.team_id for s in shares)),
                    can_view=any(s.can_view for s in shares),
                    can_download=any(s.can_download for s in shares),
                    expires_at=None if None in expiries else max(e for e in expiries if e is not None),
                    job=job if viewable else None,
                )
            )
        total = len(rows)
        page = rows[offset : offset + limit]
        more = offset + limit < total
        return Page(items=page, cursor=str(offset + limit) if more else None), total


class TeamService:
    def __init__(self, backend: Backend) -> None:
        self.b = backend

    def me(self, caller: Identity) -> dict[str, bool]:
        return dict(self.b.teams.teams_of(caller.user_id))

    def create(self, caller: Identity, name: str) -> Team:
        if caller.role is not Role.ADMIN:
            raise ForbiddenError("Only an Admin creates teams.")
        team = Team(team_id=uuid.uuid4().hex, name=name, created_at=isoformat(self.b.clock()))
        self.b.teams.put_team(team)
        return team

    def list(self, caller: Identity) -> Sequence[Team]:
        """The caller's teams; an Admin sees all."""
        if caller.role is Role.ADMIN:
            return self.b.teams.all_teams()
        teams = [self.b.teams.get_team(team_id) for team_id in self.b.teams.teams_of(caller.user_id)]
        return sorted((t for t in teams if t is not None), key=lambda t: (t.name, t.team_id))

    def members(self, caller: Identity, team_id: str) -> Sequence[Membership]:
        """The team's members and leads, for its members and Admin. To anyone else the team is unknown: a 404
        whether or not it exists, so team ids cannot be probed."""
        if not can_list_members(caller, self.b.teams.teams_of(caller.user_id), team_id):
            raise TeamNotFoundError
        if self.b.teams.get_team(team_id) is None:
            raise TeamNotFoundError
        return self.b.teams.members_of(team_id)

    def _check(self, caller: Identity, team_id: str, user_id: str, make_lead: bool | None) -> None:
        """The target's current lead status counts as much as the requested one: re-adding a lead with
        `lead: false` is a demotion."""
        if self.b.teams.get_team(team_id) is None:
            raise TeamNotFoundError
        my_teams = self.b.teams.teams_of(caller.user_id)
        target_lead = self.b.teams.teams_of(user_id).get(team_id, False)
        if not can_manage_members(caller, my_teams, team_id, target_lead=target_lead, make_lead=make_lead):
            raise ForbiddenError(
                "Only an Admin or a lead of this team manages its plain members; only an Admin adds, changes or "
                "removes leads."
            )

    def add_member(self, caller: Identity, team_id: str, user_id: str, lead: bool) -> None:
        self._check(caller, team_id, user_id, make_lead=lead)
        self.b.teams.put_member(team_id, user_id, lead)

    def remove_member(self, caller: Identity, team_id: str, user_id: str) -> None:
        self._check(caller, team_id, user_id, make_lead=None)
        if not self.b.teams.delete_member(team_id, user_id):
            raise MemberNotFoundError
        for share in self.b.shares.shares_for_team(team_id):
            end_lost_subscriptions(self.b, share.job_id, user_id, left_team=team_id)
