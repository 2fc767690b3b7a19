"""Syntax a later Python added (PEP 695's `type` and type parameters, 3.12): read where the interpreter can, and
said plainly where it cannot.

The CLI runs on 3.11-3.13 and the Lambda runtime on 3.12, and `ast` parses only what the running interpreter
knows. Under 3.11 such a file is reported not parsed, with the feature and the version that reads it in the message
(not a bare "invalid syntax" that sends a user looking for a bug); from 3.12 on its functions are judged and
extracted like any others: a definition's own type parameters are not module names to carry, and a `type` alias is
carried as written.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest
from purelift.analysis import analyze_tree
from purelift.analysis.fileinfo import newer_syntax, summarize_file

from tests.unit.engine_helpers import make_tree

needs_312 = pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax parses from Python 3.12 on")
before_312 = pytest.mark.skipif(sys.version_info >= (3, 12), reason="this interpreter parses PEP 695 syntax")


# ---------------------------------------------------------------------------------------------------------
# The message of a file the running Python cannot parse


@pytest.mark.parametrize(
    ("message", "line", "running", "expected"),
    [
        ("invalid syntax", "type MultiStr = str | list[str]", (3, 11), "a `type` alias statement (PEP 695) needs 3.12"),
        ("invalid syntax", "type Pair[T] = tuple[T, T]", (3, 11), "a `type` alias statement (PEP 695) needs 3.12"),
        ("expected '('", "def first[T](items):", (3, 11), "a function with type parameters (PEP 695) needs 3.12"),
        (
            "expected '('",
            "    async def get[T](self):",
            (3, 11),
            "a function with type parameters (PEP 695) needs 3.12",
        ),
        ("invalid syntax", "class Box[T]:", (3, 11), "a class with type parameters (PEP 695) needs 3.12"),
        ("multiple exception types must be parenthesized", "except A, B:", (3, 12), "(PEP 758) needs 3.14"),
        ("f-string: unmatched '['", 'x = f"{d["k"]}"', (3, 11), "valid from Python 3.12 if the f-string reuses"),
        # the rows that must stay as the parser said
        ("invalid syntax", "type MultiStr = str", (3, 12), None),  # a 3.12 parser failing here failed for real
        ("invalid syntax", "type = 3 +", (3, 11), None),  # `type` as a plain name
        ("invalid syntax", "x = = 1", (3, 11), None),
        ("multiple exception types must be parenthesized", "except A, B as e:", (3, 12), None),  # 3.14 refuses too
        ("f-string: unmatched '['", 'x = f"{d["k"]}"', (3, 12), None),
        ("expected '('", "def first[T](items):", (3, 12), None),
    ],
)
def test_a_parse_error_names_the_later_python_that_reads_the_line(
    message: str, line: str, running: tuple[int, int], expected: str | None
) -> None:
    explained = newer_syntax.explain(message, line, running)
    if expected is None:
        assert explained == message
        assert newer_syntax.needed_version(explained) is None
        return
    assert explained.startswith(message)
    assert expected.replace("needs 3.", "needs Python 3.") in explained
    if "needs" in expected:
        assert newer_syntax.needed_version(explained) == expected.rpartition("needs ")[2]
        assert f"ran on Python {running[0]}.{running[1]}" in explained


@before_312
def test_a_pep_695_file_is_reported_with_the_version_it_needs() -> None:
    summary = summarize_file("app/types.py", b"import os\n\ntype Paths = list[str]\n\n\ndef f(x):\n    return x\n")
    assert summary.parse_error is not None
    assert summary.parse_error.lineno == 3
    assert "needs Python 3.12+" in summary.parse_error.message
    assert summary.functions == []


@before_312
def test_the_cli_says_which_python_reads_the_files_it_could_not(tmp_path: Path) -> None:
    from purelift.commands.analyze import summary_table  # the CLI's own table (this interpreter only)

    tree = make_tree({"app/a.py": "def first[T](xs):\n    return xs[0]\n", "app/b.py": "def f(x):\n    return x\n"})
    table = summary_table(analyze_tree(tree))
    assert "2 files (1 not parsed)" in table
    assert "1 of the files not parsed use syntax of Python 3.12+ (this run: Python 3.11)" in table


# ---------------------------------------------------------------------------------------------------------
# Judged and extracted where the interpreter reads it (3.12+: the Lambda runtime)

GENERIC = """
from collections.abc import Iterable


class Unit:
    pass


type MultiStr = str | list[str]
type Pair[T] = tuple[T, T]
type Tree = list[Tree] | int


def join_all(x: MultiStr) -> str:
    if isinstance(x, str):
        return x
    return ",".join(x)


def first[T](items: Iterable[T]) -> T | None:
    for item in items:
        return item
    return None


def swap[T](p: Pair[T]) -> Pair[T]:
    return (p[1], p[0])


def last[T](items: list[T]) -> T:
    out: T = items[-1]
    return out


def depth(t: Tree) -> int:
    return 0 if isinstance(t, int) else 1 + max((depth(c) for c in t), default=0)


def measure[U: Unit](u: U) -> U:
    return u


class Box[T]:
    def __init__(self, v: T) -> None:
        self.v = v

    def get(self) -> T:
        return self.v

    def pair[U](self, other: U) -> tuple[T, U]:
        return (self.v, other)


def boxed(v: int) -> Box[int]:
    return Box(v)


class Holder[K]:
    @staticmethod
    def pick(a: K, b: K) -> K:
        return a

    @staticmethod
    def bump(a: int) -> int:
        return a + 1


def shout(x):
    print(x)
"""


@pytest.fixture(scope="module")
def generic_extraction() -> tuple[dict[str, str], dict[str, str]]:
    """(unit qualname -> target module, not-extracted qualname -> reason) for `GENERIC`, and the generated text."""
    analysis = analyze_tree(make_tree({"shapes.py": GENERIC}))
    extraction = analysis.extraction
    units = {u.qualname: u.target_module for u in extraction.units}
    missed = {n.qualname: n.reason for n in extraction.not_extracted}
    return units | {"<text>": extraction.modules.get("shapes_pure.py", "")}, missed


@needs_312
@pytest.mark.parametrize("qualname", ["join_all", "first", "swap", "last", "depth", "measure", "boxed", "Holder.bump"])
def test_generic_definitions_and_type_aliases_are_extracted(
    generic_extraction: tuple[dict[str, str], dict[str, str]], qualname: str
) -> None:
    units, missed = generic_extraction
    assert qualname in units, missed.get(qualname)


@needs_312
def test_a_method_reading_its_class_type_parameter_is_not_lifted(
    generic_extraction: tuple[dict[str, str], dict[str, str]],
) -> None:
    _, missed = generic_extraction
    assert missed["Holder.pick"] == "it uses `K`, a type parameter of class `Holder`"


@needs_312
def test_the_generated_module_carries_what_the_units_name_and_runs(
    generic_extraction: tuple[dict[str, str], dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units, _ = generic_extraction
    text = units["<text>"]
    tree = ast.parse(text)
    aliases = [s.name.id for s in tree.body if isinstance(s, ast.TypeAlias)]  # type: ignore[attr-defined]
    classes = [s.name for s in tree.body if isinstance(s, ast.ClassDef)]
    assert sorted(aliases) == ["MultiStr", "Pair", "Tree"]  # read by the units' annotations: carried as written
    assert sorted(classes) == ["Box", "Unit"]  # `Unit` bounds `measure`'s U: the bound is read, so carried
    assert "shout" not in text and "pick" not in text
    (tmp_path / "shapes_pure.py").write_text(text)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("shapes_pure")
    assert module.swap((1, 2)) == (2, 1)
    assert module.join_all(["a", "b"]) == "a,b"
    assert module.depth([[1], 2]) == 2
    assert module.boxed(3).get() == 3
    assert module.boxed(3).pair("x") == (3, "x")
    assert module.last([1, 2]) == 2
    assert module.bump(1) == 2
    assert module.Pair.__value__ == tuple[module.Pair.__type_params__[0], module.Pair.__type_params__[0]]


@needs_312
def test_an_alias_naming_what_cannot_be_carried_keeps_its_users_out() -> None:
    code = (
        "import tkinter\n\ntype Widget = tkinter.Widget | None\n\n\n"
        "def name_of(w: Widget) -> str:\n    return type(w).__name__\n"
    )
    analysis = analyze_tree(make_tree({"ui.py": code}))
    assert [u.qualname for u in analysis.extraction.units] == []
    (missed,) = analysis.extraction.not_extracted
    assert missed.qualname == "name_of"
    assert "tkinter" in missed.reason
