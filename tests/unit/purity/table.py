"""The row format of the purity tables (SPEC §2 "Purity", issue 2) and the one check every row goes through.

Each row is a small project (one snippet, or several files), the `__qualname__` of one function, and the
expected verdict: `pure`, or the reason kind that must be among its reasons. A line holding the marker
`# <-` in the file under test is where that reason must be reported. `detail` (when given) must appear in
the reason's detail (e.g. the callee of `calls_impure`). Precision comes first: a snippet the engine
cannot be sure about is expected impure.

The rows live in one module per reason kind beside this one, so a rule and its counter-examples read
together; keeping the helper and the assertion here means every table is judged the same way.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pytest

from tests.unit.engine_helpers import analyze, file_result, show, verdict

MARK = "# <-"

# A class with a property whose setter stores on `self`: rows add a method or a caller below it (read, set from a
# method, set on a fresh object), so the class reads the same in each. Indented as the rows' sources are, so that
# `case` dedents the class and what a row adds together.
TEMP_WITH_A_SETTER = textwrap.indent(
    "class Temp:\n"
    "    def __init__(self, c):\n"
    "        self._c = c\n\n"
    "    @property\n"
    "    def celsius(self):\n"
    "        return self._c\n\n"
    "    @celsius.setter\n"
    "    def celsius(self, value):\n"
    "        self._c = value\n",
    " " * 8,
)

# A class whose `__str__` is pure and whose `__repr__` prints: the rows of an f-string's conversion (`!s` runs the one,
# `!r` the other), which add the function formatting it below.
TAG_WITH_A_LOUD_REPR = textwrap.indent(
    "class Tag:\n"
    "    def __str__(self):\n"
    '        return "tag"\n\n'
    "    def __repr__(self):\n"
    '        print("repr")\n'
    '        return "Tag()"\n\n\n',
    " " * 8,
)

# A function changing its first argument (`add_to`, with the module list `SEEN`) and one calling its first back
# (`apply`): the rows of a call through a partial binding those (test_calls_impure.py), which add the partial and its
# caller below.
ADD_TO_SEEN = textwrap.indent(
    "from functools import partial\n\nSEEN = []\n\n\ndef add_to(lst, x):\n    lst.append(x)\n\n\n",
    " " * 8,
)
APPLY_A_CALLBACK = textwrap.indent(
    "from functools import partial\n\n\ndef apply(callback, value=None):\n    return callback(value)\n\n\n",
    " " * 8,
)

# Two image readers a module lists in a table (picard's `knownimagetypes`) and a function building one: `match` only
# reads, `read` fills the fresh object, `Gif.match` prints. The rows of a method called on what a project function or a
# table's entry returns add the caller below.
IMAGE_READERS = textwrap.indent(
    "class Png:\n"
    "    def __init__(self, data):\n"
    "        self.data = data\n\n"
    "    def match(self):\n"
    '        return self.data[:4] == b"\\x89PNG"\n\n'
    "    def read(self):\n"
    "        self.size = len(self.data)\n"
    "        return self.size\n\n\n"
    "class Gif(Png):\n"
    "    def match(self):\n"
    '        print("checking gif")\n'
    '        return self.data[:3] == b"GIF"\n\n\n'
    "def make_png(data):\n"
    "    return Png(data)\n\n\n"
    "def make_gif(data):\n"
    "    return Gif(data)\n\n\n"
    "def any_gif(data):\n"
    "    return make_gif(data)\n\n\n",
    " " * 8,
)

# A project class for the rows of a parameter annotated with it (`solve._parameter_method`): a pure method, one
# that changes self, and a read-only name with an effect.
ANNOTATED_ITEM = textwrap.indent(
    "class Item:\n"
    "    def __init__(self, price):\n"
    "        self.price = price\n\n"
    "    def total(self, n):\n"
    "        return self.price * n\n\n"
    "    def bump(self):\n"
    "        self.price += 1\n\n"
    "    def get(self, key):\n"
    "        print(key)\n"
    "        return self.price\n\n",
    " " * 8,
)

# A project class, the one module-level instance of it, and a function handing that instance out: the rows of a
# changing method called on what a project call returns (`get_console().write(…)` changes CONSOLE).
SHARED_CONSOLE = textwrap.indent(
    "class Console:\n"
    "    def __init__(self):\n"
    "        self.lines = []\n\n"
    "    def write(self, s):\n"
    "        self.lines.append(s)\n\n"
    "CONSOLE = Console()\n\n"
    "def get_console():\n"
    "    return CONSOLE\n",
    " " * 8,
)

# A base class whose `__init__` holds what it is handed: the rows of a subclass changing it after
# `super().__init__(items)` (`Solver._held_attributes`).
HOLDING_BASE = """\
        class Base:
            def __init__(self, items):
                self.items = items

"""

# A class calling what it stores: a project object with a pure `__call__`, one that prints, a method of self, a name
# bound to two methods (one printing), a builtin (`self.x(…)`, `Solver._stored_callable`).
STORED_CALLABLES = """\
class ToHtml:
    def __init__(self, fmt):
        self.fmt = fmt

    def __call__(self, doc):
        return "<p>" + doc + "</p>"


class Loud:
    def __call__(self, doc):
        print(doc)


class Writer:
    def __init__(self, fmt):
        self.to_html = ToHtml(fmt)
        self.shout = Loud()
        self.stop = self.quick
        self.swap = self.quick
        self.log = print

    def use_slow(self):
        self.swap = self.slow

    def quick(self, xs):
        return len(xs) > 3

    def slow(self, xs):
        print(xs)

    def html(self, doc):
        return self.to_html(doc)

    def yell(self, doc):
        return self.shout(doc)

    def done(self, xs):
        return self.stop(xs)

    def maybe(self, xs):
        return self.swap(xs)

    def logged(self, x):
        return self.log(x)
"""

FIELDS = ("sources", "qualname", "expect", "path", "detail")


def case(
    case_id: str,
    sources: str | Mapping[str, str],
    qualname: str,
    expect: str,
    *,
    path: str | None = None,
    detail: str | None = None,
    marks: Any = (),
) -> Any:
    """One row. `expect` is "pure", a reason kind, or "impure" (any reason: the SPEC does not pin the kind).

    `qualname@N` picks the function defined at line N (a property getter and its setter share a qualname).
    """
    if isinstance(sources, str):
        sources = {"mod.py": sources}
    sources = {p: textwrap.dedent(s) for p, s in sources.items()}
    path = path or ("mod.py" if "mod.py" in sources else next(iter(sources)))
    return pytest.param(sources, qualname, expect, path, detail, id=case_id, marks=marks)


def _marked_line(text: str) -> int | None:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if MARK in line]
    assert len(lines) <= 1, "one `# <-` marker per file under test"
    return lines[0] if lines else None


def _lookup(sources: Mapping[str, str], qualname: str, path: str) -> Any:
    name, _, line = qualname.partition("@")
    if not line:
        return verdict(sources, name, path)
    f = file_result(analyze(sources), path)
    matches = [fn for fn in f.functions if fn.qualname == name and fn.lineno == int(line)]
    assert matches, f"{qualname} not in {path}: {[(fn.qualname, fn.lineno) for fn in f.functions]}"
    return matches[0]


def assert_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    """Fail unless the engine's verdict on `qualname` in `path` is the row's (see the module docstring)."""
    fn = _lookup(sources, qualname, path)
    if expect == "pure":
        assert fn.pure, show(fn)
        assert fn.reasons == [], show(fn)
        return
    assert not fn.pure, f"expected impure({expect}), got {show(fn)}"
    assert fn.reasons, show(fn)
    if expect == "impure":
        return
    kinds = {r.kind for r in fn.reasons}
    assert expect in kinds, f"expected a {expect} reason, got {show(fn)}"
    line = _marked_line(sources[path])
    if line is not None:
        lines = sorted(r.lineno for r in fn.reasons if r.kind == expect)
        assert line in lines, f"expected {expect} at line {line}, got {show(fn)}"
    if detail is not None:
        details = [r.detail for r in fn.reasons if r.kind == expect]
        assert any(detail in d for d in details), f"expected {detail!r} in a {expect} detail, got {show(fn)}"
