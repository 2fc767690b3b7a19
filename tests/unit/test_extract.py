"""Extraction (SPEC §2 "Extraction"): the units, what they carry, and the four guarantees on real code.

Until the engine's verdicts are used, the verdicts come from the example app's own `# expect:` comments
(the labelled truth, `examples/tkcalc`), so these tests check the extraction alone. The four guarantees are checked
on every generated module of every case: (1) it compiles, (2) pyflakes finds no undefined name (nor an
unused import), (3) importing it (in a fresh interpreter) imports no UI toolkit and no original module, and
its top level holds only imports, definitions and constant assignments, (4) each extracted function returns
what the original returns for the same arguments.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from purelift.analysis import FileResult, FunctionResult, Reason, analyze_tree, rules
from purelift.analysis.config import EngineConfig
from purelift.analysis.extract import Extraction, mark_extractable, plan_extraction, target_path
from purelift.analysis.modules import ModuleIndex
from pyflakes import checker, messages

from tests.unit.engine_helpers import make_tree

EXPECT = re.compile(r"#\s*expect:\s*(pure|impure\((\w+)\))")
FROM_COMMENT = re.compile(r"^# from (?P<path>\S+) lines (?P<start>\d+)-(?P<end>\d+)$")


# ---------------------------------------------------------------------------------------------------------
# Verdicts from `# expect:` comments (the example app's labels), and helpers.


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda]]:
    """Every function and lambda with its `__qualname__`, as Python computes it."""

    def visit(node: ast.AST, prefix: str) -> Iterator[tuple[str, Any]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                qualname = prefix + ("<lambda>" if isinstance(child, ast.Lambda) else child.name)
                yield qualname, child
                yield from visit(child, f"{qualname}.<locals>.")
            elif isinstance(child, ast.ClassDef):
                yield from visit(child, f"{prefix}{child.name}.")
            else:
                yield from visit(child, prefix)

    yield from visit(tree, "")


def verdicts_from_comments(sources: Mapping[str, str]) -> list[FileResult]:
    """FileResults whose verdicts are the `# expect: pure|impure(KIND)` comments; no comment = impure."""
    files = []
    for path, text in sorted(sources.items()):
        lines = text.splitlines()
        functions = []
        for qualname, node in _functions(ast.parse(text)):
            match = EXPECT.search(lines[node.lineno - 1])
            pure = bool(match and match.group(1) == "pure")
            kind = match.group(2) if match and match.group(2) else "unknown"
            reasons = [] if pure else [Reason(kind=kind, lineno=node.lineno, detail="labelled")]  # type: ignore[arg-type]
            functions.append(
                FunctionResult(qualname, node.lineno, node.end_lineno or node.lineno, pure, False, reasons)
            )
        files.append(
            FileResult(
                path, len(lines), 0, 0, 0, 0, 0, 0, 0.0, "Logic", True, functions=functions
            )  # counts unused here
        )
    return files


def read_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))}


def extract(sources: Mapping[str, str], root_package: str | None = None) -> tuple[Extraction, list[FileResult]]:
    files = verdicts_from_comments(sources)
    extraction = plan_extraction(sources, files, ModuleIndex(sources, root_package=root_package))
    return extraction, mark_extractable(files, extraction)


def project(**files: str) -> dict[str, str]:
    """A small inline project: keyword `pkg__mod_py` -> path `pkg/mod.py`, `pkg__init_py` -> `pkg/__init__.py`."""
    paths = {}
    for name, text in files.items():
        parts = name.removesuffix("_py").split("__")
        parts[-1] = "__init__" if parts[-1] == "init" else parts[-1]
        paths["/".join(parts) + ".py"] = textwrap.dedent(text)
    return paths


def write_package(modules: Mapping[str, str], dest: Path) -> Path:
    for path, text in modules.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return dest


def dotted(archive_path: str) -> str:
    """The module name of an archive path: a package's `__init__.py` is the package (the root: "")."""
    name = archive_path.removesuffix(".py").replace("/", ".")
    return "" if name == "__init__" else name.removesuffix(".__init__")


# ---------------------------------------------------------------------------------------------------------
# The four guarantees.

ALLOWED_TOP = (
    ast.Import,
    ast.ImportFrom,
    ast.Assign,
    ast.AnnAssign,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
)
ALLOWED_IN_CLASS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign, ast.Pass)
TOOLKIT_PREFIXES = sorted(rules.UI_TOOLKITS)

IMPORT_CHECK = """
import importlib, json, sys
before = set(sys.modules)
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _type_checking_block(stmt: ast.stmt) -> bool:
    """`if TYPE_CHECKING:` holding imports only, no `else`: what the extraction emits for type checkers."""
    return (
        isinstance(stmt, ast.If)
        and ast.unparse(stmt.test) == "TYPE_CHECKING"
        and not stmt.orelse
        and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in stmt.body)
    )


def check_static_guarantees(extraction: Extraction, sources: Mapping[str, str]) -> None:
    """(1) compiles, (2) pyflakes: no undefined name, no unused import, (3b) top level holds only imports (some in
    `if TYPE_CHECKING:`), definitions and constant assignments, each definition preceded by a true `# from` comment."""
    for path, text in extraction.modules.items():
        code = compile(text, path, "exec")  # (1)
        assert code is not None
        tree = ast.parse(text)
        found = checker.Checker(tree, filename=path).messages  # (2)
        undefined = [str(m) for m in found if isinstance(m, (messages.UndefinedName, messages.UndefinedLocal))]
        assert not undefined, f"{path}: {undefined}"
        # Module-level imports are ours (an import inside a copied body is the original's own business), those for
        # type checkers only included.
        checking = [i for s in tree.body if _type_checking_block(s) for i in s.body]  # type: ignore[attr-defined]
        top_imports = {s.lineno for s in [*tree.body, *checking] if isinstance(s, (ast.Import, ast.ImportFrom))}
        unused = [
            str(m)
            for m in found
            if isinstance(m, (messages.UnusedImport, messages.ImportStarUsed)) and m.lineno in top_imports
        ]
        assert not unused, f"{path}: {unused}"
        body = tree.body[1:] if tree.body and _is_docstring(tree.body[0]) else tree.body
        for stmt in body:  # (3b)
            if _type_checking_block(stmt):
                continue  # imports a type checker reads, never run
            assert isinstance(stmt, ALLOWED_TOP), f"{path}:{stmt.lineno}: {type(stmt).__name__} at top level"
            if isinstance(stmt, ast.ClassDef):
                inner = stmt.body[1:] if _is_docstring(stmt.body[0]) else stmt.body
                assert all(isinstance(s, ALLOWED_IN_CLASS) for s in inner), f"{path}: class {stmt.name}"
            generated = isinstance(stmt, ast.Assign) and [ast.unparse(t) for t in stmt.targets] == ["__all__"]
            if not isinstance(stmt, (ast.Import, ast.ImportFrom)) and not generated:
                check_from_comment(text, stmt, sources)


def check_from_comment(text: str, stmt: ast.stmt, sources: Mapping[str, str]) -> None:
    lines = text.splitlines()
    first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
    above = [ln for ln in lines[: first - 1] if ln.startswith("# ")]
    comments = lines[first - 3 : first - 1]
    match = next((FROM_COMMENT.match(c) for c in comments if FROM_COMMENT.match(c)), None)
    assert match is not None, f"no `# from` comment above line {stmt.lineno}: {lines[first - 1]!r} ({above[-1:]})"
    original = sources[match["path"]].splitlines()[int(match["start"]) - 1 : int(match["end"])]
    last = lines[(stmt.end_lineno or stmt.lineno) - 1].strip()
    if stmt.end_lineno == stmt.lineno and "lifted" in lines[first - 2]:
        last = last.partition(")")[2]  # a one-line lifted method lost its first parameter, not its end
    elif stmt.end_lineno == stmt.lineno and isinstance(stmt, ast.Assign):
        last = last.partition("=")[2].strip()  # an annotated constant lost its annotation, not its value
    assert last in original[-1], f"line {stmt.end_lineno} {last!r} does not end the lines its comment names"


def check_import_guarantee(extraction: Extraction, tmp_path: Path, package: str, forbidden: tuple[str, ...]) -> None:
    """(3a) importing every generated module in a fresh interpreter imports no UI toolkit, nothing original."""
    root = write_package(extraction.modules, tmp_path / package)
    names = [f"{package}.{dotted(p)}".rstrip(".") for p in extraction.modules]
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK, json.dumps(names)],
        cwd=root.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    toolkits = [m for m in loaded if any(m == t or m.startswith(t + ".") for t in TOOLKIT_PREFIXES)]
    assert not toolkits, f"UI toolkits imported: {toolkits}"
    originals = [m for m in loaded if m.split(".")[0] in forbidden]
    assert not originals, f"original modules imported: {originals}"


def check_body_imports(extraction: Extraction, forbidden: tuple[str, ...]) -> None:
    """(3c) no import, inside a copied body or not, names an original module: none of the project's top-level names,
    and no relative import climbs above the generated package (`units.Rewrite` rewrites those inside bodies)."""
    for path, text in extraction.modules.items():
        depth = path.count("/") + 1  # the levels a relative import may climb and stay inside the package
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                roots = {alias.name.partition(".")[0] for alias in node.names}
                assert not roots & set(forbidden), f"{path}:{node.lineno}: {ast.unparse(node)}"
            elif isinstance(node, ast.ImportFrom):
                outside = not node.level and (node.module or "").partition(".")[0] in forbidden
                assert not outside and node.level <= depth, f"{path}:{node.lineno}: {ast.unparse(node)}"


def check_all(extraction: Extraction, sources: Mapping[str, str], tmp_path: Path, forbidden: tuple[str, ...]) -> None:
    check_static_guarantees(extraction, sources)
    check_body_imports(extraction, forbidden)
    if extraction.modules:
        check_import_guarantee(extraction, tmp_path, f"legacy_pure_{uuid.uuid4().hex[:8]}", forbidden)


# Guarantee (4) on arbitrary code: call each extracted function and its original with arguments from a small
# pool, in a fresh interpreter, each call under a timer; compare the value (normalised) or exception type.
SAME_RESULT_HARNESS = r"""
import copy, importlib, inspect, itertools, json, random, re, signal, sys, types
with open(sys.argv[1], encoding="utf-8") as fh:
    config = json.load(fh)
sys.path[:0] = config["paths"]
POOL = [0, 1, 2, -1, 7, 2.5, "", "abc", "a b\nc", "x=1, y", [], [1, 2, 3], ["a", "b"], None, (1, 2), {"k": 1}, True]
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class Timeout(BaseException):
    pass


def alarm(signum, frame):
    raise Timeout


signal.signal(signal.SIGALRM, alarm)


def norm(value, depth=0):
    if depth > 6:
        return "..."
    if isinstance(value, (bool, int, float, complex, str, bytes, type(None))):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [norm(v, depth + 1) for v in value]]
    if isinstance(value, dict):
        return ["dict", sorted([repr(k), norm(v, depth + 1)] for k, v in value.items())]
    if isinstance(value, (set, frozenset)):
        return [type(value).__name__, sorted(repr(v) for v in value)]
    if isinstance(value, types.CoroutineType):
        value.close()
        return ["coroutine", value.__name__]
    if isinstance(value, types.GeneratorType) or (hasattr(value, "__next__") and hasattr(value, "__iter__")):
        return ["iter", [norm(v, depth + 1) for v in itertools.islice(value, 200)]]
    if callable(value) and hasattr(value, "__name__"):
        return ["callable", value.__name__]  # not the qualname: a lifted method's closures lose the class prefix
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return ["object", type(value).__qualname__, norm(vars(value), depth + 1)]
    slots = [s for k in type(value).__mro__ for s in getattr(k, "__slots__", ())]
    if slots and not isinstance(value, type):
        return ["object", type(value).__qualname__, [norm(getattr(value, s, None), depth + 1) for s in slots]]
    return ["other", type(value).__qualname__, ADDRESS.sub("", repr(value))]


def outcome(fn, args):
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        return ["value", norm(fn(*copy.deepcopy(args)))]
    except Timeout:
        return None
    except RecursionError:
        return ["raise", "RecursionError"]
    except BaseException as exc:
        return ["raise", type(exc).__name__]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def original_of(unit):
    signal.setitimer(signal.ITIMER_REAL, 10)
    try:
        obj = importlib.import_module(unit["original_module"])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    parts = unit["qualname"].split(".")
    for part in parts:
        if isinstance(obj, type) and part.startswith("__") and not part.endswith("__"):
            part = f"_{obj.__name__.lstrip('_')}{part}"  # a private method's name is mangled in its class
        obj = getattr(obj, part)
    if unit["drops_self"]:
        return lambda *args: obj(None, *args)
    return obj


report = {"compared": 0, "calls": 0, "mismatches": [], "skipped": []}
for unit in config["units"]:
    try:
        extracted = getattr(importlib.import_module(unit["extracted_module"]), unit["name"])
        original = original_of(unit)
        params = inspect.signature(extracted).parameters.values()
    except BaseException as exc:
        report["skipped"].append([unit["qualname"], type(exc).__name__])
        continue
    required = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if any(p.kind == p.KEYWORD_ONLY and p.default is p.empty for p in params) or len(required) > 3:
        report["skipped"].append([unit["qualname"], "signature"])
        continue
    combos = list(itertools.product(POOL, repeat=len(required)))
    random.Random(unit["qualname"]).shuffle(combos)
    report["compared"] += 1
    for args in combos[:25]:
        want, got = outcome(original, args), outcome(extracted, args)
        if want is None or got is None:
            continue
        report["calls"] += 1
        if want != got:
            report["mismatches"].append([unit["qualname"], repr(args)[:200], str(want)[:300], str(got)[:300]])
print(json.dumps(report))
"""


def compare_with_originals(
    extraction: Extraction,
    tmp_path: Path,
    original_root: Path,
    original_package: str,
    index: ModuleIndex,
    timeout: float = 600,
) -> dict[str, Any]:
    """Run the same-result harness: originals imported as `original_package.<module>`."""
    package = f"legacy_pure_{uuid.uuid4().hex[:8]}"
    write_package(extraction.modules, tmp_path / package)
    module_of = {path: name for name, path in index.modules.items()}
    units = [
        {
            "qualname": u.qualname,
            "name": u.name,
            "drops_self": "is a method that never uses" in u.note,
            "extracted_module": f"{package}.{dotted(u.target_module)}".rstrip("."),
            "original_module": f"{original_package}.{module_of[u.source_path]}".removesuffix(".__init__"),
        }
        for u in extraction.units
    ]
    config = tmp_path / f"{package}.json"
    config.write_text(json.dumps({"paths": [str(tmp_path), str(original_root.parent)], "units": units}))
    done = subprocess.run(
        [sys.executable, "-c", SAME_RESULT_HARNESS, str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


# ---------------------------------------------------------------------------------------------------------
# The example app, examples/tkcalc: its labels (`# expect:`), and the extraction its EXPECTED.json states.

EXAMPLE_PACKAGE = "tkcalc"
EXPECTED_UNITS = {
    module: set(qualnames)
    for module, qualnames in json.loads(
        (Path(__file__).resolve().parents[2] / "examples" / EXAMPLE_PACKAGE / "EXPECTED.json").read_text("utf-8")
    )["extracted"].items()
}


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


@pytest.fixture(scope="module")
def example(example_app: Path) -> tuple[dict[str, str], Extraction, list[FileResult]]:
    """The example's sources that parse (the Python 2 file carries no labels) and their labelled extraction."""
    sources = {path: text for path, text in read_tree(example_app).items() if _parses(text)}
    extraction, files = extract(sources, root_package=EXAMPLE_PACKAGE)
    return sources, extraction, files


def _top_level_names(text: str) -> set[str]:
    names: set[str] = set()
    for stmt in ast.parse(text).body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names |= {a.asname or a.name.split(".")[0] for a in stmt.names}
        elif isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
    return names


def test_example_units_land_in_the_expected_modules(example: Any) -> None:
    _, extraction, _ = example
    found: dict[str, set[str]] = {}
    for unit in extraction.units:
        found.setdefault(unit.target_module, set()).add(unit.qualname)
    assert found == EXPECTED_UNITS


def test_example_modules_carry_exactly_what_the_units_need(example: Any) -> None:
    _, extraction, _ = example
    expression = extraction.modules["core/expression_pure.py"]
    carried = _top_level_names(expression) - {u.name for u in extraction.units}
    assert carried == {"math", "re", "CONSTANTS", "PRECEDENCE", "_TOKEN"}
    memory = extraction.modules["core/memory_pure.py"]
    assert "from .expression_pure import format_number\n" in memory
    assert _top_level_names(memory) - {u.name for u in extraction.units} == {"MAX_HISTORY"}
    for absent in ("random", "datetime", "itertools", "HISTORY", "_precision", "_entry_ids", "Memory"):
        assert absent not in _top_level_names(memory)
    window = extraction.modules["ui/window_pure.py"]
    assert "tkinter" not in window and "ttk" not in window and "messagebox" not in window
    assert "from ..core.expression_pure import format_number\n" in window
    assert "def status_line(count):" in window
    keypad = extraction.modules["ui/keypad_pure.py"]
    assert "ttk" not in keypad and "build_keypad" not in keypad
    assert _top_level_names(keypad) - {u.name for u in extraction.units} == {"LABELS", "OPERATOR_KEYS"}


def test_example_archive_is_one_package(example: Any) -> None:
    _, extraction, _ = example
    assert {"__init__.py", "core/__init__.py", "ui/__init__.py"} <= set(extraction.modules)
    assert "core/expression.py" not in extraction.modules


def test_example_flags_exactly_the_extracted_functions(example: Any) -> None:
    _, extraction, files = example
    flagged = {(f.path, fn.qualname) for f in files for fn in f.functions if fn.extractable}
    assert flagged == {(u.source_path, u.qualname) for u in extraction.units}


def test_example_says_why_self_using_methods_stay(example: Any) -> None:
    _, extraction, _ = example
    reasons = {n.qualname: n.reason for n in extraction.not_extracted}
    assert set(reasons) == {"Memory.__init__", "Memory.recall", "Memory.plus"}
    assert all("`self`" in r for r in reasons.values())


def test_example_units_list_their_dependencies(example: Any) -> None:
    _, extraction, _ = example
    deps = {u.qualname: u.dependencies for u in extraction.units}
    assert deps["evaluate"] == ["evaluate_postfix", "to_postfix", "tokenize"]
    assert deps["tokenize"] == ["CONSTANTS", "_TOKEN"]
    assert deps["history_path"] == ["FILE_NAME", "os"]
    assert deps["history_lines"] == ["MAX_HISTORY", "core/expression_pure.py:format_number"]
    assert deps["CalculatorWindow.display_text"] == ["core/expression_pure.py:format_number"]
    assert deps["next_text"] == ["OPERATOR_KEYS", "is_operator"]


def test_example_four_guarantees_static_and_import(example: Any, tmp_path: Path) -> None:
    sources, extraction, _ = example
    check_all(extraction, sources, tmp_path, forbidden=(EXAMPLE_PACKAGE,))


def test_example_is_deterministic(example: Any) -> None:
    sources, extraction, _ = example
    again, _ = extract(dict(reversed(list(sources.items()))), root_package=EXAMPLE_PACKAGE)
    assert again.modules == extraction.modules
    assert again.units == extraction.units
    assert again.not_extracted == extraction.not_extracted


@pytest.fixture
def side_by_side(
    example: Any, example_app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[dict[str, ModuleType], dict[str, ModuleType]]]:
    """The original example modules and their extracted counterparts, imported in this process."""
    _, extraction, _ = example
    package = f"legacy_pure_{uuid.uuid4().hex[:8]}"
    write_package(extraction.modules, tmp_path / package)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(example_app.parent))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # leave no __pycache__ in examples/
    names = ["core.expression", "core.memory", "core.storage", "ui.keypad", "ui.window"]
    originals = {n: importlib.import_module(f"{EXAMPLE_PACKAGE}.{n}") for n in names}
    extracted = {n: importlib.import_module(f"{package}.{n}_pure") for n in names}
    yield originals, extracted
    for name in [m for m in sys.modules if m.startswith((package, EXAMPLE_PACKAGE))]:
        del sys.modules[name]


SAME_CALLS: list[tuple[str, str, tuple[Any, ...]]] = [
    ("core.expression", "tokenize", ("12.5 * (3 - 1)",)),
    ("core.expression", "tokenize", ("2 ^ pi",)),
    ("core.expression", "tokenize", ("x + 1",)),
    ("core.expression", "to_postfix", ([1.0, "+", 2.0, "*", 3.0],)),
    ("core.expression", "to_postfix", (["(", 1.0],)),
    ("core.expression", "to_postfix", ([1.0, ")"],)),
    ("core.expression", "evaluate", ("12.5 * (3 - 1)",)),
    ("core.expression", "evaluate", ("2 ^ 3 ^ 2",)),
    ("core.expression", "evaluate", ("7 % 4 - 10 / 4",)),
    ("core.expression", "evaluate", ("1 / 0",)),
    ("core.expression", "evaluate", ("1 +",)),
    ("core.expression", "evaluate", ("(1 + 2",)),
    ("core.expression", "evaluate", ("1 2",)),
    ("core.expression", "evaluate", ("",)),
    ("core.expression", "evaluate", ("e * pi",)),
    ("core.expression", "format_number", (24.0,)),
    ("core.expression", "format_number", (1 / 3,)),
    ("core.expression", "format_number", (1 / 3, 3)),
    ("core.expression", "format_number", (1e20,)),
    ("core.expression", "digits", (-4096,)),
    ("core.expression", "running_totals", ([1, 2, 3.5],)),
    ("core.memory", "history_lines", ([("1 + 1", 2.0), ("1 / 3", 1 / 3)],)),
    ("core.storage", "history_path", ("/home/ada",)),
    ("core.storage", "encode", ([("1 + 1", 2.0)],)),
    ("core.storage", "decode", ('[["1 + 1", 2.0]]',)),
    ("core.storage", "decode", ("not json",)),
    ("ui.keypad", "key_rows", (("1 2", "3 4"),)),
    ("ui.keypad", "key_positions", ([["7", "8"], ["+"]],)),
    ("ui.keypad", "label_for", ("*",)),
    ("ui.keypad", "label_for", ("7",)),
    ("ui.keypad", "next_text", ("12+", "*")),
    ("ui.keypad", "next_text", ("12", "C")),
    ("ui.keypad", "next_text", ("", "5")),
    ("ui.keypad", "widest_label", ([["7", "C"], ["*"]],)),
    ("ui.window", "window_title", ("",)),
    ("ui.window", "window_title", ("2 + 2",)),
    *[("core.expression", "factorial", (n,)) for n in range(10)],
    *[("ui.keypad", "is_operator", (key,)) for key in "+-*/^%7.=C"],
    *[("core.expression", "apply_operator", (op, 7, 2)) for op in "+-*/%^"],
    *[("core.expression", "apply_operator", ("/", 1, 0))],
]


def _outcome(fn: Any, args: tuple[Any, ...]) -> tuple[str, Any]:
    try:
        value = fn(*args)
    except Exception as exc:  # the exception type and message must match too
        return "raise", (type(exc).__name__, str(exc))
    if hasattr(value, "__next__"):
        value = list(value)
    return "value", value


@pytest.mark.parametrize(("module", "name", "args"), SAME_CALLS, ids=lambda v: str(v)[:30])
def test_example_extracted_function_returns_what_the_original_returns(
    side_by_side: Any, module: str, name: str, args: tuple[Any, ...]
) -> None:
    originals, extracted = side_by_side
    assert _outcome(getattr(extracted[module], name), args) == _outcome(getattr(originals[module], name), args)


def test_example_lifted_methods_return_what_the_originals_return(side_by_side: Any) -> None:
    originals, extracted = side_by_side
    window, window_pure = originals["ui.window"], extracted["ui.window"]
    for value in [4.0, 2.5, 1 / 3, -0.0]:
        assert window_pure.display_text(value) == window.CalculatorWindow.display_text(value)
    instance = object.__new__(window.CalculatorWindow)  # no Tk needed: status_line never touches self
    for count in [0, 1, 12]:
        assert window_pure.status_line(count) == window.CalculatorWindow.status_line(instance, count)
    memory, memory_pure = originals["core.memory"], extracted["core.memory"]
    for value in [0.0, 3.5]:
        assert memory_pure.label(value) == memory.Memory.label(value)


def test_example_make_tally_closures_behave_alike(side_by_side: Any) -> None:
    originals, extracted = side_by_side
    for start in ((), (10,)):
        want, got = originals["core.memory"].make_tally(*start), extracted["core.memory"].make_tally(*start)
        assert [want(1), want(2.5), want(-1)] == [got(1), got(2.5), got(-1)]
    assert [got(0) for _ in range(2)] == [12.5, 12.5]


def test_example_same_results_through_the_harness(example: Any, example_app: Path, tmp_path: Path) -> None:
    sources, extraction, _ = example
    report = compare_with_originals(extraction, tmp_path, example_app, EXAMPLE_PACKAGE, ModuleIndex(sources))
    assert report["mismatches"] == []
    assert report["compared"] == len(extraction.units)
    assert report["calls"] > 200


# ---------------------------------------------------------------------------------------------------------
# Table-driven cases on small projects. Each checks one rule, then the guarantees on what was generated.


def _run_case(sources: dict[str, str], tmp_path: Path) -> Extraction:
    extraction, _ = extract(sources)
    check_all(extraction, sources, tmp_path, forbidden=("app", "pkg"))
    return extraction


def _units(extraction: Extraction) -> dict[str, str]:
    return {u.qualname: u.name for u in extraction.units}


def _reasons(extraction: Extraction) -> dict[str, str]:
    return {n.qualname: n.reason for n in extraction.not_extracted}


def test_lifted_method_is_renamed_only_on_a_clash(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        def parse(text):  # expect: pure
            return text.split()

        class Reader:
            @staticmethod
            def parse(text):  # expect: pure
                return text.upper()

            @staticmethod
            def strip(text):  # expect: pure
                return text.strip()

            @staticmethod
            def len(text):  # expect: pure
                return 2 * len(text)
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {
        "parse": "parse",
        "Reader.parse": "Reader_parse",
        "Reader.strip": "strip",
        "Reader.len": "Reader_len",  # `len` would shadow the builtin the module's other code may call
    }
    text = extraction.modules["app_pure.py"]
    assert "# Reader.parse is a staticmethod, lifted to module level; renamed Reader_parse" in text
    assert "def Reader_parse(text):" in text
    namespace: dict[str, Any] = {}
    exec(compile(text, "app_pure.py", "exec"), namespace)
    assert namespace["Reader_parse"]("a b") == "A B" and namespace["parse"]("a b") == ["a", "b"]
    assert namespace["Reader_len"]("abc") == 6


def test_platform_branch_linux_takes_is_extracted_dedented(tmp_path: Path) -> None:
    # Gooey's quoting.py: a web backend runs on Linux, so the branch Linux takes is the module's definition
    sources = project(
        pkg__init_py="",
        pkg__quoting_py="""
        import sys

        if sys.platform.startswith("win"):
            def quote(value):  # expect: pure
                return '"{}"'.format(value)
        else:  # POSIX shell
            def quote(value):  # expect: pure
                \"\"\"Single quotes.
                   Kept as written.\"\"\"
                return "'{}'".format(value)

            SEP = "/"
        """,
        pkg__fmt_py="""
        from .quoting import SEP, quote

        def join(parts):  # expect: pure
            return SEP.join(quote(p) for p in parts)
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert set(_units(extraction)) == {"quote", "join"}
    # one `quote` is extracted, the Linux one; the other is reported as the branch a web backend never takes
    assert sorted(q for p, q, _ in extraction.extracted if p == "pkg/quoting.py") == ["quote"]
    assert "defined in a branch a web backend never takes" in _reasons(extraction)["quote"]
    text = extraction.modules["pkg/quoting_pure.py"]
    assert "# defined in the branch (of an `if` or `try`) that a web backend (Python 3 on Linux) takes" in text
    assert "\ndef quote(value):" in text and "\n    return \"'{}'\".format(value)" in text
    assert "Single quotes.\n           Kept as written." in text  # a string's own lines keep their text
    namespace: dict[str, Any] = {}
    exec(compile(text, "quoting_pure.py", "exec"), namespace)
    assert namespace["quote"]("a") == "'a'" and namespace["SEP"] == "/"


def test_python_3_branch_is_extracted_and_a_minor_version_test_is_not(tmp_path: Path) -> None:
    # Robot Framework's utils: `if PY2: from .robottypes2 import …` / `else: from .robottypes3 import …`
    sources = project(
        pkg__init_py="",
        pkg__platform_py="""
        import sys

        PY2 = sys.version_info[0] == 2
        """,
        pkg__types3_py="""
        def is_string(item):  # expect: pure
            return isinstance(item, str)
        """,
        pkg__utils_py="""
        import sys

        from .platform import PY2

        if PY2:
            from .types2 import is_string

            def text(item):  # expect: pure
                return unicode(item)
        else:
            from .types3 import is_string

            def text(item):  # expect: pure
                return str(item)

        if sys.version_info >= (3, 10):
            def pair(a, b):  # expect: pure
                return (a, b)
        else:
            def pair(a, b):  # expect: pure
                return [a, b]


        def label(item):  # expect: pure
            return text(item) if is_string(item) else "?"
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert {"is_string", "text", "label"} <= set(_units(extraction))
    assert "more than once" in _reasons(extraction)["pair"]  # 3.9's backend and 3.12's take different ones
    text = extraction.modules["pkg/utils_pure.py"]
    assert "from pkg.types3_pure import is_string" in text or "from .types3_pure import is_string" in text
    assert "unicode" not in text and "types2" not in text
    assert "# defined in the branch (of an `if` or `try`) that a web backend (Python 3 on Linux) takes" in text


def test_python_2_name_fallback_is_carried_and_a_python_3_one_is_not(tmp_path: Path) -> None:
    # Robot Framework's errors.py: `try: unicode` / `except NameError: unicode = str`, read by 25 of RIDE's units
    sources = project(
        errors_py="""
        try:
            unicode
        except NameError:
            unicode = str

        try:
            anext
        except NameError:
            def anext(it):  # expect: pure
                return it.__anext__()


        def message(error):  # expect: pure
            return unicode(error)


        def step(it):  # expect: pure
            return anext(it)
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert "message" in _units(extraction)
    assert "step" not in _units(extraction)  # 3.10+ has `anext` built in: which one runs depends on the backend
    text = extraction.modules["errors_pure.py"]
    assert "\nunicode = str\n" in text
    namespace: dict[str, Any] = {}
    exec(compile(text, "errors_pure.py", "exec"), namespace)
    assert namespace["message"](ValueError("x")) == "x"


def test_python_2_name_fallback_under_a_condition_or_a_star_import_is_not_carried(tmp_path: Path) -> None:
    sources = project(
        helpers_py="""
        long = int
        """,
        guarded_py="""
        import os

        if os.environ.get("COMPAT"):
            try:
                basestring
            except NameError:
                basestring = str


        def is_text(x):  # expect: pure
            return isinstance(x, basestring)
        """,
        starred_py="""
        from helpers import *

        try:
            long
        except NameError:
            long = float


        def big(x):  # expect: pure
            return long(x)
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert "is_text" not in _units(extraction)  # bound only when COMPAT is set
    assert "big" not in _units(extraction)  # `helpers` binds `long`: the handler never runs


def test_branches_on_something_else_than_the_platform_stay_unextracted(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        import os

        if os.environ.get("FAST"):
            def scale(x):  # expect: pure
                return x * 2
        else:
            def scale(x):  # expect: pure
                return x + x
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert "scale" not in _units(extraction)
    assert "more than once" in _reasons(extraction)["scale"]


def test_classmethod_using_cls_is_not_extracted_but_one_ignoring_it_is(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        class Money:
            def __init__(self, cents):  # expect: pure
                self.cents = cents

            @classmethod
            def from_text(cls, text):  # expect: pure
                return cls(int(text))

            @classmethod
            def currency(cls, code):  # expect: pure
                return code.upper()
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"Money.currency": "currency"}
    assert "`cls`" in _reasons(extraction)["Money.from_text"]
    assert "def currency(code):" in extraction.modules["app_pure.py"]


def test_method_using_self_is_not_extracted_and_one_ignoring_it_loses_self(tmp_path: Path) -> None:
    sources = project(
        app_py='''
        class Window:
            def title(self):  # expect: pure
                return self.name.title()

            def label(  # expect: pure
                self,  # the window
                count,
                /,
                unit="item",
            ):
                return f"{count} {unit}s"

            def only_self(self, /):  # expect: pure
                return 6 * 7  # computed: a constant return would be a trivial unit, never extracted

            def doc(self, name):  # expect: pure
                text = """
        Dear {name},
            indented line
        """
                return text.format(name=name)
        '''
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"Window.label": "label", "Window.only_self": "only_self", "Window.doc": "doc"}
    assert "uses `self`" in _reasons(extraction)["Window.title"]
    namespace: dict[str, Any] = {}
    exec(compile(extraction.modules["app_pure.py"], "app_pure.py", "exec"), namespace)
    original: dict[str, Any] = {}
    exec(compile(sources["app.py"], "app.py", "exec"), original)
    window = original["Window"]
    assert namespace["label"](3) == window.label(None, 3) == "3 items"
    assert namespace["label"](1, unit="box") == window.label(None, 1, unit="box")
    assert namespace["only_self"]() == 42
    assert namespace["doc"]("Ann") == window.doc(None, "Ann")  # the string's indentation is untouched


def test_constant_with_impure_definition_makes_its_reader_unextractable(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        import json

        def load():  # expect: impure(io)
            with open("rates.json") as fh:
                return json.load(fh)

        RATES = load()
        LIMITS = {"max": 10}
        SQUARES = [i * i for i in range(5)]

        def rate(code):  # expect: pure
            return RATES[code]

        def limit(name):  # expect: pure
            return LIMITS[name] + SQUARES[2]
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"limit": "limit"}
    reason = _reasons(extraction)["rate"]
    assert "RATES" in reason and "`load`" in reason
    text = extraction.modules["app_pure.py"]
    assert "LIMITS = " in text and "SQUARES = " in text and "RATES" not in text and "json" not in text


@pytest.mark.parametrize(
    ("changes", "what"),
    [
        ("TABLE.append(4)", "module-level mutating call"),
        ("TABLE[0] = 9", "module-level item assignment"),
        ("register(TABLE)", "handed to unknown code"),
        ("ALIAS = TABLE", "aliased"),
        ("def grow():  # expect: impure(global_write)\n    TABLE.append(5)", "mutated by a function"),
        ("def reset():  # expect: impure(global_write)\n    global TABLE\n    TABLE = []", "rebound by global"),
    ],
)
def test_constant_that_something_changes_is_not_carried(changes: str, what: str, tmp_path: Path) -> None:
    base = """
        from registry import register

        TABLE = [1, 2, 3]

        def first():  # expect: pure
            return TABLE[0]
        """
    sources = {"app.py": textwrap.dedent(base) + changes + "\n"}
    extraction = _run_case(sources, tmp_path)
    assert "first" not in _units(extraction), what
    assert "TABLE" in _reasons(extraction)["first"]


@pytest.mark.parametrize(
    ("value", "carried"),
    [
        ('"utf-8"', True),
        ("3", True),
        ("-1.5 * 2", True),
        ("(1, (2, 'a'), None)", True),
        ('f"v{1}"', True),
        ("2 == 3", True),
        ("1 if True else 2", True),
        ("1 and 'a'", True),
        ("bytes([0, 0, 0, 1])", True),
        ("frozenset({1, 2})", True),
        ("[1, 2]", False),
        ("(1, [2])", False),
        ("{'k': 1}", False),
        ("[1] * 3", False),
        ("1 if True else []", False),
        ("list((1, 2))", False),
        ("bytearray(b'ab')", False),
        ("1 and []", False),
        ("-abs(1)", False),  # what a call the table does not list returns is not known to be immutable
    ],
)
def test_a_constant_handed_on_is_carried_when_nothing_can_change_it(value: str, carried: bool, tmp_path: Path) -> None:
    """`ENCODING = "utf-8"` handed as a default (`def bstr(value, encoding=ENCODING)`) or to unknown code is still
    "utf-8" afterwards: an immutable value is carried whoever is handed it (git-cola's `core.decode`, electrum's
    BIP32 paths); a mutable one might have been changed, and is not."""
    sources = project(
        app_py=f"""
        from registry import register

        VALUE = {value}
        register(VALUE)

        def read():  # expect: pure
            return VALUE
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert ("read" in _units(extraction)) is carried, _reasons(extraction)
    if not carried:
        assert _reasons(extraction)["read"].endswith(
            "constant `VALUE` is handed at line 5 to code that might change it"
        )


def test_a_builtin_the_module_rebinds_makes_no_immutable_constant(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        from registry import register

        bytes = bytearray
        MAGIC = bytes(b"ab")
        register(MAGIC)

        def magic():  # expect: pure
            return MAGIC
        """
    )
    assert "handed at line 6" in _reasons(_run_case(sources, tmp_path))["magic"]


def test_what_a_function_builds_from_a_name_is_not_the_name(tmp_path: Path) -> None:
    """Module state has one definition (`analysis.state`, the solve's): `parts = split(n); parts.append(x)` and
    `c = DEFAULTS.copy(); c.update(x)` change new objects, so `split` and `DEFAULTS` are carried as they are."""
    sources = project(
        app_py="""
        DEFAULTS = {"size": 10}

        def split(name):  # expect: pure
            return name.split(".")

        def child(name, part):  # expect: pure
            parts = split(name)
            parts.append(part)
            return ".".join(parts)

        def merged(user):  # expect: pure
            config = DEFAULTS.copy()
            config.update(user)
            return config

        def rejoin(names):  # expect: pure
            for name in names:
                value = split(name)
                if len(value) > 2:
                    value = []  # the walk still takes `value` for what `split` returned
                    value.append(name)
            return names
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"split": "split", "child": "child", "merged": "merged", "rejoin": "rejoin"}


def test_a_call_through_a_class_name_in_a_function_does_not_change_the_class(tmp_path: Path) -> None:
    """Inside a function only a method known to change its receiver changes a module-level name for the
    extraction (`runtime_changes(unknown_methods_change=False)`): `Settings._value(…)` calls a static method, it
    does not change `Settings`, which is carried for `label`."""
    sources = project(
        app_py="""
        class Settings:
            @staticmethod
            def name_of(source):  # expect: pure
                return Settings._value("name", source)

            @staticmethod
            def _value(key, source):  # expect: pure
                return source.get(key, "")


        def label(source):  # expect: pure
            return Settings.name_of(source).title()
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert "label" in _units(extraction)
    assert "class Settings:" in extraction.modules["app_pure.py"]


def test_read_only_uses_of_a_constant_keep_it_carried(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        TABLE = {"a": 1, "b": 2}
        KEYS = sorted(TABLE)
        if "a" in TABLE:
            pass
        for key in TABLE:
            pass

        def size():  # expect: pure
            return len(TABLE) + len(KEYS)
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"size": "size"}


def test_import_aliases_are_kept(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        import math as m
        import os.path
        from collections import OrderedDict as OD, Counter
        import xml.etree.ElementTree as ET

        def root(x):  # expect: pure
            return m.sqrt(x)

        def stem(path):  # expect: pure
            return os.path.splitext(path)[0]

        def ordered(pairs):  # expect: pure
            return OD(pairs)

        def tag(text):  # expect: pure
            return ET.fromstring(text).tag
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert set(_units(extraction)) == {"root", "stem", "ordered", "tag"}
    text = extraction.modules["app_pure.py"]
    assert "import math as m\nimport os.path\nfrom collections import OrderedDict as OD\n" in text
    assert "import xml.etree.ElementTree as ET\n" in text
    assert "Counter" not in text


def test_sibling_module_imported_from_the_package(tmp_path: Path) -> None:
    sources = project(
        pkg__init_py="",
        pkg__sibling_py="""
        import tkinter

        STEP = 2

        def double(x):  # expect: pure
            return x * STEP

        def window():  # expect: impure(ui)
            return tkinter.Tk()
        """,
        pkg__calc_py="""
        from . import sibling

        def quadruple(x):  # expect: pure
            return sibling.double(sibling.double(x))
        """,
    )
    extraction = _run_case(sources, tmp_path)
    calc = extraction.modules["pkg/calc_pure.py"]
    assert "from . import sibling_pure as sibling\n" in calc
    assert "def double(x)" in extraction.modules["pkg/sibling_pure.py"]
    assert "tkinter" not in extraction.modules["pkg/sibling_pure.py"]
    assert [u.dependencies for u in extraction.units if u.qualname == "quadruple"] == [
        ["pkg/sibling_pure.py", "pkg/sibling_pure.py:double"]
    ]


def test_cross_file_helper_is_imported_from_its_pure_module(tmp_path: Path) -> None:
    sources = project(
        pkg__init_py="",
        pkg__core__helpers_py="""
        FACTOR = 3

        def triple(x):  # expect: pure
            return x * FACTOR
        """,
        pkg__core__init_py="",
        pkg__ui__view_py="""
        from ..core.helpers import triple, FACTOR as F
        from pkg.core import helpers

        def nine_times(x):  # expect: pure
            return triple(triple(x))

        def factor():  # expect: pure
            return F + helpers.FACTOR
        """,
        pkg__ui__init_py="",
    )
    extraction = _run_case(sources, tmp_path)
    view = extraction.modules["pkg/ui/view_pure.py"]
    assert "from ..core.helpers_pure import FACTOR as F, triple\n" in view
    assert "from ..core import helpers_pure as helpers\n" in view
    assert set(_units(extraction)) == {"triple", "nine_times", "factor"}
    assert "FACTOR = 3" in extraction.modules["pkg/core/helpers_pure.py"]


def test_unextractable_helper_drops_its_callers_with_a_reason(tmp_path: Path) -> None:
    sources = project(
        pkg__init_py="",
        pkg__base_py="""
        import os

        HOME = os.environ.get("HOME")

        def home_dir():  # expect: pure
            return HOME
        """,
        pkg__top_py="""
        from .base import home_dir

        def config_path(name):  # expect: pure
            return home_dir() + "/" + name

        def wrapped(name):  # expect: pure
            return config_path(name).upper()
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert extraction.units == [] and extraction.modules == {}
    reasons = _reasons(extraction)
    assert set(reasons) == {"home_dir", "config_path", "wrapped"}
    assert "os.environ" in reasons["home_dir"]
    assert "`home_dir`" in reasons["config_path"] and "os.environ" in reasons["config_path"]
    assert "`config_path`" in reasons["wrapped"]


@pytest.mark.parametrize(
    ("decorator", "kept"),
    [
        ("@functools.lru_cache(maxsize=None)", True),
        ("@functools.cache", True),
        ("@lru_cache(maxsize=32)", True),
        # a project function the labels call pure (the solve finds a decorated function pure only when its
        # decorator and the wrappers it defines are): carried with the unit; an attribute of a module-level value
        # is not a function of the project's
        ("@my_decorator", True),
        ("@registry.register", False),
        ("@unknown_lib.trace", False),
    ],
)
def test_functools_decorators_are_kept_and_unknown_ones_refused(decorator: str, kept: bool, tmp_path: Path) -> None:
    sources = project(
        app_py=f"""
        import functools
        from functools import lru_cache
        import unknown_lib

        registry = {{}}

        def my_decorator(fn):  # expect: pure
            return fn

        {decorator}
        def square(x):  # expect: pure
            return x * x
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert ("square" in _units(extraction)) is kept
    if kept:
        assert decorator in extraction.modules["app_pure.py"]
        namespace: dict[str, Any] = {}
        exec(compile(extraction.modules["app_pure.py"], "app_pure.py", "exec"), namespace)
        assert namespace["square"](7) == 49
    else:
        assert "decorator" in _reasons(extraction)["square"]


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        ("import tkinter as tk\n\ndef width():  # expect: pure\n    return tk.END\n", "UI toolkit"),
        ("from PyQt5.QtCore import Qt\n\ndef flag():  # expect: pure\n    return Qt.AlignLeft\n", "UI toolkit"),
        ("def module():  # expect: pure\n    return __name__\n", "__name__"),
        ("def missing():  # expect: pure\n    return undefined_thing\n", "not defined"),
        ("from turtle import *\n\ndef star():  # expect: pure\n    return forward\n", "import *"),
        (
            "try:\n    import json\nexcept ImportError:\n    json = None\n\ndef dumps(x):  # expect: pure\n"
            "    return json.dumps(x)\n",
            "json",
        ),
        ("import msvcrt\n\ndef key():  # expect: pure\n    return msvcrt.LK_LOCK\n", "desktop-only"),
        ("def inner():  # expect: pure\n    import tkinter\n    return tkinter.END\n", "UI toolkit"),
        (
            "def twice(x):  # expect: pure\n    return x\n\ndef twice(x):  # expect: pure\n    return x * 2\n",
            "more than once",
        ),
        (
            "import threading\n\nclass Worker(threading.Thread):\n    @staticmethod\n    def make():  # expect: pure\n"
            "        return Worker()\n",
            "derives from",
        ),
        # what a current Python no longer has (rules.REMOVED_FROM_PYTHON): the module would not import
        (
            "from collections import Mapping\n\ndef is_map(x):  # expect: pure\n    return isinstance(x, Mapping)\n",
            "gone since Python 3.10",
        ),
        (
            "from UserDict import UserDict\n\ndef is_ud(x):  # expect: pure\n    return isinstance(x, UserDict)\n",
            "gone since Python 3:",
        ),
        (
            "from distutils.version import LooseVersion\n\ndef v(s):  # expect: pure\n    return LooseVersion(s)\n",
            "gone since Python 3.12",
        ),
        (
            "from threading import Thread\n\nclass Worker(Thread):\n    @staticmethod\n"
            "    def make():  # expect: pure\n        return Worker()\n",
            "derives from",
        ),
        (
            "class Stop(SystemExit):\n    @staticmethod\n    def make():  # expect: pure\n        return Stop()\n",
            "derives from",
        ),
        (
            "from collections import namedtuple\nimport os\n\nclass Rec(namedtuple(os.environ['R'], 'a')):\n"
            "    @staticmethod\n    def make():  # expect: pure\n        return Rec(1)\n",
            "derives from",
        ),
        (
            "class Box:\n    SIZE = 3\n\n    @staticmethod\n    def area(side=SIZE):  # expect: pure\n"
            "        return side * side\n",
            "SIZE",
        ),
        (
            "class Base:\n    def hello(self):  # expect: pure\n        return 1\n\nclass Child(Base):\n"
            "    def hello(self):  # expect: pure\n        return super().hello()\n",
            "super()",
        ),
        # a name the comprehension binds is not the module's pure `g` (`Planner.project_callee`)
        (
            "def g(x):  # expect: pure\n    return x\n\nHOOKS = (print,)\nX = [g('x') for g in HOOKS]\n\n"
            "def use():  # expect: pure\n    return X\n",
            "it calls `g`, which is not known to be pure",
        ),
        (
            "import app\n\ndef g(x):  # expect: pure\n    return x\n\nMODS = ()\nX = [app.g('x') for app in MODS]\n\n"
            "def use():  # expect: pure\n    return X\n",
            "it calls `.g()`, which may change its object",
        ),
        # what the process was started with, not a constant of the interpreter (`known_constant`)
        ("import sys\n\nPROG = sys.argv[0]\n\ndef prog():  # expect: pure\n    return PROG\n", "`sys.argv`"),
        ("import os\n\nHOME = os.environ\n\ndef home():  # expect: pure\n    return HOME\n", "`os.environ`"),
        ("import sys\n\nPATHS = sys.path\n\ndef paths():  # expect: pure\n    return PATHS\n", "`sys.path`"),
    ],
)
def test_what_cannot_be_carried_is_refused_with_a_reason(code: str, needle: str, tmp_path: Path) -> None:
    sources = {"app.py": code}
    extraction = _run_case(sources, tmp_path)
    pure = [fr.qualname for f in verdicts_from_comments(sources) for fr in f.functions if fr.pure]
    reasons = _reasons(extraction)
    assert pure and not any(u.qualname == pure[-1] for u in extraction.units)
    assert needle in reasons[pure[-1]], reasons


def test_constants_of_the_interpreter_and_the_platform_are_carried(tmp_path: Path) -> None:
    """`PY3 = sys.version_info[0] >= 3`, `IS_MAC = sys.platform == "darwin"`, `sys.maxsize`, `os.sep`: values the
    tables say only read (`sys.version_info.*`), evaluated in the copy by the backend's own Python, as platform
    branches are read as on Linux (RIDE's `normalize` needs `PY3`, retext's table mode `sys.maxsize`)."""
    sources = project(
        app_py="""
        import os
        import sys

        PY3 = sys.version_info[0] >= 3
        IS_MAC = sys.platform == "darwin"
        LARGER_THAN_ANYTHING = sys.maxsize
        EPSILON = sys.float_info.epsilon
        IS_WINDOWS = os.sep == "\\\\"

        def describe(x):  # expect: pure
            if PY3 and not IS_MAC and not IS_WINDOWS:
                return min(x, LARGER_THAN_ANYTHING) + EPSILON * 0
            return x
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"describe": "describe"}, _reasons(extraction)
    text = extraction.modules["app_pure.py"]
    assert "PY3 = sys.version_info[0] >= 3\n" in text and "IS_MAC = sys.platform" in text
    root = write_package(extraction.modules, tmp_path / "consts")
    run = "from consts.app_pure import describe; print(describe(5))"
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "5.0", done.stderr
    # a team that calls one of them impure (`extra_impure` in the engine configuration) is heard
    config = EngineConfig(extra_impure={"sys.platform": "nondeterministic"})
    files = verdicts_from_comments(sources)
    refused = plan_extraction(sources, files, ModuleIndex(sources), config)
    assert _reasons(refused)["describe"].endswith("it reads `sys.platform`, which is not known to be constant")


def test_a_constant_computed_by_a_pure_project_function_is_carried_with_it(tmp_path: Path) -> None:
    """`__b58chars_inv = inv_dict(dict(enumerate(__b58chars)))` (electrum): a pure function gives the same result at
    every import, so the copy computes the value as the original did, carrying the function (through an import or a
    module too); a class is carried as any class is; a function that is not pure refuses the value. A statement
    binding two carried names (`EXP, LOG = _tables()`) is written once."""
    sources = project(
        pkg__init_py="",
        pkg__util_py="""
        def inv_dict(d):  # expect: pure
            return {v: k for k, v in d.items()}

        def log_name(n):  # expect: impure(io)
            print(n)
            return n
        """,
        pkg__codes_py="""
        from . import util
        from .util import inv_dict, log_name

        CHARS = "abc"
        INV = inv_dict(dict(enumerate(CHARS)))
        INV2 = util.inv_dict({1: 2})

        def _tables():  # expect: pure
            return [1, 2], [3]

        EXP, LOG = _tables()

        class Point:
            def __init__(self, x):  # expect: pure
                self.x = x

        ORIGIN = Point(0)
        NAME = log_name("codes")

        def decode(c):  # expect: pure
            return INV[c] + INV2[2]

        def tables():  # expect: pure
            return EXP + LOG

        def origin_x():  # expect: pure
            return ORIGIN.x

        def name():  # expect: pure
            return NAME
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert {"decode", "tables", "origin_x"} <= set(_units(extraction)), _reasons(extraction)
    assert _reasons(extraction)["name"].endswith(
        "constant `NAME` cannot be carried: it calls `log_name`, which is not pure"
    )
    codes = extraction.modules["pkg/codes_pure.py"]
    assert codes.count("EXP, LOG = _tables()\n") == 1
    assert "INV = inv_dict(dict(enumerate(CHARS)))\n" in codes and "from .util_pure import inv_dict\n" in codes
    root = write_package(extraction.modules, tmp_path / "computed")
    run = "from computed.pkg.codes_pure import decode, tables, origin_x; print(decode('b'), tables(), origin_x())"
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "2 [1, 2, 3] 0", done.stderr


def test_names_a_project_star_import_binds_are_followed(tmp_path: Path) -> None:
    """veusz's `utils/__init__.py` re-exports `isDateTime` with `from .dates import *`, and its readers use
    `utils.isDateTime(…)` or `from .utils import isDateTime`: the name is followed to the module defining it, the
    last star import exporting it winning (an `__all__` that leaves it out does not export it), and the package's
    copy imports it from there. A name a star import binds may shadow a builtin (`round` here)."""
    sources = project(
        pkg__init_py="""
        from .dates import *
        from .fmt import *

        def check(s):  # expect: pure
            return is_date(s) and show(s) == s

        def rounded_here(s):  # expect: pure
            return round(floor(float(s)) + 0.7)
        """,
        pkg__dates_py="""
        from math import floor

        def is_date(s):  # expect: pure
            return s.count("-") == 2

        def round(x):  # expect: pure
            return int(x)

        def _hidden():  # expect: pure
            return 0
        """,
        pkg__fmt_py="""
        __all__ = ["show"]

        def show(x):  # expect: pure
            return str(x)

        def is_date(s):  # expect: pure
            return False
        """,
        pkg__reader_py="""
        import pkg
        from pkg import is_date

        def kind(s):  # expect: pure
            return "date" if is_date(s) else "text"

        def shown(s):  # expect: pure
            return pkg.show(float(s))
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert {"check", "kind", "shown", "rounded_here"} <= set(_units(extraction)), _reasons(extraction)
    assert "from math import floor\n" in extraction.modules["pkg/__init__.py"]  # re-exported from outside
    assert "from .dates_pure import is_date" in extraction.modules["pkg/__init__.py"]
    root = write_package(extraction.modules, tmp_path / "starred")
    run = (
        "from starred.pkg import reader_pure as r, check, rounded_here\n"
        "print(r.kind('2020-01-02'), r.shown('2.7'), check('1-2-3'), rounded_here('2.7'))"
    )
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["date", "2.7", "True", "2"], done.stderr


@pytest.mark.parametrize(
    ("init", "extra", "needle"),
    [
        ("from .dates import *\nfrom os.path import *\n", {}, "may come from `from .dates import *`"),
        ("from .dates import *\nfrom .more import *\n", {"pkg/more.py": "from .dates import *\n"}, "may come from"),
        ("try:\n    from .dates import *\nexcept ImportError:\n    pass\n", {}, "may come from"),
        ("from .dated import *\n", {"pkg/dated.py": "__all__ = ['is' + '_date']\nis_date = len\n"}, "may come from"),
        ("from .dated import *\n", {"pkg/dated.py": "__all__ = list(['is_date'])\nis_date = len\n"}, "may come from"),
        ("from .dated import *\n", {"pkg/dated.py": "from . import fmt as is_date\n", "pkg/fmt.py": ""}, "re-exports"),
        ("from .dated import *\n", {"pkg/dated.py": "__all__ = ['other']\nis_date = other = len\n"}, "may come from"),
        ("from .dated import *\nis_date = _is_date\n", {"pkg/dated.py": "_is_date = len\n"}, "may come from"),
    ],
)
def test_names_a_star_import_may_bind_are_refused_when_not_known(
    init: str, extra: dict[str, str], needle: str, tmp_path: Path
) -> None:
    """A star import whose module is outside the project or has star imports of its own, one in a block, or an
    `__all__` that is not a literal: what it binds is not known, and the reader is refused as before."""
    sources = {
        "pkg/__init__.py": init + "\n\ndef check(s):  # expect: pure\n    return is_date(s)\n",
        "pkg/dates.py": "def is_date(s):  # expect: pure\n    return s.count('-') == 2\n",
        **extra,
    }
    extraction, _ = extract(sources)
    assert needle in _reasons(extraction)["check"], _reasons(extraction)


def test_a_try_importing_what_python_3_lacks_carries_its_fallback(tmp_path: Path) -> None:
    """`try: import cPickle as pickle` / `except ImportError: import pickle` and RIDE's `try: from collections import
    Mapping` / `except ImportError: from collections.abc import Mapping`: on every Python 3 a backend runs the
    handler, so its imports are the module's (they were refused as "imported conditionally or in several ways");
    a `try` a backend's Python may complete stays refused."""
    sources = project(
        app_py="""
        try:
            import cPickle as pickle
        except ImportError:
            import pickle

        try:
            from collections import Mapping
        except ImportError:
            from collections.abc import Mapping

        try:
            import simplejson as json
        except ImportError:
            import json

        def roundtrip(x):  # expect: pure
            return pickle.loads(pickle.dumps(x))

        def is_map(x):  # expect: pure
            return isinstance(x, Mapping)

        def dump(x):  # expect: pure
            return json.dumps(x)
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert {"roundtrip", "is_map"} <= set(_units(extraction)), _reasons(extraction)
    assert "conditionally or in several ways" in _reasons(extraction)["dump"]
    text = extraction.modules["app_pure.py"]
    assert "import pickle\n" in text and "from collections.abc import Mapping\n" in text and "cPickle" not in text
    root = write_package(extraction.modules, tmp_path / "fallback")
    run = "from fallback.app_pure import roundtrip, is_map; print(roundtrip([1]), is_map({}))"
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[1] True", done.stderr


def test_circular_imports_between_pure_modules_are_avoided(tmp_path: Path) -> None:
    sources = project(
        pkg__init_py="",
        pkg__a_py="""
        from . import b

        def ping(n):  # expect: pure
            return 0 if n == 0 else b.pong(n - 1)

        def alone(s):  # expect: pure
            return s + "a"

        def lazy_solo(s):  # expect: pure
            from .b import solo  # runs when called: no cycle at import
            return solo(s)

        def both(s):  # expect: pure
            from .b import solo
            return b.solo(s) + solo(s)  # `b.solo` is read through the module-level import: a cycle
        """,
        pkg__b_py="""
        from . import a

        def pong(n):  # expect: pure
            return 0 if n == 0 else a.ping(n - 1)

        def solo(s):  # expect: pure
            return s + "!"
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"alone": "alone", "lazy_solo": "lazy_solo", "solo": "solo"}
    assert "circular import" in _reasons(extraction)["ping"]
    assert "circular import" in _reasons(extraction)["both"]


def test_carried_class_must_be_self_contained(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        import logging

        class Point:
            def __init__(self, x):  # expect: pure
                self.x = x

            def log(self):  # expect: impure(io)
                logging.info("%s", self.x)

            @staticmethod
            def origin():  # expect: pure
                return Point(0)

        class Vector:
            def __init__(self, x):  # expect: pure
                self.x = x

            def grow(self):  # expect: impure(self_mutation)
                self.x += 1

            @staticmethod
            def zero():  # expect: pure
                return Vector(0)
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert "Vector.zero" in _units(extraction)
    assert "Point.origin" not in _units(extraction)
    assert "Point.log" in _reasons(extraction)["Point.origin"]
    assert "class Vector:" in extraction.modules["app_pure.py"]


def test_a_carried_class_may_derive_from_an_exception_a_project_class_or_a_namedtuple(tmp_path: Path) -> None:
    """A copied class behaves as the original when its bases are builtin exceptions, project classes carried
    with it, or a namedtuple built in the class statement; a project base that cannot be carried takes its
    subclasses with it."""
    sources = project(
        pkg__init_py="",
        pkg__errors_py="""
        import logging

        class AppError(Exception):
            pass

        class ParseError(AppError, ValueError):
            def __str__(self):  # expect: pure
                return "cannot parse " + super().__str__()

        class Noisy(Exception):
            def __init__(self, message):  # expect: impure(io)
                logging.error(message)
                super().__init__(message)

        class Louder(Noisy):
            pass
        """,
        pkg__version_py="""
        from collections import namedtuple
        from .errors import Louder, ParseError

        class VersionError(ParseError):
            pass

        class Version(namedtuple("VersionBase", "major minor")):
            @classmethod
            def parse(cls, text):  # expect: pure
                major, _, minor = text.partition(".")
                if not (major.isdigit() and minor.isdigit()):
                    raise VersionError(text)
                return cls(int(major), int(minor))

        def newer(a, b):  # expect: pure
            return Version.parse(a) > Version.parse(b)

        def shout(text):  # expect: pure
            if text:
                raise Louder(text)
            return text
        """,
    )
    extraction = _run_case(sources, tmp_path)
    units, reasons = _units(extraction), _reasons(extraction)
    assert "newer" in units, reasons
    assert "shout" not in units and "Noisy" in reasons["shout"], reasons
    text = extraction.modules["pkg/version_pure.py"]
    assert 'class Version(namedtuple("VersionBase", "major minor")):' in text
    assert "from collections import namedtuple\n" in text
    assert "class ParseError(AppError, ValueError):" in extraction.modules["pkg/errors_pure.py"]
    root = write_package(extraction.modules, tmp_path / "based_pkg")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from based_pkg.pkg.version_pure import newer, Version\n"
            "print(newer('1.10', '1.9'))\n"
            "try:\n    Version.parse('x')\nexcept ValueError as e:\n    print(type(e).__name__, e)\n",
        ],
        cwd=root.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.splitlines() == ["True", "VersionError cannot parse x"], done.stderr


def test_paths_in_comments_cannot_inject_code() -> None:
    sources = {'evil\nimport os\n".py': "def f():  # expect: pure\n    return 1\n"}
    extraction, _ = extract(sources)
    for text in extraction.modules.values():
        compile(text, "x", "exec")
        assert "\nimport os" not in text


def test_target_path_mirrors_the_tree() -> None:
    assert target_path("core/units.py") == "core/units_pure.py"
    assert target_path("app.pyw") == "app_pure.py"
    assert target_path("pkg/__init__.py") == "pkg/__init__.py"  # the package itself, as `from pkg import f`
    assert target_path("__init__.py") == "__init__.py"


def test_a_function_filling_its_own_list_through_a_nested_function_is_extracted_and_runs() -> None:
    """The engine's verdict (`Solver.encloser_only`), not a comment: the nested accumulator travels inside its
    encloser, and the copy gives the original's answers."""
    tree = make_tree(
        {
            "graph.py": textwrap.dedent(
                """\
                def reachable(graph, start):
                    seen = {}

                    def visit(node):
                        if node in seen:
                            return
                        seen[node] = True
                        for child in graph.get(node, ()):
                            visit(child)

                    visit(start)
                    return sorted(seen)


                def total(items):
                    count = 0

                    def add(x):
                        nonlocal count
                        count += x

                    for i in items:
                        add(i)
                    return count
                """
            )
        }
    )
    extraction = analyze_tree(tree).extraction
    assert _units(extraction) == {"reachable": "reachable", "total": "total"}
    namespace: dict[str, Any] = {}
    exec(compile(extraction.modules["graph_pure.py"], "graph_pure.py", "exec"), namespace)
    assert namespace["reachable"]({"a": ["b", "c"], "b": ["a"], "c": ["d"]}, "a") == ["a", "b", "c", "d"]
    assert namespace["total"]([1, 2, 3]) == 6


def test_a_calculator_s_dispatch_table_travels_with_the_function_calling_its_entries() -> None:
    """`OPS[op](a, b)` over `operator` functions and a project function is pure (`Solver._table_call`): the table is
    carried with what its entries need, and the copy computes what the original does."""
    tree = make_tree(
        {
            "calc.py": textwrap.dedent(
                """\
                import operator


                def power(a, b):
                    return a**b


                OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "^": power}


                def calc(a, op, b):
                    fn = OPS.get(op)
                    if fn is None:
                        raise ValueError(op)
                    return fn(a, b)
                """
            )
        }
    )
    extraction = analyze_tree(tree).extraction
    assert _units(extraction) == {"power": "power", "calc": "calc"}
    namespace: dict[str, Any] = {}
    exec(compile(extraction.modules["calc_pure.py"], "calc_pure.py", "exec"), namespace)
    assert [namespace["calc"](2, op, 5) for op in "+-*^"] == [7, -3, 10, 32]


def test_nested_functions_travel_inside_their_parent(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        def outer(xs):  # expect: pure
            def key(x):  # expect: pure
                return -x
            return sorted(xs, key=key) + list(map(lambda v: v + 1, xs))
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"outer": "outer"}
    assert extraction.not_extracted == []


# ---------------------------------------------------------------------------------------------------------
# The same guarantees on the engine's own verdicts: the example app, then two real Tkinter code bases.


def _analyse(root: Path) -> tuple[Any, ModuleIndex]:
    engine = pytest.importorskip("purelift.analysis.engine")
    sources_module = pytest.importorskip("purelift.analysis.sources")
    tree = sources_module.read_path(root)
    analysis = engine.analyze_tree(tree)
    index = ModuleIndex([f.path for f in analysis.result.files], root_package=tree.root_package)
    return analysis, index


def test_engine_example_extraction_matches_expected(example_app: Path, tmp_path: Path) -> None:
    analysis, index = _analyse(example_app)
    extraction = analysis.extraction
    found: dict[str, set[str]] = {}
    for unit in extraction.units:
        found.setdefault(unit.target_module, set()).add(unit.qualname)
    assert found == EXPECTED_UNITS
    flagged = {(f.path, fn.qualname) for f in analysis.result.files for fn in f.functions if fn.extractable}
    assert flagged == {(u.source_path, u.qualname) for u in extraction.units}
    check_all(extraction, read_tree(example_app), tmp_path, forbidden=(EXAMPLE_PACKAGE,))
    report = compare_with_originals(extraction, tmp_path, example_app, EXAMPLE_PACKAGE, index)
    assert report["mismatches"] == [] and report["calls"] > 200


@pytest.mark.slow
@pytest.mark.parametrize(
    ("tree_fixture", "min_units", "min_calls"),
    # idlelib: ~100 units before issue 12, of which 73 stubs (`IsExpandable(self): return False`) and the
    # units of `idle_test/test_*.py`; what is left is what a team would migrate (34 since raise-only stubs,
    # `def handle_EOF(self): raise EOFError`, are trivial too).
    [("idlelib_dir", 33, 500), ("turtledemo_dir", 3, 50)],
)
def test_engine_extraction_of_real_code_keeps_the_four_guarantees(
    tree_fixture: str, min_units: int, min_calls: int, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    root: Path = request.getfixturevalue(tree_fixture)
    analysis, index = _analyse(root)
    extraction = analysis.extraction
    assert len(extraction.units) >= min_units
    check_all(extraction, read_tree(root), tmp_path, forbidden=(root.name,))
    report = compare_with_originals(extraction, tmp_path, root, root.name, index)
    assert report["mismatches"] == []
    assert report["calls"] >= min_calls
    for miss in extraction.not_extracted:
        assert miss.reason and "\n" not in miss.reason


def test_a_later_star_import_may_replace_a_definition(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        from math import *

        def before(x):  # expect: pure
            return floor(x) if x else x

        def replaced(x):  # expect: pure
            return x + 1

        class Zone:
            def name(self, dt):  # expect: pure
                return str(dt)

        try:
            from _speedups import *
        except ImportError:
            pass
        """
    )
    extraction, _ = extract(sources)
    check_static_guarantees(extraction, sources)
    reasons = _reasons(extraction)
    assert "from _speedups import *" in reasons["replaced"]
    assert "from _speedups import *" in reasons["Zone.name"]
    assert "import *" in reasons["before"]  # `floor` may come from the first star import


def test_an_import_read_only_by_another_module_is_re_exported(tmp_path: Path) -> None:
    sources = project(
        pkg__init_py="",
        pkg__shapes_py="""
        from math import pi
        """,
        pkg__area_py="""
        from . import shapes

        def disc(r):  # expect: pure
            return shapes.pi * r * r
        """,
    )
    extraction = _run_case(sources, tmp_path)
    shapes = extraction.modules["pkg/shapes_pure.py"]
    assert "from math import pi\n" in shapes and '__all__ = ["pi"]' in shapes
    namespace: dict[str, Any] = {}
    exec(compile(shapes, "shapes_pure.py", "exec"), namespace)
    assert namespace["pi"] == 3.141592653589793


def test_annotations_future_imports_and_package_modules(tmp_path: Path) -> None:
    sources = project(
        pkg__init_py="""
        from __future__ import annotations

        from typing import Final

        LIMIT: Final = 10
        NAMES: tuple[str, ...] = ("a", "b")

        def clip(x: int) -> int:  # expect: pure
            return min(x, LIMIT)

        def names(prefix: "str") -> list[str]:  # expect: pure
            return [prefix + n for n in NAMES]
        """,
        pkg__use_py="""
        from . import clip

        def clip_twice(x):  # expect: pure
            return clip(clip(x))
        """,
    )
    extraction = _run_case(sources, tmp_path)
    init = extraction.modules["pkg/__init__.py"]
    assert "from __future__ import annotations\n" in init
    assert "LIMIT = 10\n" in init and 'NAMES = ("a", "b")\n' in init  # annotations of constants are dropped
    assert "Final" not in init  # ... so their imports are not needed
    assert "from . import clip\n" in extraction.modules["pkg/use_pure.py"]
    assert set(_units(extraction)) == {"clip", "names", "clip_twice"}


def test_a_package_init_extracts_to_the_package_itself(tmp_path: Path) -> None:
    """`pkg/__init__.py` -> `pkg/__init__.py`: `from pkg import f` reads the same in the archive."""
    sources = project(
        pkg__init_py="""
        def double(x):  # expect: pure
            return 2 * x
        """,
        pkg__sub__init_py="""
        def triple(x):  # expect: pure
            return 3 * x
        """,
        pkg__sub__use_py="""
        import pkg.sub as sub
        from pkg import double

        def six(x):  # expect: pure
            return double(sub.triple(x))
        """,
        pkg__top_py="""
        from pkg.sub import triple

        def nine(x):  # expect: pure
            return triple(triple(x) // 3)
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert not any("__init___pure" in path for path in extraction.modules)
    assert {u.qualname: u.target_module for u in extraction.units} == {
        "double": "pkg/__init__.py",
        "triple": "pkg/sub/__init__.py",
        "six": "pkg/sub/use_pure.py",
        "nine": "pkg/top_pure.py",
    }
    assert "from .sub import triple\n" in extraction.modules["pkg/top_pure.py"]
    use = extraction.modules["pkg/sub/use_pure.py"]
    assert "from .. import double\n" in use and "from .. import sub as sub\n" in use
    root = write_package(extraction.modules, tmp_path / "archive_pkg")
    done = subprocess.run(
        [sys.executable, "-c", "from archive_pkg.pkg.sub.use_pure import six; print(six(1))"],
        cwd=root.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "6", done.stderr


@pytest.mark.parametrize("future", ["", "from __future__ import annotations\n"])
def test_names_in_nested_annotations_are_imported(future: str, tmp_path: Path) -> None:
    sources = {
        "app.py": future
        + textwrap.dedent(
            """
            import decimal
            from collections import OrderedDict
            from typing import Any, Optional

            def outer(xs):  # expect: pure
                def key(x: Optional[int], *rest: "OrderedDict") -> Any:  # expect: pure
                    return x
                class Row:
                    cell: decimal.Decimal
                total: int = 0
                return sorted(xs, key=key)

            class Point:
                def __init__(self, x):  # expect: pure
                    self.x = x

                def same(self) -> Any:  # expect: pure
                    return self

                @staticmethod
                def origin():  # expect: pure
                    return Point(0)
            """
        )
    }
    extraction = _run_case(sources, tmp_path)
    assert {"outer", "Point.origin"} <= set(_units(extraction)), _reasons(extraction)
    text = extraction.modules["app_pure.py"]
    assert "from typing import Any, Optional\n" in text
    assert "from collections import OrderedDict\n" in text and "import decimal\n" in text


def test_a_carried_class_body_reads_only_what_is_carried(tmp_path: Path) -> None:
    """A class body runs at import: a name it reads before binding it (`hidpi = hidpi.Option.AUTO`) is the
    module's, so it is carried too, or the class is not."""
    sources = project(
        pkg__init_py="",
        pkg__hidpi_py="""
        import enum

        class Option(enum.Enum):
            AUTO = 1
        """,
        pkg__units_py="""
        MM = "mm"
        """,
        pkg__config_py="""
        import platform
        from . import hidpi, units

        class Settings:
            hidpi = hidpi.Option.AUTO

            @staticmethod
            def make():  # expect: pure
                return Settings()

        class Box:
            units = units.MM
            size = 2

            @staticmethod
            def unit():  # expect: pure
                return Box.units

        class Host:
            platform = platform.system()

            @staticmethod
            def make():  # expect: pure
                return Host()
        """,
    )
    extraction = _run_case(sources, tmp_path)
    reasons = _reasons(extraction)
    assert "Box.unit" in _units(extraction), reasons
    assert "Settings.make" in _units(extraction), reasons  # with the module `hidpi` and its enumeration `Option`
    assert "Host.make" not in _units(extraction) and "platform.system" in reasons["Host.make"], reasons
    namespace: dict[str, Any] = {}
    root = write_package(extraction.modules, tmp_path / "carried_pkg")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from carried_pkg.pkg.config_pure import make, unit; print(unit(), make().hidpi.name)",
        ],
        cwd=root.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "mm AUTO", (done.stderr, namespace)


DETERMINISM = r"""
import hashlib, sys
from purelift.analysis import analyze_tree, read_path
from purelift.analysis.exports import to_zip
from dataclasses import replace
analysis = analyze_tree(read_path(sys.argv[1]))
result = replace(analysis.result, job_id="0" * 32, created_at="2026-01-01T00:00:00Z", processing_time=0.0)
print(hashlib.sha256(to_zip(analysis.extraction, result)).hexdigest())
"""


def test_the_archive_is_byte_identical_in_every_process(tmp_path: Path) -> None:
    """Hash randomisation must not reach the output: `from typing import ...` names come out sorted."""
    names = ["Any", "Callable", "Dict", "Iterable", "List", "Mapping", "Optional", "Sequence", "Tuple", "Union"]
    app = tmp_path / "app"
    app.mkdir()
    (app / "shapes.py").write_text(
        f"from typing import {', '.join(reversed(names))}\nimport os, re, json\n\n\n"
        f"def sig(a: {' | '.join(names)}) -> str:\n    return re.escape(json.dumps(os.sep + str(a)))\n",
        encoding="utf-8",
    )
    digests = set()
    extracted = ""
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", DETERMINISM, str(app)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1, digests
    from purelift.analysis import analyze_tree, read_path

    analysis = analyze_tree(read_path(app))
    extracted = analysis.extraction.modules["shapes_pure.py"]
    assert f"from typing import {', '.join(names)}\n" in extracted


# ---------------------------------------------------------------------------------------------------------
# Padding (issue 12 item 2): trivial units and test code are reported but not extracted.

TRIVIAL = "trivial: empty body / constant return / only raises"


@pytest.mark.parametrize(
    ("body", "trivial"),
    [
        ("pass", True),
        ("...", True),
        ('"""Only a docstring."""', True),
        ('"""A docstring, then pass."""\n    pass', True),
        ('"""A docstring, then an ellipsis."""\n    ...', True),
        ("return 4", True),
        ("return -1", True),
        ("return 2.5", True),
        ("return None", True),
        ("return True", True),
        ('return "x"', True),
        ('return b"x"', True),
        ("return ()", True),
        ("return (1, 'a', None)", True),
        ("return", True),
        ('"""Doc."""\n    return 0', True),
        # A fresh mutable literal of constants is a stub all the same (`def items(self): return []`).
        ("return []", True),
        ("return [1]", True),
        ("return {}", True),
        ("return {'a': 1}", True),
        # mu's `BaseMode.add_plotter`: the builtin singleton an unimplemented method answers
        ("return NotImplemented", True),
        # A body that only raises: an abstract method or an "unsupported here" override, never called for a result.
        ("raise NotImplementedError", True),
        ('raise NotImplementedError("subclasses say")', True),
        ('"""Doc."""\n    raise errors.Unsupported(x)', True),
        ("raise", True),
        # gramps' `BaseSelector.get_from_handle_func`: an assertion that always fails raises as `raise` does
        ('assert False, "Must be defined in the subclass"', True),
        ("assert 0", True),
        # What silences a linter about unused parameters is filler (RIDE's `ListModel.item_text`).
        ("_ = x\n    return ''", True),
        ("_ = x\n    _ = x\n    return None", True),
        ("_ = (x, x)\n    return 0", True),
        ("del x\n    return 0", True),
        ("x\n    pass", True),
        # Counter-rows: anything that reads a name, calls, computes or does more than return.
        ("return x", False),
        ("return NotImplementedError", False),
        ("return len(x)", False),
        ("return x + 1", False),
        ("return (x, 1)", False),
        ("return [x]", False),
        ("return set()", False),
        ("return 1 + 2", False),
        ("return f'{x}'", False),
        ("y = 1\n    return y", False),
        ("pass\n    return x", False),
        ("yield", False),
        ("if x:\n        return 1\n    return 2", False),
        ("if not x:\n        raise ValueError(x)", False),
        ("y = x * 2\n    raise ValueError(y)", False),
        ("raise ValueError(x)\n    return x", False),
        ("_ = x\n    return x", False),
        ("_ = len(x)\n    return 0", False),
        ("_ = x.y\n    return 0", False),
        ("y = x\n    return 0", False),
        ("_ = y = x\n    return 0", False),
        ("del x[0]\n    return 0", False),
        ("x.y\n    return 0", False),
        ("assert x", False),
        ('assert True, "never fails"', False),
    ],
)
def test_trivial_units_are_marked_and_never_extracted(body: str, trivial: bool, tmp_path: Path) -> None:
    sources = project(app_py=f"def f(x):  # expect: pure\n    {body}\n")
    extraction, files = extract(sources)
    check_all(extraction, sources, tmp_path, forbidden=("app",))
    fr = files[0].functions[0]
    assert (fr.trivial, fr.pure) == (trivial, True)
    assert fr.extractable is not trivial
    assert ("f" in _units(extraction)) is not trivial
    assert (_reasons(extraction).get("f") == TRIVIAL) is trivial


def test_trivial_methods_and_async_stubs_are_marked(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        class Model:
            def columnCount(self):  # expect: pure
                return 4

            @staticmethod
            def scale(v):  # expect: pure
                return v * 2

        async def later():  # expect: pure
            pass
        """
    )
    extraction, files = extract(sources)
    trivial = {fr.qualname: fr.trivial for fr in files[0].functions}
    assert trivial == {"Model.columnCount": True, "Model.scale": False, "later": True}
    assert set(_units(extraction)) == {"Model.scale"}
    assert _reasons(extraction)["Model.columnCount"] == TRIVIAL


def test_a_trivial_helper_an_extracted_unit_needs_is_carried_but_not_a_unit(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        def default_rate():  # expect: pure
            return 3

        def cost(n):  # expect: pure
            return n * default_rate()
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert set(_units(extraction)) == {"cost"}
    assert "def default_rate():" in extraction.modules["app_pure.py"]
    assert _reasons(extraction)["default_rate"].startswith(TRIVIAL)


TEST_FILES = ["tests/test_app.py", "test/helpers.py", "pkg/tests/data.py", "test_x.py", "pkg/x_test.py", "conftest.py"]


def test_test_code_is_analysed_but_not_extracted_unless_asked(tmp_path: Path) -> None:
    from purelift.analysis import EngineConfig

    body = "def total(xs):  # expect: pure\n    return sum(xs) * 2\n"
    sources = {"app.py": body, "pkg/core.py": body, **{path: body for path in TEST_FILES}}
    extraction, files = extract(sources)
    assert [u.source_path for u in extraction.units] == ["app.py", "pkg/core.py"]
    why = {n.source_path: n.reason for n in extraction.not_extracted}
    assert set(why) == set(TEST_FILES)
    assert all(reason.startswith("test code") and "--extract-tests" in reason for reason in why.values())
    assert all(fn.pure for f in files for fn in f.functions)  # analysed and reported as judged
    config = EngineConfig(extract_tests=True)
    asked = plan_extraction(sources, verdicts_from_comments(sources), ModuleIndex(sources), config)
    assert {u.source_path for u in asked.units} == set(sources)
    check_all(asked, sources, tmp_path, forbidden=("app", "pkg", "tests", "test", "test_x", "conftest"))


@pytest.mark.parametrize(
    ("path", "test_code"),
    [
        ("tests/a.py", True),
        ("src/test/a.py", True),
        ("test_a.py", True),
        ("pkg/a_test.py", True),
        ("pkg/conftest.py", True),
        ("testing/a.py", False),
        ("contest.py", False),
        ("latest.py", False),
        ("pkg/attest_test_data.py", False),
        ("testsuite/a.py", False),
    ],
)
def test_what_counts_as_test_code(path: str, test_code: bool) -> None:
    from purelift.analysis.extract import is_test_path

    assert is_test_path(path) is test_code


def test_a_package_imported_with_its_submodule_binds_one_name(tmp_path: Path) -> None:
    """`import os` and `import os.path` both bind `os` (issue 12 item 3: `import numpy` + `import numpy.linalg`):
    `import os.path` alone binds it the same way and loads both. Submodules on two branches (`xml.dom` and
    `xml.etree`) need two statements: still refused."""
    sources = project(
        app_py="""
        import os
        import os.path
        import xml.dom
        import xml.etree

        def stem(path):  # expect: pure
            return os.path.splitext(path)[0]

        def parts(path):  # expect: pure
            return xml.dom, xml.etree, path
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert set(_units(extraction)) == {"stem"}
    assert "\nimport os.path\n" in extraction.modules["app_pure.py"]
    assert "import os\n" not in extraction.modules["app_pure.py"]


def test_imports_of_the_project_inside_a_body_import_the_generated_modules(tmp_path: Path) -> None:
    """An import inside a body that names the project (electrum's `from . import ripemd`, often there to break an
    import cycle) is rewritten to import from the generated module, and what it names is carried. It runs when the
    body runs, so a cycle through it is no cycle at import: `util` imports `paths` and `paths.in_home` imports
    `util` back, and both are extracted. The copies are called with no original module on the path."""
    sources = project(
        pkg__init_py="from .config import USER_DIR\n",
        pkg__config_py="USER_DIR = '/home'\n",
        helpers_py="A = 'a'\n\n\ndef join(a, b):  # expect: pure\n    return a + b\n",
        pkg__util_py="""
        from . import paths

        def slash(a, b):  # expect: pure
            return a + "/" + b

        def home_file(name):  # expect: pure
            return paths.in_home(name)

        def ask(prompt):
            return input(prompt)
        """,
        pkg__paths_py="""
        import os

        def password_file():  # expect: pure
            from pkg import USER_DIR

            return os.path.join(USER_DIR, "password")

        def joined():  # expect: pure
            import helpers

            return helpers.join(helpers.A, "b")

        def in_home(name):  # expect: pure
            from .util import slash as s  # util imports this module
            return s("/home", name)

        def spread():  # expect: pure
            from . import (
                util,
            ); import os.path as p
            return util.slash(p.sep, "x")

        class Paths:
            @staticmethod
            def top(name):  # expect: pure
                from pkg import util
                return util.slash("", name)

        class Joiner:
            def join(self, a):  # expect: pure
                from .util import slash
                return slash(a, "j")

        def use_joiner(a):  # expect: pure
            return Joiner().join(a)

        def as_value():  # expect: pure
            from pkg import util
            return util

        def loads():  # expect: pure
            from pkg import util
            from . import util as again

        def through_package():  # expect: pure
            import pkg.util
            return pkg.util.slash("a", "b")

        def asks():  # expect: pure
            from .util import ask
            return ask
        """,
    )
    extraction = _run_case(sources, tmp_path)
    units, reasons = _units(extraction), _reasons(extraction)
    expected = {"password_file", "joined", "in_home", "home_file", "spread", "Paths.top", "use_joiner"}
    assert expected <= set(units), reasons
    assert reasons["as_value"] == "it uses the project module `util`, imported inside its body, as a value"
    assert reasons["loads"] == "it imports the project module `util` inside its body only to run it"
    assert reasons["through_package"] == (
        "it imports inside its body: `import pkg.util` binds a project package, not the module; it is not rewritten"
    )
    assert reasons["asks"].startswith("it needs `ask` (pkg/util.py), which cannot be carried: `ask` is not pure")
    paths = extraction.modules["pkg/paths_pure.py"]
    assert "    from .config_pure import USER_DIR\n" in paths  # from where it is defined, as at module level
    assert "    from .. import helpers_pure as helpers\n" in paths
    assert "    from .util_pure import slash as s  # util imports this module\n" in paths
    assert "    from . import util_pure as util; import os.path as p\n\n\n    return util.slash" in paths  # lines kept
    assert "        from .util_pure import slash\n" in extraction.modules["pkg/paths_pure.py"]  # in the carried class
    assert "from . import paths_pure as paths\n" in extraction.modules["pkg/util_pure.py"]
    root = write_package(extraction.modules, tmp_path / "inner_imports")
    run = (
        "from inner_imports.pkg import paths_pure as p, util_pure as u\n"
        "print(p.password_file(), p.joined(), p.in_home('x'), u.home_file('y'), p.spread(), p.top('n'),"
        " p.use_joiner('a'))\n"
    )
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["/home/password", "ab", "/home/x", "/home/y", "//x", "/n", "a/j"], done.stderr


def test_a_body_import_of_the_top_package_itself_is_refused() -> None:
    sources = {
        "__init__.py": "def scale(x):  # expect: pure\n    return x * 10\n",
        "units.py": "def to_m(v):  # expect: pure\n    import app\n\n    return app.scale(v)\n",
    }
    extraction, _ = extract(sources, root_package="app")
    assert _reasons(extraction)["to_m"] == (
        "it imports inside its body: `app` is the top package itself, which a relative import cannot name"
    )


def test_a_scope_named_top_reads_its_own_names(tmp_path: Path) -> None:
    """CPython's `symtable` takes any scope named `top` for the module: in `def top(items, n)` the parameters and
    locals read as globals, and the function was refused as using `items`, "not defined anywhere". A module name it
    reads is still carried; one defined nowhere still refuses it."""
    sources = project(
        pkg__init_py="",
        pkg__stack_py="""
        LIMIT = 3

        def top(items, n=1):  # expect: pure
            first = items[:n]
            return first + [LIMIT]

        class Frame:
            @staticmethod
            def top(x):  # expect: pure
                return [x] * LIMIT

        class Window:
            def top(self):  # expect: pure
                return undefined_name
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert _units(extraction) == {"top": "top", "Frame.top": "Frame_top"}, _reasons(extraction)
    missing = "it uses `undefined_name`, which is not defined anywhere in pkg/stack.py"
    assert _reasons(extraction)["Window.top"] == missing
    root = write_package(extraction.modules, tmp_path / "tops")
    run = "from tops.pkg.stack_pure import top, Frame_top; print(top([1, 2, 3]), Frame_top(0))"
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[1, 3] [0, 0, 0]", done.stderr


@pytest.mark.parametrize(
    ("code", "globals_"),
    [
        ("def top(x, *a, **k):\n    y = x\n    import os\n    return y, os, a, k, LIMIT\n", {"LIMIT"}),
        ("def top():\n    global G\n    G = 1\n", {"G"}),  # declared, and bound: still the module's
        ("def top():\n    global G\n    return G\n", {"G"}),
        ("class top:\n    x = 1\n    y = x + BASE\n", {"BASE"}),
        ("def other(x):\n    return x, LIMIT\n", {"LIMIT"}),
    ],
)
def test_globals_of_a_scope_named_top(code: str, globals_: set[str]) -> None:
    import symtable

    from purelift.analysis.extract.source import table_globals

    assert table_globals(symtable.symtable(code, "m.py", "exec").get_children()[0]) == globals_


def test_a_body_import_of_a_name_for_type_checkers_reads_its_own(tmp_path: Path) -> None:
    """electrum's `construct_script(items: Sequence['OPPushDataGeneric'])` imports `OPPushDataGeneric` at module
    level only `if TYPE_CHECKING:` and again in its body, where it reads it: the body reads its own binding, not the
    module's (a function without its own is refused, as reading the type checkers' name where code runs)."""
    sources = project(
        pkg__init_py="",
        pkg__ops_py="""
        from .script import build

        class Push:
            @staticmethod
            def is_push(item):  # expect: pure
                return isinstance(item, bytes)

        def pushes(items):  # expect: pure
            return build(items)
        """,
        pkg__script_py="""
        from typing import TYPE_CHECKING, Sequence

        if TYPE_CHECKING:
            from .ops import Push

        def build(items: Sequence["Push"]) -> bytes:  # expect: pure
            from .ops import Push
            return b"".join(item for item in items if Push.is_push(item))

        def checks(item: "Push") -> bool:  # expect: pure
            return Push.is_push(item)
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert {"build", "pushes", "Push.is_push"} <= set(_units(extraction)), _reasons(extraction)
    assert _reasons(extraction)["checks"].startswith("it uses `Push` where code runs")
    assert "\nif TYPE_CHECKING:\n    from .ops_pure import Push\n" in extraction.modules["pkg/script_pure.py"]
    root = write_package(extraction.modules, tmp_path / "checking")
    run = "from checking.pkg.ops_pure import pushes; print(pushes([b'a', 1, b'b']))"
    done = subprocess.run([sys.executable, "-c", run], cwd=root.parent, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "b'ab'", done.stderr


def test_modules_get_python_names_a_backend_can_import(tmp_path: Path) -> None:
    # A folder or file name that is not a Python name (`build-tool.py`, `my-app/`, `2d.py`, `class/`) becomes one in
    # the archive, so every module imports by name and units across them are extracted (they were refused: "would
    # need a relative import between non-identifier module paths").
    sources = {
        "my-app/__init__.py": "",
        "my-app/core.py": "def double(x):  # expect: pure\n    return x * 2\n",
        "build-tool.py": "def triple(x):  # expect: pure\n    return x * 3\n",
        "2d.py": "def area(w, h):  # expect: pure\n    return w * h\n",
        "class/__init__.py": "",
        "class/shapes.py": "def side(a):  # expect: pure\n    return a + 1\n",
    }
    extraction, files = extract(sources)
    targets = {u.source_path: u.target_module for u in extraction.units}
    assert targets == {
        "my-app/core.py": "my_app/core_pure.py",
        "build-tool.py": "build_tool_pure.py",
        "2d.py": "_2d_pure.py",
        "class/shapes.py": "class_/shapes_pure.py",
    }
    assert all(fn.extractable for f in files for fn in f.functions)
    check_all(extraction, sources, tmp_path, forbidden=())


def test_sources_that_would_share_a_python_name_get_two(tmp_path: Path) -> None:
    body = "def f(x):  # expect: pure\n    return x\n"
    sources = {"a-b.py": body, "a_b.py": body, "tool.py": body, "tool.pyw": body}
    extraction, _ = extract(sources)
    targets = sorted(u.target_module for u in extraction.units)
    assert len(set(targets)) == 4, targets
    assert {"a_b_pure.py", "tool_pure.py", "tool_pyw_pure.py"} <= set(targets)
    check_all(extraction, sources, tmp_path, forbidden=())


def test_a_unit_in_a_renamed_module_imports_its_neighbour_by_the_new_name(tmp_path: Path) -> None:
    sources = {
        "calc-lib/__init__.py": "",
        "calc-lib/core.py": "def double(x):  # expect: pure\n    return x * 2\n",
        "calc-lib/ops.py": "from .core import double\n\n\ndef quad(x):  # expect: pure\n    return double(double(x))\n",
    }
    extraction, _ = extract(sources)
    assert {u.qualname for u in extraction.units} == {"double", "quad"}
    assert "from .core_pure import double" in extraction.modules["calc_lib/ops_pure.py"]
    check_all(extraction, sources, tmp_path, forbidden=())


def test_a_quoted_annotation_carries_the_class_it_names_in_a_project_module(tmp_path: Path) -> None:
    # qutebrowser's `def _check_yaml(self, opt: 'configdata.Option', …)`: the forward reference names the module's
    # class, which the extracted module must define for `typing.get_type_hints` (FastAPI reads annotations)
    sources = {
        "pkg/__init__.py": "",
        "pkg/a.py": "class Option:\n    def __init__(self, name):  # expect: pure\n        self.name = name\n",
        "pkg/b.py": (
            "from . import a\n\n\n"
            "def check(opt: 'a.Option', flag: bool) -> None:  # expect: pure\n"
            "    if flag and opt.name:\n"
            "        raise ValueError(opt.name)\n"
        ),
    }
    extraction, _ = extract(sources)
    assert [u.qualname for u in extraction.units] == ["check"]
    assert "class Option:" in extraction.modules["pkg/a_pure.py"]
    check_all(extraction, sources, tmp_path, forbidden=("pkg",))


def test_names_imported_for_type_checkers_only(tmp_path: Path) -> None:
    """`if TYPE_CHECKING:` imports used only in annotations that never run (`from __future__ import annotations`,
    or quoted): the copy imports them for type checkers only, as the original does (`_typeshed` does not exist at run
    time), a project name too (carried, but imported only there: no import cycle at run time); a name read where
    code runs is refused."""
    sources = project(
        pkg__init_py="",
        pkg__types_py="""
        from typing import Callable

        SortKey = Callable[[str], str]

        class Config:
            def __init__(self, v):  # expect: pure
                self.v = v
        """,
        pkg__keys_py="""
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from collections.abc import Iterator

            from _typeshed import SupportsRead

            from .types import Config, SortKey


        def words(text: str) -> Iterator[str]:  # expect: pure
            return iter(text.split())


        def twice(f: SupportsRead[str], n: int) -> int:  # expect: pure
            return n * 2


        def configured(c: Config) -> int:  # expect: pure
            return c.v + 1


        def key(encoding: str = "utf-8") -> SortKey:  # expect: pure
            return str.lower


        def checks(x) -> bool:  # expect: pure
            return isinstance(x, Config)


        def default_config(c=Config) -> bool:  # expect: pure
            return c is None
        """,
        pkg__plain_py="""
        import typing

        if typing.TYPE_CHECKING:
            from collections.abc import Iterator


        def quoted(text: str) -> "Iterator[str]":  # expect: pure
            return iter(text.split())


        def bare(text: str) -> Iterator[str]:  # expect: pure
            return iter(text.split())


        def local_annotation(text: str) -> int:  # expect: pure
            words: Iterator[str] = iter(text.split())
            return len(list(words))


        class Box:
            items: Iterator[int] = ()


        def boxed():  # expect: pure
            return Box.items


        def make_box():  # expect: pure
            class Inner:
                items: Iterator[int] = ()

            return Inner
        """,
        pkg__either_py="""
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from collections.abc import Iterator
        else:
            Iterator = object


        def either(x):  # expect: pure
            return isinstance(x, Iterator)
        """,
        pkg__star_py="""
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from typing import *


        def listed(x) -> List[int]:  # expect: pure
            return [x]
        """,
    )
    extraction = _run_case(sources, tmp_path)
    units = _units(extraction)
    assert {"words", "twice", "configured", "key", "quoted", "local_annotation"} <= set(units), _reasons(extraction)
    reasons = _reasons(extraction)
    runtime = "where code runs, and pkg/{} imports it only for type checking (`if TYPE_CHECKING:`)"
    assert reasons["checks"] == "it uses `Config` " + runtime.format("keys.py")
    assert reasons["default_config"] == "it uses `Config` " + runtime.format("keys.py")  # a default runs at `def`
    assert reasons["bare"] == "it uses `Iterator` " + runtime.format("plain.py")  # its annotation runs at `def`
    assert reasons["boxed"].endswith("it uses `Iterator` " + runtime.format("plain.py"))  # a class body runs
    assert reasons["make_box"] == "it uses `Iterator` " + runtime.format("plain.py")  # each time the function runs
    assert reasons["either"].endswith(
        "`Iterator` is bound more than once at module level in pkg/either.py (lines 5, 7)"
    )
    assert reasons["listed"] == "it uses `List`, which may come from `from typing import *`"
    keys = extraction.modules["pkg/keys_pure.py"]
    assert "from typing import TYPE_CHECKING\n" in keys
    assert (
        "\nif TYPE_CHECKING:\n    from collections.abc import Iterator\n    from _typeshed import SupportsRead\n"
        "    from .types_pure import Config, SortKey\n"
    ) in keys
    assert "class Config:" in extraction.modules["pkg/types_pure.py"]
    plain = extraction.modules["pkg/plain_pure.py"]
    assert "\nif TYPE_CHECKING:\n    from collections.abc import Iterator\n" in plain


def test_relative_imports_naming_the_root_package_are_followed(tmp_path: Path) -> None:
    # The tree's root holds `__init__.py`: `from . import units` at the root and `from .. import units` one level down
    # name its modules, and `from . import scale` a function of the root package itself (Printrun, RIDE). They were
    # refused as "points outside the analysed project", or made `__init__.units`, a module that does not exist.
    sources = {
        "__init__.py": "def scale(x):  # expect: pure\n    return x * 10\n",
        "units.py": "def to_m(v):  # expect: pure\n    return v * 1000\n",
        "app.py": (
            "from . import units\nfrom . import scale\n\n\n"
            "def to_cm(v):  # expect: pure\n    return scale(units.to_m(v))\n"
        ),
        "ui/__init__.py": "",
        "ui/view.py": "from .. import units\n\n\ndef label(v):  # expect: pure\n    return f'{units.to_m(v)} m'\n",
    }
    extraction = _run_case(sources, tmp_path)
    assert _reasons(extraction) == {}
    assert set(_units(extraction)) == {"scale", "to_m", "to_cm", "label"}
    assert "from . import units_pure as units\n" in extraction.modules["app_pure.py"]
    assert "from .. import units_pure as units\n" in extraction.modules["ui/view_pure.py"]


def test_a_project_decorator_is_carried_with_what_it_decorates(tmp_path: Path) -> None:
    # A function the solve finds pure with a project decorator (its wrapper only calls it back, puddletag's
    # `@keys_deco`): the decorator is carried as any name the unit reads, bare or as a factory, from this module or
    # another; decorating at import runs only pure code. They were refused as "not known to be pure".
    sources = project(
        pkg__init_py="",
        pkg__deco_py="""
        def scaled(n):  # expect: pure
            def decorate(func):
                def wrapper(x):
                    return func(x) * n
                return wrapper
            return decorate
        """,
        pkg__app_py="""
        import functools
        from . import deco
        from .deco import scaled

        def lowered(func):  # expect: pure
            @functools.wraps(func)
            def f(*a):
                return [k.lower() for k in func(*a)]
            return f

        @lowered
        def names(xs):  # expect: pure
            return list(xs)

        @scaled(3)
        def double(x):  # expect: pure
            return x * 2

        @deco.scaled(2)
        def triple(x):  # expect: pure
            return x * 3
        """,
    )
    extraction = _run_case(sources, tmp_path)
    assert _reasons(extraction) == {}
    assert {"lowered", "names", "double", "triple", "scaled"} <= set(_units(extraction))
    app = extraction.modules["pkg/app_pure.py"]
    assert "@lowered\ndef names(xs):" in app and "@scaled(3)\ndef double(x):" in app
    write_package(extraction.modules, tmp_path / "decorated")
    run = "from decorated.pkg.app_pure import names, double, triple; print(names(['A', 'b']), double(2), triple(2))"
    out = subprocess.run([sys.executable, "-c", run], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["['a',", "'b']", "12", "12"]


# ---------------------------------------------------------------------------------------------------------
# Helpers whose only effects are on what they are handed (`planner.answers_to_its_callers`): carried, never units.

HELPERS = project(
    app_py="""
    def fill(out):  # expect: impure(arg_mutation)
        out.append(1)

    def forward(out):  # expect: impure(arg_mutation)
        fill(out)

    def build():  # expect: pure
        out = []
        forward(out)
        return out

    def shout(out):  # expect: impure(io)
        print(out)

    def handler():  # expect: pure
        return shout

    def unused(out):  # expect: impure(arg_mutation)
        out.clear()

    COUNT = 0

    def bump():  # expect: impure(global_write)
        global COUNT
        COUNT += 1

    def fill_two(out):  # expect: impure(arg_mutation)
        out.append(2)

    def counted():  # expect: pure
        out = []
        fill_two(out)
        return out, COUNT
    """
)


def test_a_helper_changing_only_what_it_is_handed_is_carried_for_a_unit_not_extracted(tmp_path: Path) -> None:
    extraction = _run_case(HELPERS, tmp_path)
    assert set(_units(extraction)) == {"build"}
    text = extraction.modules["app_pure.py"]
    note = "# changes or calls back what it is handed: the functions here hand it only new objects and pure functions\n"
    assert note + "def fill(out):" in text and note + "def forward(out):" in text
    assert "def build():" in text and note + "def build" not in text
    namespace: dict[str, Any] = {}
    exec(compile(text, "app_pure.py", "exec"), namespace)
    assert namespace["build"]() == [1]
    flags = {fr.qualname: fr.extractable for f in extract(HELPERS)[1] for fr in f.functions}
    assert {q for q, flag in flags.items() if flag} == {"build"}


def test_a_helper_no_unit_needs_is_not_emitted_and_one_that_also_prints_is_not_carried(tmp_path: Path) -> None:
    extraction = _run_case(HELPERS, tmp_path)
    text = extraction.modules["app_pure.py"]
    assert "def unused(" not in text  # carried only through a unit, never for its own sake
    assert "it needs `COUNT` (app.py), which cannot be carried" in _reasons(extraction)["counted"]
    assert "def fill_two(" not in text  # the unit it was carried for is dropped
    assert "def shout(" not in text and "def handler(" not in text
    assert "`shout` is not pure" in _reasons(extraction)["handler"]


def test_a_function_changing_its_arguments_and_more_is_not_carried() -> None:
    sources = HELPERS
    files = verdicts_from_comments(sources)
    both = [Reason("arg_mutation", 2, "labelled"), Reason("io", 3, "labelled")]
    files = [
        replace(f, functions=[replace(fr, reasons=both) if fr.qualname == "fill" else fr for fr in f.functions])
        for f in files
    ]
    extraction = plan_extraction(sources, files, ModuleIndex(sources))
    assert "build" not in _units(extraction)
    assert "`fill` is not pure" in _reasons(extraction)["build"]
    # an impure verdict without reasons says nothing of what the function changes: not carried either
    files = [
        replace(f, functions=[replace(fr, reasons=[]) if fr.qualname == "fill" else fr for fr in f.functions])
        for f in files
    ]
    assert "build" not in _units(plan_extraction(sources, files, ModuleIndex(sources)))


def test_a_helper_calling_back_a_parameter_is_carried_and_one_calling_anything_else_is_not(tmp_path: Path) -> None:
    sources = project(
        app_py="""
        def apply_twice(f, x):  # expect: impure(unknown)
            return f(f(x))

        def double(x):  # expect: pure
            return 2 * x

        def quadruple(x):  # expect: pure
            return apply_twice(double, x)

        def map_all(f, xs):  # expect: impure(unknown)
            return list(map(f, xs))

        def doubled(xs):  # expect: pure
            return map_all(double, xs)

        def run(hook):  # expect: impure(unknown)
            return hook()

        def start():  # expect: pure
            return run(double)
        """
    )
    files = verdicts_from_comments(sources)
    details = {
        "apply_twice": "calls parameter f (a callback)",
        "map_all": "passes parameter f as a callable",
        "run": "calls hook() on an object of unknown type",
    }
    files = [
        replace(
            f,
            functions=[
                replace(fr, reasons=[Reason("unknown", fr.lineno + 1, details[fr.qualname])])
                if fr.qualname in details
                else fr
                for fr in f.functions
            ],
        )
        for f in files
    ]
    extraction = plan_extraction(sources, files, ModuleIndex(sources))
    check_all(extraction, sources, tmp_path, forbidden=("app",))
    assert set(_units(extraction)) == {"double", "quadruple", "doubled"}
    assert "`run` is not pure" in _reasons(extraction)["start"]
    namespace: dict[str, Any] = {}
    exec(compile(extraction.modules["app_pure.py"], "app_pure.py", "exec"), namespace)
    assert namespace["quadruple"](3) == 12 and namespace["doubled"]([1, 2]) == [2, 4]


def test_record_and_enumeration_classes_are_carried(tmp_path: Path) -> None:
    """`class Point(NamedTuple)` and `class Color(Enum)` build plain records and enumerations from their bodies: the
    copies behave as the originals (`rules.CARRIABLE_LIBRARY_BASES`; electrum's 47 pure units needing one)."""
    sources = project(
        app_py="""
        import enum
        from enum import Enum, auto
        from typing import NamedTuple

        class Color(Enum):
            RED = 1
            GREEN = auto()

            @property
            def label(self):  # expect: pure
                return self.name.title()

        class Level(enum.IntEnum):
            LOW = 1
            HIGH = 2

        class Point(NamedTuple):
            x: int
            y: int = 0

            def norm1(self):  # expect: pure
                return abs(self.x) + abs(self.y)

        class Table(dict):
            pass

        class Loud(Enum):
            ON = 1

            def shout(self):  # expect: impure(io)
                print(self)

        def color_label(value):  # expect: pure
            return Color(value).label

        def is_high(n):  # expect: pure
            return Level(n) is Level.HIGH

        def manhattan(x, y):  # expect: pure
            return Point(x, y).norm1()

        def table():  # expect: pure
            return Table()

        def loud():  # expect: pure
            return Loud.ON
        """
    )
    extraction = _run_case(sources, tmp_path)
    assert set(_units(extraction)) == {"color_label", "is_high", "manhattan"}
    reasons = _reasons(extraction)
    assert "class `Table` derives from `dict`" in reasons["table"]
    assert "class `Loud` has a method that is not pure" in reasons["loud"]
    namespace: dict[str, Any] = {}
    exec(compile(extraction.modules["app_pure.py"], "app_pure.py", "exec"), namespace)
    assert namespace["color_label"](2) == "Green" and namespace["is_high"](2) is True
    assert namespace["manhattan"](3, -4) == 7
