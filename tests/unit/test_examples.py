"""The example applications under `examples/` held to their own expected verdicts, as a user would run them.

Every function of an example carries `# expect: pure` or `# expect: impure(KIND)` on its `def` line (KIND is
one of the reasons the engine must give, SPEC §2); each app's `EXPECTED.json` holds the file verdicts and the
extraction. `purelift analyze` must meet all of them; every disagreement is listed with its place, so a
change to the engine shows exactly which verdicts it moved.
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from purelift.analysis.model import REASON_KINDS
from purelift.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
APPS = sorted(path.parent for path in EXAMPLES.glob("*/EXPECTED.json"))
EXPECT = re.compile(r"#\s*expect:\s*(?:(pure)|impure\((\w+)\))")


@dataclass(frozen=True)
class Expected:
    """One `# expect:` comment: the function it labels and the verdict it states."""

    path: str
    qualname: str
    lineno: int
    kind: str | None  # None: pure


def _defs(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every `def` with its `__qualname__` (lambdas carry no comment of their own)."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + child.name, child
            yield from _defs(child, f"{prefix}{child.name}.<locals>.")
        elif isinstance(child, ast.ClassDef):
            yield from _defs(child, f"{prefix}{child.name}.")
        else:
            yield from _defs(child, prefix)


def expectations(app: Path) -> tuple[list[Expected], list[str]]:
    """The labels of every file that parses, and the `def` lines that carry none (`path:line qualname`)."""
    found, unlabelled = [], []
    for file in sorted(app.rglob("*.py")):
        path = file.relative_to(app).as_posix()
        text = file.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue  # the file that does not parse on purpose: EXPECTED.json says so
        lines = text.splitlines()
        for qualname, node in _defs(tree):
            match = EXPECT.search(lines[node.lineno - 1])
            if match is None:
                unlabelled.append(f"{path}:{node.lineno} {qualname}")
            else:
                found.append(Expected(path, qualname, node.lineno, None if match[1] else match[2]))
    return found, unlabelled


def expected_files(app: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((app / "EXPECTED.json").read_text(encoding="utf-8"))
    return data


def analyze(app: Path, out: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """`purelift analyze APP`: the result and the extraction's manifest."""
    assert main(["analyze", str(app), "--out", str(out), "--format", "json,zip", "--quiet"]) == 0
    result = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(out / "pure_functions.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    return result, manifest


def function_disagreements(app: Path, result: dict[str, Any]) -> list[str]:
    functions = {(f["path"], fn["qualname"]): fn for f in result["files"] for fn in f["functions"]}
    labels, unlabelled = expectations(app)
    wrong = [f"UNLABELLED {where}: add `# expect:` to its def line" for where in unlabelled]
    for want in labels:
        where = f"{want.path}:{want.lineno} {want.qualname}"
        got = functions.get((want.path, want.qualname))
        if got is None:
            wrong.append(f"MISSING  {where}")
            continue
        kinds = sorted({r["kind"] for r in got["reasons"]})
        if got["pure"] != (want.kind is None):
            stated = "pure" if want.kind is None else f"impure({want.kind})"
            wrong.append(f"WRONG    {where}: expected {stated}, got {'pure' if got['pure'] else f'impure{kinds}'}")
        elif want.kind is not None and want.kind not in kinds:
            wrong.append(f"REASON   {where}: expected a {want.kind} reason, got {kinds}")
    return wrong


def file_disagreements(app: Path, result: dict[str, Any], manifest: dict[str, Any]) -> list[str]:
    expected = expected_files(app)
    files = {f["path"]: f for f in result["files"]}
    wrong = [f"FILE     {path}: analysed, not in EXPECTED.json" for path in sorted(set(files) - set(expected["files"]))]
    for path, want in expected["files"].items():
        got = files.get(path)
        if got is None:
            wrong.append(f"MISSING  {path}")
            continue
        for key in ("classification", "web_ready", "parse_error"):
            value = got[key] is not None if key == "parse_error" else got[key]
            if value != want[key]:
                wrong.append(f"FILE     {path}: expected {key} {want[key]}, got {value}")
    units: dict[str, list[str]] = {}
    for unit in manifest["units"]:
        units.setdefault(unit["target_module"], []).append(unit["qualname"])
    for module in sorted(set(units) | set(expected["extracted"])):
        want, got = sorted(expected["extracted"].get(module, [])), sorted(units.get(module, []))
        if want != got:
            wrong.append(f"EXTRACT  {module}: expected {want}, got {got}")
    kept: dict[str, list[str]] = {}
    for miss in manifest["not_extracted"]:
        kept.setdefault(miss["source_path"], []).append(miss["qualname"])
    for path in sorted(set(kept) | set(expected["not_extracted"])):
        want, got = sorted(expected["not_extracted"].get(path, [])), sorted(kept.get(path, []))
        if want != got:
            wrong.append(f"KEPT     {path}: expected not extracted {want}, got {got}")
    return wrong


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.name)
def test_analyze_meets_every_expectation(app: Path, tmp_path: Path) -> None:
    result, manifest = analyze(app, tmp_path)
    wrong = function_disagreements(app, result) + file_disagreements(app, result, manifest)
    assert not wrong, "\n".join(wrong)


def test_the_examples_show_every_verdict_the_engine_gives() -> None:
    """What the examples are for: each reason kind, each classification, a web-ready module and one that is
    not, and a file that does not parse."""
    labels = [label for app in APPS for label in expectations(app)[0]]
    assert {label.kind for label in labels} == {*REASON_KINDS, None}
    files = [want for app in APPS for want in expected_files(app)["files"].values()]
    assert {want["classification"] for want in files} == {"UI", "Logic", "Mixed"}
    assert {want["web_ready"] for want in files} == {True, False}
    assert any(want["parse_error"] for want in files)
    assert {app.name for app in APPS} == {"tkcalc", "qtnotes"}
