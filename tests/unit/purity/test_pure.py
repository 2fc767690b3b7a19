"""Rows that must stay pure: local work on fresh values, the standard library's pure functions, and project
calls that are pure across files. Precision comes first, but these keep it from costing recall."""

from __future__ import annotations

import textwrap

import pytest
from purelift.analysis.engine import analyze_tree

from tests.unit.engine_helpers import file_result, find_function, make_tree
from tests.unit.purity.table import (
    ANNOTATED_ITEM,
    FIELDS,
    HOLDING_BASE,
    IMAGE_READERS,
    SHARED_CONSOLE,
    STORED_CALLABLES,
    TAG_WITH_A_LOUD_REPR,
    TEMP_WITH_A_SETTER,
    assert_verdict,
    case,
)

# `from pkg import sub` where `pkg/__init__.py` star-imports something: the submodule is still what it names.
_SUBMODULE_AND_ITS_USER = {
    "pkg/sub.py": "def clamp(x):\n    return min(x, 10)\n",
    "app.py": "from pkg import sub\n\n\ndef safe(x):\n    return sub.clamp(x)\n",
}

# A class storing a partial of a pure module-level function (Robot Framework's `Matcher`), called in `__init__` and in
# a method.
_MATCHER = """\
from functools import partial


def normalize(s, ignore=(), caseless=True):
    s = s.lower() if caseless else s
    return "".join(c for c in s if c not in ignore)


class Matcher:
    def __init__(self, pattern, ignore=()):
        self._normalize = partial(normalize, ignore=ignore)
        self.pattern = self._normalize(pattern)

    def match(self, s):
        return self._normalize(s) == self.pattern
"""

# One pure helper in `pkg/units.py`, reached from `pkg/core.py` through each import style.
_TO_M = "def to_m(v):\n    return v * 1000\n"
_IMPORTS_OF_TO_M = {
    "pure-cross-file-relative-from-import": "from .units import to_m\n\ndef to_cm(v):\n    return to_m(v) * 100\n",
    "pure-cross-file-import-module-as": "import pkg.units as m\n\ndef to_cm(v):\n    return m.to_m(v) * 100\n",
    "pure-cross-file-from-dot-import-module": "from . import units\n\ndef to_cm(v):\n    return units.to_m(v) * 100\n",
}

# A nested function and the function calling it: both verdicts are read from the same snippet.
_NESTED = """\
def outer(xs):
    def inner(x):
        return x * 2

    return [inner(x) for x in xs]
"""

# A class whose `save` only reads (a name not read-only: judged by the class's method, or `unknown` untyped), for the
# rows of a local built as one and bound again on some path.
_NODE = textwrap.indent(
    "class Node:\n    def __init__(self, raw):\n        self.raw = raw\n\n"
    "    def save(self):\n        return self.raw\n\n\n",
    " " * 8,
)

# A class whose objects are called (`HasClass()(data)`, Orange's preprocessors), built in place, held in a local first,
# or a subclass's: the rows of a call of a built object.
_CALLABLE_OBJECTS = """\
class HasClass:
    def __call__(self, data):
        return [d for d in data if d]


class Sub(HasClass):
    pass


def kept(data):
    return HasClass()(data)


def kept_later(data):
    keep = HasClass()
    return keep(data)


def kept_by_a_subclass(data):
    return Sub()(data)
"""

# Subclasses of library classes whose construction the tables hold pure, each `__init__` running its base's: the rows
# of a pure library base's `__init__`.
_PURE_LIBRARY_BASES = """\
import io
import queue
import types
from html.parser import HTMLParser


class Buffer(io.StringIO):
    def __init__(self, text):
        super().__init__(text)
        self.extra = 1


class Jobs(queue.Queue):
    def __init__(self):
        queue.Queue.__init__(self)


class Options(types.SimpleNamespace):
    def __init__(self, **kw):
        super().__init__(**kw)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []
"""

ROWS = [
    # A dispatch table: a module-level display of callables nothing changes, called by entry (`OPS[op](a, b)`, or
    # `fn = OPS.get(op)` then `fn(a, b)`), is a call of one of its entries, each judged (`Solver._table_call`); a
    # calculator's most common shape. Neighbours: an impure entry, a table changed at import or by a function, a
    # default handed to `get` (test_io, test_calls_impure, test_unknown).
    case(
        "pure-calls-an-entry-of-a-table-of-operator-functions",
        """\
        import operator

        OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


        def calc(a, op, b):
            return OPS[op](a, b)  # <-
        """,
        "calc",
        "pure",
    ),
    case(
        "pure-calls-an-entry-got-from-a-table-of-lambdas-and-project-functions",
        """\
        def half(x):
            return x / 2


        UNARY = {
            "neg": lambda x: -x,
            "sq": lambda x: x * x,
            "half": half,
        }


        def apply(name, x):
            fn = UNARY.get(name)
            if fn is None:
                raise ValueError(name)
            return fn(x)  # <-
        """,
        "apply",
        "pure",
    ),
    case(
        "pure-calls-an-entry-of-a-table-imported-from-another-module",
        {
            "calc/__init__.py": "",
            "calc/ops.py": "import math\n\nFUNCS = (math.sqrt, math.log, abs)\n",
            "calc/engine.py": """\
            from .ops import FUNCS


            def run(i, x):
                return FUNCS[i](x)  # <-
            """,
        },
        "run",
        "pure",
        path="calc/engine.py",
    ),
    # A loop over such a table takes its entries one by one (`Effects.entries_looped`): a tuple's or a list's
    # elements, a dict's `.values()` or the second part of its `.items()`, in a `for` or a comprehension (spyder's
    # `[p.__name__ for p in _ALL_PREDICATES if p(obj)]`). Neighbours: a dict's own loop takes its keys, an entry that
    # prints, a table grown at import or by a function, the loop's name bound again (test_io, test_unknown).
    case(
        "pure-loops-over-a-table-of-predicates",
        """\
        CHECKS = (str.isdigit, str.isalpha, str.isspace)


        def kind_of(s):
            for check in CHECKS:
                if check(s):  # <-
                    return check.__name__
            return None
        """,
        "kind_of",
        "pure",
    ),
    case(
        "pure-comprehension-over-a-table-of-library-predicates",
        """\
        import inspect

        PREDICATES = (inspect.ismodule, inspect.iscode, inspect.isdatadescriptor, inspect.ismemberdescriptor)


        def predicates(obj):
            return ", ".join([p.__name__ for p in PREDICATES if p(obj)])  # <-
        """,
        "predicates",
        "pure",
    ),
    case(
        "pure-loops-over-the-items-of-a-table-of-project-functions",
        """\
        def too_long(s):
            return len(s) > 80


        def blank(s):
            return not s.strip()


        RULES = {"long": too_long, "blank": blank}


        def problems(line):
            found = []
            for name, rule in RULES.items():
                if rule(line):  # <-
                    found.append(name)
            return found
        """,
        "problems",
        "pure",
    ),
    case(
        "pure-any-over-the-values-of-a-table",
        """\
        import math

        TESTS = {"nan": math.isnan, "inf": math.isinf}


        def special(x):
            return any(test(x) for test in TESTS.values())  # <-
        """,
        "special",
        "pure",
    ),
    case(
        "pure-loops-over-a-table-imported-from-another-module",
        {
            "calc/__init__.py": "",
            "calc/ops.py": "import math\n\nFUNCS = [math.sqrt, math.log1p, abs]\n",
            "calc/engine.py": """\
            from .ops import FUNCS


            def all_of(x):
                return [f(x) for f in FUNCS]  # <-
            """,
        },
        "all_of",
        "pure",
        path="calc/engine.py",
    ),
    # ... and the neighbours of a method of what a project function or a table's entry builds
    # (test_calls_impure): that class's method, here pure or filling the object the call built (picard's `identify`)
    case(
        "pure-a-method-of-what-a-project-function-builds",
        IMAGE_READERS
        + """\
        def is_png(data):
            reader = make_png(data)
            return reader.match()  # <-
        """,
        "is_png",
        "pure",
    ),
    case(
        "pure-a-method-of-what-a-function-builds-filling-that-new-object",
        """\
        class Probe:
            def __init__(self, data):
                self.data = data
                self.checked = False

            def match(self):
                self.checked = True
                return self.data.startswith(b"%PDF")


        def make(data):
            return Probe(data)


        def is_pdf(data):
            return make(data).match()  # <-
        """,
        "is_pdf",
        "pure",
    ),
    case(
        "pure-a-method-of-what-a-table-of-library-classes-builds",
        """\
        import io

        BUFFERS = (io.StringIO,)


        def first_line(i, text):
            return BUFFERS[i](text).readline()  # <-
        """,
        "first_line",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-that-is-none-or-built-in-a-branch",
        """\
        class Saver:
            def save(self):
                return 1


        def store(ready):
            obj = None
            if ready:
                obj = Saver()
            return obj.save()  # <-
        """,
        "store",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-built-again-as-another-class",
        """\
        class Loud:
            def save(self):
                print(1)


        class Saver:
            def save(self):
                return 1


        def store():
            obj = Loud()
            obj = Saver()
            return obj.save()  # <-
        """,
        "store",
        "pure",
    ),
    case(
        "pure-a-method-of-an-array-rebuilt-by-numpy-in-a-branch",
        """\
        import numpy


        def as_pairs(value, n):
            value = numpy.array(value, dtype=float)
            if value.shape == ():
                value = numpy.resize(value, [n, 1])
            return value.repeat(2, 1)  # <-
        """,
        "as_pairs",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-another-branch-binds-to-something-else",
        _NODE
        + """\
        def describe(raw, short):
            node = Node(raw)
            if short:
                node = node.raw
                return node
            elif raw:
                return node.save()  # <-
            return None
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-after-a-branch-that-raises",
        _NODE
        + """\
        def describe(raw):
            node = Node(raw)
            if raw is None:
                node = str(raw)
                raise ValueError(node)
            return node.save()  # <-
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-built-again-within-a-branch",
        _NODE
        + """\
        def describe(raw, wrapped):
            if wrapped:
                inner = raw[1:-1]
                inner = Node(inner)
                return inner.save()  # <-
            return raw
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-each-round-of-a-loop-builds",
        _NODE
        + """\
        def describe(raws):
            out = []
            for raw in raws:
                node = Node(raw)
                out.append(node.save())  # <-
            return out
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-the-loop-s-name-each-round-builds-anew",
        _NODE
        + """\
        def sizes(raws):
            out = []
            for raw in raws:
                raw = Node(raw)
                out.append(raw.save())  # <-
            return out
        """,
        "sizes",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-the-last-round-of-a-loop-built",
        _NODE
        + """\
        def last(raws):
            for raw in raws:
                node = Node(raw)
            return node.save()  # <-
        """,
        "last",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-a-handler-builds-anew",
        _NODE
        + """\
        class Draft:
            pass


        def describe(raw):
            try:
                node = Draft()
                raise ValueError(raw)
            except ValueError:
                node = Node(raw)
                return node.save()  # <-
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-in-a-handler-after-another-handler-binds-it",
        _NODE
        + """\
        class Loud:
            def save(self):
                print(1)


        def describe(raw, key):
            try:
                node = Node(raw)
                value = raw[key]
            except KeyError:
                node = Loud()
                value = None
            except IndexError:
                return node.save()  # <-
            return value
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-a-try-and-its-handler-build-as-one-class",
        _NODE
        + """\
        def describe(raw):
            try:
                node = Node(raw.decode())
            except UnicodeDecodeError:
                node = Node(raw)
            return node.save()  # <-
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-after-a-handler-that-raises-again",
        _NODE
        + """\
        def describe(raw):
            try:
                node = Node(raw.decode())
            except UnicodeDecodeError:
                node = raw
                raise
            return node.save()  # <-
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-built-in-both-branches-as-one-class",
        _NODE
        + """\
        def describe(raw, n):
            if n:
                node = Node(raw[:n])
            else:
                node = Node(raw)
            return node.save()  # <-
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-a-method-of-a-local-built-as-the-same-class-on-each-branch",
        """\
        class Saver:
            def __init__(self, n=0):
                self.n = n

            def save(self):
                return self.n


        def store(n):
            obj = Saver()
            if n:
                obj = Saver(n)
            return obj.save()  # <-
        """,
        "store",
        "pure",
    ),
    case(
        "pure-methods-of-what-each-class-of-a-looped-table-builds",
        IMAGE_READERS
        + """\
        READERS = (Png,)


        def identify(data):
            for cls in READERS:
                reader = cls(data)
                if reader.match():
                    return reader.read()  # <-
            raise ValueError("unknown format")
        """,
        "identify",
        "pure",
    ),
    # A project test case's checks inherited from unittest compare and raise (`rules.KNOWN_PURE`); `assertRaises`
    # calling what it is handed, `addCleanup` storing it stay `unknown` (test_unknown)
    case(
        "pure-a-test-method-checking-with-unittest-s-assertions",
        """\
        import unittest


        def double(x):
            return 2 * x


        class TestDouble(unittest.TestCase):
            def test_double(self):
                self.assertEqual(double(2), 4)  # <-
                self.assertIn(4, [double(2)])
                self.assertAlmostEqual(double(0.1), 0.2)
                self.assertTrue(double(1))
        """,
        "TestDouble.test_double",
        "pure",
    ),
    case(
        "pure-a-test-method-of-unittest-case-s-test-case-failing-by-hand",
        """\
        from unittest.case import TestCase


        class TestZero(TestCase):
            def test_zero(self):
                self.assertIsNone(None)
                if 2 * 0:
                    self.fail("2 * 0 is not 0")  # <-
        """,
        "TestZero.test_zero",
        "pure",
    ),
    # closing or flushing an in-memory stream the function built is local work (`rules.FRESH_OBJECT_METHODS`); one
    # handed in stays unknown (`unknown-closing-a-stream-parameter`)
    case(
        "pure-closes-the-string-buffer-it-built",
        """\
        from io import StringIO


        def render(lines):
            out = StringIO()
            for line in lines:
                out.write(line + "\\n")
            text = out.getvalue()
            out.close()  # <-
            return text
        """,
        "render",
        "pure",
    ),
    # a container class typed by a widget class (`UserList[MetadataItem]`, picard's `ListOfMetadataItems`): the class
    # subscripted is the base; what it is subscripted with types what it holds (neighbour in test_ui: a base that is
    # a UI class subscripted stays UI)
    case(
        "pure-a-list-class-typed-by-a-widget-class",
        """\
        from collections import UserList

        from PyQt5.QtWidgets import QWidget


        class Cell(QWidget):
            pass


        class Cells(UserList[Cell]):
            def __init__(self, cells):
                super().__init__(cells)
                self.dirty = False

            def first(self):
                return self.data[0]  # <-
        """,
        "Cells.first",
        "pure",
    ),
    # A nested function changing a variable of the function it is defined in, while that variable holds an object the
    # function built (or rebinding it, `nonlocal`), changes that function's own state: the nested function is
    # `global_write` (test_global_write), the function calling it is pure. Neighbours in test_calls_impure.
    case(
        "pure-an-accumulator-closure-fills-the-encloser-s-own-list",
        """\
        def evens(items):
            out = []

            def collect(x):
                out.append(x)

            for i in items:
                if i % 2 == 0:
                    collect(i)  # <-
            return out
        """,
        "evens",
        "pure",
    ),
    case(
        "pure-a-nonlocal-counter-rebound-by-a-nested-function",
        """\
        def total(items):
            count = 0

            def add(x):
                nonlocal count
                count += x

            for i in items:
                add(i)  # <-
            return count
        """,
        "total",
        "pure",
    ),
    case(
        "pure-a-nonlocal-best-so-far-starting-from-a-parameter",
        """\
        def largest(start, items):
            best = start

            def consider(x):
                nonlocal best
                if x > best:
                    best = x

            for i in items:
                consider(i)  # <-
            return best
        """,
        "largest",
        "pure",
    ),
    case(
        "pure-a-recursive-nested-visitor-marks-the-encloser-s-own-dict",
        """\
        def reachable(graph, start):
            seen = {}

            def visit(node):
                if node in seen:
                    return
                seen[node] = True
                for child in graph.get(node, ()):
                    visit(child)

            visit(start)  # <-
            return sorted(seen)
        """,
        "reachable",
        "pure",
    ),
    # OpenGL's scalar types are ctypes types (`rules.NOT_UI`): an array typed by one is array work; drawing with the
    # same bindings stays UI (`ui-an-opengl-call-beside-its-scalar-types`)
    case(
        "pure-an-array-typed-by-an-opengl-scalar-type",
        """\
        import numpy as np
        from pyglet.gl import GLfloat, glVertex3f


        def buffer(n):
            return np.zeros(n, dtype=GLfloat)  # <-
        """,
        "buffer",
        "pure",
    ),
    # the neighbour of `ui-a-project-ui-name-read-through-its-module`: a constant of the same UI module, read through
    # it, is plain data
    case(
        "pure-a-constant-of-a-ui-module-read-through-the-module",
        {
            "pkg/__init__.py": "",
            "pkg/main.py": "from kivy.app import App\n\nLIMIT = 10\n\nclass StudioApp(App):\n    pass\n",
            "pkg/access.py": """\
            from . import main


            def clamp(x):
                return min(x, main.LIMIT)  # <-
            """,
        },
        "clamp",
        "pure",
        path="pkg/access.py",
    ),
    # a test's marks and a fixture's wrapper are data pytest reads (`rules.PURE_DECORATORS`): RIDE's configobj tests,
    # pyspread's `test_pattern`
    case(
        "pure-a-test-marked-with-pytest-and-a-fixture",
        """\
        import pytest

        @pytest.fixture
        def rows():
            return [1, 2]

        @pytest.mark.parametrize("x, y", [(1, 2)])
        @pytest.mark.skipif(False, reason="never")
        def test_double(x, y):  # <-
            assert x * 2 == y
        """,
        "test_double",
        "pure",
    ),
    case(
        "pure-a-pytest-fixture",
        """\
        import pytest

        @pytest.fixture(scope="module")
        def rows():  # <-
            return [1, 2]
        """,
        "rows",
        "pure",
    ),
    # the neighbour of `ui-a-project-ui-name-imported-inside-a-function`: a pure project name imported there stays pure
    case(
        "pure-a-project-function-imported-inside-a-function",
        {
            "pkg/__init__.py": "",
            "pkg/units.py": "def to_m(v):\n    return v * 1000\n",
            "pkg/core.py": """\
            def to_cm(v):
                from .units import to_m
                return to_m(v) * 100  # <-
            """,
        },
        "to_cm",
        "pure",
        path="pkg/core.py",
    ),
    # reading an in-memory stream advances only that fresh stream (`read` is among `rules.MUTATING_METHODS`), and
    # handing it to a function that reads it hands over a fresh object (electrum's PSBT key parsing)
    case(
        "pure-reading-a-fresh-in-memory-stream",
        """\
        import io
        import struct

        def size(f):
            return struct.unpack("<H", f.read(2))[0]

        def parse(data):
            with io.BytesIO(data) as buf:
                n = size(buf)
                return buf.read(n), buf.readline(), io.StringIO("a\\nb").readlines()  # <-
        """,
        "parse",
        "pure",
    ),
    case(
        "pure-reading-a-stream-built-on-a-module-constant-leaves-the-constant-alone",
        """\
        import io

        HEADER = b"\\x00\\x01abc"

        def first_two():
            return io.BytesIO(HEADER).read(2)

        def header_len():
            return len(HEADER)  # <-
        """,
        "header_len",
        "pure",
    ),
    # methods of the array a pure numpy or SciPy call returned (`rules.NDARRAY_METHODS`)
    case(
        "pure-methods-of-an-array-a-numpy-or-scipy-call-built",
        """\
        import numpy as np
        from scipy.spatial import distance as spdist

        def nearest(points, centres):
            arr = np.array(points)
            spread = arr.std(axis=0).tolist()
            return spdist.cdist(arr, centres).argmin(axis=1), np.asarray(centres).mean(), spread  # <-
        """,
        "nearest",
        "pure",
    ),
    # SciPy's signal processing and the numpy names pyfda uses: filter design and spectra compute new arrays
    case(
        "pure-scipy-signal-filter-design-and-numpy-polynomials",
        """\
        import numpy as np
        import scipy.signal as sig
        from scipy.signal import buttord

        def design(fpb, fsb, a_pb, a_sb):
            n, wn = buttord(fpb, fsb, a_pb, a_sb)
            b, a = sig.butter(n, wn)
            w, h = sig.freqz(b, a)
            z, p, k = sig.tf2zpk(b, a)
            taps = sig.remez(31, [0, 0.2, 0.3, 0.5], [1, 0])
            return np.real_if_close(h), np.conj(z), np.iscomplexobj(p), np.polyder(b), taps, np.spacing(k)  # <-
        """,
        "design",
        "pure",
    ),
    case(
        "pure-scipy-signal-through-a-submodule-older-scipy-made-public",
        """\
        from scipy.signal.filter_design import ellip
        from scipy.signal.signaltools import lfilter

        def smooth(n, wn, x):
            b, a = ellip(n, 1, 40, wn)
            return lfilter(b, a, x)  # <-
        """,
        "smooth",
        "pure",
    ),
    # In a file that imports numpy, the array reads of `rules.ARRAY_READS_BY_NAME` on what a function is handed, or
    # on arithmetic of it (Printrun's stltool: `edge1 = v2 - v1; edge1.dot(pvec)`); the neighbours: test_unknown.py
    case(
        "pure-array-reads-on-parameters-in-a-file-importing-numpy",
        """\
        from numpy.linalg import norm

        def project(ray, v123):
            v1, v2, v3 = v123
            edge = v2 - v1
            return edge.dot(ray) / ray.dot(ray), v123.mean(axis=0).tolist(), v1.astype(float)  # <-
        """,
        "project",
        "pure",
    ),
    # ... and on `self.v`, an array a pure numpy call built for the class
    case(
        "pure-array-reads-of-an-array-the-class-built",
        """\
        import numpy as np

        class Body:
            def __init__(self):
                self.v = np.zeros(3)

            def along(self, w):
                return self.v.dot(w), self.v.reshape(3, 1)
        """,
        "Body.along",
        "pure",
    ),
    # `self.x(…)` of what every binding of `x` in the class says: a method of self, a project object's `__call__`
    case("pure-call-of-a-stored-bound-method", STORED_CALLABLES, "Writer.done", "pure"),
    case(
        "pure-call-of-a-stored-method-only-a-subclass-in-another-module-calls",
        {
            "rules/__init__.py": "",
            "rules/base.py": """\
            class Rule:
                def __init__(self, text):
                    self.text = text
                    self.match = self.match_text

                def match_text(self, value):
                    return self.text in value
            """,
            "rules/names.py": """\
            from .base import Rule


            class HasName(Rule):
                def apply(self, person):
                    return self.match(person.name)  # <-
            """,
        },
        "HasName.apply",
        "pure",
        path="rules/names.py",
    ),
    case(
        "pure-call-of-a-stored-value-bound-to-two-pure-methods",
        """\
        import re


        class Rule:
            def __init__(self, text):
                self.text = text
                self.pattern = None
                self.match = self.__match_text

            def use_regex(self):
                self.pattern = re.compile(self.text)
                self.match = self.match_regex

            def __match_text(self, value):
                return self.text in value

            def match_regex(self, value):
                return self.pattern.search(value) is not None

            def apply(self, value):
                return self.match(value)  # <-
        """,
        "Rule.apply",
        "pure",
    ),
    case("pure-call-of-a-stored-object-with-a-pure-call", STORED_CALLABLES, "Writer.html", "pure"),
    # ... the neighbours of a subclass changing what its base's `__init__` holds (test_arg_mutation.py)
    case(
        "pure-init-changing-the-copy-it-handed-its-base",
        HOLDING_BASE
        + """\
        class Own(Base):
            def __init__(self, items):
                super().__init__(list(items))
                self.items.append(0)
        """,
        "Own.__init__",
        "pure",
    ),
    case(
        "pure-init-reading-what-the-base-init-holds",
        HOLDING_BASE
        + """\
        class Sized(Base):
            def __init__(self, items):
                super().__init__(items)
                self.size = len(self.items)
        """,
        "Sized.__init__",
        "pure",
    ),
    case(
        "pure-init-rebinding-what-the-base-held-before-changing-it",
        HOLDING_BASE
        + """\
        class Fresh(Base):
            def __init__(self, items):
                super().__init__(items)
                self.items = []
                self.items.append(0)
        """,
        "Fresh.__init__",
        "pure",
    ),
    case(
        "pure-init-changing-what-the-base-built-itself",
        """\
        class Base:
            def __init__(self, items):
                self.items = items
                self.seen = set()

        class Child(Base):
            def __init__(self, items):
                super().__init__(items)
                self.seen.add(1)
        """,
        "Child.__init__",
        "pure",
    ),
    case(
        "pure-fresh-list",
        """\
        def doubled(xs):
            out = []
            for x in xs:
                out.append(x * 2)
            return out
        """,
        "doubled",
        "pure",
    ),
    case(
        "pure-fresh-dict-counts",
        """\
        def count_words(text, stop=()):
            counts = {}
            for w in text.split():
                if w not in stop:
                    counts[w] = counts.get(w, 0) + 1
            return counts
        """,
        "count_words",
        "pure",
    ),
    case(
        "pure-fresh-set-and-comprehension",
        """\
        def uniq(xs):
            seen = set()
            out = [x for x in xs if not (x in seen or seen.add(x))]
            table = {x: [] for x in out}
            table[out[0]].append(1) if out else None
            return out, table
        """,
        "uniq",
        "pure",
    ),
    case(
        "pure-copy-then-sort",
        """\
        def normalise(values):
            out = list(values)
            out.sort()
            total = sum(out) or 1
            return [v / total for v in out]
        """,
        "normalise",
        "pure",
    ),
    case(
        "pure-param-rebound-to-copy",
        """\
        def with_one(xs):
            xs = list(xs)
            xs.append(1)
            return xs
        """,
        "with_one",
        "pure",
    ),
    case(
        "pure-deepcopy-then-mutate",
        """\
        import copy

        def with_flag(config):
            out = copy.deepcopy(config)
            out["flag"] = True
            return out
        """,
        "with_flag",
        "pure",
    ),
    case(
        "pure-dict-copy-constructor",
        """\
        def merged(a, b):
            out = dict(a)
            out.update(b)
            return out
        """,
        "merged",
        "pure",
    ),
    case(
        "pure-new-object-then-use",
        """\
        class Quantity:
            def __init__(self, value, unit):
                self.value = value
                self.unit = unit

            def scaled(self, k):
                return Quantity(self.value * k, self.unit)

        def double(v):
            q = Quantity(v, "m")
            return q.scaled(2).value
        """,
        "double",
        "pure",
    ),
    case(
        "pure-method-reads-self",
        """\
        class Rect:
            def __init__(self, w, h):
                self.w = w
                self.h = h

            def area(self):
                return self.w * self.h
        """,
        "Rect.area",
        "pure",
    ),
    case(
        "pure-init-of-new-object",
        """\
        class Rect:
            def __init__(self, w, h):
                self.w = w
                self.h = h
        """,
        "Rect.__init__",
        "pure",
    ),
    case(
        "pure-raise",
        """\
        def check(x):
            if x < 0:
                raise ValueError(f"negative: {x}")
            return x
        """,
        "check",
        "pure",
    ),
    case(
        "pure-raise-project-exception",
        """\
        class UnitError(ValueError):
            pass

        def unit(u):
            if u not in ("m", "km"):
                raise UnitError(u)
            return u
        """,
        "unit",
        "pure",
    ),
    case(
        "pure-assert",
        """\
        def positive(x):
            assert x > 0, "x must be positive"
            return x
        """,
        "positive",
        "pure",
    ),
    case(
        "pure-try-except",
        """\
        def to_int(s, default=0):
            try:
                return int(s)
            except (TypeError, ValueError):
                return default
        """,
        "to_int",
        "pure",
    ),
    case(
        "pure-generator",
        """\
        def chunks(seq, size):
            for i in range(0, len(seq), size):
                yield seq[i : i + size]
        """,
        "chunks",
        "pure",
    ),
    case(
        "pure-yield-from",
        """\
        def flatten(rows):
            for row in rows:
                yield from row
        """,
        "flatten",
        "pure",
    ),
    case(
        "pure-builtins",
        """\
        def stats(xs):
            ys = sorted(xs)
            return len(ys), min(ys), max(ys), sum(ys), list(zip(ys, reversed(ys))), isinstance(xs, list)
        """,
        "stats",
        "pure",
    ),
    case(
        "pure-math",
        """\
        import math
        from math import sqrt

        def hypot(a, b):
            return sqrt(a * a + b * b) + math.floor(math.pi) * 0
        """,
        "hypot",
        "pure",
    ),
    case(
        "pure-re",
        """\
        import re

        _NUMBER = re.compile(r"^(-?\\d+)$")

        def parse(text):
            m = _NUMBER.match(text)
            return int(m.group(1)) if m else re.sub(r"\\s+", "", text)
        """,
        "parse",
        "pure",
    ),
    case(
        "pure-json-loads-dumps",
        """\
        import json

        def roundtrip(text):
            return json.dumps(json.loads(text), sort_keys=True)
        """,
        "roundtrip",
        "pure",
    ),
    case(
        "pure-str-methods",
        """\
        def slug(text, sep="-"):
            return sep.join(text.strip().lower().split()).replace("_", sep)
        """,
        "slug",
        "pure",
    ),
    case(
        "pure-dict-read-methods-on-param",
        """\
        def summary(d, key):
            return d.get(key), list(d.keys()), sorted(d.items())
        """,
        "summary",
        "pure",
    ),
    case(
        "pure-mutable-default-read-only",
        """\
        def lookup(key, table={}):
            return table.get(key)
        """,
        "lookup",
        "pure",
    ),
    case(
        "pure-getattr-constant-name",
        """\
        def name_of(obj):
            return getattr(obj, "name", None)
        """,
        "name_of",
        "pure",
    ),
    case(
        "pure-itertools-functools",
        """\
        import functools
        import itertools
        import operator

        def product(xs):
            pairs = list(itertools.combinations(xs, 2))
            return functools.reduce(operator.mul, xs, 1), pairs, list(itertools.chain(xs, xs))
        """,
        "product",
        "pure",
    ),
    case(
        "pure-sorted-with-lambda-key",
        """\
        def by_length(words):
            return sorted(words, key=lambda w: (len(w), w))
        """,
        "by_length",
        "pure",
    ),
    case(
        "pure-copy-deepcopy",
        """\
        import copy

        def clone(x):
            return copy.deepcopy(x)
        """,
        "clone",
        "pure",
    ),
    case(
        "pure-uuid5",
        """\
        import uuid

        def stable_id(name):
            return uuid.uuid5(uuid.NAMESPACE_DNS, name)
        """,
        "stable_id",
        "pure",
    ),
    case(
        "pure-datetime-construction",
        """\
        from datetime import datetime, timedelta

        def tomorrow(year, month, day):
            return datetime(year, month, day) + timedelta(days=1)
        """,
        "tomorrow",
        "pure",
    ),
    case(
        "pure-os-path-join",
        """\
        import os

        def target(folder, name):
            return os.path.join(folder, os.path.basename(name))
        """,
        "target",
        "pure",
    ),
    case(
        "pure-fresh-local-passed-to-arg-mutating-helper",
        """\
        def fill(xs):
            xs.append(1)

        def make():
            xs = []
            fill(xs)
            return xs
        """,
        "make",
        "pure",
    ),
    case(
        "pure-del-local-name",
        """\
        def f(x):
            y = x * 2
            del x
            return y
        """,
        "f",
        "pure",
    ),
    case(
        "pure-os-sep-read",
        """\
        import os

        def joined(parts):
            return os.sep.join(parts)
        """,
        "joined",
        "pure",
    ),
    case(
        "pure-sys-maxsize-read",
        """\
        import sys

        def clamp(n):
            return min(n, sys.maxsize)
        """,
        "clamp",
        "pure",
    ),
    case(
        "pure-string-constant-read",
        """\
        import string

        def is_letter(c):
            return c in string.ascii_letters
        """,
        "is_letter",
        "pure",
    ),
    case(
        "pure-recursion",
        """\
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        """,
        "fib",
        "pure",
    ),
    case(
        "pure-mutual-recursion",
        """\
        def is_even(n):
            return True if n == 0 else is_odd(n - 1)

        def is_odd(n):
            return False if n == 0 else is_even(n - 1)
        """,
        "is_odd",
        "pure",
    ),
    case(
        "pure-calls-pure-same-file",
        """\
        def to_m(v):
            return v * 1000

        def to_cm(v):
            return to_m(v) * 100
        """,
        "to_cm",
        "pure",
    ),
    *[
        case(
            case_id,
            {"pkg/__init__.py": "", "pkg/units.py": _TO_M, "pkg/core.py": core},
            "to_cm",
            "pure",
            path="pkg/core.py",
        )
        for case_id, core in _IMPORTS_OF_TO_M.items()
    ],
    case(
        "pure-cross-file-parent-relative-import",
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/units.py": """\
            def to_m(v):
                return v * 1000
            """,
            "app/ui/__init__.py": "",
            "app/ui/view.py": """\
            from ..core.units import to_m

            def label(v):
                return f"{to_m(v)} m"
            """,
        },
        "label",
        "pure",
        path="app/ui/view.py",
    ),
    # The root of the analysed tree is itself a package (it holds `__init__.py`): `from . import units` in a module
    # at the root and `from .. import units` one level down name its modules (Printrun's `from . import printcore`,
    # RIDE's `from .. import utils`); they were "cannot be resolved". The impure neighbours: test_calls_impure.py.
    case(
        "pure-cross-file-relative-import-of-a-root-module",
        {
            "__init__.py": "",
            "units.py": _TO_M,
            "app.py": "from . import units\n\ndef to_cm(v):\n    return units.to_m(v)\n",
        },
        "to_cm",
        "pure",
        path="app.py",
    ),
    case(
        "pure-cross-file-parent-relative-import-of-a-root-module",
        {
            "__init__.py": "",
            "units.py": _TO_M,
            "ui/__init__.py": "",
            "ui/view.py": "from .. import units\n\ndef to_cm(v):\n    return units.to_m(v)\n",
        },
        "to_cm",
        "pure",
        path="ui/view.py",
    ),
    case(
        "pure-cross-file-relative-import-from-the-root-package",
        {"__init__.py": _TO_M, "app.py": "from . import to_m\n\ndef to_cm(v):\n    return to_m(v)\n"},
        "to_cm",
        "pure",
        path="app.py",
    ),
    case(
        "pure-cross-file-star-import",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": """\
            def double(x):
                return x * 2
            """,
            "pkg/core.py": """\
            from .util import *

            def quad(x):
                return double(double(x))
            """,
        },
        "quad",
        "pure",
        path="pkg/core.py",
    ),
    case(
        "pure-cross-file-mutual-recursion",
        {
            "even.py": """\
            import odd

            def is_even(n):
                return True if n == 0 else odd.is_odd(n - 1)
            """,
            "odd.py": """\
            import even

            def is_odd(n):
                return False if n == 0 else even.is_even(n - 1)
            """,
        },
        "is_even",
        "pure",
        path="even.py",
    ),
    case(
        "pure-property",
        """\
        class Circle:
            def __init__(self, r):
                self.r = r

            @property
            def area(self):
                return 3.14159 * self.r**2
        """,
        "Circle.area",
        "pure",
    ),
    case(
        "pure-lru-cache-decorator",
        """\
        import functools

        @functools.lru_cache(maxsize=None)
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        """,
        "fib",
        "pure",
    ),
    case(
        "pure-lru-cache-bare-from-import",
        """\
        from functools import cache, lru_cache

        @lru_cache
        def square(n):
            return n * n

        @cache
        def cube(n):
            return square(n) * n
        """,
        "cube",
        "pure",
    ),
    case(
        "pure-partial-of-pure",
        """\
        from functools import partial

        def scale(k, x):
            return k * x

        def doubled(xs):
            double = partial(scale, 2)
            return [double(x) for x in xs]
        """,
        "doubled",
        "pure",
    ),
    case(
        "pure-module-level-partial-of-pure",
        """\
        import functools

        def scale(k, x):
            return k * x

        double = functools.partial(scale, 2)

        def quad(x):
            return double(double(x))
        """,
        "quad",
        "pure",
    ),
    case(
        "pure-staticmethod",
        """\
        class Tools:
            @staticmethod
            def clamp(value, low, high):
                return max(low, min(high, value))
        """,
        "Tools.clamp",
        "pure",
    ),
    case(
        "pure-classmethod-builds-instance",
        """\
        class Point:
            def __init__(self, x, y):
                self.x = x
                self.y = y

            @classmethod
            def origin(cls):
                return cls(0, 0)
        """,
        "Point.origin",
        "pure",
    ),
    case(
        "pure-classmethod-not-using-cls",
        """\
        class Point:
            @classmethod
            def parse(cls, text):
                x, y = text.split(",")
                return float(x), float(y)
        """,
        "Point.parse",
        "pure",
    ),
    case(
        "pure-dataclass-method",
        """\
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class Money:
            amount: int
            currency: str

            def add(self, other):
                return Money(self.amount + other.amount, self.currency)
        """,
        "Money.add",
        "pure",
    ),
    case(
        "pure-module-lambda",
        """\
        square = lambda x: x * x
        """,
        "<lambda>",
        "pure",
    ),
    case(
        "pure-lambda-in-function",
        """\
        def adder(n):
            return lambda x: x + n
        """,
        "adder.<locals>.<lambda>",
        "pure",
    ),
    case("pure-nested-function", _NESTED, "outer.<locals>.inner", "pure"),
    case("pure-outer-calls-pure-nested", _NESTED, "outer", "pure"),
    case(
        "pure-returns-impure-closure-uncalled",
        """\
        def make_logger():
            def log(x):
                print(x)

            return log
        """,
        "make_logger",
        "pure",
    ),
    case(
        "io-nested-function-qualname",
        """\
        def make_logger():
            def log(x):
                print(x)  # <-

            return log
        """,
        "make_logger.<locals>.log",
        "io",
    ),
    case(
        "pure-method-nested-function-qualname",
        """\
        class Table:
            def widths(self, rows):
                def width(row):
                    return max(len(str(c)) for c in row)

                return [width(r) for r in rows]
        """,
        "Table.widths.<locals>.width",
        "pure",
    ),
    case(
        "pure-nested-class-method-qualname",
        """\
        class Outer:
            class Inner:
                def twice(self, x):
                    return 2 * x
        """,
        "Outer.Inner.twice",
        "pure",
    ),
    case(
        "pure-class-level-lambda",
        """\
        class Sorter:
            key = staticmethod(lambda item: item[1])
        """,
        "Sorter.<lambda>",
        "pure",
    ),
    case(
        "pure-async-function",
        """\
        async def double(x):
            return x * 2
        """,
        "double",
        "pure",
    ),
    case(
        "pure-contextlib-suppress",
        """\
        import contextlib

        def to_float(s):
            with contextlib.suppress(ValueError):
                return float(s)
            return None
        """,
        "to_float",
        "pure",
    ),
    case(
        "pure-namedtuple-replace",
        """\
        from typing import NamedTuple

        class P(NamedTuple):
            x: int
            y: int

        def moved(p, dx):
            return p._replace(x=p.x + dx)
        """,
        "moved",
        "pure",
    ),
    # Issue 12 item 3: a method called on what a library function returns is a method of that value, not a
    # member of the library module (`os.*` says io for os's functions, not for the str normpath returns).
    case(
        "pure-method-on-result-of-module-function",
        """\
        import os

        def clean(p):
            return os.path.normpath(p).rstrip("/")
        """,
        "clean",
        "pure",
    ),
    case(
        "pure-method-on-local-bound-to-result-of-module-function",
        """\
        import os.path

        def stem(p):
            name = os.path.basename(p)
            return name.partition(".")[0].lower()
        """,
        "stem",
        "pure",
    ),
    case(
        "pure-subprocess-list2cmdline",
        """\
        import subprocess

        def command_line(args):
            return subprocess.list2cmdline(args)
        """,
        "command_line",
        "pure",
    ),
    case(
        "pure-marshal-loads-dumps",
        """\
        import marshal

        def roundtrip(value):
            return marshal.loads(marshal.dumps(value))
        """,
        "roundtrip",
        "pure",
    ),
    case(
        "pure-configparser-subclass-read-methods",
        """\
        import configparser

        class Settings(configparser.ConfigParser):
            def flag(self, section, option):
                if not self.has_section(section) or not self.has_option(section, option):
                    return None
                return (self.getint(section, option), self.getfloat(section, option),
                        self.getboolean(section, option), self.get(section, option),
                        self.options(section), self.sections(), self.items(section))
        """,
        "Settings.flag",
        "pure",
    ),
    case(
        "pure-ne-through-pure-eq",
        """\
        class Point:
            def __init__(self, x):
                self.x = x

            def __eq__(self, other):
                return isinstance(other, Point) and self.x == other.x

            def __ne__(self, other):
                result = self.__eq__(other)
                return result if result is NotImplemented else not result
        """,
        "Point.__ne__",
        "pure",
    ),
    case(
        "pure-numpy-geometry",
        """\
        import numpy
        import numpy.linalg

        def normal(a, b, c):
            n = numpy.cross(numpy.array(b) - numpy.array(a), numpy.asarray(c) - numpy.asarray(a))
            return n / numpy.linalg.norm(n)
        """,
        "normal",
        "pure",
    ),
    case(
        "pure-numpy-constructors-ufuncs-reductions",
        """\
        import numpy as np

        def stats(xs, lo, hi):
            a = np.array(xs, dtype=float)
            grid = np.zeros((3, 3)) + np.ones(3) + np.arange(3) + np.linspace(0, 1, 3)
            grid[0, 0] = np.linalg.det(grid)
            clipped = np.clip(a, lo, hi)
            out = np.zeros(len(a))
            np.multiply(a, 2, out=out)
            return (np.sqrt(np.sum(a ** 2)), np.mean(a), np.min(a), np.max(a), np.max(np.abs(a)),
                    np.where(a > 0, a, 0), np.concatenate([a, clipped]), np.stack([a, a]), np.dot(a, a),
                    np.sin(a) + np.cos(a), grid, out)
        """,
        "stats",
        "pure",
    ),
    case(
        "pure-numpy-signal-statistics-fft-and-conversions",
        """\
        import numpy as np

        def features(xs, ws, n):
            smooth = np.convolve(xs, np.ones(n) / n, mode="same")
            level = np.average(xs, weights=ws) + np.percentile(xs, 90)
            spectrum = np.abs(np.fft.rfft(xs))
            bins = np.digitize(xs, np.linspace(0, 1, 5))
            return smooth, level, spectrum, bins, np.clip(xs * 255, 0, 255).astype(np.uint8).tolist()  # <-
        """,
        "features",
        "pure",
    ),
    case(
        "pure-numpy-take-dtypes-strings-and-scipy-windows",
        """\
        import numpy as np
        import scipy.signal as sig

        def prepare(a, idx, labels, n):
            picked = np.concat([np.take(a, idx, 0), a]) if np.issubdtype(a.dtype, np.integer) else a
            return picked, np.char.add(labels, ":"), sig.windows.blackmanharris(n), sig.windows.flattop(n)
        """,
        "prepare",
        "pure",
    ),
    # A function whose only effect is calling a callback parameter: a caller handing it a lambda or a function of
    # its own answers for that call itself (`Solver._answered`)
    case(
        "pure-a-lambda-handed-to-a-method-that-only-calls-it",
        """\
        class Version:
            def __init__(self, key):
                self._key = key

            def _compare(self, other, method):
                if not isinstance(other, Version):
                    return NotImplemented
                return method(self._key, other._key)

            def __lt__(self, other):
                return self._compare(other, lambda s, o: s < o)
        """,
        "Version.__lt__",
        "pure",
    ),
    case(
        "pure-a-local-function-handed-where-the-callee-maps-it",
        """\
        def apply_all(fn, xs):
            return list(map(fn, xs))

        def bumped(xs):
            def inc(x):
                return x + 1

            return apply_all(inc, xs)
        """,
        "bumped",
        "pure",
    ),
    case(
        "pure-a-lambda-handed-by-keyword-to-a-module-function",
        """\
        def fold(xs, step, start):
            acc = start
            for x in xs:
                acc = step(acc, x)
            return acc

        def total(xs):
            return fold(xs, step=lambda acc, x: acc + x, start=0)
        """,
        "total",
        "pure",
    ),
    case(
        "pure-a-method-answering-for-its-callback-called-on-a-fresh-object",
        """\
        class Version:
            def _compare(self, other, method):
                return method(self, other)

            def lt(self, other):
                return self._compare(other, lambda s, o: s is o)

        def older(b):
            return Version().lt(b)
        """,
        "older",
        "pure",
    ),
    case(
        "pure-a-lambda-handed-to-a-method-of-a-fresh-object",
        """\
        class Runner:
            def run(self, fn):
                return fn()

        def go():
            return Runner().run(lambda: 1)
        """,
        "go",
        "pure",
    ),
    case(
        "pure-positions-of-a-match-a-call-returned",
        """\
        import re

        def find_match(pattern, text):
            return re.search(pattern, text)

        def where(pattern, text):
            span = re.search(pattern, text).span()
            return span, find_match(pattern, text).start(), re.compile(pattern).search(text).end()
        """,
        "where",
        "pure",
    ),
    case(
        "pure-positions-of-a-match-named-like-one",
        """\
        import re

        _INDENT = re.compile(r"[ \\t]*")

        def search_reverse(prog, chars):
            return prog.search(chars)

        def indent(line, prog, chars):
            m = _INDENT.match(line)
            found = search_reverse(prog, chars)
            return m.end(), found.start() if found else -1
        """,
        "indent",
        "pure",
    ),
    case(
        "pure-a-with-statement-whose-context-manager-only-sets-its-own-fields",
        """\
        from contextlib import contextmanager

        class Span:
            def __enter__(self):
                self.depth = 1
                return self

            def __exit__(self, *exc):
                self.depth = 0
                return False

        @contextmanager
        def nothing():
            yield 1

        def measure(xs):
            with Span() as s, nothing() as n:
                return len(xs) + s.depth + n
        """,
        "measure",
        "pure",
    ),
    case(
        "pure-an-explicit-base-init-that-is-object-s",
        """\
        class Plain:
            pass

        class Child(Plain):
            def __init__(self, y):
                Plain.__init__(self)
                self.y = y
        """,
        "Child.__init__",
        "pure",
    ),
    case(
        "pure-regex-module-numpy-windows-and-pformat",
        """\
        import pprint

        import numpy as np
        import regex as re

        def tidy(text, xs):
            words = re.compile(r"\\w+").findall(text)
            window = np.hanning(len(xs)) * np.resize(np.asarray(xs), len(xs)) + np.sinc(np.kaiser(len(xs), 5.0))
            return pprint.pformat(words), re.sub(r"\\s+", " ", text), window  # <-
        """,
        "tidy",
        "pure",
    ),
    case(
        "pure-numpy-iterators-selection-and-error-state",
        """\
        import numpy as np

        def safe_ratio(xs, ys):
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.fromiter((x for x in xs), dtype=float) / ys
            return np.compress(r > 0, r), np.select([r > 1], [1.0], default=r), np.ptp(r)
        """,
        "safe_ratio",
        "pure",
    ),
    case(
        "pure-scipy-and-pandas-predicates-and-distances",
        """\
        import io

        import pandas as pd
        import scipy.sparse as sp
        from scipy.spatial import distance as spdist

        def nearest(a, b, x):
            if pd.isnull(x) or sp.issparse(a):
                raise io.UnsupportedOperation("dense arrays only")
            return spdist.cdist(a, b)
        """,
        "nearest",
        "pure",
    ),
    case(
        "pure-numpy-writing-into-an-array-the-function-built",
        """\
        import numpy as np

        def identity_like(n):
            m = np.zeros((n, n))
            np.fill_diagonal(m, 1)  # <-
            return m
        """,
        "identity_like",
        "pure",
    ),
    case(
        "pure-building-a-threads-lock-event-and-unstarted-thread",
        """\
        import threading

        class Worker:
            def __init__(self, job):
                self._lock = threading.Lock()  # <-
                self._done = threading.Event()
                self._thread = threading.Thread(target=job, daemon=True)
                self.results = []
        """,
        "Worker.__init__",
        "pure",
    ),
    case(
        "pure-a-project-function-named-underscore",
        """\
        def _(text):
            return text

        def label(count):
            return _("%d files") % count  # <-
        """,
        "label",
        "pure",
    ),
    # `__init__` building its object through a method of self that only sets fields, as `self.x = …` there does
    case(
        "pure-init-calling-a-method-that-sets-fields",
        """\
        class Board:
            def __init__(self, width, height):
                self.width = width
                self.height = height
                self.reset()  # <-

            def reset(self):
                self.cells = [[0] * self.width for _ in range(self.height)]
                self.moves = 0
        """,
        "Board.__init__",
        "pure",
    ),
    case(
        "pure-dataclass-post-init-calling-a-method-that-sets-fields",
        """\
        from dataclasses import dataclass

        @dataclass
        class Order:
            lines: tuple

            def __post_init__(self):
                self._total()  # <-

            def _total(self):
                self.total = sum(q * p for q, p in self.lines)
        """,
        "Order.__post_init__",
        "pure",
    ),
    case(
        "pure-init-changing-its-own-copy-through-a-method",
        """\
        class Basket:
            def __init__(self, items):
                self.items = list(items)
                self.label = "basket"
                self.empty()  # <-

            def empty(self):
                self.items.clear()

        def fresh_basket(items):
            return Basket(items)
        """,
        "fresh_basket",
        "pure",
    ),
    case(
        "pure-vars-of-an-object-read",
        """\
        def as_dicts(items):
            return [dict(vars(i)) for i in items]  # <-
        """,
        "as_dicts",
        "pure",
    ),
    case(
        "pure-formatting-with-the-functions-own-names",
        """\
        def fill(template, name):
            return template.format(**vars())  # <-
        """,
        "fill",
        "pure",
    ),
    case(
        "pure-init-keeping-its-arguments-by-locals",
        """\
        class Learner:
            def __init__(self, k=5, metric="euclidean"):
                self.params = dict(locals())  # <-
                del self.params["self"]
        """,
        "Learner.__init__",
        "pure",
    ),
    case(
        "pure-calling-self-runs-the-classs-call",
        """\
        class Model:
            def __call__(self, data, probs=False):
                return [d * 2 for d in data]

            def predict(self, data):
                return self(data, probs=True)  # <-
        """,
        "Model.predict",
        "pure",
    ),
    case(
        "pure-building-another-object-of-selfs-class",
        """\
        class Var:
            def __init__(self, name):
                self.name = name

            def copy(self):
                return type(self)(self.name)  # <-

            def renamed(self, name):
                return self.__class__(name)
        """,
        "Var.copy",
        "pure",
    ),
    # `type(self)` held in a local first (freegames' `vector.copy`: `type_self = type(self)`)
    case(
        "pure-building-another-object-of-selfs-class-through-a-local",
        """\
        class vector:
            def __init__(self, x, y):
                self.x = x
                self.y = y

            def copy(self):
                type_self = type(self)
                return type_self(self.x, self.y)
        """,
        "vector.copy",
        "pure",
    ),
    case(
        "pure-building-another-object-through-self-class-attribute",
        """\
        class Var:
            def __init__(self, name):
                self.name = name

            def renamed(self, name):
                return self.__class__(name)  # <-
        """,
        "Var.renamed",
        "pure",
    ),
    case(
        "pure-pillow-new-images-from-values-and-image-ops",
        """\
        from PIL import Image, ImageEnhance, ImageFilter, ImageOps

        def poster(size, img):
            base = Image.new("RGB", size, "white")
            soft = ImageOps.grayscale(img).filter(ImageFilter.GaussianBlur(2))  # <-
            bright = ImageEnhance.Brightness(soft).enhance(1.2)
            return Image.blend(base, bright, 0.5)
        """,
        "poster",
        "pure",
    ),
    case(
        "pure-sorting-a-slice-copy-of-a-parameter",
        """\
        def ranked(scores):
            top = scores[:]
            top.sort(reverse=True)  # <-
            rest = scores[3:]
            rest.append(0)
            return top, rest
        """,
        "ranked",
        "pure",
    ),
    case(
        "pure-the-starred-rest-of-an-unpacked-parameter-is-a-new-list",
        """\
        def rotate(items):
            first, *rest = items
            rest.append(first)
            return rest
        """,
        "rotate",
        "pure",
    ),
    case(
        "pure-the-starred-rest-of-what-a-project-call-returns-is-a-new-list",
        {
            "box.py": "def items_of(box):\n    return box.items\n",
            "mod.py": """\
            from box import items_of

            def add_rest(box):
                first, *rest = items_of(box)
                rest.append(first)
                return rest
            """,
        },
        "add_rest",
        "pure",
    ),
    case(
        "pure-the-starred-rest-of-each-row-is-a-new-list",
        """\
        def tails(rows):
            out = []
            for head, *rest in rows:
                rest.insert(0, head)
                out.append(rest)
            return out
        """,
        "tails",
        "pure",
    ),
    case(
        "pure-named-tuple-subclass-replacing-its-fields",
        """\
        from typing import NamedTuple

        class Point(NamedTuple):
            x: float
            y: float

            def moved(self, dx, dy):
                return self._replace(x=self.x + dx, y=self.y + dy)  # <-
        """,
        "Point.moved",
        "pure",
    ),
    case(
        "pure-method-of-an-object-the-function-built-itself",
        SHARED_CONSOLE
        + """\

        def transcript(lines):
            c = Console()
            for line in lines:
                c.write(line)  # <-
            return c.lines
        """,
        "transcript",
        "pure",
    ),
    case(
        "pure-reading-under-the-classs-own-lock",
        """\
        import threading

        class Counter:
            def __init__(self):
                self._lock = threading.Lock()
                self.n = 0

            def peek(self):
                with self._lock:  # <-
                    return self.n
        """,
        "Counter.peek",
        "pure",
    ),
    case(
        "pure-reading-under-a-module-level-lock",
        """\
        import threading

        _LOCK = threading.RLock()
        LIMITS = {"max": 10}

        def limit(name):
            with _LOCK:  # <-
                return LIMITS.get(name)
        """,
        "limit",
        "pure",
    ),
    case(
        "pure-acquiring-and-releasing-the-classs-own-lock",
        """\
        import threading

        class Counter:
            def __init__(self):
                self._lock = threading.Lock()
                self.n = 0

            def peek(self):
                self._lock.acquire()  # <-
                try:
                    return self.n
                finally:
                    self._lock.release()
        """,
        "Counter.peek",
        "pure",
    ),
    # Solver branches the mutation run found unexercised (issue 12 item 6).
    case(
        "pure-library-function-imported-inside-the-body",
        """\
        def load(text):
            import json
            return json.loads(text)
        """,
        "load",
        "pure",
    ),
    case(
        "pure-calling-a-module-level-lambda",
        """\
        square = lambda x: x * x

        def f(x):
            return square(x)
        """,
        "f",
        "pure",
    ),
    case(
        "pure-building-a-subclass-of-a-known-pure-library-class",
        """\
        import collections

        class Tally(collections.Counter):
            pass

        def count(xs):
            return Tally(xs)
        """,
        "count",
        "pure",
    ),
    case(
        "pure-super-init-of-a-class-without-library-bases",
        """\
        class Point:
            def __init__(self, x):
                super().__init__()
                self.x = x
        """,
        "Point.__init__",
        "pure",
    ),
    case(
        "pure-super-init-subclass-of-a-plain-class",
        """\
        class Base:
            def __init_subclass__(cls, **kw):
                super().__init_subclass__(**kw)
        """,
        "Base.__init_subclass__",
        "pure",
    ),
    case(
        "pure-calling-a-module-level-alias-of-a-pure-function",
        """\
        import math
        root = math.sqrt

        def f(x):
            return root(x)
        """,
        "f",
        "pure",
    ),
    case(
        "pure-calling-a-namedtuple-class-built-at-module-level",
        """\
        from collections import namedtuple
        Point = namedtuple("Point", "x y")

        def f():
            return Point(1, 2)
        """,
        "f",
        "pure",
    ),
    case(
        "pure-calling-a-partial-of-a-pure-builtin",
        """\
        from functools import partial
        clamp = partial(max, 0)

        def f(x):
            return clamp(x)
        """,
        "f",
        "pure",
    ),
    case(
        "pure-function-imported-by-name-inside-the-body",
        """\
        def load(text):
            from json import loads
            return loads(text)
        """,
        "load",
        "pure",
    ),
    case(
        "pure-submodule-function-imported-inside-the-body",
        """\
        def join(a, b):
            import os.path
            return os.path.join(a, b)
        """,
        "join",
        "pure",
    ),
    # Mutation rows (issue 12 item 6): `Project.class_bases` reads a base where the `class` statement stands.
    case(
        "pure-method-inherited-from-a-sibling-nested-class",
        """\
        class Outer:
            class Base:
                def size(self):
                    return 1

            class Child(Base):
                def twice(self):
                    return self.size() * 2
        """,
        "Outer.Child.twice",
        "pure",
    ),
    # Mutation rows (issue 12 item 6): `Solver._target_call` on what a project function returns.
    case(
        "pure-read-only-method-of-a-class-attribute",
        """\
        class K:
            items = [1, 2]

        def count(x):
            return K.items.count(x)
        """,
        "count",
        "pure",
    ),
    case(
        "pure-read-only-method-of-what-a-function-returns",
        """\
        def make():
            return [1]

        def h():
            return make().count(1)
        """,
        "h",
        "pure",
    ),
    case(
        "pure-changing-method-of-a-fresh-result",
        """\
        def make():
            return [1]

        def g():
            x = make()
            x.append(2)
            return x
        """,
        "g",
        "pure",
    ),
    # Mutation rows (issue 12 item 6): `Solver._call` for a library object the function built.
    case(
        "pure-changing-method-of-a-fresh-library-object",
        """\
        import array

        def ints():
            a = array.array("i")
            a.append(1)
            return a
        """,
        "ints",
        "pure",
    ),
    case(
        # a base is read before the class body runs: `Base` is Outer's, not the one Child defines
        "pure-base-is-not-the-class-own-nested-namesake",
        """\
        class Outer:
            class Base:
                def size(self):
                    return 1

            class Child(Base):
                class Base:
                    def size(self):
                        print(1)

                def twice(self):
                    return self.size() * 2
        """,
        "Outer.Child.twice",
        "pure",
    ),
    # An optional import: the fallback binds a constant, whose methods raise or read an immutable value.
    case(
        "pure-optional-import-with-a-none-fallback",
        """\
        try:
            import json
        except ImportError:
            json = None

        def encode(value):
            return json.dumps(value)
        """,
        "encode",
        "pure",
    ),
    case(
        "pure-read-only-method-of-what-another-modules-function-returns",
        {
            "util.py": "def make():\n    return [1]\n",
            "mod.py": """\
            import util

            def k():
                return util.make().count(1)
            """,
        },
        "k",
        "pure",
        path="mod.py",
    ),
    case(
        "pure-changing-method-of-a-fresh-library-container",
        """\
        import weakref

        def tracked(x):
            s = weakref.WeakSet()
            s.add(x)
            return s
        """,
        "tracked",
        "pure",
    ),
    # The neighbours of "a class body a function defines runs with it": a body of definitions and constants adds
    # nothing, nor does a module-level class's body (it runs once, at import, which the verdicts leave aside).
    case(
        "pure-function-defining-a-class-of-methods-and-constants",
        """\
        def make_point(x, y):
            class Point:
                \"\"\"A point.\"\"\"
                dims = 2
                names = ("x", "y")
                limit = max(x, y)

                @property
                def norm(self):
                    return abs(x) + abs(y)

                @staticmethod
                def origin():
                    return (0, 0)
            return Point
        """,
        "make_point",
        "pure",
    ),
    case(
        "pure-reading-state-only-a-module-level-class-body-changes",
        """\
        TABLE = {}

        class Setup:
            TABLE["a"] = 1

        def lookup(k):
            return TABLE.get(k)
        """,
        "lookup",
        "pure",
    ),
    case(
        "pure-decorator-factory-with-functools-wraps",
        """\
        import functools

        def twice(fn):
            @functools.wraps(fn)
            def wrapper(x):
                return fn(fn(x))
            return wrapper
        """,
        "twice",
        "pure",
    ),
    case(
        "pure-function-defining-a-class-with-a-property-setter-and-a-pure-decorator",
        """\
        def shout(fn):
            return fn

        def make():
            @shout
            class Box:
                @property
                def size(self):
                    return 1

                @size.setter
                def size(self, value):
                    pass
            return Box
        """,
        "make",
        "pure",
    ),
    # A property set in `__init__`/`__post_init__` runs its setter on the object being built: changing it is
    # building it (the neighbour, a method setting it, is `calls-impure-a-method-setting-a-property-runs-the-setter`).
    case(
        "pure-init-sets-a-property-whose-setter-stores-on-self",
        """\
        class Temp:
            def __init__(self, c):
                self.celsius = c

            @property
            def celsius(self):
                return self._c

            @celsius.setter
            def celsius(self, value):
                self._c = value
        """,
        "Temp.__init__",
        "pure",
    ),
    case(
        "pure-post-init-sets-a-property-whose-setter-stores-on-self",
        """\
        from dataclasses import dataclass

        @dataclass
        class Box:
            size: int

            def __post_init__(self):
                self.area = self.size * self.size

            @property
            def area(self):
                return self._area

            @area.setter
            def area(self, value):
                self._area = value
        """,
        "Box.__post_init__",
        "pure",
    ),
    case(
        "pure-reading-a-property-runs-its-getter-not-its-setter",
        TEMP_WITH_A_SETTER
        + """\

            def fahrenheit(self):
                return self.celsius * 9 / 5 + 32
        """,
        "Temp.fahrenheit",
        "pure",
    ),
    # ... and without a cache, what the factory returns is new at each call: filling it is local work
    case(
        "pure-changing-what-an-uncached-factory-returns",
        """\
        class Box:
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)


        def make_box():
            return Box()


        def filled(x):
            box = make_box()
            box.add(x)
            box.items.append(x)
            return box
        """,
        "filled",
        "pure",
    ),
    # orjson's encoder and decoder, as json's; a version string parsed and compared (`packaging.version`)
    case(
        "pure-orjson-and-packaging-versions",
        """\
        import orjson
        from packaging.version import Version, parse

        def roundtrip(data, required):
            text = orjson.dumps(data)
            ok = Version(orjson.loads(text)["version"]) >= parse(required)
            return text, ok
        """,
        "roundtrip",
        "pure",
    ),
    # A library base's `__init__` whose construction the tables hold pure (`io.StringIO`, `queue.Queue`,
    # `types.SimpleNamespace`, `html.parser.HTMLParser`): the subclass's `__init__` builds its object
    case("pure-init-running-a-pure-library-base-s-init-buffer", _PURE_LIBRARY_BASES, "Buffer.__init__", "pure"),
    case("pure-init-running-a-pure-library-base-s-init-jobs", _PURE_LIBRARY_BASES, "Jobs.__init__", "pure"),
    case("pure-init-running-a-pure-library-base-s-init-options", _PURE_LIBRARY_BASES, "Options.__init__", "pure"),
    case("pure-init-running-a-pure-library-base-s-init-links", _PURE_LIBRARY_BASES, "Links.__init__", "pure"),
    # numpy's matrix constructors build a new matrix (dicompyler's `GetPatientToPixelLUT`)
    case(
        "pure-numpy-matrix-built-from-a-parameter",
        """\
        import numpy as np

        def lut(orientation, di, dj):
            m = np.matrix([[orientation[0] * di, orientation[3] * dj], [0, 1]])
            b = np.bmat([[m, m]])
            m[0, 0] = 1.0
            return m * b
        """,
        "lut",
        "pure",
    ),
    # A static or class method building the object it returns: its class's method is what runs on it
    case(
        "pure-a-method-of-what-a-static-factory-returns",
        """\
        class Box:
            def __init__(self):
                self.items = []

            def grow(self, x):
                self.items.append(x)
                return self

            @staticmethod
            def empty():
                return Box()

            @classmethod
            def fresh(cls):
                return Box()


        def one(x):
            return Box.empty().grow(x)


        def two(x):
            return Box.fresh().grow(x)
        """,
        "one",
        "pure",
    ),
    # A mixin calling a method only the classes deriving from it define (pysolfc's `*_StackMethods`, wxglade's
    # `StylesMixin`): each most derived class's, through an intermediate class too
    case(
        "pure-a-mixin-calling-what-every-class-deriving-from-it-defines",
        """\
        class SizeMixin:
            def area(self):
                return self.width() * self.height()


        class Shape(SizeMixin):
            pass


        class Box(Shape):
            def width(self):
                return 2

            def height(self):
                return 3


        class Tile(SizeMixin):
            def width(self):
                return 1

            def height(self):
                return 1
        """,
        "SizeMixin.area",
        "pure",
    ),
    # Calling the object a project class builds runs its `__call__` (Orange's `HasClass()(data)`), through a local
    # too, or a project base's
    case("pure-calling-an-object-built-in-place-runs-its-call", _CALLABLE_OBJECTS, "kept", "pure"),
    case("pure-calling-an-object-built-earlier-runs-its-call", _CALLABLE_OBJECTS, "kept_later", "pure"),
    case("pure-calling-an-object-runs-a-project-base-s-call", _CALLABLE_OBJECTS, "kept_by_a_subclass", "pure"),
    # A weak reference the class stores (frescobaldi's `self._view = weakref.ref(view)`): calling it hands back the
    # object, or None
    case(
        "pure-calling-a-weak-reference-the-class-stores",
        """\
        import weakref

        class Matcher:
            def __init__(self, view):
                self._view = weakref.ref(view)

            def view(self):
                return self._view()
        """,
        "Matcher.view",
        "pure",
    ),
    case(
        "pure-calling-a-weak-reference-imported-by-its-name",
        """\
        from weakref import ref

        class Matcher:
            def __init__(self, editor):
                self._editor = ref(editor)

            def editor(self):
                return self._editor()
        """,
        "Matcher.editor",
        "pure",
    ),
    # An override of a property running its base's getter (`Base.pos.fget(self)`, psychopy's stimuli): that getter
    case(
        "pure-a-property-override-runs-its-base-getter",
        TEMP_WITH_A_SETTER
        + """

        class Warm(Temp):
            @property
            def celsius(self):
                return Temp.celsius.fget(self) + 1
        """,
        "Warm.celsius",
        "pure",
    ),
    # A getter that caches on self changes the object: reading it in `__init__`/`__post_init__` is part of
    # building it (pure); in any other method it changes the caller's self (`calls-impure-a-method-reading-…`).
    case(
        "pure-init-reads-a-property-whose-getter-caches-on-self",
        """\
        class Shape:
            def __init__(self, w):
                self.w = w
                self._area = None
                self.label = f"{self.area} m2"

            @property
            def area(self):
                if self._area is None:
                    self._area = self.w * self.w
                return self._area
        """,
        "Shape.__init__",
        "pure",
    ),
    case(
        "pure-post-init-reads-a-property-whose-getter-caches-on-self",
        """\
        from dataclasses import dataclass

        @dataclass
        class Shape:
            w: int

            def __post_init__(self):
                self._area = None
                self.label = f"{self.area} m2"

            @property
            def area(self):
                if self._area is None:
                    self._area = self.w * self.w
                return self._area
        """,
        "Shape.__post_init__",
        "pure",
    ),
    case(
        "pure-beside-a-module-level-class-with-an-impure-decorator",
        """\
        REGISTRY = []

        def register(cls):
            REGISTRY.append(cls)
            return cls

        @register
        class Plugin:
            pass

        def double(x):
            return 2 * x
        """,
        "double",
        "pure",
    ),
    case(
        "pure-a-fresh-object-whose-method-reads-a-caching-property",
        """\
        class Shape:
            def __init__(self, w):
                self.w = w
                self._area = None

            @property
            def area(self):
                if self._area is None:
                    self._area = self.w * self.w
                return self._area

            def describe(self):
                return f"{self.area} m2"

        def label(w):
            return Shape(w).describe()
        """,
        "label",
        "pure",
    ),
    case(
        "pure-init-of-a-nested-class-reads-a-property-whose-getter-caches-on-self",
        """\
        class Outer:
            class Shape:
                def __init__(self, w):
                    self.w = w
                    self._area = None
                    self.label = f"{self.area} m2"

                @property
                def area(self):
                    if self._area is None:
                        self._area = self.w * self.w
                    return self._area
        """,
        "Outer.Shape.__init__",
        "pure",
    ),
    case(
        "pure-sorting-by-an-own-method",
        """\
        class Deck:
            def __init__(self, cards):
                self.cards = list(cards)

            def rank_key(self, card):
                return card[0]

            def ordered(self):
                return sorted(self.cards, key=self.rank_key)
        """,
        "Deck.ordered",
        "pure",
    ),
    case(
        "pure-building-a-dict-subclass",
        """\
        class Table(dict):
            pass

        def table():
            return Table()
        """,
        "table",
        "pure",
    ),
    case(
        "pure-a-fresh-object-whose-method-sets-a-property",
        TEMP_WITH_A_SETTER
        + """\

            def reset(self):
                self.celsius = 0

        def make():
            t = Temp(1)
            t.reset()
            return t
        """,
        "make",
        "pure",
    ),
    case(
        "pure-fresh-arguments-to-a-function-taking-more-through-star-args",
        """\
        def collect(xs, *more):
            xs.append(len(more))
            return xs

        def use():
            return collect([1], [2])
        """,
        "use",
        "pure",
    ),
    # Methods a class inherits from a builtin container: reading ones are pure, changing ones change self.
    case(
        "pure-a-dict-subclass-reading-its-keys",
        """\
        class Table(dict):
            def names(self):
                return sorted(self.keys())
        """,
        "Table.names",
        "pure",
    ),
    case(
        "pure-a-list-subclass-copying-itself",
        """\
        class Stack(list):
            def snapshot(self):
                return self.copy()
        """,
        "Stack.snapshot",
        "pure",
    ),
    case(
        "pure-a-dict-subclass-filling-itself-in-init",
        """\
        class Conf(dict):
            def __init__(self, **kw):
                super().__init__()
                self.update(kw)
        """,
        "Conf.__init__",
        "pure",
    ),
    case(
        "pure-filling-a-fresh-dict-subclass",
        """\
        class Table(dict):
            def put(self, k, v):
                self.update({k: v})

        def make():
            t = Table()
            t.put("a", 1)
            return t
        """,
        "make",
        "pure",
    ),
    case(
        "pure-a-fresh-object-whose-method-calls-a-self-changing-method",
        """\
        class Counter:
            def reset(self):
                self.n = 0

            def clear(self):
                self.reset()

        def make():
            c = Counter()
            c.clear()
            return c
        """,
        "make",
        "pure",
    ),
    case(
        "pure-an-own-method-filling-a-fresh-list",
        """\
        class Report:
            def fill(self, out):
                out.append("header")

            def lines(self):
                out = []
                self.fill(out)
                return out
        """,
        "Report.lines",
        "pure",
    ),
    case(
        "pure-new-calling-object-new",
        """\
        class Point:
            def __new__(cls, *args):
                return super().__new__(cls)
        """,
        "Point.__new__",
        "pure",
    ),
    case(
        "pure-building-an-object-that-fills-a-fresh-held-object",
        """\
        class Holder:
            def __init__(self, items):
                self.items = items

            def add(self, x):
                self.items.append(x)

        class Own:
            def __init__(self):
                self.h = Holder([])
                self.h.add(1)

        def own():
            return Own()
        """,
        "own",
        "pure",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): `Project.binds` through chains of star imports.
    case(
        "pure-a-name-star-imported-through-a-package-that-star-imports-it",
        {
            "pkg/__init__.py": "from .util import *\n",
            "pkg/util.py": "def double(x):\n    return x * 2\n",
            "app.py": """\
            from pkg import *

            def quad(x):
                return double(double(x))
            """,
        },
        "quad",
        "pure",
        path="app.py",
    ),
    case(
        "pure-a-name-bound-beyond-a-cycle-of-star-imports",
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from .b import *\n",
            "pkg/b.py": "from .a import *\nfrom .c import *\n",
            "pkg/c.py": "def helper(x):\n    return x + 1\n",
            "pkg/d.py": """\
            from .a import *

            def run(x):
                return helper(x)
            """,
        },
        "run",
        "pure",
        path="pkg/d.py",
    ),
    case(
        "pure-a-submodule-imported-from-a-package-that-star-imports-a-sibling",
        {
            **_SUBMODULE_AND_ITS_USER,
            "pkg/__init__.py": "from .other import *\n",
            "pkg/other.py": "LIMIT = 10\n",
        },
        "safe",
        "pure",
        path="app.py",
    ),
    case(
        "pure-a-submodule-imported-from-a-package-that-star-imports-a-library",
        {
            **_SUBMODULE_AND_ITS_USER,
            "pkg/__init__.py": "from os.path import *\n",
        },
        "safe",
        "pure",
        path="app.py",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): `Project.mro` goes on past a class it has already met (a
    # diamond) and stops at a class that names itself as its base.
    case(
        "pure-a-method-found-past-a-diamond",
        """\
        class Root:
            pass

        class Left(Root):
            pass

        class Mixin:
            def helper(self, x):
                return x + 1

        class Right(Root, Mixin):
            pass

        class Both(Left, Right):
            def run(self, x):
                return self.helper(x)
        """,
        "Both.run",
        "pure",
    ),
    case(
        "pure-a-class-extending-the-class-of-the-same-name",
        """\
        try:
            from fastlib import Vector
        except ImportError:
            class Vector:
                def norm(self):
                    return 0

        class Vector(Vector):
            def double(self, x):
                return x * 2

            def run(self, x):
                return self.double(x)
        """,
        "Vector.run",
        "pure",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): reading a property runs its getter, not its deleter
    # (`Project.getters`); `super().__init__()` of a project base without one runs `object.__init__`
    # (`Project.external_bases` lists only what is not a project class).
    case(
        "pure-reading-a-property-whose-deleter-prints",
        """\
        class Box:
            def __init__(self, size):
                self._size = size

            @property
            def size(self):
                return self._size

            @size.deleter
            def size(self):
                print("gone")

            def area(self):
                return self.size * self.size
        """,
        "Box.area",
        "pure",
    ),
    case(
        "pure-super-init-of-a-project-base-without-one",
        """\
        class Base:
            def describe(self):
                return "base"

        class Child(Base):
            def __init__(self, x):
                super().__init__()
                self.x = x
        """,
        "Child.__init__",
        "pure",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): `Project._resolve` prefers the bindings that run to those a
    # type checker alone sees, and a package's own star import resolves from the package.
    case(
        "pure-a-name-bound-for-type-checkers-and-at-run-time",
        """\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from mylib.types import Converter
        else:
            Converter = int

        def convert(x):
            return Converter(x)
        """,
        "convert",
        "pure",
    ),
    case(
        "pure-a-function-of-a-package-using-its-own-star-import",
        {
            "pkg/__init__.py": """\
            from .util import *

            def quad(x):
                return double(double(x))
            """,
            "pkg/util.py": "def double(x):\n    return x * 2\n",
        },
        "quad",
        "pure",
        path="pkg/__init__.py",
    ),
    # A method the tables know to be pure leaves a module-level library object as it was
    # (`Solver._pure_library_method`): its readers stay pure. The impure neighbours are in test_global_read.py.
    case(
        "pure-a-pure-method-of-a-module-level-struct",
        """\
        import struct

        FMT = struct.Struct("<I")

        def pack(n):
            return FMT.pack(n)
        """,
        "pack",
        "pure",
    ),
    case(
        "pure-a-pure-method-of-a-module-level-template",
        """\
        import string

        GREETING = string.Template("Hello $name")

        def greet(name):
            return GREETING.substitute(name=name)
        """,
        "greet",
        "pure",
    ),
    case(
        "pure-a-method-of-the-second-base-after-the-first-bases-own-base",
        """\
        class Root:
            pass

        class First(Root):
            pass

        class Second:
            def helper(self, x):
                return x + 1

        class Both(First, Second):
            def run(self, x):
                return self.helper(x)
        """,
        "Both.run",
        "pure",
    ),
    # A class as a decorator: building it (`__init__`) and its `__call__` are judged, as a decorator function and
    # its wrapper are. The impure neighbours are in test_calls_impure.py and test_unknown.py.
    case(
        "pure-a-method-decorated-with-a-project-descriptor-class",
        """\
        class setter:
            def __init__(self, method):
                self.method = method
                self.attr_name = "_setter__" + method.__name__

            def __get__(self, instance, owner):
                return getattr(instance, self.attr_name)

            def __set__(self, instance, value):
                setattr(instance, self.attr_name, self.method(instance, value))

        class Doc:
            @setter
            def doc_format(self, fmt):
                return fmt.upper()
        """,
        "Doc.doc_format",
        "pure",
    ),
    # The neighbours of the process-wide settings of pure modules (test_global_read.py, test_global_write.py,
    # test_io.py, test_nondeterministic.py): a local decimal context, decimal arithmetic, calendar and codecs
    # functions, a `NormalDist`'s density, `contextlib.suppress` stay pure.
    case(
        "pure-decimal-localcontext-and-arithmetic",
        """\
        import decimal
        from decimal import Decimal

        def rounded(a, b):
            with decimal.localcontext() as ctx:
                ctx.prec = 5
                return Decimal(a) / Decimal(b)
        """,
        "rounded",
        "pure",
    ),
    case(
        "pure-calendar-codecs-statistics-contextlib-functions",
        """\
        import calendar
        import codecs
        import contextlib
        import statistics

        def facts(y, m, s, x):
            with contextlib.suppress(ValueError):
                return calendar.monthrange(y, m), codecs.encode(s, "rot13"), statistics.NormalDist(0, 1).pdf(x)
        """,
        "facts",
        "pure",
    ),
    # ... while their string functions and constants stay pure (the io neighbours are in test_io.py).
    case(
        "pure-posixpath-and-ntpath-string-functions",
        """\
        import ntpath
        import posixpath

        def to_windows(path):
            head, tail = posixpath.split(posixpath.normpath(path))
            return ntpath.join(*head.split(posixpath.sep), tail)
        """,
        "to_windows",
        "pure",
    ),
    case(
        "pure-operator-or-calendar-month-base64-b64encode",
        """\
        import base64
        import calendar
        import operator

        def facts(s, t, y, m, data):
            return operator.or_(s, t), calendar.month(y, m), base64.b64encode(data)
        """,
        "facts",
        "pure",
    ),
    # Library functions that change an argument in place (`rules.CHANGES_ARGUMENT`): pure when what they change
    # is built in the function (the parameter rows are in test_arg_mutation, self's in test_self_mutation)
    case(
        "pure-heappush-on-a-local-heap",
        """\
        import heapq

        def smallest(xs, n):
            heap = []
            for x in xs:
                heapq.heappush(heap, x)
            return [heapq.heappop(heap) for _ in range(min(n, len(heap)))]
        """,
        "smallest",
        "pure",
    ),
    case(
        "pure-from-heapq-heapify-a-copy",
        """\
        from heapq import heapify, heappop

        def first(xs):
            heap = list(xs)
            heapify(heap)
            return heappop(heap)
        """,
        "first",
        "pure",
    ),
    case(
        "pure-bisect-insort-on-a-copy",
        """\
        import bisect

        def with_item(items, x):
            out = sorted(items)
            bisect.insort(out, x)
            return out
        """,
        "with_item",
        "pure",
    ),
    case(
        "pure-elementtree-built-here",
        """\
        import xml.etree.ElementTree as ET

        def to_xml(name, items):
            root = ET.Element("list", name=name)
            for item in items:
                ET.SubElement(root, "item").text = str(item)
            ET.indent(root)
            return ET.tostring(root, encoding="unicode")
        """,
        "to_xml",
        "pure",
    ),
    case(
        "pure-lxml-tree-built-here",
        """\
        from lxml import etree

        def to_xml(items):
            root = etree.Element("list")
            for item in items:
                etree.SubElement(root, "item").text = item
            return etree.tostring(root)
        """,
        "to_xml",
        "pure",
    ),
    case(
        "pure-pack-into-a-local-buffer",
        """\
        import struct

        def header(size):
            buf = bytearray(8)
            struct.pack_into("<II", buf, 0, 0xCAFE, size)
            return bytes(buf)
        """,
        "header",
        "pure",
    ),
    case(
        "pure-ast-locations-on-fresh-nodes",
        """\
        import ast

        def renamed(node, name):
            return ast.copy_location(ast.Name(name, ast.Load()), node)

        def parsed(src):
            tree = ast.parse(src)
            ast.fix_missing_locations(tree)
            return tree
        """,
        "renamed",
        "pure",
    ),
    case(
        "pure-caller-hands-a-fresh-list-to-a-heap-pusher",
        """\
        import heapq

        def push(heap, x):
            heapq.heappush(heap, x)

        def build(xs):
            heap = []
            for x in xs:
                push(heap, x)
            return heap
        """,
        "build",
        "pure",
    ),
    # the neighbours of the rows above in test_arg_mutation: nothing the caller gave is changed
    case(
        "pure-walk-of-a-tree-parsed-here",
        """\
        import ast

        def normalised(src):
            tree = ast.parse(src)
            for node in ast.walk(tree):
                node.lineno = 1
            return tree
        """,
        "normalised",
        "pure",
    ),
    case(
        "pure-itertools-chain-only-read",
        """\
        import itertools

        def doubled(a, b):
            return [x * 2 for x in itertools.chain(a, b)]
        """,
        "doubled",
        "pure",
    ),
    case(
        "pure-deepcopy-then-change-the-copy",
        """\
        import copy

        def with_b(config):
            d = copy.deepcopy(config)
            d["a"]["b"] = 1
            return d
        """,
        "with_b",
        "pure",
    ),
    case(
        "pure-cast-of-a-list-built-here",
        """\
        from typing import cast

        def items(n):
            out = cast(list, [])
            out.append(n)
            return out
        """,
        "items",
        "pure",
    ),
    # a class whose base is a namedtuple built in the class statement is a tuple with named fields
    case(
        "pure-namedtuple-base-new-through-super",
        """\
        from collections import namedtuple

        class Version(namedtuple("VersionBase", "major minor")):
            def __new__(cls, major, minor=0):
                return super().__new__(cls, int(major), int(minor))
        """,
        "Version.__new__",
        "pure",
    ),
    case(
        "pure-namedtuple-base-built-and-compared",
        """\
        import collections

        class Version(collections.namedtuple("VersionBase", "major minor")):
            def bump(self):
                return self._replace(minor=self.minor + 1)

            def __lt__(self, other):
                if not isinstance(other, Version):
                    other = Version(*other)
                return tuple(self) < tuple(other)

            def __hash__(self):
                return super().__hash__()
        """,
        "Version.__lt__",
        "pure",
    ),
    case(
        "pure-namedtuple-base-hash-through-super",
        """\
        from collections import namedtuple

        class Version(namedtuple("VersionBase", "major minor")):
            def __hash__(self):
                return super().__hash__()
        """,
        "Version.__hash__",
        "pure",
    ),
    case(
        "pure-typing-namedtuple-functional-base",
        """\
        import typing

        class Point(typing.NamedTuple("Point", [("x", int), ("y", int)])):
            def moved(self, dx):
                return self._replace(x=self.x + dx)
        """,
        "Point.moved",
        "pure",
    ),
    case(
        "pure-abc-isinstance-check-is-only-a-read",
        """\
        import collections.abc

        def is_seq(x):
            return isinstance(x, collections.abc.Sequence) and not isinstance(x, str)
        """,
        "is_seq",
        "pure",
    ),
    case(
        "pure-wraps-on-a-nested-function",
        """\
        import functools

        def logged(fn):
            @functools.wraps(fn)
            def inner(*args):
                return fn(*args)

            return inner
        """,
        "logged",
        "pure",
    ),
    case(
        "pure-closing-what-the-with-statement-builds",
        """\
        import contextlib

        class Buffer:
            def __init__(self, text):
                self.text = text

            def close(self):
                self.text = ""

        def lines(text):
            with contextlib.closing(Buffer(text)) as b:
                return b.text.splitlines()
        """,
        "lines",
        "pure",
    ),
    case(
        "pure-contextlib-suppress-returns-inside",
        """\
        import contextlib

        def first(d, key):
            with contextlib.suppress(KeyError):
                return d[key]
            return None
        """,
        "first",
        "pure",
    ),
    case(
        "pure-json-dumps-with-pure-hooks",
        """\
        import json

        def encode(o):
            return sorted(o) if isinstance(o, set) else str(o)

        def dump(x):
            return json.dumps(x, default=encode, sort_keys=True) + json.dumps(x, default=str)
        """,
        "dump",
        "pure",
    ),
    case(
        "pure-json-dumps-with-the-library-encoder",
        """\
        import json

        def dump(x):
            return json.dumps(x, cls=json.JSONEncoder)
        """,
        "dump",
        "pure",
    ),
    case(
        "pure-struct-pack-into-a-local-through-a-struct",
        """\
        import struct

        def header(n):
            buf = bytearray(4)
            s = struct.Struct("<I")
            s.pack_into(buf, 0, n)
            return bytes(buf)
        """,
        "header",
        "pure",
    ),
    case(
        "pure-dunder-reads-as-their-builtins",
        """\
        import datetime

        def converter(obj):
            if isinstance(obj, datetime.datetime):
                return obj.__str__()
            return obj.__repr__() if obj.__len__() else obj.__format__("")
        """,
        "converter",
        "pure",
    ),
    case(
        "pure-dict-get-and-str-join-by-their-arguments",
        """\
        def describe(options, names):
            width = options.get("width", 80)
            return ", ".join(names)[:width] + options.get("suffix")
        """,
        "describe",
        "pure",
    ),
    case(
        "pure-str-and-date-replace",
        """\
        def tidy(text, when):
            return text.replace("\\t", " ").replace("  ", " ", 1), when.replace(hour=0), when.replace(2020, month=1)
        """,
        "tidy",
        "pure",
    ),
    case(
        "pure-method-of-a-project-object-held-by-self",
        """\
        class Model:
            def __init__(self):
                self.items = [1, 2]

            def total(self):
                return sum(self.items)

        class Controller:
            def __init__(self):
                self.model = Model()

            def summary(self):
                return self.model.total()

            def reset(self):
                self.model = Model()
        """,
        "Controller.summary",
        "pure",
    ),
    case(
        "pure-inherited-read-of-a-dict-subclass-held-by-self",
        """\
        import collections

        class Store(collections.defaultdict):
            pass

        class Grid:
            def __init__(self):
                self.cells = Store()

            def keys(self):
                return list(self.cells.keys())
        """,
        "Grid.keys",
        "pure",
    ),
    case(
        "pure-read-only-method-of-a-pattern-held-by-self",
        """\
        import re

        class Finder:
            def __init__(self):
                self._words = re.compile(r"\\w+")

            def words(self, text):
                return self._words.findall(text)
        """,
        "Finder.words",
        "pure",
    ),
    case(
        "pure-chainmap-built-here-and-only-read",
        """\
        import collections

        def lookup(defaults, key):
            layered = collections.ChainMap({}, defaults)
            layered["seen"] = True
            return layered.get(key)
        """,
        "lookup",
        "pure",
    ),
    case(
        "pure-re-sub-with-a-pure-function-a-string-or-a-lambda",
        """\
        import re

        SPACE = " "
        WORD = re.compile(r"\\w+")

        def title(m):
            return m.group(0).title()

        def tidy(text):
            text = re.sub(r"\\s+", SPACE, text)
            text = WORD.sub(title, text)
            return re.sub("-", lambda m: "_", text)
        """,
        "tidy",
        "pure",
    ),
    # A library's exception class, by its name (`rules.constructs_exception`): building one only stores its arguments.
    case(
        "pure-raises-a-library-exception",
        """\
        import argparse

        def positive(text):
            n = int(text)
            if n <= 0:
                raise argparse.ArgumentTypeError("must be positive")
            return n
        """,
        "positive",
        "pure",
    ),
    case(
        "pure-builds-an-exception-of-an-impure-module",
        """\
        import subprocess

        def failed(cmd, code):
            return subprocess.CalledProcessError(code, cmd)
        """,
        "failed",
        "pure",
    ),
    case(
        "pure-init-of-a-third-party-exception-subclass",
        """\
        import yaml

        class Oops(yaml.YAMLError):
            def __init__(self, where):
                super().__init__(f"at {where}")
                self.where = where
        """,
        "Oops.__init__",
        "pure",
    ),
    case(
        "pure-init-of-a-library-exception-called-by-its-class",
        """\
        import yaml

        class Oops(yaml.YAMLError):
            def __init__(self, where):
                yaml.YAMLError.__init__(self, f"at {where}")
                self.where = where
        """,
        "Oops.__init__",
        "pure",
    ),
    case(
        "pure-init-of-an-abc-subclass",
        """\
        import abc

        class Shape(abc.ABC):
            def __init__(self, sides):
                super().__init__()
                self.sides = sides
        """,
        "Shape.__init__",
        "pure",
    ),
    case(
        "pure-init-of-a-logging-formatter",
        """\
        import logging

        class Short(logging.Formatter):
            def __init__(self):
                super().__init__("%(levelname)s %(message)s")
        """,
        "Short.__init__",
        "pure",
    ),
    # argparse: building a parser is pure; parsing reads sys.argv, and prints and exits on `--help` (test_io.py)
    case(
        "pure-builds-an-argument-parser",
        """\
        import argparse

        def build_parser():
            parser = argparse.ArgumentParser(prog="calc")
            parser.add_argument("--digits", type=int, default=2)
            parser.add_argument_group("display")
            parser.set_defaults(mode="std")
            return parser
        """,
        "build_parser",
        "pure",
    ),
    # A parameter annotated with a project class: its methods are that class's (`solve._parameter_method`).
    *[
        case(
            f"pure-method-of-a-parameter-annotated-{slug}",
            "        from __future__ import annotations\n"
            "        from typing import Optional\n\n" + ANNOTATED_ITEM + f"        def cost(item: {annotation}, n):\n"
            "            return item.total(n)\n",
            "cost",
            "pure",
        )
        for slug, annotation in [
            ("with-its-class", "Item"),
            ("in-quotes", '"Item"'),
            ("optional", "Optional[Item]"),
            ("or-none", "Item | None"),
        ]
    ],
    case(
        "pure-method-of-a-parameter-annotated-union-with-none",
        """\
        from typing import Union

        class Item:
            def total(self, n):
                return n * 2

        def cost(item: Union[Item, None], n):
            return item.total(n) if item else 0
        """,
        "cost",
        "pure",
    ),
    case(
        "pure-read-only-method-of-a-parameter-annotated-with-a-library-class",
        """\
        from collections import OrderedDict

        def setting(conf: OrderedDict, key):
            return conf.get(key, "")
        """,
        "setting",
        "pure",
    ),
    case(
        "pure-method-of-a-parameter-annotated-with-a-class-of-another-module",
        {
            "shop/__init__.py": "",
            "shop/item.py": """\
            class Item:
                def __init__(self, price):
                    self.price = price

                def total(self, n):
                    return self.price * n
            """,
            "shop/cart.py": """\
            from shop import item as items

            def cost(it: items.Item, n):
                return it.total(n)
            """,
        },
        "cost",
        "pure",
        path="shop/cart.py",
    ),
    # ... the standard library (also what a release removed), the project and the tables' libraries are known
    case(
        "pure-imports-the-standard-library-in-the-function",
        """\
        def words(s):
            import re
            from collections import Counter

            try:
                import binhex  # removed in 3.11: an ImportError now, a module of the standard library all the same
            except ImportError:
                binhex = None
            return Counter(re.findall(r"\\w+", s)), binhex is None
        """,
        "words",
        "pure",
    ),
    case(
        "pure-imports-a-library-the-tables-know-in-the-function",
        """\
        def average(xs):
            import numpy as np

            return float(np.mean(xs))
        """,
        "average",
        "pure",
    ),
    case(
        "pure-imports-the-project-in-the-function",
        {
            "pkg/__init__.py": "",
            "pkg/helpers.py": "def double(x):\n    return x * 2\n",
            "pkg/calc.py": """\
            def quadruple(x):
                from pkg.helpers import double
                from . import helpers

                return double(helpers.double(x))
            """,
        },
        "quadruple",
        "pure",
        path="pkg/calc.py",
    ),
    # ... and a new object it returns is the caller's to change
    case(
        "pure-changes-the-new-list-its-method-returns",
        """\
        class Report:
            def __init__(self, rows):
                self.rows = rows

            def header(self):
                return ["name", "total"]

            def table(self):
                out = self.header()
                out.append("share")
                return out
        """,
        "Report.table",
        "pure",
    ),
    case(
        "pure-changes-the-new-container-a-function-returns-not-its-elements",
        """\
        def copied(xs):
            return list(xs)

        def with_total(items):
            rows = copied(items)
            rows[0] = sum(items)
            return rows
        """,
        "with_total",
        "pure",
    ),
    case(
        "pure-changes-what-its-own-method-returns-while-building-self",
        """\
        class Board:
            def __init__(self):
                self._rows = []
                self.rows().append([0, 0])

            def rows(self):
                return self._rows
        """,
        "Board.__init__",
        "pure",
    ),
    case(
        "pure-changes-the-copy-its-method-returns-not-its-elements",
        """\
        class Board:
            def __init__(self):
                self._cells = []

            def snapshot(self):
                return list(self._cells)

            def padded(self):
                cells = self.snapshot()
                cells[0] = None
                return cells
        """,
        "Board.padded",
        "pure",
    ),
    case(
        "pure-a-part-of-a-returned-record-of-constants-is-not-module-state",
        """\
        from typing import NamedTuple

        class Decoded(NamedTuple):
            hrp: str | None
            data: list | None

        INVALID = Decoded(None, None)

        def decode(text):
            if "1" not in text:
                return INVALID
            hrp, _, rest = text.partition("1")
            return Decoded(hrp, [ord(c) for c in rest])

        def flipped(text):
            _, data = decode(text)
            data[-1] ^= 1
            return data
        """,
        "decode",
        "pure",
    ),
    case(
        "pure-positions-of-a-regex-match-it-was-given",
        """\
        import re

        def bounds(m, name_match, mo2):
            return m.start(), m.end(1), name_match.span(), mo2.start()

        def spans(text):
            return [m.span() for m in re.finditer("a", text)]
        """,
        "bounds",
        "pure",
    ),
    # ... and of a name bound to what a pattern's `match`/`search`/`fullmatch` returns, or to each of `finditer`'s,
    # whatever the name (RIDE's `res = self._escaped.search(string)`); the neighbours: test_unknown.py
    case(
        "pure-positions-of-a-regex-match-known-by-its-binding",
        """\
        import re

        PAT = re.compile(r"[0-9]+")

        class Escape:
            _escaped = re.compile(r"(\\\\+)")

            def __init__(self, string):
                res = self._escaped.search(string)
                self.before = string[: res.start()]  # <-

        def cut(s):
            res = PAT.search(s)
            return s[res.start() : res.end()]

        def starts(s):
            return [r.start() for r in PAT.finditer(s)]
        """,
        "Escape.__init__",
        "pure",
    ),
    case(
        "pure-positions-of-a-global-pattern-search",
        "import re\nPAT = re.compile('a')\n\ndef cut(s):\n    res = PAT.search(s)\n    return res.start()\n",
        "cut",
        "pure",
    ),
    case(
        "pure-positions-of-each-finditer-match",
        "import re\nPAT = re.compile('a')\n\ndef starts(s):\n    for r in PAT.finditer(s):\n        yield r.start()\n",
        "starts",
        "pure",
    ),
    # A project decorator whose wrapper only calls the decorated function back runs that function's own body
    # (puddletag's `@keys_deco`): the decorated function, and what calls it, are judged by that body; the
    # neighbours: test_calls_impure.py
    case(
        "pure-method-decorated-by-a-wrapper-calling-it-back",
        """\
        import functools

        def lowered(func):
            @functools.wraps(func)
            def f(self):
                return [k.lower() for k in func(self)]
            return f

        class Tag:
            def __init__(self):
                self.tags = {}

            @lowered
            def keys(self):
                return list(self.tags)

            def names(self):
                return self.keys()  # <-
        """,
        "Tag.names",
        "pure",
    ),
    case(
        "pure-function-decorated-by-a-factory-whose-wrapper-calls-it-back",
        """\
        def scaled(n):
            def decorate(func):
                def wrapper(x):
                    return func(x) * n
                return wrapper
            return decorate

        @scaled(3)
        def double(x):
            return x * 2  # <-
        """,
        "double",
        "pure",
    ),
    # A module-level or builtin object handed to a parameter the callee only calls back runs as if the caller
    # called it (picard's `_compute_int(operator.add, x, y)`, thonny's `_longest_common_path_prefix(paths,
    # pathlib.PureWindowsPath)`); the impure ones: test_calls_impure.py
    case(
        "pure-named-pure-callables-handed-to-a-callback-only-function",
        """\
        import operator
        import pathlib
        from functools import reduce
        from pathlib import PureWindowsPath

        def helper(x):
            return x + 1

        def apply(op, *args):
            return op(*args)

        def compute(operation, *args):
            return str(reduce(operation, map(int, args)))

        def run(x, y):
            return (
                apply(operator.add, x, y),
                apply(int, x),
                apply(PureWindowsPath, x),
                apply(op=helper),
                apply(pathlib.PurePosixPath, x),
                compute(operator.sub, x, y),  # <-
            )
        """,
        "run",
        "pure",
    ),
    # A callback parameter with a constant default (`key=None`) that the call leaves out, or fills with a constant,
    # hands no callable: the callee calls back nothing there (orange-canvas-core's `unique(iterable, key=None)`).
    # The neighbours (a default that is a function, a starred call, the caller's own parameter): test_calls_impure.py
    case(
        "pure-a-callback-parameter-left-to-its-constant-default",
        """\
        def unique(iterable, key=None):
            seen = set()
            out = []
            for x in iterable:
                k = key(x) if key is not None else x
                if k not in seen:
                    seen.add(k)
                    out.append(x)
            return out

        def sort_by(xs, key=None, reverse=False):
            return sorted(xs, key=key, reverse=reverse)

        def only(xs, *, pick=None):
            return [pick(x) if pick else x for x in xs]

        class Sorter:
            def by(self, xs, key=None):
                return sorted(xs, key=key)

            def plain(self, xs):
                return self.by(xs)

        def names(items):
            return (
                unique(items),
                unique(items, None),
                sort_by(items, reverse=True),
                only(items),
                only(items, pick=None),
                Sorter().plain(items),  # <-
            )
        """,
        "names",
        "pure",
    ),
    # a parameter called back inside a comprehension is the function's own callback too
    case(
        "pure-a-builtin-handed-to-a-parameter-called-back-in-a-comprehension",
        """\
        def mapped(xs, f):
            return [f(x) for x in xs]

        def lengths(xs):
            return mapped(xs, len)  # <-
        """,
        "lengths",
        "pure",
    ),
    # A class attribute bound to a value shadows a base's method of that name (RIDE's `HeaderFormatter.match =
    # re.compile(…).match` over the abstract `_SingleLineFormatter.match`): the value runs, here a bound regex method
    case(
        "pure-a-class-attribute-shadowing-a-base-s-abstract-method",
        """\
        import re

        class Single:
            def match(self, line):
                raise NotImplementedError

        class Header(Single):
            match = re.compile(r"^(=+)\\s+(.*)$").match

        def titles(text):
            headers = Header()
            return [m.group(2) for m in map(headers.match, text.splitlines()) if m], headers.match(text)  # <-
        """,
        "titles",
        "pure",
    ),
    # A class-body alias of a method is that method (PySolFC's `shallHighlightMatch = Game._shallHighlightMatch_RK`,
    # `__radd__ = __add__`); the impure neighbour, an alias of a printing method: test_calls_impure.py
    case(
        "pure-a-class-body-alias-of-a-pure-method",
        """\
        class Game:
            def _match_rk(self, a, b):
                return a == b + 1

            def match(self, a, b):
                raise NotImplementedError

        class Golf(Game):
            match = Game._match_rk

        class Num:
            def __init__(self, v):
                self.v = v

            def __add__(self, other):
                return Num(self.v + other)

            __radd__ = __add__

        def check(a, b):
            return Golf().match(a, b), Golf.match(Golf(), a, b), Num(a).__radd__(b)  # <-
        """,
        "check",
        "pure",
    ),
    # A subscripted base is the class subscripted (electrum's `class SplitConfig(dict, Dict[Tuple[bytes, bytes],
    # List[int]])`): typing's container aliases are the builtin containers, `Generic[T]` adds nothing, a project
    # generic base is that class; the changing neighbour: test_self_mutation.py
    case(
        "pure-reads-inherited-through-subscripted-bases",
        """\
        import typing
        from typing import Dict, Generic, List, TypeVar

        T = TypeVar("T")

        class Split(dict, Dict[str, List[int]]):
            def parts(self):
                return sum(len(v) for v in self.values())

        class Rows(typing.List[int]):
            def zeros(self):
                return self.count(0)

        class Lower(list[int]):
            def first_zero(self):
                return self.index(0)

        class Base(Generic[T]):
            def __init__(self, item: T):
                super().__init__()
                self.item = item

            def get(self):
                return self.item

        class Named(Base[str]):
            def upper(self):
                return self.get().upper()

        def report(split, rows, lower, named):
            return split.parts(), rows.zeros(), lower.first_zero(), named.upper()

        def build(x):
            return Split().parts(), Rows().zeros(), Named(x).upper()  # <-
        """,
        "build",
        "pure",
    ),
    # an event's flag is the object's state, read as a field is (DisplayCAL's pattern generator servers)
    case(
        "pure-reading-a-threading-event-the-class-holds",
        """\
        import threading

        class Server:
            def __init__(self):
                self._listening = threading.Event()

            def listening(self):
                return self._listening.is_set()  # <-
        """,
        "Server.listening",
        "pure",
    ),
    case(
        "pure-python-2-s-unicode-dunder-called-on-an-element",
        """\
        class TagPatterns:
            def __init__(self, patterns):
                self._patterns = tuple(patterns)

            def __unicode__(self):
                return " ".join(p.__unicode__() for p in self._patterns)  # <-
        """,
        "TagPatterns.__unicode__",
        "pure",
    ),
    case(
        "pure-a-builtin-with-effects-handed-to-a-parameter-the-callee-does-not-call",
        """\
        def helper():
            return 1

        def apply(keep, fn):
            return [keep, fn()]

        def run():
            return apply(print, helper)  # <-
        """,
        "run",
        "pure",
    ),
    # A name bound again in a branch only Python 2 takes is what the other branch binds (git-cola's `compat.ustr`:
    # `if PY3: ustr = str` / `else: ustr = unicode`), and `ustr.__new__(cls, s)` builds another object, changing no
    # module state; the neighbours (another platform's branch counts, a Python 2 binding alone is unknown):
    # test_calls_impure.py, test_unknown.py
    case(
        "pure-a-name-whose-other-binding-only-python-2-makes",
        {
            "pkg/__init__.py": "",
            "pkg/compat.py": """\
            import sys

            PY3 = sys.version_info[0] >= 3
            if PY3:
                ustr = str
            else:
                ustr = unicode  # noqa: F821
            if sys.version_info >= (3,):
                to_text = str
            else:
                to_text = unicode  # noqa: F821
            """,
            "pkg/core.py": """\
            from .compat import to_text, ustr

            class UStr(ustr):
                def __new__(cls, string, encoding):
                    obj = ustr.__new__(cls, string)
                    obj.encoding = encoding
                    return obj

            def decode(value):
                return UStr(ustr(value), "utf-8"), to_text(value)  # <-
            """,
        },
        "decode",
        "pure",
        path="pkg/core.py",
    ),
    # `time.strptime` parses its argument, as `datetime.datetime.strptime` does (puddletag's `lngtime`); the clock's
    # readers stay nondeterministic (test_nondeterministic.py)
    case(
        "pure-time-strptime",
        "import calendar\nimport time\n\ndef seconds(v):\n    return calendar.timegm(time.strptime(v, '%Y-%m-%d'))\n",
        "seconds",
        "pure",
    ),
    case(
        "pure-reads-csv-text",
        """\
        import csv
        import io

        def parse_rows(text):
            return [row for row in csv.reader(io.StringIO(text)) if row]

        def records(lines):
            return list(csv.DictReader(lines))
        """,
        "parse_rows",
        "pure",
    ),
    # What every object has (`__class__`, `__name__`, `__module__`…) is no member of the toolkit's
    case(
        "pure-a-widget-class-reads-its-own-class-name",
        """\
        import tkinter as tk

        class Panel(tk.Frame):
            def kind(self):
                return self.__class__.__name__.lower()
        """,
        "Panel.kind",
        "pure",
    ),
    case(
        "pure-a-helper-handed-widgets-reads-only-their-class-name",
        """\
        import tkinter as tk

        def describe(obj, **attrs):
            name = obj.__class__.__qualname__
            return "<{} {}>".format(name, sorted(attrs))

        class Panel(tk.Frame):
            def __repr__(self):
                return describe(self, size=3)
        """,
        "describe",
        "pure",
    ),
    *[
        case(
            f"pure-method-of-the-elements-of-a-parameter-annotated-{slug}",
            "        from collections.abc import Sequence\n"
            "        from typing import List\n\n" + ANNOTATED_ITEM + f"        def cost(items: {annotation}, n):\n"
            "            out = 0\n"
            "            for item in items:\n"
            "                out += item.total(n)\n"
            "            return out + sum(i.total(1) for i in items)\n",
            "cost",
            "pure",
        )
        for slug, annotation in [
            ("list", "list[Item]"),
            ("typing-list", "List[Item]"),
            ("sequence-quoted", 'Sequence["Item"]'),
            ("tuple-of-any-length", "tuple[Item, ...]"),
            ("all-quoted", '"list[Item]"'),
        ]
    ],
    # A field the class body declares (`item: Item`, a dataclass's) is typed as an annotated parameter is
    case(
        "pure-method-of-a-dataclass-field-declared-with-its-class",
        "        from dataclasses import dataclass\n\n"
        + ANNOTATED_ITEM
        + """\
        @dataclass
        class Line:
            qty: int
            item: Item

            def cost(self):
                return self.qty * self.item.total(1)
        """,
        "Line.cost",
        "pure",
    ),
    # ... and so is a field every method binds to one annotated parameter of its own (`self.item = item` of `item:
    # Item`, Anki's `SidebarItem.item_type`); the neighbours: test_calls_impure.py and test_unknown.py
    case(
        "pure-method-of-a-field-bound-to-an-annotated-parameter",
        ANNOTATED_ITEM
        + """\
        class Line:
            def __init__(self, qty, item: Item):
                self.qty = qty
                self.item = item

            def cost(self):
                return self.qty * self.item.total(1)  # <-
        """,
        "Line.cost",
        "pure",
    ),
    # `try: import cPickle as pickle` / `except ImportError: import pickle`: no Python 3 has cPickle, so the handler's
    # binding is the one that runs (`platforms.backend_runs_the_handler`), and what its calls return is its type
    case(
        "pure-a-module-only-python-2-had-tried-first-is-not-what-runs",
        """\
        try:
            import cPickle as pickle
        except ImportError:
            import pickle

        try:
            from StringIO import StringIO
        except ImportError:
            from io import StringIO

        def dump(x):
            return pickle.dumps(x), StringIO(x).getvalue()  # <-
        """,
        "dump",
        "pure",
    ),
    case(
        "pure-a-method-of-what-the-python-3-module-builds",
        """\
        try:
            import ConfigParser as configparser
        except ImportError:
            import configparser

        def has(section):
            return configparser.ConfigParser().has_section(section)  # <-
        """,
        "has",
        "pure",
    ),
    # A name an imported module binds on two branches (robot's `if PY2: from .robottypes2 import is_string`
    # / `else: from .robottypes3 import is_string`) runs one of them: pure when each is.
    case(
        "pure-imported-name-bound-by-version-branches-to-two-pure-functions",
        {
            "pkg/__init__.py": "",
            "pkg/types2.py": "def is_text(item):\n    return isinstance(item, basestring)\n",
            "pkg/types3.py": "def is_text(item):\n    return isinstance(item, str)\n",
            "pkg/types.py": """\
            import sys

            if sys.version_info[0] == 2:
                from .types2 import is_text
            else:
                from .types3 import is_text
            """,
            "pkg/norm.py": """\
            from .types import is_text

            def normalize(value):
                empty = "" if is_text(value) else b""  # <-
                return empty.join(value.split()).lower()
            """,
        },
        "normalize",
        "pure",
        path="pkg/norm.py",
    ),
    case(
        "pure-compat-import-with-a-pure-fallback-definition",
        {
            "pkg/__init__.py": "",
            "pkg/fast.py": "def clamp(x, lo, hi):\n    return min(max(x, lo), hi)\n",
            "pkg/compat.py": """\
            try:
                from .fast import clamp
            except ImportError:
                def clamp(x, lo, hi):
                    return lo if x < lo else hi if x > hi else x
            """,
            "pkg/mod.py": """\
            from .compat import clamp

            def level(x):
                return clamp(x, 0, 10)  # <-
            """,
        },
        "level",
        "pure",
        path="pkg/mod.py",
    ),
    case(
        "pure-calling-a-lambda-whose-other-binding-is-the-none-placeholder",
        """\
        try:
            from fastcodec import encode as _native
        except ImportError:
            _native = None

        encode = None
        encode = lambda text: text.encode("utf-8")

        def pack(text):
            return encode(text)  # <-
        """,
        "pack",
        "pure",
    ),
    # New containers: their items are what they were built from, so changing a new list inside one changes nothing
    # of the caller's; a callee changing only the container handed to it leaves the caller pure
    case(
        "pure-copy-rows-by-comprehension-then-set-a-cell",
        """\
        def marked(grid):
            out = [row[:] for row in grid]
            out[0][0] = 1
            return out
        """,
        "marked",
        "pure",
    ),
    case(
        "pure-segments-numbered-by-enumerate",
        """\
        def segments(data_lines, n):
            segment = (0, [])
            for i, (pattern, nums) in enumerate(data_lines):
                if len(nums) > n:
                    segment = (i, [])
                    segment[1].append(nums[n])
            return segment
        """,
        "segments",
        "pure",
    ),
    case(
        "pure-comprehension-pairing-an-enumerate-count-with-a-new-list",
        """\
        def slots(items):
            out = [(i, []) for i, x in enumerate(items)]
            out[0][1].append(1)
            return out
        """,
        "slots",
        "pure",
    ),
    case(
        "pure-a-builder-filling-a-new-dict-of-the-caller-s-values",
        """\
        def fill(data, files):
            data["count"] = len(files)

        def release_data(cluster):
            metadata = cluster.metadata
            data = {"name": metadata["album"]}
            fill(data, cluster.files)
            return data
        """,
        "release_data",
        "pure",
    ),
    case(
        "pure-a-callee-appending-to-a-list-display-by-keyword",
        """\
        def fill(data, files):
            data.append(len(files))

        def caller(meta):
            out = []
            fill(data=[meta], files=out)
            return out
        """,
        "caller",
        "pure",
    ),
    case(
        "pure-a-callee-sorting-a-copy",
        """\
        def order(lst):
            lst.sort()

        def caller(a):
            x = list(a)
            order(x)
            return x
        """,
        "caller",
        "pure",
    ),
    case(
        "pure-a-json-record-with-a-new-dict-under-a-constant-key",
        """\
        def releases(recording):
            release_list = []
            for group in recording["groups"]:
                for release in group["releases"]:
                    node = {}
                    node["id"] = release["id"]
                    node["group"] = {}
                    node["group"]["id"] = group["id"]
                    node["media"] = []
                    node["media"].append({"n": 1})
                    release_list.append(node)
            return release_list
        """,
        "releases",
        "pure",
    ),
    case(
        "pure-a-mock-like-object-given-new-attributes",
        """\
        class Record:
            pass

        def make_api(module, name):
            api = Record()
            api._plugin_module.__name__ = module
            api.manifest.name_i18n.return_value = name
            return api
        """,
        "make_api",
        "pure",
    ),
    case(
        "pure-an-object-holding-a-parameter-given-a-new-attribute-object",
        """\
        class Record:
            pass

        class Plugin:
            def __init__(self, plugin_id):
                self.plugin_id = plugin_id

        def make_plugin(uuid, plugin_id):
            plugin = Plugin(plugin_id)
            plugin.manifest = Record()
            plugin.manifest.uuid = uuid
            return plugin
        """,
        "make_plugin",
        "pure",
    ),
    case(
        "pure-names-collected-then-sorted",
        """\
        def names(items):
            out = []
            for t in items:
                out.append(t.name)
            out.sort()
            return out
        """,
        "names",
        "pure",
    ),
    case(
        "pure-reads-of-a-locally-imported-module",
        """\
        def area(r, data):
            import math
            import json
            table = {"pi": math.pi}
            table["r"] = r
            return json.dumps(table) + str(math.pi * r * r)
        """,
        "area",
        "pure",
    ),
    case(
        "pure-positions-found-in-a-string",
        """\
        def between(s):
            i = s.find("x")
            j = s.index("y")
            return s[i:j]
        """,
        "between",
        "pure",
    ),
    case(
        "pure-a-new-list-of-a-dict-s-keys-extended",
        """\
        def names(d, pattern, s, a, b):
            ks = list(d.keys())
            ks.append("x")
            found = pattern.findall(s)
            found.append("y")
            u = a.union(b)
            u.add(1)
            return ks, found, u
        """,
        "names",
        "pure",
    ),
    case(
        "pure-a-project-find-method-building-a-new-node",
        """\
        class Node:
            def __init__(self, k):
                self.k = k

        class Tree:
            def find(self, k):
                return Node(k)

            def renamed(self, k):
                n = self.find(k)
                n.k = k + 1
                return n
        """,
        "Tree.renamed",
        "pure",
    ),
    case(
        "pure-a-sum-by-reduce-and-a-median",
        """\
        import functools
        import statistics

        def total(nums):
            return functools.reduce(lambda a, b: a + b, nums, 0) + statistics.median_low(nums)
        """,
        "total",
        "pure",
    ),
    case(
        "pure-init-fills-its-own-list-through-a-local",
        """\
        class Bag:
            def __init__(self, things):
                self.items = []
                items = self.items
                for t in things:
                    items.append(t)
        """,
        "Bag.__init__",
        "pure",
    ),
    case(
        "pure-reads-of-the-class-name",
        """\
        class Named:
            def describe(self):
                return type(self).__name__ + self.__class__.__qualname__
        """,
        "Named.describe",
        "pure",
    ),
    case(
        "pure-init-a-local-naming-a-class-container-then-self",
        """\
        class Plugin:
            registry = {}

            def __init__(self, key):
                target = self.registry
                target = self
                target.key = key
        """,
        "Plugin.__init__",
        "pure",
    ),
    # A local holding a function (`g = lambda …`, a nested `def` in each branch, `conv = int if wide else float`,
    # `join = os.path.join`) is called as that function, directly or by a higher-order call, when every binding of
    # it is known (`Statements.check_resolved_calls`; the neighbours are in test_unknown, test_io, test_calls_impure).
    case(
        "pure-calls-local-lambdas-by-name",
        """\
        def length(dF, dp):
            v = lambda d, p: 2.3 * d * p
            g = lambda f: v(f, dp) + 1.0
            return int(g(dF))
        """,
        "length",
        "pure",
    ),
    case(
        "pure-sorts-with-a-local-lambda-as-key",
        """\
        def by_size(xs):
            key = lambda item: -len(item)
            return sorted(xs, key=key)
        """,
        "by_size",
        "pure",
    ),
    case(
        "pure-calls-whichever-pure-nested-function-a-branch-defined",
        """\
        def mapper(inside, radius):
            if inside:
                def rho(y):
                    return radius - y
            else:
                def rho(y):
                    return radius + y
            return lambda y: rho(y) * 2
        """,
        "mapper.<locals>.<lambda>",
        "pure",
    ),
    case(
        "pure-maps-a-local-holding-one-of-two-builtins",
        """\
        def convert(xs, whole):
            conv = int if whole else float
            return list(map(conv, xs))
        """,
        "convert",
        "pure",
    ),
    case(
        "pure-calls-a-local-holding-an-imported-function",
        """\
        import os


        def under(root, name):
            join = os.path.join
            return join(root, name)
        """,
        "under",
        "pure",
    ),
    case(
        "pure-calls-builtins-a-tuple-assignment-bound-to-locals",
        """\
        def strings(xs):
            _isinstance, _str = isinstance, str
            return [x for x in xs if _isinstance(x, _str)]
        """,
        "strings",
        "pure",
    ),
    case(
        "pure-sorts-with-an-itemgetter-a-local-holds",
        """\
        import operator


        def by_second(pairs):
            key = operator.itemgetter(1)
            return sorted(pairs, key=key)
        """,
        "by_second",
        "pure",
    ),
    case(
        "pure-sorts-with-an-itemgetter-written-in-place",
        """\
        import operator


        def by_second(pairs):
            return sorted(pairs, key=operator.itemgetter(1))
        """,
        "by_second",
        "pure",
    ),
    case(
        "pure-maps-a-partial-of-a-pure-function-written-in-place",
        """\
        import functools


        def scale(k, x):
            return k * x


        def doubled(xs):
            return list(map(functools.partial(scale, 2), xs))
        """,
        "doubled",
        "pure",
    ),
    case(
        "pure-re-sub-with-a-computed-replacement-text",
        """\
        import re


        def squash(text, sep):
            return re.sub(r"\\s+", sep + "-", text)
        """,
        "squash",
        "pure",
    ),
    case(
        "pure-maps-an-entry-of-a-table-of-operators",
        """\
        import operator

        OPS = {"+": operator.add, "*": operator.mul}


        def combine(op, xs, ys):
            return list(map(OPS[op], xs, ys))
        """,
        "combine",
        "pure",
    ),
    case(
        "pure-calls-a-lambda-in-place",
        """\
        def twice(x):
            return (lambda: x * 2)()
        """,
        "twice",
        "pure",
    ),
    case(
        "pure-a-nested-function-s-default-reads-the-encloser-s-parameter",
        """\
        def order(items):
            def key(x, table=items):
                return table[x]

            return sorted(items, key=key)
        """,
        "order",
        "pure",
    ),
    case(
        "pure-formats-new-objects-whose-string-methods-are-pure-or-object-s",
        """\
        class Point:
            def __init__(self, x):
                self.x = x

            def __repr__(self):
                return f"Point({self.x})"


        class Plain:
            pass


        def show(x):
            return str(Point(x)) + f"{Point(x)!r} {Plain()}" + repr(Plain()) + format(Point(x))
        """,
        "show",
        "pure",
    ),
    case(
        "pure-an-f-string-s-str-conversion-runs-str-not-repr",
        TAG_WITH_A_LOUD_REPR
        + """\
        def label():
            return f"{Tag()!s}"
        """,
        "label",
        "pure",
    ),
    case(
        "pure-pickling-and-marshalling-data",
        """\
        import marshal
        import pickle


        def pack(state):
            return pickle.dumps(state), marshal.loads(marshal.dumps(state))
        """,
        "pack",
        "pure",
    ),
    case(
        "pure-filters-with-the-match-method-either-branch-compiled",
        """\
        import re


        def matching(pattern, names, case):
            if case:
                match = re.compile(pattern).match
            else:
                match = re.compile(pattern, re.I).match
            return list(filter(match, names))
        """,
        "matching",
        "pure",
    ),
    case(
        "pure-maps-an-itemgetter-through-a-local-alias-of-operator-s",
        """\
        import operator


        def firsts(pairs):
            itemgetter = operator.itemgetter
            return list(map(itemgetter(0), pairs))
        """,
        "firsts",
        "pure",
    ),
    case(
        "pure-re-sub-with-a-replacement-text-a-loop-takes",
        """\
        import re

        RULES = [(re.compile(r"\\s+"), " "), (re.compile(r"-+"), "-")]


        def tidy(s):
            for exp, sub in RULES:
                s = exp.sub(sub, s)
            return s
        """,
        "tidy",
        "pure",
    ),
    case(
        "pure-a-project-function-named-filter-is-not-the-builtin",
        {
            "helpers.py": "def filter(items, pattern):\n    return [i for i in items if pattern in i]\n",
            "app.py": """\
            from helpers import filter


            def pick(pattern):
                return filter(["alpha", "beta"], pattern)
            """,
        },
        "pick",
        "pure",
        path="app.py",
    ),
    case(
        "pure-maps-a-method-of-a-new-project-object-a-local-holds",
        """\
        class Parser:
            def parse(self, s):
                return s.split()


        def parse_all(xs):
            m = Parser().parse
            return list(map(m, xs))
        """,
        "parse_all",
        "pure",
    ),
    case(
        "pure-calls-an-alias-either-branch-bound-before-a-later-rebinding",
        """\
        def size(x, whole):
            if whole:
                act = abs
            else:
                act = len
            r = act(x)
            act = None
            return r
        """,
        "size",
        "pure",
    ),
    # A function a project function defines and returns (a closure over its arguments) is what calling its result
    # calls (`FunctionSummary.returns_functions`, `Solver._returned_call`): puddletag's `sort_func`.
    case(
        "pure-sorts-by-a-key-a-project-factory-returns",
        {
            "keys.py": """\
            def sort_func(key, default):
                def func(song):
                    return song.get(key, default)

                return func
            """,
            "app.py": """\
            from keys import sort_func


            def order(album):
                album = sorted(album, key=sort_func("__filename", ""))
                return sorted(album, key=sort_func("track", "1"))
            """,
        },
        "order",
        "pure",
        path="app.py",
    ),
    case(
        "pure-sorts-by-a-key-a-local-holds-from-a-project-factory",
        """\
        def sort_func(key, default):
            def func(song):
                return song.get(key, default)

            return func


        def order(album):
            key = sort_func("track", "1")
            return sorted(album, key=key)
        """,
        "order",
        "pure",
    ),
    case(
        "pure-calls-what-a-lambda-factory-returns-in-place",
        """\
        def getter(k):
            return lambda x: x[k]


        def first(row):
            return getter(0)(row)
        """,
        "first",
        "pure",
    ),
    case(
        "pure-filters-with-none",
        """\
        def truthy(xs):
            return list(filter(None, xs))
        """,
        "truthy",
        "pure",
    ),
    case(
        "pure-sorts-a-fresh-list-with-a-builtin-key",
        """\
        def by_length(xs):
            ys = list(xs)
            ys.sort(key=len)
            return ys
        """,
        "by_length",
        "pure",
    ),
    case(
        "pure-calls-a-table-entry-before-the-local-is-rebound",
        """\
        import operator

        OPS = {"+": operator.add, "-": operator.sub}


        def calc(op, a, b):
            fn = OPS[op]
            result = fn(a, b)
            fn = print
            return result
        """,
        "calc",
        "pure",
    ),
    # A class's own dispatch table (`OPS = {…}` in the class body) called through self: `ClassSummary.tables`,
    # `Solver._class_table_call`; the neighbours (rebound, changed, overridden, changed from outside) in test_unknown.
    case(
        "pure-calls-an-entry-of-the-class-s-own-table",
        """\
        import operator


        class Calc:
            OPS = {"+": operator.add, "-": operator.sub, "neg": lambda a, b: -a}

            def apply(self, op, a, b):
                return self.OPS[op](a, b)  # <-
        """,
        "Calc.apply",
        "pure",
    ),
    case(
        "pure-calls-an-entry-of-the-class-s-table-through-a-local",
        """\
        import operator


        class Calc:
            OPS = {"+": operator.add, "*": operator.mul}

            def apply(self, op, a, b):
                fn = self.OPS.get(op)
                return fn(a, b)
        """,
        "Calc.apply",
        "pure",
    ),
    # A local holding one of the callables a literal names (`Effects.local_callable`, `loop_callables`,
    # `literal_choice`): a loop over a tuple of functions (Robot Framework's `timestr_to_secs`), a pair of a name and
    # a function, a dict's entry taken by key (its `format_assign_message`), with a `.get` default, a lambda entry, an
    # item of a tuple called in place or handed to `map`. The impure neighbours (an entry printing, a parameter, `**`):
    # test_io.py, test_calls_impure.py, test_unknown.py.
    case(
        "pure-loops-over-a-literal-tuple-of-pure-functions",
        """\
        def _number(s):
            return float(s) if s.isdigit() else None


        def _timer(s):
            return 60.0 if s == "1:00" else None


        def to_secs(s):
            for converter in _number, _timer:
                secs = converter(s)
                if secs is not None:
                    return secs
            raise ValueError(s)
        """,
        "to_secs",
        "pure",
    ),
    case(
        "pure-loops-over-literal-pairs-of-a-name-and-a-pure-function",
        """\
        def apply_all(s):
            out = {}
            for name, fn in (("upper", str.upper), ("size", len), ("stripped", str.strip)):
                out[name] = fn(s)
            return out
        """,
        "apply_all",
        "pure",
    ),
    case(
        "pure-a-comprehension-over-a-literal-list-of-builtins",
        """\
        def stats(xs):
            return [f(xs) for f in [min, max, sum, len]]
        """,
        "stats",
        "pure",
    ),
    case(
        "pure-calls-the-entry-a-literal-dict-gives-a-local",
        """\
        def _seq(v):
            return " | ".join(map(str, v))


        def format_assign(variable, value):
            formatter = {"$": str, "@": _seq, "&": repr}[variable[0]]
            return "%s = %s" % (variable, formatter(value))
        """,
        "format_assign",
        "pure",
    ),
    case(
        "pure-builds-the-class-a-literal-dict-s-get-gives-with-a-default",
        """\
        class Start:
            def __init__(self, args):
                self.args = list(args)


        class End(Start):
            pass


        def by_name(name, args):
            Arguments = {"start": Start, "end": End}.get(name, Start)
            return Arguments(args)
        """,
        "by_name",
        "pure",
    ),
    case(
        "pure-calls-a-lambda-entry-of-a-literal-dict",
        """\
        def decorate(identifier, candidates):
            is_included = {"$": lambda value: True, "@": lambda value: isinstance(value, list)}[identifier]
            return [name for name in candidates if is_included(candidates[name])]
        """,
        "decorate",
        "pure",
    ),
    case(
        "pure-calls-an-item-of-a-literal-tuple-in-place",
        """\
        def _half(x):
            return x / 2


        def pick(x, i):
            return (abs, _half)[i](x)
        """,
        "pick",
        "pure",
    ),
    case(
        "pure-maps-an-entry-of-a-literal-dict",
        """\
        def convert(xs, kind):
            return list(map({"int": int, "text": str}[kind], xs))
        """,
        "convert",
        "pure",
    ),
    # A local holding a method of another local (`seen_add = seen.add`, `append = out.append`: `Scope.bound_methods`)
    # is that method called on it: local work on what the function built (the standard library's quoprimime
    # `body_encode`, Robot Framework's `find_unique`). The neighbours (the list a parameter, either name bound again,
    # a comprehension's own name): test_arg_mutation.py, test_unknown.py.
    case(
        "pure-calls-a-bound-add-of-a-new-set-in-a-comprehension",
        """\
        def unique(xs):
            seen = set()
            seen_add = seen.add
            return [x for x in xs if not (x in seen or seen_add(x))]
        """,
        "unique",
        "pure",
    ),
    case(
        "pure-calls-a-bound-append-of-a-new-list-in-a-loop",
        """\
        def wrap(body, width):
            lines = []
            append = lines.append
            for line in body.splitlines():
                while len(line) > width:
                    append(line[:width] + "=")
                    line = line[width:]
                append(line)
            return "\\n".join(lines)
        """,
        "wrap",
        "pure",
    ),
    # A partial of a module-level function that the class stores (Robot Framework's `Matcher`): calling it is a call
    # of that function (`ClassSummary.callables` "p:", `Solver._stored_callable`), its arguments saying nothing.
    case(
        "pure-calls-a-partial-of-a-pure-function-self-stores",
        _MATCHER,
        "Matcher.match",
        "pure",
    ),
    case(
        "pure-builds-and-calls-a-partial-of-a-pure-function-in-init",
        _MATCHER,
        "Matcher.__init__",
        "pure",
    ),
    # The element ElementTree's fromstring/XML/Element build: its reads, and changes of it in the function that built
    # it (`rules` pure table); the same method of an element self holds, or SubElement's on a parameter's tree, is not
    case(
        "pure-reads-the-element-elementtree-parses",
        """\
        import xml.etree.ElementTree as ET


        def titles(s):
            root = ET.fromstring(s)
            return [root.findtext("title")] + [e.text for e in root.iter("item")]
        """,
        "titles",
        "pure",
    ),
    case(
        "pure-changes-an-element-the-function-built",
        """\
        from xml.etree import ElementTree


        def item(ident):
            e = ElementTree.Element("item")
            e.set("id", ident)
            e.append(ElementTree.Element("child"))
            return ElementTree.tostring(e)
        """,
        "item",
        "pure",
    ),
    case(
        "pure-an-element-subclass-reads-itself",
        """\
        from xml.etree.ElementTree import Element


        class Titled(Element):
            def title(self):
                return self.findtext("title")
        """,
        "Titled.title",
        "pure",
    ),
    case(
        "pure-reads-a-constant-through-a-module-the-function-imports",
        {
            "config.py": "SETTINGS = {}\nLIMIT = 10\n\n\ndef set_opt(k, v):\n    SETTINGS[k] = v\n",
            "app.py": (
                "def limit(n):\n    import config\n    import math\n\n    return min(n, config.LIMIT) * math.pi\n"
            ),
        },
        "limit",
        "pure",
        path="app.py",
    ),
    case(
        # computed once, at import: a constant, whatever it was computed from (not extracted: test_extract.py)
        "pure-reads-a-module-constant-computed-from-sys-argv-at-import",
        """\
        import sys

        PROG = sys.argv[0]


        def prog():
            return PROG
        """,
        "prog",
        "pure",
    ),
    case(
        # a value read from the environment once, at import, is a constant (as PROG above)
        "pure-reads-a-value-os-environ-gave-at-import",
        """\
        import os

        LANG = os.environ.get("LANG", "C")


        def lang(suffix):
            return LANG + suffix
        """,
        "lang",
        "pure",
    ),
    case(
        # the project's own module named like a library's: its constant, not the library's state
        "pure-reads-a-constant-of-a-project-module-named-tempfile-through-an-alias",
        {
            "tempfile.py": "tempdir = '/scratch'\n",
            "app.py": "import tempfile\n\nT = tempfile\n\n\ndef scratch():\n    return T.tempdir\n",
        },
        "scratch",
        "pure",
        path="app.py",
    ),
    case(
        # a string taken from the interpreter's stream at import (pyzo's STDINENC), not the stream itself
        "pure-reads-an-encoding-taken-from-sys-stdin-at-import",
        """\
        import sys

        STDINENC = sys.__stdin__.encoding


        def decode(data):
            return data.decode(STDINENC)
        """,
        "decode",
        "pure",
    ),
    case(
        "pure-reads-a-constant-of-a-module-through-getattr",
        {
            "config.py": "SETTINGS = {}\nLIMIT = 10\n\n\ndef set_opt(k, v):\n    SETTINGS[k] = v\n",
            "app.py": "import sys\nimport config\n\n\ndef limit(o):\n"
            "    return (getattr(config, 'LIMIT', 3), getattr(sys, 'maxsize'), getattr(o, 'name', None))\n",
        },
        "limit",
        "pure",
        path="app.py",
    ),
    case(
        # a name that is not a string: getattr raises TypeError, nothing is read
        "pure-getattr-of-a-module-with-a-number-for-a-name",
        """\
        import sys


        def odd():
            return getattr(sys, 1, None)
        """,
        "odd",
        "pure",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


def test_the_root_package_names_a_flat_archives_modules() -> None:
    # Mutation test (issue 12 item 6, fourth pass): when the root folder is a package, its modules are the root
    # package's (`flat.a` is this project's `a.py`, as the CLI and the service resolve it), not a library's.
    sources = {
        "__init__.py": "",
        "a.py": "def helper(x):\n    return x + 1\n",
        "b.py": "import flat.a\n\n\ndef use(x):\n    return flat.a.helper(x)\n",
    }
    result = analyze_tree(make_tree(sources, root_package="flat")).result
    use = find_function(file_result(result, "b.py"), "use")
    assert use.pure and use.calls == ["a.helper"], use
