"""Exports (SPEC §2 "Exports"): JSON round trip, CSV for spreadsheets, the extraction ZIP.

Given a small result (and, for the ZIP, a small project extracted for real), when it is exported, then the
bytes are what a user's tools expect: JSON that reads back into the same result with Korean left readable,
a CSV Excel opens as UTF-8 and cannot be turned into formulas, a ZIP that unpacks into an importable package
whose README shows a working endpoint, identical bytes for identical input.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from purelift.analysis.exports import CSV_HEADER, PACKAGE_NAME, neutralise, to_csv, to_json, to_zip
from purelift.analysis.extract import Extraction, plan_extraction
from purelift.analysis.model import (
    AnalysisResult,
    Blocker,
    FileResult,
    FunctionResult,
    ParseError,
    Reason,
    SkippedFile,
    Summary,
)
from purelift.analysis.modules import ModuleIndex

KOREAN = "계산기 보고서"


def _file(path: str, functions: list[FunctionResult] | None = None, **overrides: object) -> FileResult:
    base: dict[str, object] = dict(
        path=path,
        loc=10,
        lloc=8,
        sloc=9,
        comments=1,
        multi=0,
        blank=1,
        ui_lines=3,
        ui_pct=33.3333,
        classification="Mixed",
        web_ready=False,
        functions=functions or [],
    )
    base.update(overrides)
    return FileResult(**base)  # type: ignore[arg-type]


def _result(files: list[FileResult], name: str = KOREAN) -> AnalysisResult:
    summary = Summary(len(files), len(files), 0, 10, 9, 0, 0, len(files), 0, 0, 0, 0, 33.3, {"tkinter": 1})
    return AnalysisResult("job-1", name, "2026-01-02T03:04:05Z", 1.25, summary, files)


@pytest.fixture
def rich_result() -> AnalysisResult:
    """A result using every field: reasons, blockers, a parse error, a skipped file, Korean text."""
    functions = [
        FunctionResult("합계", 3, 5, True, True, [], ["pkg.util.helper"]),
        FunctionResult("Window.show", 7, 9, False, False, [Reason("ui", 8, f"{KOREAN} 창")]),
    ]
    files = [
        _file("pkg/보고서.py", functions, web_ready_blockers=[Blocker(4, "os.startfile")], toolkits=["tkinter"]),
        _file("pkg/broken.py", parse_error=ParseError(2, "invalid syntax"), classification="Logic"),
    ]
    return replace(_result(files), skipped=[SkippedFile("huge.py", "larger than 5 MB")])


# ---------------------------------------------------------------------------------------------------------
# JSON


@pytest.mark.parametrize("pretty", [True, False])
def test_json_round_trips_to_the_same_result(rich_result: AnalysisResult, pretty: bool) -> None:
    data = to_json(rich_result, pretty=pretty)
    assert AnalysisResult.from_dict(json.loads(data)) == rich_result


def test_compact_json_is_the_same_data_on_one_line(rich_result: AnalysisResult) -> None:
    """What the pipeline stores (programs read it): no indentation, same keys in the same order, text readable."""
    compact = to_json(rich_result, pretty=False).decode("utf-8")
    assert compact.startswith('{"schema_version":1,"job_id":"job-1",') and compact.count("\n") == 1
    assert json.loads(compact) == json.loads(to_json(rich_result)) and KOREAN in compact


def test_json_is_pretty_printed_with_schema_version_first(rich_result: AnalysisResult) -> None:
    text = to_json(rich_result).decode("utf-8")
    assert text.startswith('{\n  "schema_version": 1,\n  "job_id": "job-1",')
    assert next(iter(json.loads(text))) == "schema_version"


def test_json_keeps_korean_readable(rich_result: AnalysisResult) -> None:
    text = to_json(rich_result).decode("utf-8")
    assert KOREAN in text and "pkg/보고서.py" in text and "합계" in text
    assert "\\u" not in text


# ---------------------------------------------------------------------------------------------------------
# CSV


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_the_header_and_every_file_in_path_order() -> None:
    files = [_file("b.py"), _file("a/z.py"), _file("a.py", parse_error=ParseError(1, "bad")), _file("A.py")]
    data = to_csv(_result(files))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _rows(data)
    assert tuple(rows[0]) == CSV_HEADER == ("File Path", "LOC", "UI %", "Pure Functions", "Classification", "Web Ready")
    assert [r[0] for r in rows[1:]] == ["A.py", "a.py", "a/z.py", "b.py"]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (_file("x.py", ui_pct=33.3333, loc=120), ["x.py", "120", "33.3", "0", "Mixed", "no"]),
        (_file("x.py", ui_pct=0.0, classification="Logic", web_ready=True), ["x.py", "10", "0.0", "0", "Logic", "yes"]),
        (_file("x.py", ui_pct=100, classification="UI"), ["x.py", "10", "100.0", "0", "UI", "no"]),
        (_file("x.py", ui_pct=66.66), ["x.py", "10", "66.7", "0", "Mixed", "no"]),
        (
            _file("x.py", [FunctionResult(q, 1, 2, q != "c", False) for q in "abc"]),
            ["x.py", "10", "33.3", "2", "Mixed", "no"],
        ),
        (_file("한국어/계산.py"), ["한국어/계산.py", "10", "33.3", "0", "Mixed", "no"]),
        # A trivial function (a stub) is pure but not counted: the column is the headline count.
        (
            _file(
                "x.py", [FunctionResult("a", 1, 2, True, False), FunctionResult("b", 3, 4, True, False, trivial=True)]
            ),
            ["x.py", "10", "33.3", "1", "Mixed", "no"],
        ),
    ],
)
def test_csv_row_values(file: FileResult, expected: list[str]) -> None:
    assert _rows(to_csv(_result([file])))[1] == expected


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x").py', '\'=HYPERLINK("http://x").py'),
        ("+cmd.py", "'+cmd.py"),
        ("-2+3.py", "'-2+3.py"),
        ("@SUM(A1).py", "'@SUM(A1).py"),
        ("\tcalc.py", "'\tcalc.py"),
        ("\rcalc.py", "'\rcalc.py"),
        ("safe.py", "safe.py"),
        ("a=b.py", "a=b.py"),
        ("dir/-x.py", "dir/-x.py"),
        ("", ""),
    ],
)
def test_csv_neutralises_cells_a_spreadsheet_would_run(cell: str, shown: str) -> None:
    assert neutralise(cell) == shown
    assert _rows(to_csv(_result([_file(cell)])))[1][0] == shown


def test_csv_quotes_commas_and_newlines_in_paths() -> None:
    rows = _rows(to_csv(_result([_file('we,ird\n"name".py')])))
    assert rows[1][0] == 'we,ird\n"name".py' and len(rows) == 2


# ---------------------------------------------------------------------------------------------------------
# ZIP

PROJECT = {
    "calc/__init__.py": "",
    "calc/units.py": textwrap.dedent(
        """
        import random

        FACTORS = {"km": 1000.0, "m": 1.0}

        def convert(value, src, dst):
            return value * FACTORS[src] / FACTORS[dst]

        def jitter(x):
            return x + random.random()

        def noisy(x):
            return jitter(x) * 2
        """
    ),
    "calc/view.py": textwrap.dedent(
        """
        import tkinter as tk
        from .units import convert

        def label(value, unit="m"):
            return f"{convert(value, unit, 'm'):.1f} m"

        class Window(tk.Frame):
            def title(self):
                return self.master.title()
        """
    ),
}
IMPURE = {"jitter", "noisy", "Window.title"}


def _project_results() -> list[FileResult]:
    files = []
    for path, text in sorted(PROJECT.items()):
        functions = []
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                functions += [
                    FunctionResult(f"{node.name}.{f.name}", f.lineno, f.end_lineno or 0, False, False)
                    for f in node.body
                    if isinstance(f, ast.FunctionDef)
                ]
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef):
                functions.append(FunctionResult(node.name, node.lineno, node.end_lineno or 0, True, False))
        functions = [
            replace(fn, pure=False, reasons=[Reason("nondeterministic", fn.lineno, "random.random")])
            if fn.qualname in IMPURE
            else fn
            for fn in functions
        ]
        files.append(_file(path, functions))
    return files


@pytest.fixture
def exported() -> tuple[Extraction, AnalysisResult, bytes]:
    files = _project_results()
    extraction = plan_extraction(PROJECT, files, ModuleIndex(PROJECT))
    result = _result(files, name="calc app")
    return extraction, result, to_zip(extraction, result)


def test_zip_holds_the_modules_manifest_and_readme(exported: tuple[Extraction, AnalysisResult, bytes]) -> None:
    extraction, _, data = exported
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert set(names) == {*extraction.modules, "manifest.json", "README.md"}
        assert {"__init__.py", "calc/__init__.py", "calc/units_pure.py", "calc/view_pure.py"} <= set(names)
        for path, text in extraction.modules.items():
            assert archive.read(path).decode("utf-8") == text
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
        assert archive.testzip() is None


def test_zip_manifest_lists_units_and_misses(exported: tuple[Extraction, AnalysisResult, bytes]) -> None:
    extraction, _, data = exported
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["schema_version"] == 1 and manifest["name"] == "calc app"
    units = {u["qualname"]: u for u in manifest["units"]}
    assert set(units) == {"convert", "label"}
    assert units["label"] == {
        "source_path": "calc/view.py",
        "qualname": "label",
        "lines": [5, 6],
        "target_module": "calc/view_pure.py",
        "name": "label",
        "dependencies": ["calc/units_pure.py:convert"],
        "note": "",
    }
    assert units["convert"]["dependencies"] == ["FACTORS"]
    assert manifest["not_extracted"] == [
        {"source_path": n.source_path, "qualname": n.qualname, "reason": n.reason} for n in extraction.not_extracted
    ]


def test_zip_readme_has_summary_misses_and_a_working_migration_guide(
    exported: tuple[Extraction, AnalysisResult, bytes], tmp_path: Path
) -> None:
    _, _, data = exported
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        readme = archive.read("README.md").decode("utf-8")
        archive.extractall(tmp_path / PACKAGE_NAME)
    assert "| `calc/units.py` | 3 | 1 | 1 |" in readme
    assert "| `calc/view.py` | 2 | 1 | 1 |" in readme
    assert "unzip pure_functions.zip -d legacy_pure" in readme
    # `label` calls another extracted function (`convert`): the most substantial unit is the example.
    assert "from legacy_pure.calc.view_pure import label" in readme
    snippet = re.search(r"```python\n(.*?)```", readme, re.S)
    assert snippet is not None
    # The guide's code, unchanged, serves the real extracted function (FastAPI's test client, no server).
    check = snippet.group(1) + textwrap.dedent(
        """
        from fastapi.testclient import TestClient
        response = TestClient(app).post("/label", json={"value": 2, "unit": "km"})
        assert response.status_code == 200, response.text
        print(response.json()["result"])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2000.0 m"


def test_zip_readme_says_why_functions_were_not_extracted() -> None:
    files = _project_results()  # calc/units.py's source is missing: `label` cannot import `convert`
    extraction = plan_extraction(
        {"calc/__init__.py": "", "calc/view.py": PROJECT["calc/view.py"]}, files, ModuleIndex(PROJECT)
    )
    with zipfile.ZipFile(io.BytesIO(to_zip(extraction, _result(files)))) as archive:
        readme = archive.read("README.md").decode("utf-8")
    assert "| `calc/view.py` | `label` |" in readme
    assert "cannot be extracted" in readme  # its helper's file was not available
    assert "No extracted function of this analysis" in readme


def test_zip_is_deterministic(exported: tuple[Extraction, AnalysisResult, bytes]) -> None:
    _, _, data = exported
    files = _project_results()
    again = to_zip(plan_extraction(PROJECT, files, ModuleIndex(PROJECT)), _result(files, name="calc app"))
    assert again == data


def test_zip_of_an_empty_extraction_still_explains_itself() -> None:
    data = to_zip(Extraction(), _result([_file("a.py")]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["README.md", "manifest.json"]
        assert "Every pure function was extracted." in archive.read("README.md").decode("utf-8")


def test_zip_readme_imports_a_package_init_unit_from_the_package(tmp_path: Path) -> None:
    """A unit of `calc/__init__.py` lives in the archive's `calc/__init__.py`: `from legacy_pure.calc import`."""
    source = "def scale(value, factor=2):\n    return value * factor\n"
    files = [_file("calc/__init__.py", [FunctionResult("scale", 1, 2, True, False)])]
    extraction = plan_extraction({"calc/__init__.py": source}, files, ModuleIndex({"calc/__init__.py": source}))
    assert [u.target_module for u in extraction.units] == ["calc/__init__.py"]
    with zipfile.ZipFile(io.BytesIO(to_zip(extraction, _result(files)))) as archive:
        readme = archive.read("README.md").decode("utf-8")
        assert "def scale(value, factor=2):" in archive.read("calc/__init__.py").decode("utf-8")
    assert "from legacy_pure.calc import scale\n" in readme and "__init__" not in readme.split("## Layout")[0]


def _all_pure(sources: dict[str, str]) -> list[FileResult]:
    return [
        _file(
            path,
            [
                FunctionResult(n.name, n.lineno, n.end_lineno or 0, True, False)
                for n in ast.parse(text).body
                if isinstance(n, ast.FunctionDef)
            ],
        )
        for path, text in sorted(sources.items())
    ]


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        # A stub is never the example, even first: it is not a unit at all.
        (
            """
            def on_send(message):
                return None

            def first(a):
                return a

            def words(text, limit=3):
                parts = text.split()
                kept = [p for p in parts if p]
                return kept[:limit]
            """,
            "words",
        ),
        # Same number of statements: the one calling other extracted functions is more substantial.
        (
            """
            def double(x):
                return x * 2

            def quadruple(x):
                return double(double(x))
            """,
            "quadruple",
        ),
        # Arguments come first (a request carries them), then size.
        (
            """
            def table():
                rows = [1, 2]
                rows = rows + [3]
                return rows

            def half(x):
                return x / 2
            """,
            "half",
        ),
    ],
)
def test_migration_guide_shows_the_most_substantial_unit(code: str, shown: str) -> None:
    sources = {"calc.py": textwrap.dedent(code)}
    files = _all_pure(sources)
    extraction = plan_extraction(sources, files, ModuleIndex(sources))
    with zipfile.ZipFile(io.BytesIO(to_zip(extraction, _result(files)))) as archive:
        readme = archive.read("README.md").decode("utf-8")
    assert f"from legacy_pure.calc_pure import {shown}\n" in readme
    assert "on_send" not in readme.split("## Migration guide")[1]
