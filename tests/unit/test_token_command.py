"""`purelift token` prints a token alone on stdout, and the authorizer's verifier accepts it."""

from __future__ import annotations

import argparse

import pytest
from purelift.auth.tokens import TokenVerifier
from purelift.commands import token as token_command
from purelift.domain.model import Role
from purelift.settings import DEV_JWT_SECRET, AuthSettings


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    parser = argparse.ArgumentParser()
    token_command.add_arguments(parser)
    assert token_command.run(parser.parse_args(argv)) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.count(".") == 2  # one line: header.payload.signature
    return out.strip()


@pytest.mark.parametrize("role", list(Role))
def test_the_token_verifies_with_the_local_key(
    role: Role, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOCAL_JWT_SECRET", raising=False)
    printed = _run(["--user", "u-1", "--role", role.value, "--email", "u@example.com"], capsys)
    identity = TokenVerifier(AuthSettings(LOCAL_JWT_SECRET=DEV_JWT_SECRET)).verify(printed)
    assert (identity.user_id, identity.role, identity.email) == ("u-1", role, "u@example.com")


def test_local_jwt_secret_selects_the_key(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "a-stack-specific-secret-that-is-long-enough-for-hs256"
    monkeypatch.setenv("LOCAL_JWT_SECRET", secret)
    printed = _run(["--user", "u-2", "--role", "User"], capsys)
    assert TokenVerifier(AuthSettings(LOCAL_JWT_SECRET=secret)).verify(printed).user_id == "u-2"


def test_an_unknown_role_is_refused() -> None:
    parser = argparse.ArgumentParser()
    token_command.add_arguments(parser)
    with pytest.raises(SystemExit):
        parser.parse_args(["--user", "u", "--role", "Root"])


def test_the_purelift_command_prints_the_token_alone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from purelift.cli import main

    monkeypatch.delenv("LOCAL_JWT_SECRET", raising=False)
    assert main(["token", "--user", "cli-user", "--role", "TeamLead"]) == 0
    captured = capsys.readouterr()
    (line,) = captured.out.splitlines()
    assert captured.err == ""
    identity = TokenVerifier(AuthSettings(LOCAL_JWT_SECRET=DEV_JWT_SECRET)).verify(line)
    assert (identity.user_id, identity.role) == ("cli-user", Role.TEAM_LEAD)
