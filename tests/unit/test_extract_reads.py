"""The extraction reads again only the files it needs (issue 12 item 5), and decides exactly as if it read them all.

What the per-file pass hands over for it: `FunctionSummary.trivial` (a stub's verdict needs no second parse) and
`FileSummary.changed_imports` (the imported objects a file may change: only such files, when the module is the
project's, are read for changes made from elsewhere).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from purelift.analysis.config import EngineConfig
from purelift.analysis.extract.planner import Planner
from purelift.analysis.fileinfo import summarize_file
from purelift.analysis.modules import ModuleIndex
from purelift.analysis.solve import solve
from purelift.analysis.summary import FileSummary

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _summaries(files: dict[str, str]) -> list[FileSummary]:
    return [summarize_file(path, textwrap.dedent(text).encode()) for path, text in sorted(files.items())]


def _planner(files: dict[str, str], *, facts: bool = True) -> Planner:
    files = {path: textwrap.dedent(text) for path, text in files.items()}
    summaries = _summaries(files)
    verdicts, _ = solve(summaries, EngineConfig())
    given = {s.path: s for s in summaries} if facts else None
    return Planner(files, verdicts, ModuleIndex(files), EngineConfig(), given)


# ---------------------------------------------------------------------------------------------------------
# The per-file facts


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import units\nunits.FACTOR = 2\n", [("units", "units", 0, "", True)]),
        ("import units\nunits.TABLE['k'] = 2\n", [("units", "units", 0, "", True)]),
        ("import units\ndel units.TABLE['k']\n", [("units", "units", 0, "", True)]),
        ("import units\nunits.COUNT += 1\n", [("units", "units", 0, "", True)]),
        ("import units\nunits.level: int\n", [("units", "units", 0, "", True)]),
        ("import units\nfor units.i in range(3):\n    pass\n", [("units", "units", 0, "", True)]),
        ("import units\nunits.TABLE.clear()\n", [("units", "units", 0, "", True)]),  # a method of an attribute
        ("import units\nunits[0].x = 1\n", [("units", "units", 0, "", True)]),  # an attribute after an item
        ("import units\nunits.T.clear()\nunits.setup()\n", [("units", "units", 0, "", True)]),  # one is enough
        ("from . import units\ndef f():\n    units.TABLE.append(1)\n", [("units", "", 1, "units", True)]),
        ("from .units import TABLE\ndef f():\n    TABLE.update(a=1)\n", [("TABLE", "units", 1, "TABLE", False)]),
        ("from pkg import units\nunits.setup()\n", [("units", "pkg", 0, "units", False)]),  # a module, or a name
        ("import units as u\nu.CACHE.setup()\n", [("u", "units", 0, "", True)]),  # unknown method at import
        ("import units\ndef f(x: units.reg.register()):\n    return x\n", [("units", "units", 0, "", True)]),
        ("import units\ndef f() -> units.reg.register():\n    pass\n", [("units", "units", 0, "", True)]),
        ("import units\nlevel: units.reg.register() = 1\n", [("units", "units", 0, "", True)]),
        # through a local naming it (what the functions change, `state.runtime_changes`)
        ("from units import T\ndef f():\n    t = T\n    t.x = 5\n", [("T", "units", 0, "T", False)]),
        ("import units\ndef f():\n    t = units.T\n    t.append(1)\n", [("units", "units", 0, "", True)]),
        # a name only a star import may bind: as if imported by name from each starred module
        (
            "from .dates import *\nfrom units import *\nUNITS.append('ms')\n",
            [("UNITS", "dates", 1, "UNITS", False), ("UNITS", "units", 0, "UNITS", False)],
        ),
        ("from .dates import *\nUNITS.kind = 'time'\n", [("UNITS", "dates", 1, "UNITS", True)]),
        # the rows that must stay empty
        ("import units\ndef f():\n    units.setup()\n", []),  # unknown method inside a function: the solve's
        ("import units\nunits.TABLE.get('k')\n", []),  # a method known only to read
        ("import units\nx = units.TABLE['k']\n", []),  # a read
        ("TABLE = []\nTABLE.append(1)\n", []),  # not imported: the file's own name
        # a module object itself changes no name of the project (`unittest.main()` ends many test files)
        ("import units as u\nu.setup()\n", []),
        ("import units\nunits[0] = 1\n", []),
        ("import units\nunits.register()\nlevel: units.register() = 1\n", []),
        ("import units\ndef f(units):\n    units.x = 1\n", [("units", "units", 0, "", True)]),  # a superset
    ],
)
def test_changed_imports_are_the_imported_objects_a_file_may_change(code: str, expected: list[object]) -> None:
    assert _summaries({"app.py": code})[0].changed_imports == expected


def test_trivial_is_judged_by_the_per_file_pass() -> None:
    code = """
    def stub():
        pass

    def four():
        return 4

    def real(x):
        return x * 2
    """
    summary = _summaries({"app.py": code})[0]
    assert {fn.qualname: fn.trivial for fn in summary.functions} == {"stub": True, "four": True, "real": False}


# ---------------------------------------------------------------------------------------------------------
# What the planner reads


def test_a_file_without_candidates_or_changes_is_not_read() -> None:
    planner = _planner(
        {
            "calc.py": "def double(x):\n    return 2 * x\n",
            "window.py": "import calc\n\ndef show(x):\n    print(calc.double(x))\n",
        }
    )
    extraction = planner.run()
    assert [u.qualname for u in extraction.units] == ["double"]
    assert planner.sources.read() == ["calc.py"]


def test_a_file_changing_a_project_constant_is_read_and_the_constant_is_not_carried() -> None:
    files = {
        "units.py": "FACTORS = [1, 2]\n\ndef scale(x):\n    return [x * f for f in FACTORS]\n",
        "setup.py": "import units\n\ndef configure():\n    print('set up')\n\nunits.FACTORS.append(3)\n",
        "other.py": "import sys\nsys.path.append('x')\n\ndef f():\n    print(1)\n",
    }
    planner = _planner(files)
    extraction = planner.run()
    assert extraction.units == []
    (why,) = [n.reason for n in extraction.not_extracted if n.qualname == "scale"]
    assert "setup.py line 6" in why
    assert sorted(planner.sources.read()) == ["setup.py", "units.py"]  # `sys` is not the project's: other.py unread


_UNITS = "FACTORS = [1, 2]\n\ndef scale(x):\n    return [x * f for f in FACTORS]\n"


@pytest.mark.parametrize(
    ("setup", "read", "extracted"),
    [
        # a change of FACTORS through the module, or through the name imported from it: read, FACTORS not carried
        ("from pkg import units\nunits.FACTORS.append(3)\n", True, False),
        ("from pkg.units import FACTORS\nFACTORS.append(3)\n", True, False),
        ("import pkg.units as u\nu.FACTORS.append(3)\n", True, False),
        # the module object itself: no name of the project changes, and the file is not read
        ("from pkg import units\nunits.main()\n", False, True),
        ("import pkg.units as u\nu.main()\n", False, True),
        # through a star import (veusz's packages re-export their modules so): read, FACTORS not carried
        ("from pkg.units import *\nFACTORS.append(3)\n", True, False),
        ("from pkg.units import *\nFACTORS[0] = 9\n", True, False),
        ("from pkg.units import *\nx = FACTORS[0]\n", False, True),
    ],
)
def test_a_change_through_an_import_is_read_only_when_it_may_change_a_name(
    setup: str, read: bool, extracted: bool
) -> None:
    files = {"pkg/__init__.py": "", "pkg/units.py": _UNITS, "setup.py": setup}
    lazy, eager = _planner(files), _planner(files, facts=False)
    lazy_run, eager_run = lazy.run(), eager.run()
    assert ("setup.py" in lazy.sources.read()) is read
    assert [u.qualname for u in lazy_run.units] == (["scale"] if extracted else [])
    assert (lazy_run.modules, lazy_run.not_extracted) == (eager_run.modules, eager_run.not_extracted)


@pytest.mark.parametrize("app", ["tkcalc", "qtnotes"])
def test_reading_only_what_is_needed_decides_as_reading_everything(app: str) -> None:
    root = EXAMPLES / app
    files = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))}
    files = {path: text for path, text in files.items() if not _summaries({path: text})[0].parse_error}
    lazy, eager = _planner(files), _planner(files, facts=False)
    lazy_run, eager_run = lazy.run(), eager.run()
    assert lazy_run.modules == eager_run.modules
    assert lazy_run.not_extracted == eager_run.not_extracted
    assert lazy_run.trivial == eager_run.trivial
    assert len(lazy.sources.read()) < len(eager.sources.read()) == len(files)
