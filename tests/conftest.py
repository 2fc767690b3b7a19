"""Fixtures shared by every test tier."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STDLIB = Path(sysconfig.get_paths()["stdlib"])


@pytest.fixture(scope="session")
def calibration_dir() -> Path:
    """The labelled calibration corpus (shared/calibration/deskcalc)."""
    path = SHARED / "calibration" / "deskcalc"
    if not path.is_dir():
        pytest.fail(f"calibration corpus missing at {path}")
    return path


@pytest.fixture(scope="session")
def stdlib_dir() -> Path:
    return STDLIB


@pytest.fixture(scope="session")
def idlelib_dir() -> Path:
    return STDLIB / "idlelib"


@pytest.fixture(scope="session")
def turtledemo_dir() -> Path:
    return STDLIB / "turtledemo"
