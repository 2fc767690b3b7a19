"""Files that cannot be decoded or parsed are reported, not dropped (SPEC §2 "Input").

Each gets its line counts, its toolkit imports (tokenizer fallback) and `parse_error: {lineno, message}`,
and the other files of the same tree are still analysed. For syntax errors the expected line is the one
Python's own compiler reports.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from purelift.analysis import analyze_tree, read_path
from purelift.analysis.runtime import ENGINE_RECURSION_LIMIT, deep_recursion

from tests.unit.engine_helpers import analyze, file_result, find_function, show

GOOD = """\
import os


def double(x):
    return x * 2


def remove(path):
    os.remove(path)
"""

COMPILE = "compile"  # expected lineno: what compile() reports for the same bytes


def row(row_id: str, data: bytes, lineno: int | str | None, toolkits: set[str], loc: int | None) -> Any:
    """`lineno` None: no line can be pinned (a recursion limit); any line of the file is accepted.
    `loc` None: the text cannot be decoded into lines at all (UTF-16), any positive count is accepted."""
    return pytest.param(data, lineno, toolkits, loc, id=row_id)


_DEEP_PARENS = ("import tkinter\nx = " + "(" * 300 + "1" + ")" * 300 + "\n").encode()
_DEEP_BINOP = ("import tkinter\nx = " + "+".join(["1"] * 200_000) + "\n").encode()
_DEEP_ATTR = ("import wx\nx = a" + ".b" * 100_000 + "\n").encode()
_DEEP_UNARY = ("import wx\nx = " + "-" * 100_000 + "1\n").encode()

ROWS = [
    row("py2-print-statement-tkinter", b'import Tkinter\n\nroot = Tkinter.Tk()\nprint "hello"\n', 4, {"tkinter"}, 4),
    row(
        "py2-star-import-tkinter-tkmessagebox",
        b"from Tkinter import *\nimport tkMessageBox\n\n\n"
        b'class App(Frame):\n    def hello(self):\n        print "hi"\n',
        7,
        {"tkinter"},
        7,
    ),
    row(
        "py2-except-comma-pyqt4",
        b"from PyQt4 import QtGui\n\ntry:\n    x = 1\nexcept Exception, e:\n    pass\n",
        5,
        {"PyQt4"},
        6,
    ),
    row("py2-exec-statement-wx", b'import wx\nexec "x = 1"\n', 2, {"wx"}, 2),
    row("py2-octal-literal", b"import wx\nMODE = 0755\n", 2, {"wx"}, 2),
    row("py2-backticks", b"import Tkinter\nx = `1`\n", 2, {"tkinter"}, 2),
    row("syntax-error-dangling-operator", b"def f(x):\n    return x +\n", COMPILE, set(), 2),
    row("syntax-error-bad-def", b"def f(:\n    pass\n", COMPILE, set(), 2),
    row("syntax-error-unclosed-bracket", b"import tkinter\nx = (1,\n2\n\ny = 3\n", COMPILE, {"tkinter"}, 5),
    row("syntax-error-tab-error", b"import wx\nif 1:\n        x = 1\n\ty = 2\n", COMPILE, {"wx"}, 4),
    row("undecodable-bytes-no-cookie", b"\xff\xfe\x00bad", 1, set(), 1),
    row("latin1-without-cookie", b"import tkinter\nx = 1\nname = 'caf\xe9'\n", 3, {"tkinter"}, 3),
    row("latin1-in-first-line-comment", b"# caf\xe9\nimport wx\n", 1, {"wx"}, 2),
    row("bad-coding-cookie", b"# -*- coding: klingon -*-\nimport wx\n", 1, {"wx"}, 2),
    row("cookie-says-ascii-file-is-utf8", b"# coding: ascii\nimport wx\nname = 'caf\xc3\xa9'\n", 3, {"wx"}, 3),
    row("null-byte", b"import wx\n\x00y = 2\n", 2, {"wx"}, 2),
    row("utf16-with-bom", b"\xff\xfe" + "x = 1\ny = 2\n".encode("utf-16-le"), 1, set(), None),
    row("deeply-nested-parentheses", _DEEP_PARENS, 2, {"tkinter"}, 2),
    row("deeply-nested-binop-chain", _DEEP_BINOP, None, {"tkinter"}, 2),
    row("deeply-nested-attribute-chain", _DEEP_ATTR, None, {"wx"}, 2),
    row("deeply-nested-unary", _DEEP_UNARY, None, {"wx"}, 2),
]


def _compile_lineno(data: bytes) -> int:
    try:
        compile(data, "bad.py", "exec")
    except SyntaxError as exc:
        assert exc.lineno is not None
        return exc.lineno
    raise AssertionError("the row's source compiles")


@pytest.mark.parametrize(("data", "lineno", "toolkits", "loc"), ROWS)
def test_bad_file_is_reported_and_the_rest_analysed(
    data: bytes, lineno: int | str | None, toolkits: set[str], loc: int | None
) -> None:
    result = analyze({"bad.py": data, "good.py": GOOD})
    bad = file_result(result, "bad.py")
    got = f"parse_error={bad.parse_error}, loc={bad.loc}, sloc={bad.sloc}, toolkits={bad.toolkits}"

    assert bad.parse_error is not None, got
    assert isinstance(bad.parse_error.message, str) and bad.parse_error.message.strip(), got
    expected_line = _compile_lineno(data) if lineno == COMPILE else lineno
    if expected_line is None:
        assert 1 <= bad.parse_error.lineno <= bad.loc, got
    else:
        assert bad.parse_error.lineno == expected_line, got
    if loc is not None:
        assert bad.loc == loc, got
    assert bad.loc > 0, got
    assert bad.sloc + bad.comments + bad.blank >= 1, got
    assert toolkits <= set(bad.toolkits), got
    # Unparsed, its UI lines are unknown: a toolkit import makes it Mixed, never Logic (issue 12, item 6).
    assert bad.classification == ("Mixed" if bad.toolkits else "Logic"), got
    if toolkits:
        assert bad.classification == "Mixed", got
    assert not bad.web_ready, got

    good = file_result(result, "good.py")
    assert good.parse_error is None
    double = find_function(good, "double")
    remove = find_function(good, "remove")
    assert double.pure, show(double)
    assert "io" in {r.kind for r in remove.reasons}, show(remove)

    assert (result.summary.files, result.summary.parsed, result.summary.failed) == (2, 1, 1)
    json.dumps(result.to_dict(), ensure_ascii=False)  # reportable as JSON


def test_many_bad_files_in_one_tree(tmp_path: Path) -> None:
    """Read from disk the way the CLI does: every bad file is reported, the good one analysed."""
    names = []
    for i, param in enumerate(ROWS):
        name = f"bad_{i:02d}.py"
        (tmp_path / name).write_bytes(param.values[0])
        names.append(name)
    (tmp_path / "good.py").write_text(GOOD, encoding="utf-8")
    result = analyze_tree(read_path(tmp_path)).result
    paths = {f.path: f for f in result.files}
    assert set(paths) == {*names, "good.py"}
    assert all(paths[n].parse_error is not None for n in names)
    assert paths["good.py"].parse_error is None
    assert find_function(paths["good.py"], "double").pure
    assert result.summary.failed == len(names)
    assert result.summary.parsed == 1


def test_python2_tkinter_app_keeps_its_toolkits_in_the_summary() -> None:
    src = (
        b"import Tkinter as tk\nimport tkMessageBox\n\n\nclass App(tk.Frame):\n"
        b"    def hello(self):\n        print 'hello'\n        tkMessageBox.showinfo('a', 'b')\n"
    )
    result = analyze({"app.py": src})
    f = file_result(result, "app.py")
    assert f.parse_error is not None and f.parse_error.lineno == 7
    assert f.toolkits == ["tkinter"]
    assert result.summary.toolkits == {"tkinter": 1}


def test_a_bom_is_not_an_error() -> None:
    f = file_result(analyze({"mod.py": b"\xef\xbb\xbfimport tkinter\nroot = tkinter.Tk()\n"}), "mod.py")
    assert f.parse_error is None
    assert f.toolkits == ["tkinter"]


def test_a_valid_coding_cookie_is_honoured() -> None:
    data = "# -*- coding: latin-1 -*-\nNAME = 'café'\n\n\ndef name():\n    return NAME\n".encode("latin-1")
    f = file_result(analyze({"mod.py": data}), "mod.py")
    assert f.parse_error is None
    assert find_function(f, "name").pure


def test_analysis_cut_short_never_claims_purity() -> None:
    """A function whose body is too deeply nested to finish analysing must not be reported pure."""
    src = "import os\n\n\ndef f(path):\n    g = " + "lambda: " * 2000 + "1\n    os.remove(path)\n    return g\n"
    result = analyze({"deep.py": src, "good.py": GOOD})
    deep = file_result(result, "deep.py")
    reported = [fn for fn in deep.functions if fn.qualname == "f"]
    assert all(not fn.pure for fn in reported), [show(fn) for fn in reported]
    assert not any(fn.extractable for fn in deep.functions)
    assert find_function(file_result(result, "good.py"), "double").pure


@pytest.mark.parametrize(
    ("shape", "body"),
    [
        pytest.param(
            "elif", "".join(f"    elif x == {i}:\n        return {i}\n" for i in range(1, 700)), id="elif-chain"
        ),
        pytest.param("plus", "    return x + " + " + ".join(["1"] * 700) + "\n", id="plus-chain"),
    ],
)
def test_long_chains_python_compiles_are_analysed(shape: str, body: str, process_limit: int) -> None:
    """An `elif` chain of 700 branches or a 700-term `+` chain compiles and runs; the walk and the extraction's checks
    recurse through it (`runtime.deep_recursion`) instead of giving the file "nesting too deep to analyse", and the
    process's recursion limit is what it was afterwards."""
    head = "def f(x):\n    if x == 0:\n        return 0\n" if shape == "elif" else "def f(x):\n"
    table = "\n\nT = " + " + ".join(['"ab"'] * 700) + "\n\n\ndef g():\n    return T\n"  # a constant g carries
    result = analyze({"long.py": head + body + table})
    f = file_result(result, "long.py")
    assert f.parse_error is None
    for name in ("f", "g"):
        fn = find_function(f, name)
        assert fn.pure and fn.extractable, show(fn)
    assert sys.getrecursionlimit() == process_limit


def test_the_recursion_limit_comes_back_when_the_last_overlapping_run_ends(process_limit: int) -> None:
    with deep_recursion():
        assert sys.getrecursionlimit() == ENGINE_RECURSION_LIMIT
        with deep_recursion():
            pass
        assert sys.getrecursionlimit() == ENGINE_RECURSION_LIMIT  # an inner run ending keeps it raised
    assert sys.getrecursionlimit() == process_limit


@pytest.fixture
def process_limit() -> Iterator[int]:
    """A recursion limit of the process's own, below the engine's, put back after the test."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1234)
    try:
        yield 1234
    finally:
        sys.setrecursionlimit(before)


def test_the_parsers_warnings_about_the_analysed_code_are_not_printed() -> None:
    # `"\?"` is an invalid escape: the parser warns (SyntaxWarning from 3.12 on, DeprecationWarning before) at each
    # parse of the file, and the CLI printed it on the console once per parse (`runtime.parsing`). The file is valid
    # and analysed; the code that called the engine sees no warning.
    source = {"app.py": 'import re\n\n\ndef is_query(s):\n    return re.match("\\?", s) is not None\n'}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = analyze(source)
    assert [w for w in caught if issubclass(w.category, (SyntaxWarning, DeprecationWarning))] == []
    assert file_result(result, "app.py").parse_error is None
    assert find_function(file_result(result, "app.py"), "is_query").pure
