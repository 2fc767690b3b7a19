"""What every service needs: the ports, the limits, a clock, and the one place that checks access."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from purelift.domain.errors import JobNotFoundError
from purelift.domain.model import Identity, Job, Share, utcnow
from purelift.domain.permissions import Action, Rights, authorize, facts, rights
from purelift.domain.ports import (
    Cache,
    ConnectionRepository,
    JobRepository,
    ObjectStore,
    Orchestrator,
    ShareRepository,
    TeamRepository,
)


@dataclass(frozen=True, slots=True)
class Limits:
    upload_max_bytes: int = 200 * 1024 * 1024
    direct_upload_max_bytes: int = 4 * 1024 * 1024
    presign_expires: int = 900
    result_inline_max_bytes: int = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Backend:
    jobs: JobRepository
    shares: ShareRepository
    teams: TeamRepository
    store: ObjectStore
    orchestrator: Orchestrator
    cache: Cache
    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], datetime] = utcnow
    # WebSocket subscriptions, so that ending someone's access also ends their subscriptions (None: no
    # WebSocket side; the notifier's push-time check alone then keeps pushes from the wrong users).
    connections: ConnectionRepository | None = None


@dataclass(frozen=True, slots=True)
class Access:
    """A job the caller may act on, with what was read to decide it."""

    job: Job
    shares: Sequence[Share]
    teams: Mapping[str, bool]


def load_authorized(
    backend: Backend, caller: Identity, job_id: str, action: Action, target_team: str | None = None
) -> Access:
    """Read the job and decide `action` for `caller` through the permission matrix, before anything else
    (in particular before any cache read). Raises `JobNotFoundError` or `ForbiddenError`."""
    job = backend.jobs.get_job(job_id)
    if job is None:
        raise JobNotFoundError
    is_owner = job.owner_id == caller.user_id
    # The owner needs neither shares nor teams, except to share (team membership matters then).
    shares = backend.shares.shares_of(job_id) if not is_owner else ()
    teams = backend.teams.teams_of(caller.user_id) if not is_owner or action is Action.SHARE else {}
    authorize(action, facts(caller, teams, job.owner_id, shares, backend.clock(), target_team))
    return Access(job=job, shares=shares, teams=teams)


def caller_rights(backend: Backend, caller: Identity, job: Job) -> Rights:
    """What `caller` may do with `job`, decided by the permission matrix (`GET /analysis/{id}`'s `permissions`).
    The owner's rights follow from ownership and role alone, so their status read costs nothing more."""
    is_owner = job.owner_id == caller.user_id
    shares = backend.shares.shares_of(job.job_id) if not is_owner else ()
    teams = backend.teams.teams_of(caller.user_id) if not is_owner else {}
    return rights(facts(caller, teams, job.owner_id, shares, backend.clock()))
