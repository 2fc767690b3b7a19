"""Fixtures shared by every test tier."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STDLIB = Path(sysconfig.get_paths()["stdlib"])


@pytest.fixture(scope="session")
def example_app() -> Path:
    """The project's own Tkinter example, `examples/tkcalc`: 10 files (UI, Logic, Mixed, one that does not
    parse), every function labelled with its expected verdict, the file verdicts in its EXPECTED.json."""
    return EXAMPLES / "tkcalc"


@pytest.fixture(scope="session")
def stdlib_dir() -> Path:
    return STDLIB


@pytest.fixture(scope="session")
def idlelib_dir() -> Path:
    return STDLIB / "idlelib"


@pytest.fixture(scope="session")
def turtledemo_dir() -> Path:
    return STDLIB / "turtledemo"
