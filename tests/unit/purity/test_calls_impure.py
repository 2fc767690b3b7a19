"""Rows for `calls_impure`: a call to a project function that is itself impure, followed across files,
imports, properties, partials and decorators."""

from __future__ import annotations

import pytest

from tests.unit.engine_helpers import show, verdict
from tests.unit.purity.table import (
    ADD_TO_SEEN,
    ANNOTATED_ITEM,
    APPLY_A_CALLBACK,
    FIELDS,
    HOLDING_BASE,
    IMAGE_READERS,
    STORED_CALLABLES,
    TAG_WITH_A_LOUD_REPR,
    TEMP_WITH_A_SETTER,
    assert_verdict,
    case,
)

# One printing helper in `pkg/util.py`, reached from `pkg/core.py` through each import style.
_LOG_IT = "def log_it(x):\n    print(x)\n"
_IMPORTS_OF_LOG_IT = {
    "callsimpure-relative-import": "from .util import log_it\n\ndef work(x):\n    log_it(x)  # <-\n    return x * 2\n",
    "callsimpure-import-module-as": "import pkg.util as u\n\ndef work(x):\n    u.log_it(x)  # <-\n",
    "callsimpure-star-import": "from .util import *\n\ndef work(x):\n    log_it(x)  # <-\n",
}

_PRINTS = "def say(x):\n    print(x)\n"

ROWS = [
    # A method of what a project function or a table's entry returns is that class's method where the function (or
    # one whose result it returns) builds a project object (`Solver._method_of_returned`, `_method_of_entries`): it was
    # judged by its name alone, and a read-only name (`match`, `get`, `read`…) passed for pure.
    # `self.swap = self.quick` in `__init__`, `self.swap = self.slow` in another method: calling it may run either
    # (`Solver._stored_callable`); it was `unknown`
    case(
        "callsimpure-call-of-a-stored-value-bound-to-two-methods-one-printing",
        STORED_CALLABLES,
        "Writer.maybe",
        "calls_impure",
        detail="Writer.slow",
    ),
    case(
        "callsimpure-call-of-a-stored-value-first-bound-to-a-printing-method",
        """\
        class Rule:
            def __init__(self, text):
                self.text = text
                self.match = self.loud_match

            def quiet(self):
                self.match = self.quiet_match

            def loud_match(self, value):
                print(value)
                return self.text in value

            def quiet_match(self, value):
                return self.text in value

            def apply(self, value):
                return self.match(value)  # <-
        """,
        "Rule.apply",
        "calls_impure",
        detail="Rule.loud_match",
    ),
    case(
        "callsimpure-call-of-a-stored-method-only-a-subclass-calls-printing",
        """\
        class Rule:
            def __init__(self, text):
                self.text = text
                self.match = self.match_text

            def match_text(self, value):
                print(value)
                return self.text in value


        class HasName(Rule):
            def apply(self, person):
                return self.match(person.name)  # <-
        """,
        "HasName.apply",
        "calls_impure",
        detail="Rule.match_text",
    ),
    case(
        "callsimpure-a-method-of-what-a-project-function-returns",
        IMAGE_READERS
        + """\
        def is_gif(data):
            return make_gif(data).match()  # <-
        """,
        "is_gif",
        "calls_impure",
        detail="Gif.match",
    ),
    case(
        "callsimpure-a-method-of-a-local-bound-to-what-a-function-returns",
        IMAGE_READERS
        + """\
        def is_gif(data):
            reader = make_gif(data)
            return reader.match()  # <-
        """,
        "is_gif",
        "calls_impure",
        detail="Gif.match",
    ),
    case(
        "callsimpure-a-method-of-what-a-function-returns-from-another",
        IMAGE_READERS
        + """\
        def is_gif(data):
            return any_gif(data).match()  # <-
        """,
        "is_gif",
        "calls_impure",
        detail="Gif.match",
    ),
    case(
        "callsimpure-a-method-of-what-a-function-returns-changing-a-shared-object",
        """\
        SHARED = Probe = None


        class Probe:
            def __init__(self):
                self.checked = False

            def match(self):
                self.checked = True
                return True


        SHARED = Probe()


        def probe(fresh):
            return Probe() if fresh else SHARED


        def check(fresh):
            return probe(fresh).match()  # <-
        """,
        "check",
        "calls_impure",
        detail="Probe.match",
    ),
    case(
        "callsimpure-a-method-of-what-a-function-builds-around-module-state",
        """\
        SEEN = []


        class Log:
            def __init__(self, items):
                self.items = items

            def get(self, key):
                self.items.append(key)
                return key


        def module_log():
            return Log(SEEN)


        def lookup(key):
            return module_log().get(key)  # <-
        """,
        "lookup",
        "calls_impure",
        detail="Log.get",
    ),
    case(
        "callsimpure-a-method-of-what-a-table-entry-builds",
        IMAGE_READERS
        + """\
        READERS = (Png, Gif)


        def matches(i, data):
            return READERS[i](data).match()  # <-
        """,
        "matches",
        "calls_impure",
        detail="Gif.match",
    ),
    case(
        "callsimpure-a-method-of-what-each-class-of-a-looped-table-builds",
        IMAGE_READERS
        + """\
        READERS = (Png, Gif)


        def identify(data):
            for cls in READERS:
                reader = cls(data)
                if reader.match():  # <-
                    return reader.read()
            raise ValueError("unknown format")
        """,
        "identify",
        "calls_impure",
        detail="Gif.match",
    ),
    case(
        "callsimpure-a-method-of-what-a-table-of-factories-returns",
        IMAGE_READERS
        + """\
        MAKERS = {"png": make_png, "gif": make_gif}


        def matches(kind, data):
            reader = MAKERS[kind](data)
            return reader.match()  # <-
        """,
        "matches",
        "calls_impure",
        detail="Gif.match",
    ),
    # two lambdas on one line are two functions (`nodes.lambda_id`: line and column): they shared one id, and the
    # solve knew only the last (`f` below was pure though it maps `print`), a table's entries the same way
    case(
        "callsimpure-maps-a-printing-lambda-beside-a-key-lambda-on-one-line",
        """\
        def f(a):
            return list(map(lambda y: print(y), a)), sorted(a, key=lambda x: x)  # <-
        """,
        "f",
        "calls_impure",
    ),
    case(
        "callsimpure-calls-an-entry-of-a-table-of-lambdas-written-on-one-line",
        """\
        ACTIONS = {"show": lambda x: print(x), "double": lambda x: 2 * x}


        def act(name, x):
            return ACTIONS[name](x)  # <-
        """,
        "act",
        "calls_impure",
    ),
    case(
        "callsimpure-calls-an-entry-of-a-table-one-lambda-of-which-prints",
        """\
        ACTIONS = {
            "double": lambda x: 2 * x,
            "show": lambda x: print(x),
        }


        def act(name, x):
            return ACTIONS[name](x)  # <-
        """,
        "act",
        "calls_impure",
    ),
    case(
        "callsimpure-calls-an-entry-of-a-table-holding-an-impure-project-function",
        """\
        HISTORY = []


        def record(x):
            HISTORY.append(x)
            return x


        def double(x):
            return 2 * x


        STEPS = [double, record]


        def step(i, x):
            return STEPS[i](x)  # <-
        """,
        "step",
        "calls_impure",
    ),
    # the neighbours of `pure-an-accumulator-closure-fills-the-encloser-s-own-list`: what the nested function changes
    # is not the encloser's own object, or it does more than change it
    case(
        "callsimpure-a-closure-fills-the-encloser-s-parameter",
        """\
        def fill(items, out):
            def collect(x):
                out.append(x)

            for i in items:
                collect(i)  # <-
            return out
        """,
        "fill",
        "calls_impure",
    ),
    case(
        "callsimpure-a-closure-fills-a-list-self-holds",
        """\
        class Bag:
            def __init__(self):
                self.items = []

            def fill(self, items):
                out = self.items

                def collect(x):
                    out.append(x)

                for i in items:
                    collect(i)  # <-
        """,
        "Bag.fill",
        "calls_impure",
    ),
    case(
        "callsimpure-a-closure-fills-the-encloser-s-list-and-its-parameter",
        """\
        def evens(items, seen):
            out = []

            def collect(x):
                out.append(x)
                seen.append(x)

            for i in items:
                collect(i)  # <-
            return out
        """,
        "evens",
        "calls_impure",
    ),
    case(
        "callsimpure-a-closure-fills-the-encloser-s-list-and-prints",
        """\
        def evens(items):
            out = []

            def collect(x):
                print(x)
                out.append(x)

            for i in items:
                collect(i)  # <-
            return out
        """,
        "evens",
        "calls_impure",
    ),
    case(
        "callsimpure-a-closure-fills-the-encloser-s-list-through-an-impure-call",
        """\
        LOG = []


        def record(x):
            LOG.append(x)


        def evens(items):
            out = []

            def collect(x):
                record(x)
                out.append(x)

            for i in items:
                collect(i)  # <-
            return out
        """,
        "evens",
        "calls_impure",
    ),
    case(
        "callsimpure-a-closure-fills-a-variable-rebound-to-a-parameter-later",
        """\
        def fill(items, target):
            out = []

            def collect(x):
                out.append(x)

            out = target
            for i in items:
                collect(i)  # <-
            return out
        """,
        "fill",
        "calls_impure",
    ),
    case(
        "callsimpure-a-closure-fills-a-list-of-the-function-further-out",
        """\
        def outer(items):
            out = []

            def middle(x):
                def collect(y):
                    out.append(y)

                collect(x)  # <-

            for i in items:
                middle(i)
            return out
        """,
        "outer.<locals>.middle",
        "calls_impure",
    ),
    # a sibling calling the accumulator is not the function the list belongs to: `walk` changes `outer`'s list, and
    # `outer` calling `walk` is judged by it (precision first: only the encloser's own calls are answered for)
    case(
        "callsimpure-a-sibling-nested-function-calls-the-accumulator",
        """\
        def flatten(tree):
            out = []

            def add(x):
                out.append(x)

            def walk(node):
                def kids():
                    return node.children

                add(node)
                for child in kids():
                    walk(child)

            walk(tree)  # <-
            return out
        """,
        "flatten",
        "calls_impure",
    ),
    case(
        "calls_impure-a-class-body-alias-of-a-printing-method",
        """\
        class Game:
            def _loud(self, a):
                print(a)

            def match(self, a):
                return a

        class Noisy(Game):
            match = Game._loud

        def noisy(a):
            return Noisy().match(a)  # <-
        """,
        "noisy",
        "calls_impure",
        detail="Game._loud",
    ),
    # a class-body alias bound again to something else is that value
    case(
        "impure-a-class-body-alias-bound-again-to-a-value",
        """\
        class Game:
            def _quiet(self, a):
                return a

        class Noisy(Game):
            emit = Game._quiet
            emit = staticmethod(print)

        def noisy(a):
            return Noisy().emit(a)  # <-
        """,
        "noisy",
        "impure",
    ),
    # aliases that name each other (nothing at the end): the solve ends, and says what it does not know
    case(
        "unknown-class-body-aliases-naming-each-other",
        """\
        class R:
            x = S.y

        class S:
            y = R.x

        def cyc():
            return R().x()  # <-
        """,
        "cyc",
        "unknown",
    ),
    # A callback parameter left to its default hands nothing only when the default is a constant
    # (test_pure.py: `pure-a-callback-parameter-left-to-its-constant-default`)
    case(
        "calls_impure-a-callback-parameter-left-to-a-default-that-prints",
        """\
        def apply_all(xs, f=print):
            for x in xs:
                f(x)

        def applied(xs):
            apply_all(xs)  # <-
        """,
        "applied",
        "calls_impure",
    ),
    case(
        "calls_impure-a-callback-parameter-a-starred-call-may-fill",
        """\
        def unique(iterable, key=None):
            return [key(x) if key else x for x in iterable]

        def starred(args):
            return unique(*args)  # <-
        """,
        "starred",
        "calls_impure",
    ),
    case(
        "calls_impure-a-callback-parameter-a-double-starred-call-may-fill",
        """\
        def unique(iterable, key=None):
            return [key(x) if key else x for x in iterable]

        def forwarded(items, **options):
            return unique(items, **options)  # <-
        """,
        "forwarded",
        "calls_impure",
    ),
    case(
        "calls_impure-a-callback-parameter-filled-with-the-caller-s-own",
        """\
        def unique(iterable, key=None):
            return [key(x) if key else x for x in iterable]

        def passed_on(items, key):
            return unique(items, key)  # <-
        """,
        "passed_on",
        "impure",
    ),
    case(
        "io-a-printing-builtin-handed-to-a-keyword-only-callback-parameter",
        """\
        def only(xs, *, pick=None):
            return [pick(x) if pick else x for x in xs]

        def printed(xs):
            return only(xs, pick=print)  # <-
        """,
        "printed",
        "io",
    ),
    case(
        "unknown-a-class-attribute-shadowing-a-base-s-method-with-an-unknown-value",
        """\
        class Base:
            def emit(self, line):
                return line

        class Loud(Base):
            emit = print

        def shout(text):
            return Loud().emit(text)  # <-
        """,
        "shout",
        "impure",
    ),
    case(
        "calls-impure-call-of-a-stored-object-whose-call-prints",
        STORED_CALLABLES,
        "Writer.yell",
        "calls_impure",
        detail="Loud.__call__",
    ),
    case(
        "calls-impure-init-calling-a-method-that-changes-what-the-base-init-holds",
        HOLDING_BASE
        + """\
        class Child(Base):
            def __init__(self, items):
                super().__init__(items)
                self.reset()  # <-

            def reset(self):
                self.items.clear()
        """,
        "Child.__init__",
        "calls_impure",
        detail="Child.reset",
    ),
    case(
        "callsimpure-same-file",
        """\
        def helper(x):
            print(x)

        def run(x):
            helper(x)  # <-
            return x
        """,
        "run",
        "calls_impure",
        detail="mod.helper",
    ),
    case(
        "callsimpure-transitive",
        """\
        def a():
            print("a")

        def b():
            a()

        def c():
            return b()  # <-
        """,
        "c",
        "calls_impure",
        detail="mod.b",
    ),
    *[
        case(
            case_id,
            {"pkg/__init__.py": "", "pkg/util.py": _LOG_IT, "pkg/core.py": core},
            "work",
            "calls_impure",
            path="pkg/core.py",
            detail="pkg.util.log_it",
        )
        for case_id, core in _IMPORTS_OF_LOG_IT.items()
    ],
    case(
        "callsimpure-pure-looking-method-calls-printing-helper",
        """\
        class Report:
            def _trace(self, msg):
                print(msg)

            def area(self, w, h):
                self._trace("area")  # <-
                return w * h
        """,
        "Report.area",
        "calls_impure",
        detail="mod.Report._trace",
    ),
    case(
        "callsimpure-staticmethod-calls-module-function",
        """\
        import os

        def cwd():
            return os.getcwd()

        class Paths:
            @staticmethod
            def here():
                return cwd()  # <-
        """,
        "Paths.here",
        "calls_impure",
        detail="mod.cwd",
    ),
    case(
        "callsimpure-partial-of-impure",
        """\
        from functools import partial

        def say(prefix, x):
            print(prefix, x)

        def run(x):
            shout = partial(say, "!")
            return shout(x)  # <-
        """,
        "run",
        "calls_impure",
        detail="mod.say",
    ),
    case(
        "callsimpure-constructor-with-impure-init",
        """\
        class Conn:
            def __init__(self, path):
                self.fh = open(path)

        def connect(p):
            return Conn(p)  # <-
        """,
        "connect",
        "calls_impure",
        detail="mod.Conn.__init__",
    ),
    case(
        "callsimpure-property-getter-via-self",
        """\
        class Sensor:
            @property
            def value(self):
                print("reading")
                return 1

            def doubled(self):
                return self.value * 2  # <-
        """,
        "Sensor.doubled",
        "calls_impure",
        detail="mod.Sensor.value",
    ),
    case(
        "callsimpure-property-getter-on-fresh-object",
        """\
        class Sensor:
            @property
            def value(self):
                print("reading")
                return 1

        def read():
            return Sensor().value  # <-
        """,
        "read",
        "calls_impure",
        detail="mod.Sensor.value",
    ),
    case(
        "callsimpure-property-setter-on-fresh-object",
        """\
        class Box:
            def __init__(self):
                self._x = 0

            @property
            def x(self):
                return self._x

            @x.setter
            def x(self, v):
                print("set", v)
                self._x = v

        def make():
            b = Box()
            b.x = 3  # <-
            return b
        """,
        "make",
        "calls_impure",
        detail="mod.Box.x",
    ),
    case(
        "callsimpure-project-decorator-adds-logging",
        """\
        import functools

        def logged(fn):
            @functools.wraps(fn)
            def wrapper(*a, **k):
                print("call")
                return fn(*a, **k)

            return wrapper

        @logged
        def add(a, b):
            return a + b
        """,
        "add",
        "calls_impure",
    ),
    case(
        "callsimpure-passes-impure-to-map",
        """\
        def show(x):
            print(x)

        def show_all(xs):
            return list(map(show, xs))  # <-
        """,
        "show_all",
        "calls_impure",
        detail="mod.show",
    ),
    case(
        # Four deep, one function per file: a fixpoint that stopped after one round (the printing `c`
        # taints `b`, and `a` is only named impure at the end) would leave `d` pure (issue 12, item 6).
        "callsimpure-four-deep-chain-across-files",
        {
            "pkg/__init__.py": "",
            "pkg/c.py": "def c(x):\n    print(x)\n",
            "pkg/b.py": "from .c import c\n\ndef b(x):\n    return c(x)\n",
            "pkg/a.py": "from .b import b\n\ndef a(x):\n    return b(x)\n",
            "pkg/d.py": "from .a import a\n\ndef d(x):\n    return a(x)  # <-\n",
        },
        "d",
        "calls_impure",
        path="pkg/d.py",
        detail="pkg.a.a",
    ),
    # ... and a relative import naming the root package, the tree's root holding `__init__.py` (test_pure.py): the
    # callee is found, so its verdict is the caller's reason (it was "cannot be resolved")
    case(
        "callsimpure-relative-import-of-a-root-module",
        {"__init__.py": "", "log.py": _PRINTS, "app.py": "from . import log\n\ndef run(x):\n    return log.say(x)\n"},
        "run",
        "calls_impure",
        path="app.py",
        detail="log.say",
    ),
    case(
        "callsimpure-parent-relative-import-of-a-root-module",
        {
            "__init__.py": "",
            "log.py": _PRINTS,
            "ui/__init__.py": "",
            "ui/view.py": "from .. import log\n\ndef run(x):\n    return log.say(x)\n",
        },
        "run",
        "calls_impure",
        path="ui/view.py",
        detail="log.say",
    ),
    case(
        "callsimpure-relative-import-from-the-root-package",
        {"__init__.py": _PRINTS, "app.py": "from . import say\n\ndef run(x):\n    return say(x)\n"},
        "run",
        "calls_impure",
        path="app.py",
        detail="say",
    ),
    # The neighbours of decorators whose wrapper calls the decorated function back (test_pure.py): a wrapper with an
    # effect of its own, one a factory's decorator defines (that one was not looked at: the function was pure), one
    # also calling an impure project function or a callback of its own, and a factory's decorator calling back
    # what the factory was given (a registration), which is not the decorated function
    case(
        "callsimpure-decorated-by-a-wrapper-that-prints",
        "def loud(func):\n    def f(x):\n        print(x)\n        return func(x)\n    return f\n\n"
        "@loud  # <-\ndef same(x):\n    return x\n",
        "same",
        "calls_impure",
        detail="loud.<locals>.f",
    ),
    case(
        "callsimpure-decorated-by-a-factory-whose-wrapper-prints",
        """\
        def repeat(n):
            def decorate(func):
                def wrapper(x):
                    print(n)
                    return func(x)
                return wrapper
            return decorate

        @repeat(2)  # <-
        def same(x):
            return x
        """,
        "same",
        "calls_impure",
        detail="decorate.<locals>.wrapper",
    ),
    case(
        "callsimpure-decorated-by-a-wrapper-also-calling-an-impure-function",
        "def log(x):\n    print(x)\n\ndef traced(func):\n    def f(x):\n        log(x)\n        return func(x)\n"
        "    return f\n\n@traced  # <-\ndef same(x):\n    return x\n",
        "same",
        "calls_impure",
        detail="traced.<locals>.f",
    ),
    case(
        "callsimpure-decorated-by-a-wrapper-calling-a-callback-of-its-own",
        "def mapped(func):\n    def f(x, cb):\n        return func(cb(x))\n    return f\n\n"
        "@mapped  # <-\ndef same(x):\n    return x\n",
        "same",
        "calls_impure",
        detail="mapped.<locals>.f",
    ),
    case(
        "callsimpure-decorated-by-a-wrapper-calling-another-parameter-of-the-decorator",
        "def traced(func, log=print):\n    def f(x):\n        log(x)\n        return func(x)\n    return f\n\n"
        "@traced  # <-\ndef same(x):\n    return x\n",
        "same",
        "calls_impure",
        detail="traced.<locals>.f",
    ),
    case(
        "callsimpure-decorated-by-a-wrapper-whose-own-parameter-hides-the-decorated-function",
        "def deco(func):\n    def f(func):\n        return func()\n    return f\n\n"
        "@deco  # <-\ndef same():\n    return 1\n",
        "same",
        "calls_impure",
        detail="deco.<locals>.f",
    ),
    case(
        "callsimpure-decorated-by-a-factory-calling-back-what-it-was-given",
        """\
        HANDLERS = []

        def on(add):
            def decorate(func):
                add(func)
                return func
            return decorate

        @on(HANDLERS.append)  # <-
        def handler(x):
            return x
        """,
        "handler",
        "calls_impure",
        detail="on.<locals>.decorate",
    ),
    # A branch only another platform takes still counts (only Python 2's are dead code, test_pure.py)
    case(
        "callsimpure-a-name-another-platform-binds-to-a-function-that-prints",
        """\
        import sys

        def noisy(x):
            print(x)

        def quiet(x):
            return x

        if sys.platform == "win32":
            show = noisy
        else:
            show = quiet

        def run(x):
            return show(x)  # <-
        """,
        "run",
        "calls_impure",
        detail="noisy",
    ),
    # Mutation rows (issue 12 item 6): the fixpoint's `via_calls` and `leaky` bookkeeping.
    case(
        "callsimpure-builder-filling-a-fresh-list-that-also-prints",
        """\
        def log(x):
            print(x)

        def fill(xs):
            xs.append(1)
            log(xs)

        def build():
            items = []
            fill(items)  # <-
            return items
        """,
        "build",
        "calls_impure",
        detail="mod.fill",
    ),
    case(
        "callsimpure-method-of-a-fresh-object-printing-through-its-self",
        """\
        class W:
            def add(self, x):
                self.note(x)

            def note(self, x):
                print(x)

        def use(x):
            W().add(x)  # <-
        """,
        "use",
        "calls_impure",
        detail="mod.W.add",
    ),
    case(
        "callsimpure-module-level-lambda-that-prints",
        """\
        shout = lambda x: print(x)

        def f(x):
            return shout(x)  # <-
        """,
        "f",
        "calls_impure",
        detail="mod.<lambda>",
    ),
    case(
        "callsimpure-method-of-a-module-level-project-object",
        """\
        class Registry:
            def describe(self, k):
                print(k)

        registry = Registry()

        def lookup(k):
            return registry.describe(k)  # <-
        """,
        "lookup",
        "calls_impure",
        detail="mod.Registry.describe",
    ),
    case(
        "callsimpure-building-a-dataclass-whose-post-init-prints",
        """\
        from dataclasses import dataclass

        @dataclass
        class P:
            x: int

            def __post_init__(self):
                print(self.x)

        def make(x):
            return P(x)  # <-
        """,
        "make",
        "calls_impure",
        detail="mod.P.__post_init__",
    ),
    case(
        "callsimpure-building-a-class-whose-new-prints",
        """\
        class Token(str):
            def __new__(cls, text):
                print(text)
                return super().__new__(cls, text)

        def make(t):
            return Token(t)  # <-
        """,
        "make",
        "calls_impure",
        detail="mod.Token.__new__",
    ),
    case(
        "callsimpure-module-level-alias-of-a-printing-function",
        """\
        def log_it(x):
            print(x)

        shout = log_it

        def f(x):
            shout(x)  # <-
        """,
        "f",
        "calls_impure",
        detail="mod.log_it",
    ),
    case(
        "callsimpure-through-a-dotted-import-of-a-project-module",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": "def log(x):\n    print(x)\n",
            "pkg/core.py": "import pkg.util\n\ndef f(x):\n    pkg.util.log(x)  # <-\n",
        },
        "f",
        "calls_impure",
        path="pkg/core.py",
        detail="pkg.util.log",
    ),
    # Mutation rows (issue 12 item 6): an outer class body is not seen from a class nested two levels down,
    # so `Base` there is the module's (a widget), not `A.Base`.
    case(
        "calls-impure-base-named-in-an-outer-class-body-is-the-modules",
        """\
        import tkinter as tk

        class Base(tk.Frame):
            def size(self):
                return self.winfo_width()

        class A:
            class Base:
                def size(self):
                    return 1

            class B:
                class C(Base):
                    def twice(self):
                        return self.size() * 2  # <-
        """,
        "A.B.C.twice",
        "calls_impure",
        detail="mod.Base.size",
    ),
    # Mutation rows (issue 12 item 6): `Project.follow` through a package.
    case(
        # the package binds `helper` itself: `pkg.helper` is its function, not the submodule `pkg/helper.py`
        "calls-impure-a-package-function-named-like-a-submodule",
        {
            "pkg/__init__.py": "def helper(x):\n    print(x)\n",
            "pkg/helper.py": "def run():\n    return 1\n",
            "mod.py": """\
            import pkg

            def f(x):
                return pkg.helper(x)  # <-
            """,
        },
        "f",
        "calls_impure",
        detail="pkg.helper",
    ),
    case(
        "calls-impure-a-static-method-through-a-module-chain",
        {
            "pkg/__init__.py": "",
            "pkg/conf.py": "from pkg.tools import Tools\n",
            "pkg/tools.py": "class Tools:\n    @staticmethod\n    def clean(s):\n        print(s)\n",
            "mod.py": """\
            import pkg.conf

            def f(s):
                return pkg.conf.Tools.clean(s)  # <-
            """,
        },
        "f",
        "calls_impure",
        detail="pkg.tools.Tools.clean",
    ),
    case(
        "calls-impure-cls-of-a-nested-class",
        """\
        class Outer:
            class Inner:
                def __init__(self):
                    print(1)

                @classmethod
                def make(cls):
                    return cls()  # <-
        """,
        "Outer.Inner.make",
        "calls_impure",
        detail="mod.Outer.Inner.__init__",
    ),
    case(
        "calls-impure-property-setter-run-by-an-assignment",
        """\
        class Box:
            def __init__(self):
                self._v = 0

            @property
            def value(self):
                return self._v

            @value.setter
            def value(self, v):
                print(v)
                self._v = v

            def reset(self):
                self.value = 0  # <-
        """,
        "Box.reset",
        "calls_impure",
        detail="mod.Box.value",
    ),
    case(
        # `util.Thing()` looks like a library call to the per-file pass: the solve finds the project's class
        "calls-impure-method-of-an-object-built-from-another-modules-class",
        {
            "util.py": "class Thing:\n    def save(self):\n        print(1)\n",
            "mod.py": """\
            import util

            def f():
                t = util.Thing()
                t.save()  # <-
            """,
        },
        "f",
        "calls_impure",
        path="mod.py",
        detail="util.Thing.save",
    ),
    # A `def` or `class` statement calls its decorators: in a function, each time it runs.
    case(
        "calls-impure-a-decorator-of-a-nested-function",
        """\
        def announce(fn):
            print("defined", fn)
            return fn

        def make():
            @announce  # <-
            def inner():
                return 1
            return inner
        """,
        "make",
        "calls_impure",
        detail="announce",
    ),
    case(
        "calls-impure-a-method-decorator-of-a-class-a-function-defines",
        """\
        def announce(fn):
            print("defined", fn)
            return fn

        def make():
            class Handler:
                @announce  # <-
                def run(self):
                    return 1
            return Handler
        """,
        "make",
        "calls_impure",
        detail="announce",
    ),
    case(
        "calls-impure-a-decorator-of-a-class-a-function-defines",
        """\
        REGISTRY = []

        def register(cls):
            REGISTRY.append(cls)
            return cls

        def make():
            @register  # <-
            class Local:
                pass
            return Local
        """,
        "make",
        "calls_impure",
        detail="register",
    ),
    case(
        "calls-impure-a-method-setting-a-property-runs-the-setter",
        TEMP_WITH_A_SETTER
        + """\

            def reset(self):
                self.celsius = 0  # <-
        """,
        "Temp.reset",
        "calls_impure",
        detail="Temp.celsius",
    ),
    # The object a cached function hands back is its first call's (`@functools.cache`): a method changing it changes
    # what every later caller gets
    case(
        "calls-impure-a-method-changing-what-a-cached-function-returns",
        """\
        from functools import cache


        class Box:
            def __init__(self):
                self.items = []

            def grow(self, x):
                self.items.append(x)


        @cache
        def shared_box():
            return Box()


        def put(x):
            shared_box().grow(x)  # <-
        """,
        "put",
        "calls_impure",
        detail="Box.grow",
    ),
    case(
        "calls-impure-a-mixin-calling-a-method-one-deriving-class-prints-in",
        """\
        class ReportMixin:
            def done(self):
                self.report()  # <-
                return True


        class Box(ReportMixin):
            def report(self):
                print("box")


        class Tile(ReportMixin):
            def report(self):
                pass
        """,
        "ReportMixin.done",
        "calls_impure",
        detail="Box.report",
    ),
    case(
        "calls-impure-calling-an-object-built-in-place-whose-call-prints",
        """\
        class Loud:
            def __call__(self, data):
                print(data)


        def shout(data):
            Loud()(data)  # <-
        """,
        "shout",
        "calls_impure",
        detail="Loud.__call__",
    ),
    case(
        "calls-impure-calling-an-object-whose-call-changes-what-it-was-handed",
        """\
        class Appender:
            def __init__(self, items):
                self.items = items

            def __call__(self, x):
                self.items.append(x)


        def add(items, x):
            Appender(items)(x)  # <-
        """,
        "add",
        "calls_impure",
        detail="Appender.__call__",
    ),
    case(
        "calls-impure-a-function-running-a-property-setter-on-its-argument",
        TEMP_WITH_A_SETTER
        + """

        def warm_up(t):
            Temp.celsius.fset(t, 30)  # <-
        """,
        "warm_up",
        "calls_impure",
        detail="Temp.celsius",
    ),
    case(
        "calls-impure-a-property-override-running-its-base-getter-that-prints",
        """        class Meter:
            @property
            def level(self):
                print("reading")
                return 1

            @level.setter
            def level(self, value):
                pass


        class Louder(Meter):
            @property
            def level(self):
                return Meter.level.fget(self) + 1  # <-
        """,
        "Louder.level",
        "calls_impure",
        detail="Meter.level",
    ),
    case(
        "calls-impure-a-method-reading-a-property-whose-getter-caches-on-self",
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
                return f"{self.area} m2"  # <-
        """,
        "Shape.describe",
        "calls_impure",
        detail="Shape.area",
    ),
    # Every decorator of a function is judged, whatever comes before it.
    case(
        "calls-impure-a-decorator-after-a-computed-one",
        """\
        HANDLERS = [lambda fn: fn]

        def announce(fn):
            print("defined", fn)
            return fn

        @HANDLERS[0]
        @announce  # <-
        def handler():
            return 1
        """,
        "handler",
        "calls_impure",
        detail="announce",
    ),
    case(
        "calls-impure-a-decorator-after-a-property-setter",
        """\
        def announce(fn):
            print("defined", fn)
            return fn

        class Temp:
            @property
            def celsius(self):
                return self._c

            @celsius.setter
            @announce  # <-
            def celsius(self, value):
                self._c = value
        """,
        "Temp.celsius@12",
        "calls_impure",
        detail="announce",
    ),
    case(
        "calls-impure-a-decorator-after-a-ui-one",
        """\
        import tkinter as tk

        def announce(fn):
            print("defined", fn)
            return fn

        @tk.Misc.register
        @announce  # <-
        def handler():
            return 1
        """,
        "handler",
        "calls_impure",
        detail="announce",
    ),
    case(
        "calls-impure-a-decorator-one-of-whose-imports-is-impure",
        {
            "mod.py": """\
            try:
                from functools import lru_cache as cache
            except ImportError:
                from compat import cache

            @cache  # <-
            def square(x):
                return x * x
            """,
            "compat.py": """\
            def cache(fn):
                print("no functools")
                return fn
            """,
        },
        "square",
        "calls_impure",
        detail="compat.cache",
    ),
    case(
        "calls-impure-an-augmented-assignment-runs-the-property-setter",
        """\
        class Temp:
            def __init__(self, c):
                self._c = c

            @property
            def celsius(self):
                return self._c

            @celsius.setter
            def celsius(self, value):
                print("set", value)
                self._c = value

            def warm(self):
                self.celsius += 1  # <-
        """,
        "Temp.warm",
        "calls_impure",
        detail="Temp.celsius",
    ),
    case(
        "calls-impure-an-own-method-handed-to-map",
        """\
        class Deck:
            def show(self, card):
                print(card)

            def show_all(self, cards):
                return list(map(self.show, cards))  # <-
        """,
        "Deck.show_all",
        "calls_impure",
        detail="Deck.show",
    ),
    # Imports inside a function body: relative ones resolve from the function's package, dotted ones follow
    # every hop, and what cannot be resolved is named as written.
    case(
        "calls-impure-a-relative-import-inside-the-body",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": "def noisy():\n    print('hi')\n",
            "pkg/mod.py": """\
            def rel():
                from .util import noisy
                return noisy()  # <-
            """,
        },
        "rel",
        "calls_impure",
        path="pkg/mod.py",
        detail="pkg.util.noisy",
    ),
    case(
        "calls-impure-a-dotted-import-inside-the-body",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": "def noisy():\n    print('hi')\n",
            "pkg/mod.py": """\
            def dotted():
                import pkg.util
                return pkg.util.noisy()  # <-
            """,
        },
        "dotted",
        "calls_impure",
        path="pkg/mod.py",
        detail="pkg.util.noisy",
    ),
    case(
        "calls-impure-a-chain-of-own-methods-changing-what-the-object-holds",
        """\
        class W:
            def __init__(self, xs):
                self.xs = xs

            def c(self):
                self.xs.append(1)

            def b(self):
                self.c()

            def a(self):
                self.b()

        def f(xs):
            W(xs).a()  # <-
            return xs
        """,
        "f",
        "calls_impure",
        detail="W.a",
    ),
    case(
        "calls-impure-printing-a-fresh-list-it-also-changes",
        """\
        def log_into(xs):
            xs.append(1)
            print(xs)

        def use():
            log_into([])  # <-
        """,
        "use",
        "calls_impure",
        detail="log_into",
    ),
    case(
        "calls-impure-the-wrapper-a-decorator-returns",
        """\
        def logged(fn):
            def wrapper(*args):
                print(args)
                return fn(*args)
            return wrapper

        @logged  # <-
        def double(x):
            return 2 * x
        """,
        "double",
        "calls_impure",
        detail="logged.<locals>.wrapper",
    ),
    # A method of an object self holds, built in this method from what the caller gave: it changes those objects.
    case(
        "calls-impure-building-an-object-whose-init-changes-what-it-was-given-through-a-held-object",
        """\
        class Holder:
            def __init__(self, items):
                self.items = items

            def add(self, x):
                self.items.append(x)

        class Wrapper:
            def __init__(self, items):
                self.h = Holder(items)
                self.h.add(1)

        def wrap(xs):
            return Wrapper(xs)  # <-
        """,
        "wrap",
        "calls_impure",
        detail="Wrapper.__init__",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): a module-level object's type is what built it, not a
    # placeholder bound before it, not an import beside it (`Project.dotted_of_binding_value`).
    # (Calling a method the tables do not know also makes the object state: global_read beside it.)
    case(
        "callsimpure-a-method-of-a-module-level-object-first-bound-to-none",
        """\
        class Scaler:
            def scale(self, x):
                print(x)
                return x * 2

        SCALER = None
        SCALER = Scaler()

        def scaled(x):
            return SCALER.scale(x)  # <-
        """,
        "scaled",
        "calls_impure",
        detail="Scaler.scale",
    ),
    case(
        "callsimpure-a-method-of-a-module-level-shim-beside-an-import-of-the-same-name",
        """\
        class Shim:
            def dumps(self, x):
                print(x)
                return repr(x)

        try:
            import json as codec
        except ImportError:
            codec = Shim()

        def dump(x):
            return codec.dumps(x)  # <-
        """,
        "dump",
        "calls_impure",
        detail="Shim.dumps",
    ),
    # Mutation row (issue 12 item 6, fourth pass): `idle.pyw` beside `idle.py` is its own module, named by its path.
    case(
        "callsimpure-a-pyw-beside-a-py-of-the-same-name",
        {
            "idle.py": "def helper():\n    return 1\n",
            "idle.pyw": "def helper():\n    print(1)\n\n\ndef main():\n    helper()  # <-\n",
        },
        "main",
        "calls_impure",
        path="idle.pyw",
        detail="calls idle.pyw.helper",
    ),
    # A class as a decorator whose `__call__` prints: each call of the decorated function prints.
    case(
        "callsimpure-decorated-with-a-project-class-whose-call-prints",
        """\
        class traced:
            def __init__(self, func):
                self.func = func

            def __call__(self, *args):
                print("calling", self.func.__name__)
                return self.func(*args)

        @traced  # <-
        def add(a, b):
            return a + b
        """,
        "add",
        "calls_impure",
        detail="traced.__call__",
    ),
    # ... and one whose `__call__` changes the decorator object: that object outlives the call (not a fresh one).
    case(
        "callsimpure-decorated-with-a-project-class-that-counts-calls",
        """\
        class counted:
            def __init__(self, func):
                self.calls = 0

            def __call__(self, x):
                self.calls += 1
                return x

        @counted  # <-
        def same(x):
            return x
        """,
        "same",
        "calls_impure",
        detail="counted.__call__",
    ),
    # json runs the hooks it is handed
    case(
        "callsimpure-json-dumps-default-hook",
        """\
        import json

        def noisy(o):
            print(o)
            return str(o)

        def dump(x):
            return json.dumps(x, default=noisy)  # <-
        """,
        "dump",
        "calls_impure",
        detail="noisy",
    ),
    case(
        "callsimpure-orjson-dumps-default-hook",
        """\
        import orjson

        def noisy(o):
            print(o)
            return str(o)

        def dump(x):
            return orjson.dumps(x, default=noisy)  # <-
        """,
        "dump",
        "calls_impure",
        detail="noisy",
    ),
    case(
        "callsimpure-json-loads-object-hook",
        """\
        import json

        SEEN = []

        def remember(d):
            SEEN.append(d)
            return d

        def load(text):
            return json.loads(text, object_hook=remember)  # <-
        """,
        "load",
        "calls_impure",
        detail="remember",
    ),
    case(
        "callsimpure-changing-a-project-object-held-by-self",
        """\
        class Model:
            def __init__(self):
                self.items = []

            def record(self, x):
                self.items.append(x)

        class Controller:
            def __init__(self):
                self.model = Model()

            def record(self, x):
                self.model.record(x)  # <-
        """,
        "Controller.record",
        "calls_impure",
        detail="Model.record",
    ),
    # callables a library call runs: a replacement function, a key, a default factory
    # A callee that only calls its callback parameter is pure only for a caller answering for that callback: not for
    # an impure lambda, a parameter passed through, a builtin, nor when the callee has other effects or leaves a
    # second callback unanswered
    case(
        "callsimpure-a-fresh-instance-whose-method-clears-a-class-cache",
        """\
        class Attributes(list):
            _cache = {}

            def append(self, item):
                super().append(item)
                self._cache.clear()

        def for_table(rows):
            out = Attributes()
            for row in rows:
                out.append(row)  # <-
            return out
        """,
        "for_table",
        "calls_impure",
        detail="Attributes.append",
    ),
    case(
        "callsimpure-a-method-of-a-relatively-imported-class-it-built",
        {
            "pkg/__init__.py": "",
            "pkg/jswriter.py": """\
            class JsResultWriter:
                def __init__(self, output):
                    self._output = output

                def write(self, result):
                    self._output.write(result)
            """,
            "pkg/logw.py": """\
            from .jswriter import JsResultWriter

            def save(out, model):
                JsResultWriter(out).write(model)  # <-
            """,
        },
        "save",
        "calls_impure",
        path="pkg/logw.py",
        detail="JsResultWriter.write",
    ),
    case(
        "callsimpure-a-with-statement-entering-a-project-context-manager",
        """\
        class Output:
            def __init__(self, path):
                self.path = path

            def __enter__(self):
                self.f = open(self.path, "w")
                return self.f

            def __exit__(self, *exc):
                return False

        def dump(model, path):
            with Output(path) as f:  # <-
                return model
        """,
        "dump",
        "calls_impure",
        detail="Output.__enter__",
    ),
    case(
        "callsimpure-an-impure-lambda-handed-to-a-callback-only-function",
        """\
        def apply_all(fn, xs):
            return list(map(fn, xs))

        def shouted(xs):
            return apply_all(lambda x: print(x), xs)  # <-
        """,
        "shouted",
        "calls_impure",
        detail="<lambda>",
    ),
    case(
        "callsimpure-a-parameter-passed-through-to-a-callback-only-function",
        """\
        def apply_all(fn, xs):
            return list(map(fn, xs))

        def passes(fn, xs):
            return apply_all(fn, xs)  # <-
        """,
        "passes",
        "calls_impure",
        detail="apply_all",
    ),
    # A module-level or builtin object handed to a parameter the callee calls back is judged as called by the caller
    # (test_pure.py has the pure ones): `print` is io, a project function that prints is calls_impure
    case(
        "io-a-builtin-handed-to-a-callback-only-method",
        """\
        class Version:
            def _compare(self, other, method):
                return method(self, other)

            def __le__(self, other):
                return self._compare(other, print)  # <-
        """,
        "Version.__le__",
        "io",
        detail="print",
    ),
    case(
        "callsimpure-a-project-function-that-prints-handed-to-a-callback-only-function",
        """\
        def noisy(x):
            print(x)

        def apply(op, *args):
            return op(*args)

        def run(x):
            return apply(noisy, x)  # <-
        """,
        "run",
        "calls_impure",
        detail="noisy",
    ),
    case(
        "callsimpure-a-named-object-after-a-starred-argument-lands-anywhere",
        """\
        import operator

        def apply(op, fn):
            return fn(op)

        def run(args):
            return apply(*args, operator.neg)  # <-
        """,
        "run",
        "calls_impure",
        detail="apply",
    ),
    case(
        "callsimpure-a-named-object-handed-to-a-parameter-the-callee-does-not-call-back",
        """\
        import operator

        def apply(op, fn, *args):
            return fn(*args)

        def run(x, f):
            return apply(operator.add, f, x)  # <-
        """,
        "run",
        "calls_impure",
        detail="apply",
    ),
    case(
        "callsimpure-a-callback-function-with-effects-of-its-own",
        """\
        def logged(fn, xs):
            print(xs)
            return fn(xs)

        def run(xs):
            return logged(lambda x: x, xs)  # <-
        """,
        "run",
        "calls_impure",
        detail="logged",
    ),
    case(
        "callsimpure-a-callback-function-impure-through-its-calls",
        """\
        def log(x):
            print(x)

        def logged(fn, xs):
            log(xs)
            return fn(xs)

        def run(xs):
            return logged(lambda x: x, xs)  # <-
        """,
        "run",
        "calls_impure",
        detail="logged",
    ),
    case(
        "callsimpure-one-of-two-callbacks-left-unanswered",
        """\
        def both(f, g, x):
            return g(f(x))

        def run(g, x):
            return both(lambda v: v + 1, g, x)  # <-
        """,
        "run",
        "calls_impure",
        detail="both",
    ),
    case(
        "callsimpure-a-callback-function-with-another-unknown-effect",
        """\
        def run(fn, obj):
            obj.frob()
            return fn()

        def go(obj):
            return run(lambda: 1, obj)  # <-
        """,
        "go",
        "calls_impure",
        detail="run",
    ),
    case(
        "callsimpure-a-nested-function-calling-the-outer-parameter",
        """\
        def outer(fn):
            def inner(**kw):
                return fn()

            return inner(fn=lambda: 1)  # <-
        """,
        "outer",
        "calls_impure",
        detail="inner",
    ),
    case(
        "callsimpure-a-lambda-after-a-starred-argument-lands-anywhere",
        """\
        def apply(x, fn):
            return fn(x)

        def run(args):
            return apply(*args, lambda v: v)  # <-
        """,
        "run",
        "calls_impure",
        detail="apply",
    ),
    case(
        "callsimpure-a-keyword-callback-after-a-starred-argument-is-still-answered-for-only-by-name",
        """\
        def apply(x, *, fn, g):
            return g(fn(x))

        def run(args, g):
            return apply(*args, fn=lambda v: v, g=g)  # <-
        """,
        "run",
        "calls_impure",
        detail="apply",
    ),
    case(
        "callsimpure-a-callback-on-a-fresh-object-s-method",
        """\
        class Runner:
            def run(self, fn):
                return fn()

        def go():
            return Runner().run(print)  # <-
        """,
        "go",
        "calls_impure",
        detail="Runner.run",
    ),
    case(
        "callsimpure-re-sub-runs-its-replacement-function",
        """\
        import re

        def shout(m):
            print(m.group(0))
            return m.group(0).upper()

        def loud(text):
            return re.sub(r"\\w+", shout, text)  # <-
        """,
        "loud",
        "calls_impure",
        detail="shout",
    ),
    case(
        "callsimpure-regex-sub-and-subf-run-their-replacement-function",
        """\
        import regex

        def shout(m):
            print(m.group(0))
            return m.group(0).upper()

        def loud(text):
            return regex.subf(r"\\w+", shout, text)  # <-
        """,
        "loud",
        "calls_impure",
        detail="shout",
    ),
    case(
        "callsimpure-compiled-pattern-sub-runs-its-replacement",
        """\
        import re

        WORD = re.compile(r"\\w+")

        def shout(m):
            print(m.group(0))
            return m.group(0).upper()

        def loud(text):
            return WORD.subn(shout, text)  # <-
        """,
        "loud",
        "calls_impure",
        detail="shout",
    ),
    case(
        "callsimpure-heapq-nlargest-key",
        """\
        import heapq

        def weigh(x):
            print(x)
            return x

        def top(xs):
            return heapq.nlargest(3, xs, key=weigh)  # <-
        """,
        "top",
        "calls_impure",
        detail="weigh",
    ),
    case(
        "callsimpure-defaultdict-factory",
        """\
        import collections

        def fresh():
            print("new")
            return []

        def group(pairs):
            out = collections.defaultdict(fresh)  # <-
            for k, v in pairs:
                out[k].append(v)
            return out
        """,
        "group",
        "calls_impure",
        detail="fresh",
    ),
    # ... the neighbours of the annotated-parameter rows (test_pure.py): what the class's method does counts
    case(
        "calls-impure-method-of-an-annotated-parameter-that-changes-it",
        ANNOTATED_ITEM
        + """\
        def raise_price(item: Item):
            item.bump()  # <-
            return item
        """,
        "raise_price",
        "calls_impure",
        detail="mod.Item.bump",
    ),
    case(
        "calls-impure-read-only-name-the-class-defines-with-an-effect",
        ANNOTATED_ITEM
        + """\
        def price_of(item: Item):
            return item.get("price")  # <-
        """,
        "price_of",
        "calls_impure",
        detail="mod.Item.get",
    ),
    case(
        "calls-impure-override-in-a-subclass-of-the-annotated-class",
        ANNOTATED_ITEM
        + """\
        class Taxed(Item):
            def total(self, n):
                print("taxed")
                return self.price * n * 1.2

        def cost(item: Item, n):
            return item.total(n)  # <-
        """,
        "cost",
        "calls_impure",
        detail="mod.Taxed.total",
    ),
    case(
        "calls-impure-method-that-changes-an-element-of-an-annotated-list",
        ANNOTATED_ITEM
        + """\
        def raise_all(items: list[Item]):
            for item in items:
                item.bump()  # <-
        """,
        "raise_all",
        "calls_impure",
        detail="mod.Item.bump",
    ),
    case(
        "calls-impure-method-of-a-declared-field-that-changes-it",
        "        from dataclasses import dataclass\n\n"
        + ANNOTATED_ITEM
        + """\
        @dataclass
        class Line:
            item: Item

            def bump(self):
                self.item.bump()  # <-
        """,
        "Line.bump",
        "calls_impure",
        detail="mod.Item.bump",
    ),
    case(
        "calls-impure-method-of-a-field-bound-to-an-annotated-parameter-that-changes-it",
        ANNOTATED_ITEM
        + """\
        class Line:
            def __init__(self, item: Item):
                self.item = item

            def bump(self):
                self.item.bump()  # <-
        """,
        "Line.bump",
        "calls_impure",
        detail="mod.Item.bump",
    ),
    case(
        "calls-impure-override-of-the-class-a-field-is-bound-to-a-parameter-of",
        ANNOTATED_ITEM
        + """\
        class Taxed(Item):
            def total(self, n):
                print("taxed")
                return self.price * n * 1.2

        class Line:
            def __init__(self, item: Item):
                self.item = item

            def cost(self):
                return self.item.total(2)  # <-
        """,
        "Line.cost",
        "calls_impure",
        detail="mod.Taxed.total",
    ),
    case(
        "calls-impure-calling-self-whose-call-prints",
        """\
        class Noisy:
            def __call__(self, data):
                print(data)

            def predict(self, data):
                return self(data)  # <-
        """,
        "Noisy.predict",
        "calls_impure",
        detail="Noisy.__call__",
    ),
    case(
        "calls-impure-building-another-object-of-selfs-class-whose-init-prints",
        """\
        class Loud:
            def __init__(self, name):
                print(name)

            def copy(self):
                return type(self)("x")  # <-
        """,
        "Loud.copy",
        "calls_impure",
        detail="Loud.__init__",
    ),
    case(
        "calls-impure-building-another-object-of-selfs-class-through-a-local-whose-init-prints",
        """\
        class Loud:
            def __init__(self, name):
                print(name)

            def copy(self):
                make = type(self)
                return make("x")  # <-
        """,
        "Loud.copy",
        "calls_impure",
        detail="Loud.__init__",
    ),
    # ... the neighbours of `__init__` building its object through a method of self (test_pure.py)
    case(
        "calls-impure-init-calling-a-method-that-changes-what-the-caller-handed-over",
        """\
        class Basket:
            def __init__(self, items):
                self.items = items
                self.empty()  # <-

            def empty(self):
                self.items.clear()
        """,
        "Basket.__init__",
        "calls_impure",
        detail="Basket.empty",
    ),
    case(
        "calls-impure-init-changing-a-handed-over-object-through-two-methods",
        """\
        class Report:
            def __init__(self, rows):
                self.rows = rows
                self.prepare()  # <-

            def prepare(self):
                self._order()

            def _order(self):
                self.rows.sort()
        """,
        "Report.__init__",
        "calls_impure",
        detail="Report.prepare",
    ),
    case(
        "calls-impure-init-writing-to-the-stream-it-is-handed",
        """\
        class StlWriter:
            def __init__(self, stream):
                self.fp = stream
                self._header()  # <-

            def _header(self):
                self.fp.write("solid python\\n")
        """,
        "StlWriter.__init__",
        "calls_impure",
        detail="StlWriter._header",
    ),
    case(
        "calls-impure-building-an-object-whose-init-changes-the-argument",
        """\
        class Basket:
            def __init__(self, items):
                self.items = items
                self.empty()

            def empty(self):
                self.items.clear()

        def fresh_basket(items):
            return Basket(items)  # <-
        """,
        "fresh_basket",
        "calls_impure",
        detail="Basket.__init__",
    ),
    case(
        "calls-impure-init-calling-a-method-that-reads-a-file",
        """\
        class Settings:
            def __init__(self, path):
                self.path = path
                self.load()  # <-

            def load(self):
                with open(self.path) as fh:
                    self.text = fh.read()
        """,
        "Settings.__init__",
        "calls_impure",
        detail="Settings.load",
    ),
    case(
        "calls-impure-a-method-other-than-init-calling-a-method-that-sets-fields",
        """\
        class Board:
            def __init__(self):
                self.moves = 0

            def restart(self):
                self.reset()  # <-

            def reset(self):
                self.moves = 0
        """,
        "Board.restart",
        "calls_impure",
        detail="Board.reset",
    ),
    # A name an imported module binds more than one way runs one of them: as impure as the least pure.
    case(
        "calls-impure-imported-name-one-of-whose-two-definitions-prints",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": """\
            import sys

            if sys.platform == "win32":
                def helper(x):
                    return x * 2
            else:
                def helper(x):
                    print(x)
                    return x
            """,
            "pkg/mod.py": """\
            from .util import helper

            def g(x):
                return helper(x)  # <-
            """,
        },
        "g",
        "calls_impure",
        path="pkg/mod.py",
        detail="calls pkg.util.helper, which is impure",
    ),
    case(
        "calls-impure-compat-import-whose-fallback-definition-writes",
        {
            "pkg/__init__.py": "",
            "pkg/compat.py": """\
            try:
                from fastjson import dumps
            except ImportError:
                def dumps(obj):
                    with open("/tmp/last.json", "w") as out:
                        out.write(repr(obj))
                    return repr(obj)
            """,
            "pkg/mod.py": """\
            from .compat import dumps

            def encode(record):
                return dumps(record)  # <-
            """,
        },
        "encode",
        "calls_impure",
        path="pkg/mod.py",
        detail="calls pkg.compat.dumps, which is impure",
    ),
    case(
        "calls-impure-package-attribute-one-of-whose-two-definitions-prints",
        {
            "pkg/__init__.py": """\
            import sys
            if sys.argv:
                def helper(x):
                    return x
            else:
                def helper(x):
                    print(x)
            """,
            "mod.py": """\
            import pkg

            def f(x):
                return pkg.helper(x)  # <-
            """,
        },
        "f",
        "calls_impure",
        detail="calls pkg.helper, which is impure",
    ),
    # A new container of the caller's objects handed to a callee that changes what it holds: the caller's objects
    # change (`deep([a])` was pure: a display was taken as wholly new)
    case(
        "calls-impure-a-callee-changing-an-item-of-a-list-display",
        """\
        def deep(lst):
            lst[0].append(1)

        def caller(a):
            deep([a])  # <-
        """,
        "caller",
        "calls_impure",
        detail="deep",
    ),
    case(
        "calls-impure-a-callee-changing-a-value-of-a-dict-display",
        """\
        def deep(data):
            data["k"].append(1)

        def caller(meta):
            deep({"k": meta})  # <-
        """,
        "caller",
        "calls_impure",
        detail="deep",
    ),
    case(
        "calls-impure-a-callee-changing-it-through-an-alias",
        """\
        def fill(data):
            d = data
            d["n"] = 1

        def caller(meta):
            data = {"name": meta}
            fill(data)  # <-
        """,
        "caller",
        "calls_impure",
        detail="fill",
    ),
    case(
        "calls-impure-a-callee-rebinding-the-parameter-to-a-part",
        """\
        def fill(data):
            data = data["inner"]
            data["n"] = 1

        def caller(meta):
            fill({"inner": meta})  # <-
        """,
        "caller",
        "calls_impure",
        detail="fill",
    ),
    case(
        "calls-impure-a-callee-rebinding-the-parameter-later-in-a-loop",
        """\
        def fill(data):
            for i in range(3):
                data.append(i)
                data = data[0]

        def caller(meta):
            fill([meta])  # <-
        """,
        "caller",
        "calls_impure",
        detail="fill",
    ),
    case(
        "calls-impure-a-callee-handing-the-container-to-one-changing-its-items",
        """\
        def deep(data):
            data["k"].append(1)

        def via(data):
            deep(data)

        def caller(meta):
            via({"k": meta})  # <-
        """,
        "caller",
        "calls_impure",
        detail="via",
    ),
    case(
        "calls-impure-a-callee-changing-the-copy-s-items",
        """\
        def deep(lst):
            lst[0].append(1)

        def caller(a):
            x = list(a)
            deep(x)  # <-
        """,
        "caller",
        "calls_impure",
        detail="deep",
    ),
    case(
        "calls-impure-a-callee-changing-what-a-call-returns-of-it",
        """\
        def first(xs):
            return xs[0]

        def deep(data):
            first(data).x = 1

        def caller(a):
            deep([a])  # <-
        """,
        "caller",
        "calls_impure",
        detail="deep",
    ),
    # A local lambda or nested function is called through its name, or by a higher-order call it is handed to.
    case(
        "calls-impure-sorted-with-a-local-lambda-that-prints",
        """\
        def order(xs):
            key = lambda item: print(item)
            return sorted(xs, key=key)  # <-
        """,
        "order",
        "calls_impure",
    ),
    case(
        "calls-impure-one-of-the-nested-functions-the-branches-define",
        """\
        def run(x, loud):
            if loud:
                def f(y):
                    print(y)
            else:
                def f(y):
                    return y
            return f(x)  # <-
        """,
        "run",
        "calls_impure",
    ),
    case(
        "calls-impure-a-local-lambda-called-by-name",
        """\
        def run(x):
            p = lambda a: print(a)
            return p(x)  # <-
        """,
        "run",
        "calls_impure",
    ),
    case(
        "calls-impure-maps-a-method-of-a-new-project-object-that-prints",
        """\
        class Parser:
            def shout(self, s):
                print(s)


        def shout_all(xs):
            m = Parser().shout
            return list(map(m, xs))  # <-
        """,
        "shout_all",
        "calls_impure",
    ),
    case(
        "calls-impure-sorts-by-a-key-a-project-factory-returns-that-prints",
        """\
        def loud_func(key):
            def func(song):
                print(song)
                return song[key]

            return func


        def order(album):
            return sorted(album, key=loud_func("t"))  # <-
        """,
        "order",
        "calls_impure",
    ),
    case(
        "calls-impure-calls-a-local-holding-what-a-factory-returns-that-prints",
        """\
        def loud_func(key):
            def func(song):
                print(song)
                return song[key]

            return func


        def first(song):
            get = loud_func("t")
            return get(song)  # <-
        """,
        "first",
        "calls_impure",
    ),
    case(
        "calls-impure-a-lambda-called-in-place-prints",
        """\
        def shout(x):
            return (lambda: print(x))()  # <-
        """,
        "shout",
        "calls_impure",
    ),
    # `str(x)`, `repr(x)`, `format(x)`, `hash(x)`, `bool(x)` and `f"{x}"` run a method of x: a project class's is
    # judged on the object the function built (object's own falls back: `__format__` to `__str__` to `__repr__`).
    case(
        "calls-impure-str-of-a-new-object-whose-str-prints",
        """\
        class Loud:
            def __str__(self):
                print("str")
                return "loud"


        def label():
            return str(Loud())  # <-
        """,
        "label",
        "calls_impure",
    ),
    case(
        "calls-impure-an-f-string-of-a-new-object-whose-repr-reads-a-file",
        """\
        class Record:
            def __repr__(self):
                with open("/etc/hostname") as fh:
                    return fh.read()


        def label():
            return f"<{Record()}>"  # <-
        """,
        "label",
        "calls_impure",
    ),
    case(
        "calls-impure-an-f-string-s-repr-conversion-runs-repr-not-str",
        TAG_WITH_A_LOUD_REPR
        + """\
        def label():
            return f"{Tag()!r}"  # <-
        """,
        "label",
        "calls_impure",
    ),
    case(
        "calls-impure-hash-of-a-new-object-whose-hash-reads-the-clock",
        """\
        import time


        class Stamp:
            def __hash__(self):
                return int(time.time())


        def key():
            return hash(Stamp())  # <-
        """,
        "key",
        "calls_impure",
    ),
    case(
        "calls-impure-bool-of-a-new-object-whose-len-prints",
        """\
        class Bag:
            def __len__(self):
                print("len")
                return 0


        def empty():
            return not bool(Bag())  # <-
        """,
        "empty",
        "calls_impure",
    ),
    case(
        "calls-impure-a-lambda-entry-of-a-literal-dict-prints",
        """\
        def decorate(identifier, candidates):
            is_included = {"$": lambda value: True, "!": lambda value: print(value)}[identifier]
            return [name for name in candidates if is_included(candidates[name])]  # <-
        """,
        "decorate",
        "calls_impure",
    ),
    case(
        "calls-impure-loops-over-a-literal-tuple-naming-a-printing-project-function",
        """\
        def loud(x):
            print(x)
            return x


        def both(x):
            for fn in (abs, loud):
                x = fn(x)  # <-
            return x
        """,
        "both",
        "calls_impure",
        detail="loud",
    ),
    # A partial's arguments are not what its function's parameters receive in that order, nor is a keyword it binds a
    # default left out: `p = partial(add_to, items); p([])` fills `lst` with `items`. The call of a partial says nothing
    # of its arguments (`Expressions.call_local_value`, `Solver._call_binding`): each was pure.
    case(
        "calls-impure-a-local-partial-binding-a-parameter-called-with-a-new-list",
        """\
        from functools import partial


        def add_to(lst, x):
            lst.append(x)


        def tag(items):
            add = partial(add_to, items)
            add([])  # <-
        """,
        "tag",
        "calls_impure",
        detail="add_to",
    ),
    case(
        "calls-impure-a-module-level-partial-binding-a-module-list",
        ADD_TO_SEEN
        + """\
        ADD = partial(add_to, SEEN)


        def remember():
            ADD([])  # <-
        """,
        "remember",
        "calls_impure",
        detail="add_to",
    ),
    case(
        "calls-impure-a-module-level-partial-binding-print-as-the-callback",
        """\
        from functools import partial


        def apply(x, callback=None):
            if callback:
                callback(x)
            return x


        LOUD = partial(apply, callback=print)


        def shout(x):
            return LOUD(x)  # <-
        """,
        "shout",
        "calls_impure",
        detail="apply",
    ),
    case(
        "calls-impure-a-local-partial-binding-print-as-the-callback",
        """\
        from functools import partial


        def apply(x, callback=None):
            if callback:
                callback(x)
            return x


        def shout(x):
            loud = partial(apply, callback=print)
            return loud(x)  # <-
        """,
        "shout",
        "calls_impure",
        detail="apply",
    ),
    # The same, for each thing a call's arguments may say (a callable the caller answers for, an object of self's,
    # a new container of the caller's objects): none holds for a partial's call.
    case(
        "calls-impure-a-module-partial-binding-print-called-with-a-lambda",
        APPLY_A_CALLBACK
        + """\
        SHOW = partial(apply, print)


        def run():
            return SHOW(lambda v: v)  # <-
        """,
        "run",
        "impure",
    ),
    case(
        "calls-impure-a-module-partial-binding-print-called-with-abs",
        APPLY_A_CALLBACK
        + """\
        SHOW = partial(apply, print)


        def run():
            return SHOW(abs)  # <-
        """,
        "run",
        "impure",
    ),
    case(
        "calls-impure-a-module-partial-binding-a-module-list-called-with-self-s-list-in-init",
        ADD_TO_SEEN
        + """\
        ADD = partial(add_to, SEEN)


        class Box:
            def __init__(self):
                self.items = []
                ADD(self.items)  # <-
        """,
        "Box.__init__",
        "impure",
    ),
    case(
        "calls-impure-a-module-partial-binding-a-module-list-called-with-a-new-list-of-a-parameter",
        ADD_TO_SEEN
        + """\
        ADD = partial(add_to, SEEN)


        def remember(x):
            ADD([x])  # <-
        """,
        "remember",
        "impure",
    ),
    case(
        "calls-impure-a-local-partial-binding-print-called-with-a-lambda",
        APPLY_A_CALLBACK
        + """\
        def run():
            show = partial(apply, print)
            return show(lambda v: v)  # <-
        """,
        "run",
        "impure",
    ),
    case(
        "calls-impure-a-local-partial-binding-print-called-with-abs",
        APPLY_A_CALLBACK
        + """\
        def run():
            show = partial(apply, print)
            return show(abs)  # <-
        """,
        "run",
        "impure",
    ),
    case(
        "calls-impure-a-local-partial-binding-a-module-list-called-with-self-s-list-in-init",
        ADD_TO_SEEN
        + """\
        class Box:
            def __init__(self):
                self.items = []
                add = partial(add_to, SEEN)
                add(self.items)  # <-
        """,
        "Box.__init__",
        "impure",
    ),
    case(
        "calls-impure-a-local-partial-binding-a-module-list-called-with-a-new-list-of-a-parameter",
        ADD_TO_SEEN
        + """\
        def remember(x):
            add = partial(add_to, SEEN)
            add([x])  # <-
        """,
        "remember",
        "impure",
    ),
    case(
        # what changes is SEEN, not the parameter handed over (`CallSite.owned_args` says nothing here)
        "calls-impure-a-module-partial-binding-a-module-list-called-with-a-parameter",
        ADD_TO_SEEN
        + """\
        ADD = partial(add_to, SEEN)


        def remember(items):
            ADD(items)  # <-
        """,
        "remember",
        "calls_impure",
        detail="add_to",
    ),
    case(
        # what changes is SEEN, not the parameter handed over (`CallSite.owned_args` says nothing here)
        "calls-impure-a-local-partial-binding-a-module-list-called-with-a-parameter",
        ADD_TO_SEEN
        + """\
        def remember(items):
            add = partial(add_to, SEEN)
            add(items)  # <-
        """,
        "remember",
        "calls_impure",
        detail="add_to",
    ),
    case(
        "calls-impure-a-partial-self-stores-binding-a-module-list",
        """\
        import functools

        SEEN = []


        def add_to(lst, x):
            lst.append(x)


        class Adder:
            def __init__(self):
                self._add = functools.partial(add_to, SEEN)

            def add(self):
                self._add([])  # <-
        """,
        "Adder.add",
        "calls_impure",
        detail="add_to",
    ),
    case(
        "calls-impure-a-partial-self-stores-binding-print-as-the-callback",
        APPLY_A_CALLBACK
        + """\
        class Shower:
            def __init__(self):
                self._show = partial(apply, print)

            def show(self):
                return self._show(abs)  # <-
        """,
        "Shower.show",
        "calls_impure",
        detail="apply",
    ),
    case(
        "calls-impure-a-partial-self-stores-binding-a-module-list-called-in-init",
        ADD_TO_SEEN
        + """\
        class Adder:
            def __init__(self):
                self._add = partial(add_to, SEEN)
                self._add([])  # <-
        """,
        "Adder.__init__",
        "calls_impure",
        detail="add_to",
    ),
    case(
        "calls-impure-calls-what-a-project-function-named-partial-built",
        """\
        def partial(f, *args):
            def run(*more):
                print(more)

            return run


        def show(x):
            p = partial(abs, 1)
            return p(x)  # <-
        """,
        "show",
        "calls_impure",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


def test_a_callee_is_named_once_and_a_function_never_names_itself() -> None:
    """`calls_impure` names each impure callee once (at its first call), never the function itself when it
    recurses, and a callee that is skipped does not stop the ones after it."""
    fn = verdict(
        {
            "mod.py": """\
            def shout(x):
                print(x)

            def walk(n):
                if n:
                    walk(n - 1)
                shout(n)
                shout(n + 1)
            """
        },
        "walk",
    )
    named = [r for r in fn.reasons if r.kind == "calls_impure"]
    assert [(r.lineno, r.detail) for r in named] == [(7, "calls mod.shout, which is impure")], show(fn)
