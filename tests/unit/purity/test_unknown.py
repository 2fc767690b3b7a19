"""Rows for `unknown`: calls the engine cannot resolve (callbacks, third-party code, computed names) are
impure, never guessed pure."""

from __future__ import annotations

import textwrap

import pytest
from purelift.analysis import EngineConfig

from tests.unit.engine_helpers import verdict
from tests.unit.purity.table import ANNOTATED_ITEM, FIELDS, STORED_CALLABLES, assert_verdict, case

# A calculator class with its own dispatch table, called through self (`Solver._class_table_call`): the rows add what
# may rebind or change the table. Indented as the rows' sources are, so that `case` dedents it with what they add.
_CALC = textwrap.indent(
    "import operator\n\n\n"
    "class Calc:\n"
    '    OPS = {"+": operator.add, "-": operator.sub}\n\n'
    "    def apply(self, op, a, b):\n"
    "        return self.OPS[op](a, b)  # <-\n",
    " " * 8,
)

# A class whose `save` is pure and one whose `save` prints, for the rows of a local built as one, then bound again.
_SAVERS = textwrap.indent(
    "class Saver:\n    def save(self):\n        return 1\n\n\nclass Loud:\n    def save(self):\n        print(1)\n\n\n",
    " " * 8,
)

# A generator function made a context manager, whose object a class enters and exits in two methods (CPython's
# test_importlib `_ImporterMock`): `{imports}` and `@{decorator}` fill it in.
_PUSHED_GUARD = """\
{imports}

STACK = []


@{decorator}
def pushed(x):
    STACK.append(x)
    try:
        yield
    finally:
        STACK.pop()


class Guard:
    def __enter__(self):
        self._cm = pushed(1)
        self._cm.__enter__()

    def __exit__(self, *exc):
        self._cm.__exit__(None, None, None)  # <-
"""

ROWS = [
    case(
        "unknown-calls-an-entry-of-a-table-changed-at-import",
        """\
        import operator

        OPS = {"+": operator.add}
        OPS["p"] = print


        def calc(a, op, b):
            return OPS[op](a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-an-entry-of-a-table-updated-at-import",
        """\
        import operator

        OPS = {"+": operator.add}
        OPS.update(p=print)


        def calc(a, op, b):
            return OPS[op](a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-an-entry-of-an-imported-table-its-module-binds-twice",
        {
            "calc/__init__.py": "",
            "calc/ops.py": "import sys\n\nOPS = (abs,)\nif sys.argv:\n    OPS = (print,)\n",
            "calc/engine.py": """\
            from .ops import OPS


            def run(i, x):
                return OPS[i](x)  # <-
            """,
        },
        "run",
        "unknown",
        path="calc/engine.py",
    ),
    case(
        "unknown-calls-an-entry-of-a-table-a-function-registers-into",
        """\
        import operator

        OPS = {"+": operator.add}


        def register(name, fn):
            OPS[name] = fn


        def calc(a, op, b):
            return OPS[op](a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-an-entry-of-a-table-grown-by-an-augmented-assignment-at-import",
        """\
        CHECKS = [str.isdigit]
        CHECKS += [print]


        def check(s, i):
            return CHECKS[i](s)  # <-
        """,
        "check",
        "unknown",
    ),
    case(
        "unknown-calls-an-entry-of-a-class-table-grown-in-the-class-body",
        """\
        import operator


        class Calc:
            OPS = [operator.add]
            OPS += [print]

            def apply(self, i, a, b):
                return self.OPS[i](a, b)  # <-
        """,
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-loops-over-a-table-grown-at-import",
        """\
        CHECKS = [str.isdigit]
        CHECKS += [print]


        def kinds(s):
            return [c(s) for c in CHECKS]  # <-
        """,
        "kinds",
        "unknown",
    ),
    case(
        "unknown-loops-over-a-table-a-function-appends-to",
        """\
        CHECKS = [str.isdigit]


        def register(check):
            CHECKS.append(check)


        def kinds(s):
            return [c(s) for c in CHECKS]  # <-
        """,
        "kinds",
        "unknown",
        detail="calls an entry of CHECKS",
    ),
    case(
        "unknown-loops-over-a-dict-table-s-keys",
        """\
        NAMED = {print: str.isdigit}


        def run(s):
            for key in NAMED:
                key(s)  # <-
        """,
        "run",
        "unknown",
        detail="calls a key of NAMED",
    ),
    case(
        "unknown-loops-over-the-keys-of-a-dict-table",
        """\
        NAMED = {print: str.isdigit}


        def run(s):
            return [key(s) for key in NAMED.keys()]  # <-
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-loops-over-a-local-named-as-a-table",
        """\
        CHECKS = (str.isdigit, str.isalpha)


        def run(s, loud):
            CHECKS = loud
            for check in CHECKS:
                check(s)  # <-
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-a-method-of-what-an-entry-of-a-changed-table-returns",
        """\
        READERS = [dict]


        def register(reader):
            READERS.append(reader)


        def first(i, data):
            return READERS[i](data).parse()  # <-
        """,
        "first",
        "unknown",
        detail="calls .parse() on what READERS[…]() returns",
    ),
    # A local's type is what its binding built (`obj = Saver()`): bound again to something untyped, it is no longer
    # that (`Effects.local_value_type`); in a branch either may be there. The class's `save` is pure, `Loud`'s prints.
    case(
        "unknown-a-method-of-a-local-built-then-bound-to-a-parameter",
        _SAVERS
        + """\
        def store(other):
            obj = Saver()
            obj = other
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-then-bound-to-an-item",
        _SAVERS
        + """\
        def store(objects, key):
            obj = Saver()
            obj = objects[key]
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-as-one-class-or-another",
        _SAVERS
        + """\
        def store(loud):
            if loud:
                obj = Loud()
            else:
                obj = Saver()
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-library-or-the-project-builds",
        _SAVERS
        + """\
        import json


        def store(text):
            obj = json.JSONDecoder()
            if text:
                obj = Loud()
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-as-either-class-of-a-project-module",
        {
            "app/__init__.py": "",
            "app/savers.py": textwrap.dedent(_SAVERS),
            "app/main.py": """\
            import app.savers


            def store(loud):
                obj = app.savers.Saver()
                if loud:
                    obj = app.savers.Loud()
                return obj.save()  # <-
            """,
        },
        "store",
        "unknown",
        path="app/main.py",
    ),
    case(
        "unknown-a-method-of-a-parameter-built-anew-in-a-branch",
        _SAVERS
        + """\
        def store(obj=None):
            if obj is None:
                obj = Saver()
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-in-one-branch-bound-otherwise-in-the-other",
        _SAVERS
        + """\
        def store(objects, key):
            if key is None:
                obj = Saver()
            else:
                obj = objects[key]
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-self-attribute-bound-in-a-branch-to-a-parameter",
        """\
        class Saver:
            def save(self):
                return 1


        class Panel:
            def __init__(self, other):
                self.s = Saver()
                if other is not None:
                    self.s = other
                self.s.save()  # <-
        """,
        "Panel.__init__",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-later-round-of-the-loop-binds-again",
        _SAVERS
        + """\
        def store(items):
            obj = Saver()
            for item in items:
                obj.save()  # <-
                obj = Loud()
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-while-loop-s-test-calls-and-its-body-binds-again",
        _SAVERS
        + """\
        def store(objects):
            obj = Saver()
            while obj.save():  # <-
                obj = objects.pop()
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-try-and-its-handler-build-as-two-classes",
        _SAVERS
        + """\
        def store():
            try:
                obj = Loud()
            except ValueError:
                obj = Saver()
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-loop-may-leave-at-a-break",
        _SAVERS
        + """\
        def find(objects):
            for item in objects:
                obj = item
                if item is None:
                    break
                obj = Saver()
            return obj.save()  # <-
        """,
        "find",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-loop-may-leave-at-a-continue",
        _SAVERS
        + """\
        def find(objects):
            for item in objects:
                obj = item
                if item is None:
                    continue
                obj = Saver()
            return obj.save()  # <-
        """,
        "find",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-before-a-loop-and-again-in-it",
        _SAVERS
        + """\
        def store(objects):
            obj = Loud()
            for item in objects:
                obj = Saver()
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-a-try-and-its-handler-bind",
        _SAVERS
        + """\
        def store(make):
            try:
                obj = Saver()
            except ValueError:
                obj = make()
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-then-bound-by-a-loop",
        _SAVERS
        + """\
        def store(objects):
            obj = Saver()
            for obj in objects:
                pass
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-method-of-a-local-built-then-bound-in-a-branch",
        _SAVERS
        + """\
        def store(other):
            obj = Saver()
            if other is not None:
                obj = other
            return obj.save()  # <-
        """,
        "store",
        "unknown",
    ),
    case(
        "unknown-a-test-method-handing-a-callable-to-assert-raises",
        """\
        import unittest


        class TestPrint(unittest.TestCase):
            def test_raises(self):
                self.assertRaises(TypeError, print, 1, sep=2)  # <-
        """,
        "TestPrint.test_raises",
        "unknown",
        detail="assertRaises",
    ),
    case(
        "unknown-a-test-method-registering-a-cleanup",
        """\
        from unittest.case import TestCase


        class TestPrint(TestCase):
            def test_cleanup(self):
                self.addCleanup(print, "done")  # <-
        """,
        "TestPrint.test_cleanup",
        "unknown",
        detail="addCleanup",
    ),
    case(
        "unknown-loops-over-a-table-then-binds-the-name-again",
        """\
        CHECKS = (str.isdigit, str.isalpha)


        def run(s):
            for check in CHECKS:
                check(s)  # <-
                check = print
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-loops-over-a-parameter-named-as-a-table",
        """\
        CHECKS = (str.isdigit, str.isalpha)


        def run(s, CHECKS=()):
            for check in CHECKS:
                check(s)  # <-
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-loops-over-a-table-a-nested-function-rebinds-the-name-of",
        """\
        CHECKS = (str.isdigit, str.isalpha)


        def run(s):
            def louder():
                nonlocal check
                check = print

            for check in CHECKS:
                louder()
                check(s)  # <-
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-comprehension-binds-the-name-over-a-table-and-over-a-parameter",
        """\
        CHECKS = (str.isdigit, str.isalpha)


        def run(s, extra):
            return [c(s) for c in CHECKS for c in extra]  # <-
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-calls-a-local-bound-to-a-table-entry-or-to-another-callable",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b):
            if op in OPS:
                fn = OPS[op]
            else:
                fn = print
            return fn(a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-a-local-bound-to-another-callable-then-to-a-table-entry",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b):
            if op not in OPS:
                fn = print
            else:
                fn = OPS[op]
            return fn(a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-a-local-a-loop-and-a-table-entry-bind",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b, extra):
            for fn in extra:
                pass
            fn = OPS[op]
            return fn(a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-a-parameter-a-table-entry-may-replace",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b, fn=None):
            if fn is None:
                fn = OPS[op]
            return fn(a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-a-local-a-comprehension-s-walrus-and-a-table-entry-bind",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b, extra):
            fn = OPS[op]
            found = [(fn := g) for g in extra if g]
            return fn(a, b), found  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-a-table-entry-bound-after-a-comprehension-s-walrus-bound-the-name",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b, extra):
            found = [(fn := g) for g in extra if g]
            if not found:
                fn = OPS[op]
            return fn(a, b), found  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-a-local-a-nested-function-rebinds-after-a-table-entry",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b):
            fn = OPS[op]

            def swap():
                nonlocal fn
                fn = print

            swap()
            return fn(a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-what-a-table-s-get-returns-with-a-default",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(a, op, b, fallback):
            fn = OPS.get(op, fallback)
            return fn(a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-an-entry-of-a-table-bound-twice",
        """\
        import operator

        OPS = {"+": operator.add}
        if operator:
            OPS = {"+": print}


        def calc(a, op, b):
            return OPS[op](a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    case(
        "unknown-calls-an-entry-of-a-table-holding-what-a-call-built",
        """\
        import operator

        OPS = {"+": operator.add, "x": operator.methodcaller("run")}


        def calc(a, op, b):
            return OPS[op](a, b)  # <-
        """,
        "calc",
        "unknown",
    ),
    # the neighbour of `pure-a-test-marked-with-pytest-and-a-fixture`: patching replaces a module's name while the
    # test runs
    case(
        "unknown-a-test-decorated-with-a-patch",
        """\
        from unittest import mock
        import pytest

        @pytest.mark.parametrize("x", [1])
        @mock.patch("os.getcwd")  # <-
        def test_cwd(getcwd, x):
            assert x
        """,
        "test_cwd",
        "unknown",
    ),
    # the neighbours of `pure-a-module-only-python-2-had-tried-first-is-not-what-runs`: a `try` a backend's Python may
    # complete binds the name too, and the other module's function is not known
    case(
        "unknown-a-module-a-backend-may-have-tried-first",
        """\
        try:
            import json
        except ImportError:
            import cPickle as json

        def dump(x):
            return json.dumps(x)  # <-
        """,
        "dump",
        "unknown",
    ),
    case(
        "unknown-a-try-binding-a-name-before-the-missing-one",
        """\
        try:
            import json, cPickle as pickle
        except ImportError:
            import pickle

        def dump(x):
            return pickle.dumps(x), json  # <-
        """,
        "dump",
        "unknown",
    ),
    case(
        "unknown-setting-a-threading-event-the-class-holds",
        """\
        import threading

        class Server:
            def __init__(self):
                self._listening = threading.Event()

            def start(self):
                self._listening.set()  # <-
        """,
        "Server.start",
        "impure",
    ),
    # `scipy.signal.detrend` is left out of the tables: `overwrite_data=True` changes its argument
    case(
        "unknown-scipy-signal-detrend-may-work-in-place",
        """\
        from scipy import signal

        def flatten(x):
            return signal.detrend(x, overwrite_data=True)  # <-
        """,
        "flatten",
        "unknown",
    ),
    case(
        "unknown-writing-an-array-a-numpy-call-built-to-a-file",
        """\
        import numpy as np

        def dump(xs, path):
            np.array(xs).tofile(path)  # <-
        """,
        "dump",
        "unknown",
    ),
    # The neighbours of array reads by name (test_pure.py): not without an import of numpy, not a name other objects
    # have for a change or a query (a ttk Treeview's `item(iid, text=…)` sets an option; an ORM query's `all()`),
    # not a method that changes the array
    case(
        "unknown-array-read-by-name-without-numpy",
        "import math\n\ndef spread(a):  # of a numpy array, or anything with a mean\n    return a.mean()  # <-\n",
        "spread",
        "unknown",
    ),
    case(
        "unknown-item-of-an-object-in-a-file-importing-numpy",
        "import numpy as np\n\ndef rename(tree, iid):\n    tree.item(iid, text='x')  # <-\n",
        "rename",
        "unknown",
    ),
    case(
        "unknown-all-of-an-object-in-a-file-importing-numpy",
        "import numpy as np\n\ndef rows(query):\n    return query.all()  # <-\n",
        "rows",
        "unknown",
    ),
    case(
        "unknown-fill-of-a-parameter-in-a-file-importing-numpy",
        "import numpy as np\n\ndef zero(a):\n    a.fill(0)  # <-\n    return a\n",
        "zero",
        "unknown",
    ),
    case(
        "unknown-fill-of-an-array-the-class-built",
        """\
        import numpy as np

        class Body:
            def __init__(self):
                self.v = np.zeros(3)

            def reset(self):
                self.v.fill(1)  # <-
        """,
        "Body.reset",
        "unknown",
    ),
    case(
        "unknown-array-read-by-name-of-another-library-object-the-class-built",
        """\
        import numpy as np
        import vendorlib

        class Body:
            def __init__(self):
                self.v = vendorlib.Series()

            def centre(self):
                return self.v.mean()  # <-
        """,
        "Body.centre",
        "unknown",
    ),
    # A field bound to an annotated parameter is typed only when nothing else binds it (test_pure.py): not after the
    # parameter is bound again, not when another method binds it to something else; and a call of the field itself
    # is not a method of it
    case(
        "unknown-method-of-a-field-bound-to-a-parameter-bound-again",
        ANNOTATED_ITEM
        + """\
        def make():
            return object()

        class Line:
            def __init__(self, item: Item):
                item = make()
                self.item = item

            def cost(self):
                return self.item.total(1)  # <-
        """,
        "Line.cost",
        "unknown",
    ),
    case(
        "unknown-method-of-a-field-another-method-binds-to-something-else",
        ANNOTATED_ITEM
        + """\
        class Line:
            def __init__(self, item: Item):
                self.item = item

            def swap(self, other):
                self.item = other

            def cost(self):
                return self.item.total(1)  # <-
        """,
        "Line.cost",
        "unknown",
    ),
    case(
        "unknown-calling-a-field-bound-to-an-annotated-parameter",
        ANNOTATED_ITEM
        + """\
        class Line:
            def __init__(self, item: Item):
                self.item = item

            def run(self):
                return self.item()  # <-
        """,
        "Line.run",
        "unknown",
    ),
    # A name only a Python 2 branch binds keeps that binding (there is nothing else to run)
    case(
        "unknown-a-name-only-python-2-binds",
        "import six\n\nif six.PY2:\n    text = unicode  # noqa: F821\n\ndef conv(v):\n    return text(v)  # <-\n",
        "conv",
        "unknown",
    ),
    case(
        "unknown-building-a-class-whose-base-name-is-bound-to-two-classes",
        """\
        import sys

        import somelib

        if sys.platform == "win32":
            Base = somelib.Thing
        else:
            Base = str

        class Name(Base):
            pass

        def build():
            return Name("x")  # <-
        """,
        "build",
        "unknown",
    ),
    # `self.x(…)` where the class binds `x` two ways, or to something that is no method or project object
    case("unknown-call-of-a-stored-builtin", STORED_CALLABLES, "Writer.logged", "unknown"),
    case(
        "unknown-call-of-a-stored-method-a-subclass-binds-to-another",
        """\
        class Rule:
            def __init__(self):
                self.stop = self.quick

            def quick(self, xs):
                return len(xs) > 3

            def slow(self, xs):
                print(xs)

            def done(self, xs):
                return self.stop(xs)  # <-

        class Verbose(Rule):
            def __init__(self):
                super().__init__()
                self.stop = self.slow
        """,
        "Rule.done",
        "unknown",
    ),
    case(
        "unknown-callback-param",
        """\
        def call_back(fn, x):
            return fn(x)  # <-
        """,
        "call_back",
        "unknown",
    ),
    case(
        "unknown-callback-key",
        """\
        def order(xs, key):
            return sorted(xs, key=key)  # <-
        """,
        "order",
        "unknown",
    ),
    case(
        "unknown-callback-map",
        """\
        def apply(fn, xs):
            return list(map(fn, xs))  # <-
        """,
        "apply",
        "unknown",
    ),
    case(
        "unknown-method-of-unknown-type",
        """\
        def run(engine):
            return engine.compute(1)  # <-
        """,
        "run",
        "unknown",
    ),
    case(
        "unknown-stored-callback",
        """\
        class Button:
            def __init__(self, on_click):
                self.on_click = on_click

            def click(self):
                return self.on_click()  # <-
        """,
        "Button.click",
        "unknown",
    ),
    case(
        "unknown-getattr-computed-name",
        """\
        def read(obj, name):
            return getattr(obj, name)  # <-
        """,
        "read",
        "unknown",
    ),
    case(
        "unknown-getattr-computed-name-called",
        """\
        def dispatch(obj, action):
            return getattr(obj, "on_" + action)()  # <-
        """,
        "dispatch",
        "unknown",
    ),
    case(
        "unknown-third-party-function",
        """\
        import sympy as sp

        def simplified(expr):
            return sp.simplify(expr)  # <-
        """,
        "simplified",
        "unknown",
    ),
    case(
        "unknown-third-party-from-import",
        """\
        from yaml import safe_load

        def parse(text):
            return safe_load(text)  # <-
        """,
        "parse",
        "unknown",
    ),
    case(
        "unknown-dynamic-call-from-table",
        """\
        def dispatch(table, key):
            return table[key]()  # <-
        """,
        "dispatch",
        "unknown",
    ),
    case(
        "unknown-decorator",
        """\
        from mylib import traced

        @traced  # <-
        def f(x):
            return x
        """,
        "f",
        "unknown",
    ),
    case(
        "unknown-partial-of-param",
        """\
        import functools

        def bind(fn, x):
            g = functools.partial(fn, x)
            return g()  # <-
        """,
        "bind",
        "unknown",
    ),
    case(
        "unknown-context-manager-param",
        """\
        def guarded(lock, x):
            with lock:  # <-
                return x + 1
        """,
        "guarded",
        "unknown",
    ),
    case(
        "unknown-await-param",
        """\
        async def wait_for(awaitable):
            return await awaitable  # <-
        """,
        "wait_for",
        "unknown",
    ),
    case(
        "unknown-external-base-method",
        """\
        from somelib import Base

        class Child(Base):
            def run(self):
                return self.helper()  # <-
        """,
        "Child.run",
        "unknown",
    ),
    # Issue 12 item 3: a method of what a library call returns is judged by its name when the type is unknown.
    case(
        "unknown-method-on-result-of-module-function",
        """\
        import os

        def odd(p):
            return os.path.normpath(p).frobnicate()  # <-
        """,
        "odd",
        "unknown",
    ),
    case(
        "unknown-configparser-subclass-set",
        """\
        import configparser

        class Settings(configparser.ConfigParser):
            def enable(self, section):
                self.set(section, "enabled", "1")  # <-
        """,
        "Settings.enable",
        "impure",
    ),
    case(
        "unknown-ne-through-impure-eq",
        """\
        class Point:
            def __eq__(self, other):
                print("comparing")
                return self is other

            def __ne__(self, other):
                return not self.__eq__(other)
        """,
        "Point.__ne__",
        "calls_impure",
    ),
    # Solver branches the mutation run found unexercised (issue 12 item 6).
    case(
        "unknown-computed-decorator",
        """\
        handlers = [staticmethod]

        @handlers[0]  # <-
        def f(x):
            return x
        """,
        "f",
        "unknown",
        detail="computed decorator",
    ),
    case(
        "unknown-calling-a-project-module",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": "X = 1\n",
            "pkg/core.py": "from . import util\n\ndef f():\n    return util()  # <-\n",
        },
        "f",
        "unknown",
        path="pkg/core.py",
        detail="calls module util",
    ),
    case(
        "unknown-method-of-a-function-object",
        """\
        def helper():
            return 1

        def f():
            helper.cache_clear()  # <-
        """,
        "f",
        "unknown",
        detail="calls helper.cache_clear, an attribute of a function",
    ),
    # `fget` of what is no property: a plain function's attribute, or a method's
    case(
        "unknown-fget-of-a-plain-function",
        """\
        def helper(x):
            return x

        def f(y):
            return helper.fget(y)  # <-
        """,
        "f",
        "unknown",
        detail="an attribute of a function",
    ),
    case(
        "unknown-a-method-of-a-property-getter",
        """\
        import functools


        class Meter:
            @property
            @functools.lru_cache
            def level(self):
                return 1


        def reset():
            Meter.level.fget.cache_clear()  # <-
        """,
        "reset",
        "unknown",
        detail="an attribute of a function",
    ),
    case(
        "unknown-fget-of-a-method-that-is-no-property",
        """\
        class Meter:
            def level(self):
                return 1


        def f(m):
            return Meter.level.fget(m)  # <-
        """,
        "f",
        "unknown",
        detail="an attribute of a function",
    ),
    case(
        "unknown-calling-a-module-level-variable",
        """\
        HANDLER = None

        def run(x):
            return HANDLER(x)  # <-
        """,
        "run",
        "unknown",
        detail="HANDLER, a module-level variable",
    ),
    case(
        "unknown-building-a-class-whose-library-base-is-not-known",
        """\
        import socket

        class Sock(socket.socket):
            pass

        def make():
            return Sock()  # <-
        """,
        "make",
        "unknown",
        detail="base socket.socket",
    ),
    case(
        "unknown-super-method-that-no-base-defines",
        """\
        class Conn:
            def close(self):
                super().close()  # <-
        """,
        "Conn.close",
        "unknown",
        detail="super().close(), not a method of Conn",
    ),
    case(
        "unknown-self-method-the-class-does-not-define",
        """\
        class Conn:
            def close(self):
                return self.shutdown()  # <-
        """,
        "Conn.close",
        "unknown",
        detail="self.shutdown(), not a method of Conn",
    ),
    case(
        "unknown-calling-an-alias-cycle",
        """\
        a = None
        b = a
        a = b

        def f():
            return a()  # <-
        """,
        "f",
        "unknown",
        detail="a module-level variable",
    ),
    case(
        "unknown-calling-what-an-unknown-factory-built",
        """\
        from app_factory import make_handler
        Handler = make_handler()

        def f():
            return Handler(1)  # <-
        """,
        "f",
        "unknown",
        detail="Handler, a module-level variable",
    ),
    # Mutation rows (issue 12 item 6): `Project.class_bases`.
    case(
        "unknown-method-of-a-computed-base",
        """\
        class Panel(make_base()):
            def twice(self, x):
                return self.scale(x) * 2  # <-
        """,
        "Panel.twice",
        "unknown",
        detail="inherited from ?",
    ),
    # Mutation rows (issue 12 item 6): `Project.binding_target` for `from` imports.
    case(
        "unknown-imported-name-one-of-whose-bindings-is-unknown",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": """\
            import sys

            if sys.platform == "win32":
                def helper(x):
                    return x * 2
            else:
                helper = make_helper()
            """,
            "pkg/mod.py": """\
            from .util import helper

            def g(x):
                return helper(x)  # <-
            """,
        },
        "g",
        "unknown",
        path="pkg/mod.py",
        detail="helper, a module-level variable",
    ),
    case(
        "unknown-method-of-an-unbound-underscore-is-not-a-translation",
        """\
        def glue(parts):
            return _.join(parts)  # <-
        """,
        "glue",
        "unknown",
        detail="cannot be resolved",
    ),
    case(
        "unknown-calling-a-variable-bound-to-a-lambda-and-to-something-else",
        """\
        import plugins

        handler = lambda x: x
        if plugins.ready:
            handler = plugins.load("handler")

        def run(x):
            return handler(x)  # <-
        """,
        "run",
        "unknown",
        detail="handler, a module-level variable",
    ),
    case(
        "unknown-relative-import-of-a-missing-module",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": """\
            from .missing import other

            def h(x):
                return other(x)  # <-
            """,
        },
        "h",
        "unknown",
        path="pkg/mod.py",
        detail="other, which cannot be resolved",
    ),
    case(
        "unknown-relative-import-beyond-the-top-package",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": """\
            from ...beyond import far

            def k(x):
                return far(x)  # <-
            """,
        },
        "k",
        "unknown",
        path="pkg/mod.py",
        detail="far, which cannot be resolved",
    ),
    # Mutation rows (issue 12 item 6): `Project.follow`.
    case(
        "unknown-call-of-a-package-attribute-one-of-whose-bindings-is-unknown",
        {
            "pkg/__init__.py": """\
            import sys
            if sys.argv:
                def helper(x):
                    return x
            else:
                helper = make_helper()
            """,
            "mod.py": """\
            import pkg

            def f(x):
                return pkg.helper(x)  # <-
            """,
        },
        "f",
        "unknown",
        detail="pkg.helper, a module-level variable",
    ),
    case(
        "unknown-base-an-attribute-of-a-builtin",
        """\
        class D(dict.__class__):
            def twice(self):
                return self.mro() * 2  # <-
        """,
        "D.twice",
        "unknown",
        detail="inherited from dict.__class__",
    ),
    case(
        "unknown-attribute-of-a-method",
        """\
        class K:
            def m(self):
                return 1

        def g():
            return K.m.__call__(K())  # <-
        """,
        "g",
        "unknown",
        detail="K.m.__call__",
    ),
    # Mutation rows (issue 12 item 6): `Solver._target_call`.
    case(
        "unknown-unknown-method-of-a-class-attribute",
        """\
        class K:
            items = []

        def h():
            return K.items.frob()  # <-
        """,
        "h",
        "unknown",
        detail="calls K.items.frob, a class attribute",
    ),
    case(
        "unknown-unknown-method-of-what-a-function-returns",
        """\
        def make():
            return [1]

        def k():
            return make().frob()  # <-
        """,
        "k",
        "unknown",
        detail="calls .frob() on what make() returns",
    ),
    case(
        "unknown-a-changing-method-of-what-a-function-made-of-a-parameter-returns",
        """\
        def same(xs):
            return xs

        def h(xs):
            w = same(xs)
            w.append(1)  # <-
            return w
        """,
        "h",
        "unknown",
        detail="calls .append() on what same() returns",
    ),
    case(
        "unknown-method-of-an-attribute-of-a-function-object",
        """\
        def make():
            return [1]

        def g():
            return make.registry.frob()  # <-
        """,
        "g",
        "unknown",
        detail="calls make.registry.frob, an attribute of a function",
    ),
    case(
        # through an import the name's bindings are folded into one value: the constant says nothing then
        "unknown-optional-class-reached-through-another-module",
        {
            "compat.py": """\
            try:
                from robot.conf.languages import Language
            except ImportError:
                try:
                    from languages import Language
                except ImportError:
                    Language = None
            """,
            "languages.py": """\
            class Language:
                @classmethod
                def from_name(cls, name):
                    print(name)
                    return cls()
            """,
            "mod.py": """\
            try:
                from compat import Language
            except ImportError:
                Language = None

            def prefixes(name):
                return Language.from_name(name)  # <-
            """,
        },
        "prefixes",
        "unknown",
        path="mod.py",
    ),
    case(
        # a placeholder without an import beside it: something may fill it in unseen (importlib's bootstrap
        # does, through setattr on its module), so the constant does not say what it is
        "unknown-method-of-a-none-placeholder",
        """\
        _warnings = None

        def module_repr(module):
            _warnings.warn("deprecated")  # <-
            return repr(module)
        """,
        "module_repr",
        "unknown",
        detail="_warnings.warn",
    ),
    case(
        # the per-file pass cannot know `util` is the project's: the solve finds `make` and the method on its result
        "unknown-unknown-method-of-what-another-modules-function-returns",
        {
            "util.py": "def make():\n    return [1]\n",
            "mod.py": """\
            import util

            def k():
                return util.make().frob()  # <-
            """,
        },
        "k",
        "unknown",
        path="mod.py",
        detail="calls .frob() on what util.make() returns",
    ),
    case(
        "unknown-a-library-decorator-of-a-nested-function",
        """\
        import plugins

        def make():
            @plugins.hook  # <-
            def on_load():
                return 1
            return on_load
        """,
        "make",
        "unknown",
        detail="defines on_load, decorated with plugins.hook",
    ),
    case(
        "unknown-a-setter-decorator-outside-a-class-is-a-library-call",
        """\
        import registry

        @registry.setter  # <-
        def configure(value):
            return value
        """,
        "configure",
        "unknown",
        detail="decorated with registry.setter",
    ),
    case(
        "unknown-a-decorator-one-of-whose-imports-is-a-library",
        {
            "mod.py": """\
            try:
                from compat import memo
            except ImportError:
                from fastmemo import memo

            @memo  # <-
            def square(x):
                return x * x
            """,
            "compat.py": """\
            def memo(fn):
                return fn
            """,
        },
        "square",
        "unknown",
        detail="decorated with memo",
    ),
    case(
        "unknown-a-getter-named-decorator-of-a-class-a-function-defines",
        """\
        from plugins import registry

        def make():
            @registry.getter  # <-
            class Local:
                pass
            return Local
        """,
        "make",
        "unknown",
        detail="defines Local, decorated with registry.getter",
    ),
    case(
        "unknown-a-method-of-a-parameter-handed-to-sorted",
        """\
        class Deck:
            def ordered(self, cards, ranking):
                return sorted(cards, key=ranking.rank)  # <-
        """,
        "Deck.ordered",
        "unknown",
        detail="ranking.rank()",
    ),
    case(
        "unknown-a-missing-sibling-module-imported-inside-the-body",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": """\
            def missing():
                from . import absent
                return absent.go()  # <-
            """,
        },
        "missing",
        "unknown",
        path="pkg/mod.py",
        detail="calls .absent.go, which cannot be resolved",
    ),
    case(
        "unknown-a-name-from-a-missing-relative-module-imported-inside-the-body",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": """\
            def missing():
                from .gone import thing
                return thing()  # <-
            """,
        },
        "missing",
        "unknown",
        path="pkg/mod.py",
        detail="calls .gone.thing, which cannot be resolved",
    ),
    case(
        "unknown-a-dict-subclass-calling-an-unlisted-inherited-method",
        """\
        class Table(dict):
            def blank(self):
                return self.fromkeys(["a"])  # <-
        """,
        "Table.blank",
        "unknown",
        detail="calls self.fromkeys(), inherited from dict",
    ),
    case(
        "unknown-a-method-of-a-self-attribute-retyped-in-a-branch",
        """\
        class Holder:
            def frob(self):
                return 1

        class Other:
            pass

        class Panel:
            def __init__(self, flag):
                self.h = Holder()
                if flag:
                    self.h = Other()
                self.h.frob()  # <-
        """,
        "Panel.__init__",
        "unknown",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): `Project.binds` stops at a cycle of star imports, `Project.resolve`
    # at a cycle of imports of one name.
    case(
        "unknown-a-name-no-module-of-a-star-import-cycle-binds",
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from .b import *\n",
            "pkg/b.py": "from .a import *\n",
            "pkg/c.py": """\
            from .a import *

            def run(x):
                return missing(x)  # <-
            """,
        },
        "run",
        "unknown",
        path="pkg/c.py",
    ),
    case(
        "unknown-a-name-two-modules-import-from-each-other",
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from .b import helper\n",
            "pkg/b.py": "from .a import helper\n",
            "pkg/c.py": """\
            from .a import helper

            def run(x):
                return helper(x)  # <-
            """,
        },
        "run",
        "unknown",
        path="pkg/c.py",
    ),
    # Mutation row (issue 12 item 6, fourth pass): a function two levels down is named by its own name.
    case(
        "unknown-a-nested-function-defines-a-decorated-one",
        """\
        import plugins

        def outer():
            def middle():
                @plugins.hook  # <-
                def on_load():
                    return 1
                return on_load
            return middle
        """,
        "outer.<locals>.middle",
        "unknown",
        detail="defines on_load, decorated with plugins.hook",
    ),
    # Mutation row (issue 12 item 6, fourth pass): `functools.*` covers what `functools` holds, not `functools`
    # itself (`rules.in_set`).
    case(
        "unknown-a-module-used-as-a-decorator",
        """\
        import functools

        @functools  # <-
        def f(x):
            return x
        """,
        "f",
        "unknown",
    ),
    # A class as a decorator, built on a library class the tables do not know: its effect is unknown.
    case(
        "unknown-decorated-with-a-project-class-on-an-unknown-library-base",
        """\
        import plugins

        class hook(plugins.Hook):
            def __init__(self, func):
                self.func = func

        @hook  # <-
        def on_load():
            return 1
        """,
        "on_load",
        "unknown",
        detail="builds hook, whose base plugins.Hook is not known",
    ),
    # a function changing its argument, called by another function: what it changes is not known here
    case(
        "unknown-heappush-handed-to-map",
        """\
        import heapq

        def push_all(heaps, items):
            return list(map(heapq.heappush, heaps, items))  # <-
        """,
        "push_all",
        "unknown",
        detail="heapq.heappush",
    ),
    case(
        "unknown-imported-heappush-handed-to-map",
        """\
        from heapq import heappush

        def push_all(heaps, items):
            return list(map(heappush, heaps, items))  # <-
        """,
        "push_all",
        "unknown",
        detail="heapq.heappush",
    ),
    case(
        "unknown-partial-of-heappush",
        """\
        import functools
        import heapq

        def fill(heap, xs):
            push = functools.partial(heapq.heappush, heap)
            for x in xs:
                push(x)  # <-
        """,
        "fill",
        "unknown",
    ),
    case(
        "unknown-elementtree-parse-reads-a-file",
        """\
        import xml.etree.ElementTree as ET

        def titles(path):
            return [e.text for e in ET.parse(path).iter("title")]  # <-
        """,
        "titles",
        "impure",
    ),
    case(
        "unknown-lxml-parsing-may-read-files",
        """\
        from lxml import etree

        def root_tag(text):
            return etree.fromstring(text).tag  # <-
        """,
        "root_tag",
        "unknown",
    ),
    case(
        "unknown-base-built-by-an-unknown-call",
        """\
        from plugins import make_base

        class Version(make_base("VersionBase")):
            def bump(self):
                return self._replace(minor=1)  # <-
        """,
        "Version.bump",
        "unknown",
    ),
    case(
        "unknown-closing-a-stream-parameter",
        """\
        import io


        def finish(out: io.StringIO):
            out.close()  # <-
        """,
        "finish",
        "unknown",
    ),
    case(
        "unknown-closing-a-parameter-calls-its-close",
        """\
        import contextlib

        def first_row(conn):
            with contextlib.closing(conn) as c:  # <-
                return c.rows[0]
        """,
        "first_row",
        "unknown",
        detail="conn.close()",
    ),
    # an exit stack runs what it is handed when the block ends
    case(
        "unknown-exit-stack-callback-runs-later",
        """\
        import contextlib

        def total(xs):
            with contextlib.ExitStack() as stack:
                stack.callback(print, "done")  # <-
                return sum(xs)
        """,
        "total",
        "unknown",
        detail="ExitStack.callback",
    ),
    case(
        "unknown-exit-stack-enters-a-parameter",
        """\
        from contextlib import ExitStack

        def inside(cm):
            with ExitStack() as stack:
                return stack.enter_context(cm)  # <-
        """,
        "inside",
        "unknown",
    ),
    case(
        "unknown-json-dumps-with-an-encoder-class",
        """\
        import json

        class Enc(json.JSONEncoder):
            def default(self, o):
                return str(o)

        def dump(x):
            return json.dumps(x, cls=Enc)  # <-
        """,
        "dump",
        "unknown",
        detail="cls=Enc",
    ),
    # a read-only name whose arguments say it is its namesake: a queue's get, a thread's join
    case(
        "unknown-get-without-a-key-takes-from-a-queue",
        """\
        def next_job(jobs):
            return jobs.get()  # <-
        """,
        "next_job",
        "unknown",
    ),
    case(
        "unknown-get-with-a-timeout-takes-from-a-queue",
        """\
        class Backend:
            def fetch(self, timeout):
                return self._incoming.get(timeout=timeout)  # <-
        """,
        "Backend.fetch",
        "unknown",
    ),
    case(
        "unknown-get-with-block-and-a-timeout-keyword",
        """\
        def poll(events):
            return events.get(True, timeout=0.5)  # <-
        """,
        "poll",
        "unknown",
    ),
    case(
        "unknown-join-without-an-argument-waits",
        """\
        def wait_for(worker):
            worker.join()  # <-
            return worker.result
        """,
        "wait_for",
        "unknown",
    ),
    case(
        "unknown-replace-with-one-argument-renames-a-path",
        """\
        def commit(tmp, final):
            tmp.replace(final)  # <-
            return final
        """,
        "commit",
        "unknown",
    ),
    case(
        "unknown-taking-from-a-queue-held-by-self",
        """\
        import queue

        class Worker:
            def __init__(self):
                self._jobs = queue.Queue()

            def take(self):
                return self._jobs.get(True)  # <-
        """,
        "Worker.take",
        "unknown",
    ),
    case(
        "unknown-self-attribute-a-subclass-binds-to-another-type",
        """\
        class Quiet:
            def total(self):
                return 1

        class Loud:
            def total(self):
                print("total")
                return 1

        class Report:
            def __init__(self):
                self.source = Quiet()

            def value(self):
                return self.source.total()  # <-

        class LoudReport(Report):
            def __init__(self):
                super().__init__()
                self.source = Loud()
        """,
        "Report.value",
        "unknown",
        detail="LoudReport binds it too",
    ),
    case(
        "unknown-self-attribute-bound-to-two-types-is-untyped",
        """\
        class Quiet:
            def total(self):
                return 1

        class Report:
            def __init__(self, source):
                self.source = source
                if not source:
                    self.source = Quiet()

            def value(self):
                return self.source.total()  # <-
        """,
        "Report.value",
        "unknown",
    ),
    case(
        "unknown-self-attribute-built-by-a-class-the-method-is-given",
        """\
        class Helper:
            def total(self):
                return 1

        class Report:
            def __init__(self, Helper):
                self.helper = Helper()

            def value(self):
                return self.helper.total()  # <-
        """,
        "Report.value",
        "unknown",
    ),
    case(
        "unknown-inherited-unknown-method-of-a-project-object",
        """\
        import threading

        class Job(threading.Thread):
            pass

        def go():
            j = Job()
            j.launch_soon()  # <-
        """,
        "go",
        "impure",
    ),
    case(
        "unknown-self-attribute-typing-with-setattr-on-self",
        """\
        class Quiet:
            def total(self):
                return 1

        class Report:
            def __init__(self, **parts):
                self.source = Quiet()
                for name, value in parts.items():
                    setattr(self, name, value)

            def value(self):
                return self.source.total()  # <-
        """,
        "Report.value",
        "unknown",
    ),
    case(
        "unknown-self-attribute-augmented-elsewhere",
        """\
        class Quiet:
            def total(self):
                return 1

        class Report:
            def __init__(self):
                self.source = Quiet()

            def extend(self, other):
                self.source += other

            def value(self):
                return self.source.total()  # <-
        """,
        "Report.value",
        "unknown",
    ),
    case(
        "unknown-self-attribute-unpacked-from-an-instance",
        """\
        class Quiet:
            def total(self):
                return 1

        class Report:
            def __init__(self):
                self.source = Quiet()

            def split(self):
                self.source, self.rest = Quiet()  # an element of what Quiet() iterates over, not a Quiet

            def value(self):
                return self.source.total()  # <-
        """,
        "Report.value",
        "unknown",
    ),
    case(
        "unknown-pure-module-type-held-by-self-may-change",
        """\
        import difflib

        class Compare:
            def __init__(self):
                self.matcher = difflib.SequenceMatcher()

            def load(self, a, b):
                self.matcher.set_seqs(a, b)  # <-
        """,
        "Compare.load",
        "unknown",
        detail="may change it",
    ),
    # A library base's initialiser not known to be pure stays unknown (`logging.Handler.__init__` registers the
    # handler in logging's module state), and a toolkit function named like an exception class stays UI.
    case(
        "unknown-init-of-a-logging-handler",
        """\
        import logging

        class Sink(logging.Handler):
            def __init__(self):
                super().__init__()  # <-
        """,
        "Sink.__init__",
        "unknown",
        detail="inherited from logging.Handler",
    ),
    case(
        "unknown-other-inherited-method-of-a-library-exception",
        """\
        import yaml

        class Oops(yaml.YAMLError):
            def where(self):
                return self.problem_mark()  # <-
        """,
        "Oops.where",
        "unknown",
        detail="inherited from yaml.YAMLError",
    ),
    case(
        "unknown-init-of-a-library-class-that-is-no-exception",
        """\
        import yaml

        class Tagged(yaml.YAMLObject):
            def __init__(self, tag):
                super().__init__()  # <-
                self.tag = tag
        """,
        "Tagged.__init__",
        "unknown",
    ),
    # An annotation the engine cannot use: judged by the method's name, as without one
    case(
        "unknown-method-of-a-protocol-annotated-parameter",
        """\
        from typing import Protocol

        class Device(Protocol):
            def request(self, n: int) -> bytes: ...

        def read_register(device: Device, n):
            return device.request(n)  # <-
        """,
        "read_register",
        "unknown",
    ),
    case(
        "unknown-method-of-a-parameter-annotated-with-a-library-class",
        """\
        from docx import Document

        def first_line(doc: Document):
            return doc.render().splitlines()[0]  # <-
        """,
        "first_line",
        "unknown",
    ),
    case(
        "unknown-calling-self-without-a-call-method",
        """\
        class Step:
            def go(self):
                return self(1)  # <-
        """,
        "Step.go",
        "unknown",
        detail="__call__",
    ),
    case(
        "unknown-calling-the-type-of-a-parameter",
        """\
        def twin(obj):
            return type(obj)()  # <-
        """,
        "twin",
        "unknown",
        detail="dynamic call",
    ),
    case(
        "unknown-calling-the-type-of-a-parameter-in-a-method",
        """\
        class Var:
            def __init__(self):
                self.n = 0

            def like(self, other):
                return type(other)()  # <-
        """,
        "Var.like",
        "unknown",
        detail="dynamic call",
    ),
    case(
        "unknown-pillow-exif-transpose-may-change-the-image-in-place",
        """\
        from PIL import ImageOps

        def upright(img):
            return ImageOps.exif_transpose(img, in_place=True)  # <-
        """,
        "upright",
        "unknown",
    ),
    case(
        "unknown-named-tuple-subclass-calling-a-name-no-tuple-has",
        """\
        from typing import NamedTuple

        class Point(NamedTuple):
            x: float

            def moved(self):
                return self._shift(1)  # <-
        """,
        "Point.moved",
        "unknown",
        detail="inherited from typing.NamedTuple",
    ),
    case(
        "unknown-context-manager-the-class-was-handed",
        """\
        class Job:
            def __init__(self, ctx):
                self._ctx = ctx

            def run(self):
                with self._ctx:  # <-
                    return 1
        """,
        "Job.run",
        "unknown",
        detail="as a context manager",
    ),
    case(
        "unknown-context-manager-bound-to-a-lock-or-to-something-else",
        """\
        import threading

        class Job:
            def __init__(self, lock=None):
                self._lock = threading.Lock()
                if lock is not None:
                    self._lock = lock

            def run(self):
                with self._lock:  # <-
                    return 1
        """,
        "Job.run",
        "unknown",
        detail="as a context manager",
    ),
    case(
        "unknown-waking-the-threads-waiting-on-the-classs-condition",
        """\
        import threading

        class Queue:
            def __init__(self):
                self._cond = threading.Condition()

            def signal(self):
                self._cond.notify_all()  # <-
        """,
        "Queue.signal",
        "unknown",
        detail="notify_all",
    ),
    case(
        "unknown-module-level-context-manager-not-a-lock",
        """\
        import contextlib

        _SUPPRESS = contextlib.suppress(KeyError)

        def get(d, k):
            with _SUPPRESS:  # <-
                return d[k]
        """,
        "get",
        "unknown",
        detail="as a context manager",
    ),
    case(
        "unknown-calling-a-callback-the-class-stores",
        """\
        class Task:
            def __init__(self, on_done):
                self.on_done = on_done

            def finish(self, result):
                return self.on_done(result)  # <-
        """,
        "Task.finish",
        "unknown",
        detail="a value the class stores",
    ),
    case(
        "unknown-calling-a-callback-a-project-base-stores",
        """\
        class Base:
            def __init__(self, on_done):
                self.on_done = on_done

        class Task(Base):
            def finish(self, result):
                return self.on_done(result)  # <-
        """,
        "Task.finish",
        "unknown",
        detail="a value the class stores",
    ),
    # What a decorated function returns is the decorator's (`@contextmanager`: a context manager whose `__exit__`
    # runs the generator's `finally`, CPython's test_importlib `_ImporterMock`)
    case(
        "unknown-a-method-of-what-a-context-manager-function-returns",
        _PUSHED_GUARD.format(imports="import contextlib", decorator="contextlib.contextmanager"),
        "Guard.__exit__",
        "unknown",
    ),
    case(
        "unknown-a-method-of-what-a-context-manager-function-imported-by-name-returns",
        _PUSHED_GUARD.format(imports="from contextlib import contextmanager", decorator="contextmanager"),
        "Guard.__exit__",
        "unknown",
    ),
    case(
        "unknown-a-mixin-calling-a-method-one-deriving-class-lacks",
        """\
        class HalfMixin:
            def g(self):
                return self.only_in_one()  # <-


        class A(HalfMixin):
            def only_in_one(self):
                return 1


        class B(HalfMixin):
            pass
        """,
        "HalfMixin.g",
        "unknown",
        detail="not a method of HalfMixin",
    ),
    # `super().save()` in a mixin runs the class after it in the MRO of self's class (`Writer.save`), not that class's
    # own `save`, which is the mixin's
    case(
        "unknown-a-mixin-calling-super-of-a-method-no-base-of-it-defines",
        """\
        class LogMixin:
            def save(self):
                return super().save()  # <-


        class Writer:
            def save(self):
                print("saved")


        class Doc(LogMixin, Writer):
            pass
        """,
        "LogMixin.save",
        "unknown",
    ),
    case(
        "unknown-a-local-holding-selfs-class-then-a-parameter",
        """\
        class Vec:
            def __init__(self, x):
                self.x = x

            def remade(self, factory):
                make = type(self)
                make = factory
                return make(1)  # <-
        """,
        "Vec.remade",
        "unknown",
    ),
    # ... a base whose construction the tables do not hold pure (a socket's) keeps its `__init__` unknown
    case(
        "unknown-init-running-a-socket-base-s-init",
        """\
        import socket


        class Conn(socket.socket):
            def __init__(self):
                super().__init__()  # <-
        """,
        "Conn.__init__",
        "unknown",
    ),
    # ... and another method of such a class called through it is not its `__init__`
    case(
        "unknown-a-pure-library-class-s-other-method-called-through-the-class",
        """\
        import io


        def clear(buf):
            io.StringIO.truncate(buf, 0)  # <-
        """,
        "clear",
        "unknown",
    ),
    # `super(C, self).__init__()` through another name runs the next class's `__init__` in self's MRO, not super's own
    case(
        "unknown-init-through-super-under-another-name",
        """\
        _safe_super = super


        class Loud:
            def __init__(self):
                print("built")


        class Mixin:
            def __init__(self):
                _safe_super(Mixin, self).__init__()  # <-


        class Thing(Mixin, Loud):
            pass
        """,
        "Mixin.__init__",
        "unknown",
    ),
    case(
        "unknown-a-class-calling-a-method-nothing-defines",
        """\
        class Lonely:
            def f(self):
                return self.missing()  # <-
        """,
        "Lonely.f",
        "unknown",
        detail="not a method of Lonely",
    ),
    case(
        "unknown-a-mixin-calling-a-method-a-library-base-gives-the-deriving-class",
        """\
        import threading


        class StartMixin:
            def go(self):
                self.start()  # <-


        class Worker(StartMixin, threading.Thread):
            pass
        """,
        "StartMixin.go",
        "unknown",
        detail="not a method of StartMixin",
    ),
    case(
        "unknown-calling-an-object-whose-call-a-library-base-defines",
        """\
        import collections


        class Tally(collections.Counter):
            pass


        def count(data):
            return Tally()(data)  # <-
        """,
        "count",
        "unknown",
        detail="calls what Tally() returns",
    ),
    case(
        "unknown-calling-a-weak-proxy-the-class-stores",
        """\
        import weakref

        class Matcher:
            def __init__(self, view):
                self._view = weakref.proxy(view)

            def view(self):
                return self._view()  # <-
        """,
        "Matcher.view",
        "unknown",
        detail="a value the class stores",
    ),
    case(
        "unknown-calling-what-is-a-weak-reference-in-one-class-and-a-callback-in-a-subclass",
        """\
        import weakref

        class Matcher:
            def __init__(self, view):
                self._view = weakref.ref(view)

            def view(self):
                return self._view()  # <-

        class Eager(Matcher):
            def __init__(self, view):
                self._view = view.make_callback()
        """,
        "Matcher.view",
        "unknown",
        detail="a value the class stores",
    ),
    case(
        "unknown-calling-a-callback-a-widget-subclass-stores",
        """\
        import tkinter as tk

        class Area(tk.Frame):
            def __init__(self, master, status_update):
                super().__init__(master)
                self.status_update = status_update

            def refresh(self):
                self.status_update("ok")  # <-
        """,
        "Area.refresh",
        "unknown",
        detail="self.status_update(), a value the class stores",
    ),
    case(
        "unknown-changing-an-object-through-the-locals-dict",
        """\
        def add(items, x):
            locals()["items"].append(x)  # <-
        """,
        "add",
        "unknown",
    ),
    case(
        "unknown-a-modules-impure-prefix-does-not-judge-its-classes-methods",
        """\
        import logging

        def message(record: logging.LogRecord):
            return record.getMessage().upper()  # <-
        """,
        "message",
        "unknown",
    ),
    case(
        "unknown-a-pure-table-entry-does-not-judge-the-callers-object",
        """\
        import argparse

        def add_options(parser: argparse.ArgumentParser):
            parser.add_argument("--verbose", action="store_true")  # <-
            return parser
        """,
        "add_options",
        "unknown",
    ),
    case(
        "unknown-method-of-an-annotated-parameter-given-another-value",
        ANNOTATED_ITEM
        + """\
        def cost(item: Item, other, n):
            item = other
            return item.total(n)  # <-
        """,
        "cost",
        "unknown",
    ),
    case(
        "unknown-method-the-annotated-class-does-not-define",
        ANNOTATED_ITEM
        + """\
        def cost(item: Item, n):
            return item.discounted(n)  # <-
        """,
        "cost",
        "unknown",
    ),
    case(
        "unknown-method-of-a-parameter-annotated-with-two-classes",
        """\
        class Item:
            def total(self, n):
                return n * 2

        class Bundle:
            def total(self, n):
                return n * 3

        def cost(item: Item | Bundle, n):
            return item.total(n)  # <-
        """,
        "cost",
        "unknown",
    ),
    case(
        "unknown-method-of-a-parameter-annotated-with-a-container",
        ANNOTATED_ITEM
        + """\
        def cost(items: list[Item], n):
            return items.total(n)  # <-
        """,
        "cost",
        "unknown",
    ),
    # A library imported in the function runs its module code on the first call: unknown unless the tables know it
    case(
        "unknown-imports-a-library-in-the-function",
        """\
        def library_version():
            import safetlib  # <-

            return safetlib.__version__
        """,
        "library_version",
        "unknown",
        detail="imports safetlib",
    ),
    case(
        "unknown-imports-from-a-library-in-the-function",
        """\
        def transports():
            try:
                from trezorlib.transport import all_transports  # <-
            except ImportError:
                return []
            return list(all_transports)
        """,
        "transports",
        "unknown",
        detail="imports trezorlib.transport",
    ),
    case(
        "unknown-changes-what-a-function-returns-of-starred-arguments",
        """\
        def first(*xs):
            return xs[0]

        def finish(items):
            first(*items).done = True  # <-
        """,
        "finish",
        "unknown",
        detail="on what first() returns",
    ),
    # `start`/`end`/`span` read a regex match's positions, and start or end a thread, timer or painter
    case(
        "unknown-starts-the-worker-it-was-given",
        """\
        def launch(worker):
            worker.start()  # <-
            return worker
        """,
        "launch",
        "unknown",
    ),
    case(
        "unknown-starts-a-name-also-bound-to-something-else-than-a-match",
        """\
        import re

        PAT = re.compile("a")

        def launch(s, worker):
            res = worker
            if s:
                res = PAT.search(s)
            res.start()  # <-
        """,
        "launch",
        "unknown",
    ),
    case(
        "unknown-starts-each-of-what-a-search-returns",
        """\
        def launch(index, q):
            for job in index.search(q):
                job.start()  # <-
        """,
        "launch",
        "unknown",
    ),
    case(
        "unknown-starts-what-a-method-not-making-a-match-returns",
        """\
        def launch(pool):
            res = pool.match_worker()
            res.start()  # <-
        """,
        "launch",
        "unknown",
    ),
    case(
        "unknown-starts-the-match-name-of-an-enclosing-function",
        """\
        import re

        def outer(s, worker):
            res = re.search("a", s)

            def inner(res=worker):
                res.start()  # <-

            return inner
        """,
        "outer.<locals>.inner",
        "unknown",
    ),
    case(
        "unknown-starts-a-looping-call-the-class-holds",
        """\
        from twisted.internet.task import LoopingCall

        class Auth:
            def __init__(self):
                self.worker = LoopingCall(self.clean)

            def clean(self):
                return None

            def start(self):
                self.worker.start(5)  # <-
        """,
        "Auth.start",
        "unknown",
        detail="LoopingCall.start",
    ),
    case(
        "unknown-starts-a-looping-call-it-built",
        """\
        from twisted.internet.task import LoopingCall

        def every(fn, seconds):
            call = LoopingCall(fn)
            call.start(seconds)  # <-
            return call
        """,
        "every",
        "unknown",
        detail="LoopingCall.start",
    ),
    case(
        "unknown-starts-what-a-project-function-returns",
        """\
        def make_timer():
            return object()

        def launch():
            make_timer().start()  # <-
        """,
        "launch",
        "unknown",
        detail="start",
    ),
    case(
        "unknown-starts-a-module-level-object",
        """\
        from twisted.internet.task import LoopingCall

        def tick():
            return 1

        TIMER = LoopingCall(tick)

        def launch():
            TIMER.start(1)  # <-
        """,
        "launch",
        "impure",
    ),
    case(
        "unknown-starts-a-module-level-object-a-project-function-built",
        """\
        def make_worker():
            return object()

        WORKER = make_worker()

        def launch():
            WORKER.start()  # <-
        """,
        "launch",
        "unknown",
        detail="WORKER.start",
    ),
    case(
        "unknown-an-explicit-base-init-a-library-base-provides",
        """\
        import somelib

        class Plain(somelib.Base):
            pass

        class Child(Plain):
            def __init__(self, y):
                Plain.__init__(self)  # <-
                self.y = y
        """,
        "Child.__init__",
        "unknown",
        detail="Plain.__init__",
    ),
    case(
        "unknown-ends-the-painter-it-was-given",
        """\
        def finish(painter):
            painter.end()  # <-
        """,
        "finish",
        "unknown",
    ),
    case(
        "unknown-elements-of-a-fixed-tuple-annotation",
        ANNOTATED_ITEM
        + """\
        def cost(pair: tuple[Item, int], n):
            for item in pair:
                return item.total(n)  # <-
        """,
        "cost",
        "unknown",
    ),
    case(
        "unknown-parts-of-unpacked-elements-of-an-annotated-list",
        ANNOTATED_ITEM
        + """\
        def cost(items: list[Item], n):
            for price, count in items:
                return price.total(n)  # <-
        """,
        "cost",
        "unknown",
    ),
    case(
        "unknown-elements-of-an-annotated-list-given-another-value",
        ANNOTATED_ITEM
        + """\
        def cost(items: list[Item], others, n):
            items = others
            return [item.total(n) for item in items]  # <-
        """,
        "cost",
        "unknown",
    ),
    case(
        "unknown-declared-field-a-method-binds-to-something-else",
        ANNOTATED_ITEM
        + """\
        class Line:
            item: Item

            def __init__(self, thing):
                self.item = thing.part()

            def cost(self):
                return self.item.total(1)  # <-
        """,
        "Line.cost",
        "unknown",
    ),
    case(
        "unknown-declared-field-of-a-library-class",
        """\
        from dataclasses import dataclass
        from pathlib import Path

        @dataclass
        class Doc:
            path: Path

            def text(self):
                return self.path.read_bytes_later()  # <-
        """,
        "Doc.text",
        "unknown",
    ),
    # A call through a local name stands only when every binding of the name is known (`Statements.
    # check_resolved_calls`): a later binding in a loop, a branch, a nested function's `nonlocal` or a comprehension's
    # `:=` may be what runs. Each of these was reported pure.
    case(
        "unknown-a-nested-function-the-loop-rebinds-after-calling-it",
        """\
        def run(x):
            def f(y):
                return y
            for _ in range(2):
                f(x)  # <-
                f = print
            return 1
        """,
        "run",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-nested-function-a-branch-rebinds",
        """\
        def run(x, loud):
            def f(y):
                return y
            if loud:
                f = print
            return f(x)  # <-
        """,
        "run",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-nested-function-another-one-rebinds-nonlocal",
        """\
        def run(x):
            def f(y):
                return y

            def swap():
                nonlocal f
                f = print

            swap()
            return f(x)  # <-
        """,
        "run",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-nested-function-called-from-another-before-it-is-rebound",
        """\
        def run(x):
            def f(y):
                return y

            def g():
                return f(x)  # <-

            f = print
            return g()
        """,
        "run.<locals>.g",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-table-local-the-loop-rebinds-after-calling-it",
        """\
        import operator

        OPS = {"+": operator.add}


        def calc(op, a, b):
            fn = OPS.get(op)
            for _ in range(2):
                fn(a, b)  # <-
                fn = print
            return 1
        """,
        "calc",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-partial-the-loop-rebinds-after-calling-it",
        """\
        from functools import partial


        def double(x):
            return 2 * x


        def run(x):
            p = partial(double)
            for _ in range(2):
                p(x)  # <-
                p = print
        """,
        "run",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-local-lambda-rebound-by-a-comprehension-walrus",
        """\
        def run(xs):
            key = lambda item: -item
            [key := print for _ in xs]
            return key(xs)  # <-
        """,
        "run",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-local-lambda-rebound-before-the-call",
        """\
        def run(xs):
            key = lambda item: -item
            key = print
            return key(xs)  # <-
        """,
        "run",
        "unknown",
        detail="bound more than once",
    ),
    # What a higher-order call calls, written as something other than a name, attribute or lambda, or a local not
    # known to hold a function: each was reported pure.
    case(
        "unknown-sorted-calls-what-a-call-returns",
        """\
        def get_key():
            return print


        def order(xs):
            return sorted(xs, key=get_key())  # <-
        """,
        "order",
        "unknown",
        detail="calls what get_key() returns",
    ),
    case(
        "unknown-sorted-calls-what-a-generator-factory-returns",
        """\
        def keys(k):
            def key(x):
                return x

            if k:
                yield k
            return key


        def order(xs):
            return sorted(xs, key=keys(1))  # <-
        """,
        "order",
        "unknown",
    ),
    case(
        "unknown-calls-what-a-factory-returning-a-builtin-or-a-nested-function-returns",
        """\
        def pick(loud):
            if loud:
                return print

            def quiet(x):
                return x

            return quiet


        def show(x):
            return pick(False)(x)  # <-
        """,
        "show",
        "unknown",
    ),
    case(
        "unknown-a-returned-nested-function-the-factory-rebinds",
        """\
        def make(loud):
            def f(x):
                return x

            if loud:
                f = print
                return f
            return lambda x: x


        def show(xs):
            return list(map(make(True), xs))  # <-
        """,
        "show",
        "unknown",
    ),
    case(
        "unknown-calls-what-a-name-no-module-binds-returns",
        """\
        def order(xs):
            return sorted(xs, key=make_key())  # <-
        """,
        "order",
        "unknown",
    ),
    case(
        "unknown-calls-what-an-async-factory-returns",
        """\
        async def make():
            return lambda x: x


        def show(xs):
            return sorted(xs, key=make())  # <-
        """,
        "show",
        "unknown",
    ),
    case(
        "unknown-sorted-calls-an-item-of-a-parameter",
        """\
        def order(xs, keys):
            return sorted(xs, key=keys["k"])  # <-
        """,
        "order",
        "unknown",
    ),
    case(
        "unknown-map-calls-a-local-holding-a-method-of-a-parameter",
        """\
        def each(xs, obj):
            show = obj.method
            return list(map(show, xs))  # <-
        """,
        "each",
        "unknown",
        detail="map() calls local variable show",
    ),
    case(
        "unknown-filter-calls-a-callable-a-loop-takes-from-a-parameter",
        """\
        def count(games, selections):
            n = 0
            for label, select in selections:
                n += len(list(filter(select, games)))  # <-
            return n
        """,
        "count",
        "unknown",
    ),
    case(
        "unknown-map-calls-unpacked-arguments",
        """\
        def mapstar(args):
            return list(map(*args))  # <-
        """,
        "mapstar",
        "unknown",
    ),
    # A local holding a builtin or library function is called as it, except what the walk must see the arguments of.
    case(
        "unknown-a-local-holding-heappush-changes-what-it-is-handed",
        """\
        import heapq


        def push(heap, x):
            push_it = heapq.heappush
            push_it(heap, x)  # <-
        """,
        "push",
        "unknown",
    ),
    case(
        "unknown-a-local-holding-a-method-of-a-module-level-set",
        """\
        SEEN = set()


        def remember(x):
            add = SEEN.add
            add(x)  # <-
        """,
        "remember",
        "unknown",
    ),
    case(
        "unknown-a-local-holding-setattr",
        """\
        def label(obj):
            s = setattr
            s(obj, "x", 1)  # <-
        """,
        "label",
        "unknown",
    ),
    case(
        "unknown-unpickling-runs-what-its-data-names",
        """\
        import pickle


        def restore(blob):
            return pickle.loads(blob)  # <-
        """,
        "restore",
        "unknown",
        detail="pickle.loads",
    ),
    case(
        "unknown-a-local-alias-rebound-in-a-loop-after-the-call",
        """\
        import os


        def each(paths):
            act = print
            for p in paths:
                list(map(act, [p]))  # <-
                act = os.remove
        """,
        "each",
        "unknown",
        detail="bound more than once",
    ),
    # Class dispatch tables that something may rebind or change: what self.OPS holds is not known (`_CALC` and what
    # each row adds: a method or class attribute inside the class, code after it).
    case(
        "unknown-a-class-table-__init__-rebinds-on-self",
        _CALC
        + """\

            def __init__(self):
                self.OPS = {"p": print}
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-a-method-adds-to",
        _CALC
        + """\

            def register(self, k, f):
                self.OPS[k] = f
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-a-method-updates",
        _CALC
        + """\

            def more(self):
                self.OPS.update({"p": print})
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-a-classmethod-adds-to",
        _CALC
        + """\

            @classmethod
            def register(cls, k, f):
                cls.OPS[k] = f
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-the-body-binds-twice",
        _CALC
        + """\

            OPS = {"p": print}
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-a-subclass-binds-again",
        _CALC
        + """\


        class Loud(Calc):
            OPS = {"p": print}
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-changed-at-import",
        _CALC
        + """\


        Calc.OPS["p"] = print
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-changed-through-a-new-instance",
        _CALC
        + """\


        def tweak():
            c = Calc()
            c.OPS["p"] = print
            return c
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-an-instance-attribute-shadows",
        _CALC
        + """\


        def shadow():
            c = Calc()
            c.OPS = {"p": print}
            return c
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-and-a-setattr-of-a-computed-name",
        _CALC
        + """\


        def configure(obj, name, value):
            setattr(obj, name, value)
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-and-a-setattr-of-its-name",
        _CALC
        + """\


        def configure(obj, value):
            setattr(obj, "OPS", value)
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-and-a-store-into-some-object-s-dict",
        _CALC
        + """\


        def configure(obj, value):
            obj.__dict__["OPS"] = value
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-and-a-store-through-vars",
        _CALC
        + """\


        def configure(obj, value):
            vars(obj)["OPS"] = value
""",
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-naming-a-function-of-the-class-body",
        """\
        def _add(a, b):
            return a + b


        class Calc:
            def _add(a, b):
                print(a)
                return a + b

            OPS = {"+": _add}

            def apply(self, op, a, b):
                return self.OPS[op](a, b)  # <-
        """,
        "Calc.apply",
        "unknown",
    ),
    case(
        "unknown-a-class-table-another-module-changes",
        {
            "calc.py": _CALC,
            "hack.py": "import calc\n\n\ndef hack():\n    calc.Calc.OPS['p'] = print\n",
        },
        "Calc.apply",
        "unknown",
        path="calc.py",
    ),
    # What a literal names, when the walk cannot see every callable in it, or the name holding one is bound again
    # (`Effects.loop_callables`, `literal_choice`, `Statements.check_resolved_calls`). The pure rows: test_pure.py.
    case(
        "unknown-a-literal-dict-with-a-double-star-part",
        """\
        def convert(x, kind, extra):
            fn = {**extra, "int": int}[kind]
            return fn(x)  # <-
        """,
        "convert",
        "unknown",
    ),
    case(
        # a calculator's namespace (`{**math.__dict__, "abs": abs}`): a module's whole namespace may hold anything
        # (operator's has `setitem`), and `**` of a name is not a callable the walk can take as an entry
        "unknown-a-literal-dict-spreading-a-module-s-namespace",
        """\
        import operator


        def apply(kind, a, b):
            fn = {**operator.__dict__, "first": min}[kind]
            return fn(a, b)  # <-
        """,
        "apply",
        "unknown",
    ),
    case(
        "unknown-a-literal-dict-spreading-a-module-s-namespace-read-with-get",
        """\
        import operator


        def apply(kind, a, b):
            fn = {**operator.__dict__, "first": min}.get(kind)
            return fn(a, b)  # <-
        """,
        "apply",
        "unknown",
    ),
    case(
        "unknown-a-literal-dict-s-get-handed-its-default-in-a-starred-argument",
        """\
        def convert(x, kind, pair):
            fn = {"int": int}.get(*pair)
            return fn(x)  # <-
        """,
        "convert",
        "unknown",
    ),
    case(
        "unknown-an-item-of-a-literal-tuple-naming-a-parameter-called-in-place",
        """\
        def pick(x, i, callback):
            return (abs, callback)[i](x)  # <-
        """,
        "pick",
        "unknown",
    ),
    case(
        "unknown-maps-an-entry-of-a-literal-dict-naming-a-parameter",
        """\
        def convert(xs, kind, callback):
            return list(map({"int": int, "custom": callback}[kind], xs))  # <-
        """,
        "convert",
        "unknown",
    ),
    case(
        # a set's order is not known: which of its elements the first name takes is not either
        "unknown-a-loop-over-literal-rows-that-are-sets",
        """\
        def pick(x):
            for first, second in ({abs, print},):
                first(x)  # <-
        """,
        "pick",
        "unknown",
    ),
    case(
        "unknown-a-loop-over-literal-rows-of-another-width",
        """\
        def show(s):
            for name, fn in (("size", len), ("echo",)):
                fn(name)  # <-
        """,
        "show",
        "unknown",
    ),
    case(
        "unknown-a-literal-dict-s-get-defaults-to-a-parameter",
        """\
        def convert(x, kind, fallback):
            fn = {"int": int}.get(kind, fallback)
            return fn(x)  # <-
        """,
        "convert",
        "unknown",
    ),
    case(
        "unknown-a-loop-over-a-literal-naming-a-parameter",
        """\
        def both(x, callback):
            for fn in (abs, callback):
                x = fn(x)  # <-
            return x
        """,
        "both",
        "unknown",
    ),
    case(
        "unknown-a-loop-over-literal-rows-one-of-them-not-a-literal",
        """\
        def show(s, row):
            for name, fn in (("size", len), row):
                fn(name)  # <-
        """,
        "show",
        "unknown",
    ),
    case(
        "unknown-a-loop-over-a-literal-naming-a-nested-function",
        """\
        def both(x):
            def loud(v):
                print(v)
                return v

            for fn in (abs, loud):
                x = fn(x)  # <-
            return x
        """,
        "both",
        "unknown",
    ),
    case(
        "unknown-a-loop-variable-over-a-literal-bound-again-in-the-loop",
        """\
        def both(x):
            for fn in (abs, len):
                fn(x)  # <-
                fn = print
        """,
        "both",
        "unknown",
        detail="bound more than once",
    ),
    case(
        "unknown-a-bound-append-bound-again-in-the-loop",
        """\
        def collect(xs):
            out = []
            append = out.append
            for x in xs:
                append(x)  # <-
                append = print
            return out
        """,
        "collect",
        "unknown",
        detail="local variable append, which is bound more than once",
    ),
    case(
        "unknown-the-list-a-bound-append-belongs-to-was-a-parameter-s",
        """\
        def collect(xs, given):
            out = given
            append = out.append
            out = []
            append(xs)  # <-
            return out
        """,
        "collect",
        "unknown",
        detail="a method of local variable out",
    ),
    case(
        "unknown-a-comprehension-binds-the-bound-method-s-name-itself",
        """\
        def each(xs, callbacks):
            out = []
            append = out.append
            return [append(x) for append in callbacks for x in xs]  # <-
        """,
        "each",
        "unknown",
    ),
    case(
        "unknown-a-nested-function-calls-its-encloser-s-bound-append",
        """\
        def collect(xs):
            out = []
            append = out.append

            def add(x):
                append(x)  # <-

            for x in xs:
                add(x)
            return out
        """,
        "collect.<locals>.add",
        "unknown",
    ),
    case(
        "unknown-a-partial-self-stores-on-one-branch-print-on-another",
        """\
        from functools import partial


        def normalize(s, caseless=True):
            return s.lower() if caseless else s


        class Twice:
            def __init__(self, loud):
                self._f = partial(normalize, caseless=True)
                if loud:
                    self._f = print

            def run(self, s):
                return self._f(s)  # <-
        """,
        "Twice.run",
        "unknown",
    ),
    case(
        "unknown-a-partial-self-stores-of-a-function-changing-its-argument",
        """\
        import heapq
        from functools import partial


        class Queue:
            def __init__(self):
                self.items = []
                self._push = partial(heapq.heappush, self.items)

            def put(self, x):
                self._push(x)  # <-
        """,
        "Queue.put",
        "unknown",
    ),
    case(
        # the parameter shadows a module-level function of the same name: the partial is of the parameter
        "unknown-a-partial-self-stores-of-a-parameter-named-as-a-module-function",
        """\
        from functools import partial


        def callback(value):
            return value


        class Deferred:
            def __init__(self, callback, value):
                self._run = partial(callback, value)

            def run(self):
                return self._run()  # <-
        """,
        "Deferred.run",
        "unknown",
    ),
    case(
        "unknown-self-stores-what-a-factory-returns-handed-a-pure-function",
        """\
        def normalize(s):
            return s.lower()


        def loud(f):
            def run(x):
                print(x)
                return f(x)

            return run


        class Shouter:
            def __init__(self):
                self._f = loud(normalize)

            def go(self, s):
                return self._f(s)  # <-
        """,
        "Shouter.go",
        "unknown",
    ),
    case(
        # a method of the partial object itself (its `func`): not a type the class gives the field
        "unknown-calls-the-func-of-a-partial-self-stores",
        """\
        from functools import partial


        def normalize(s, caseless=True):
            return s.lower() if caseless else s


        class Matcher:
            def __init__(self):
                self._normalize = partial(normalize, caseless=True)

            def first(self, s):
                return self._normalize.func(s)  # <-
        """,
        "Matcher.first",
        "unknown",
        detail="on an object of unknown type",
    ),
    case(
        # a project function named `partial` is not functools': what it returns is what runs
        "unknown-calls-what-a-project-function-named-partial-built-at-import",
        """\
        def partial(f, *args):
            def run(*more):
                print(more)

            return run


        SHOW = partial(abs, 1)


        def show(x):
            return SHOW(x)  # <-
        """,
        "show",
        "unknown",
    ),
    case(
        "unknown-changes-an-element-self-holds",
        """\
        import xml.etree.ElementTree as ET


        class Doc:
            def __init__(self, s):
                self.root = ET.fromstring(s)

            def rename(self, title):
                self.root.set("title", title)  # <-
        """,
        "Doc.rename",
        "unknown",
    ),
    case(
        # a subclass's self: what the element's `set` changes is self (reads stay pure: test_pure.py)
        "unknown-an-element-subclass-sets-an-attribute-of-self",
        """\
        from xml.etree.ElementTree import Element


        class Marked(Element):
            def mark(self):
                self.set("marked", "1")  # <-
        """,
        "Marked.mark",
        "unknown",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


def test_a_library_the_config_names_may_be_imported_in_a_function() -> None:
    # `extra_pure` / `extra_impure` name a library's calls: its import is then known too (`Project.known_libraries`)
    source = {"mod.py": "def version():\n    import safetlib\n\n    return safetlib.version()\n"}
    assert not verdict(source, "version").pure
    config = EngineConfig.from_dict({"extra_pure": ["safetlib.version"]})
    assert verdict(source, "version", config=config).pure


def test_a_toolkit_imported_in_a_function_is_ui_not_an_unknown_library() -> None:
    fn = verdict({"mod.py": "def ask():\n    import wx\n\n    return wx.GetTextFromUser('name?')\n"}, "ask")
    assert {r.kind for r in fn.reasons} == {"ui"}, fn.reasons
