"""Precision traps whose exact reason kind the SPEC leaves open: they must be impure, whatever the kind,
and regressions found on real applications."""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, assert_verdict, case

ROWS = [
    case(
        "impure-unbound-list-append-on-param",
        """\
        def add(xs, x):
            list.append(xs, x)
        """,
        "add",
        "impure",
    ),
    case(
        "impure-dict-update-unbound-on-param",
        """\
        def merge(d, extra):
            dict.update(d, extra)
        """,
        "merge",
        "impure",
    ),
    case(
        "impure-vars-of-param-written",
        """\
        def put(obj, k, v):
            vars(obj)[k] = v
        """,
        "put",
        "impure",
    ),
    case(
        "impure-type-self-class-counter",
        """\
        class Widget:
            created = 0

            def touch(self):
                type(self).created += 1
        """,
        "Widget.touch",
        "impure",
    ),
    case(
        "impure-self-class-registry",
        """\
        class Widget:
            instances = []

            def register(self):
                self.__class__.instances.append(self)
        """,
        "Widget.register",
        "impure",
    ),
    case(
        "impure-module-argparse-parser",
        """\
        import argparse

        PARSER = argparse.ArgumentParser()
        PARSER.add_argument("--x")

        def options():
            return PARSER.parse_args()
        """,
        "options",
        "impure",
    ),
    case(
        "impure-template-method-overridden-hook",
        """\
        class Base:
            def step(self):
                return 1

            def run(self):
                return self.step()


        class Loud(Base):
            def step(self):
                print("step")
                return 2
        """,
        "Base.run",
        "impure",
    ),
    case(
        "impure-module-level-partial-of-print",
        """\
        import functools

        shout = functools.partial(print, "!")

        def warn(x):
            shout(x)
        """,
        "warn",
        "impure",
    ),
    case(
        "impure-operator-overload-on-project-class",
        """\
        class Vec:
            def __add__(self, other):
                print("adding")
                return self

        def total():
            return Vec() + Vec()
        """,
        "total",
        "impure",
    ),
    case(
        "impure-init-prints",
        """\
        class Greeter:
            def __init__(self, name):
                print("hello", name)
                self.name = name
        """,
        "Greeter.__init__",
        "impure",
    ),
    # Found on real applications (thonny, picard, RIDE): each was once wrongly reported pure.
    case(
        "real-writer-holding-a-parameter",
        """\
        class Writer:
            def __init__(self, out):
                self._out = out

            def write_row(self, row):
                self._out.append(row)

        def dump(rows, out):
            w = Writer(out)
            for row in rows:
                w.write_row(row)  # <-
        """,
        "dump",
        "calls_impure",
    ),
    case(
        "real-builder-filling-its-own-list-stays-pure",
        """\
        class Table:
            def __init__(self, names):
                self.rows = []
                for name in names:
                    self.rows.append((name, len(name)))

        def table(names):
            return Table(names).rows
        """,
        "table",
        "pure",
    ),
    case(
        "real-init-extending-a-parameter",
        """\
        class Bag:
            def __init__(self, items):
                self.items = items
                self.items.append(0)  # <-
        """,
        "Bag.__init__",
        "arg_mutation",
    ),
    case(
        "real-abstract-method-called-through-self",
        """\
        class Repo:
            def reset(self, ref):
                raise NotImplementedError

            def reset_to(self, ref):
                return self.reset(ref)  # <-
        """,
        "Repo.reset_to",
        "calls_impure",
    ),
    case(
        "real-class-state-set-by-classmethod",
        """\
        class Docs:
            language = "en"

            @classmethod
            def configure(cls, language):
                cls.language = language

        def url(page):
            return f"/{Docs.language}/{page}"  # <-
        """,
        "url",
        "global_read",
    ),
    case(
        "real-class-registry-filled-through-cls",
        """\
        class Registry:
            entries = {}

            @classmethod
            def add(cls, k, v):
                cls.entries[k] = v

        def find(k):
            return Registry.entries.get(k)  # <-
        """,
        "find",
        "global_read",
    ),
    case(
        "real-package-global-set-from-another-file",
        {
            "app/__init__.py": "_workbench = None\n\n\ndef get_workbench():\n    return _workbench  # <-\n",
            "app/workbench.py": (
                "import app\n\n\nclass Workbench:\n    def __init__(self):\n        app._workbench = self\n"
            ),
        },
        "get_workbench",
        "global_read",
        path="app/__init__.py",
    ),
    case(
        "real-namedtuple-record-built",
        """\
        from collections import namedtuple

        Point = namedtuple("Point", "x y")

        def origin():
            return Point(0, 0)
        """,
        "origin",
        "pure",
    ),
    case(
        "real-logger-method-alias-is-io",
        """\
        import logging

        main_logger = logging.getLogger("app")
        debug = main_logger.debug

        def trace(x):
            debug("x=%s", x)  # <-
            return x
        """,
        "trace",
        "io",
    ),
    case(
        "real-package-attribute-shadows-submodule",
        {
            "pkg/__init__.py": "from .unic import unic\n",
            "pkg/unic.py": "def unic(x):\n    return str(x)\n",
            "mod.py": "from pkg import unic\n\n\ndef show(x):\n    return unic(x)\n",
        },
        "show",
        "pure",
    ),
    case(
        "real-kivy-logger-is-io-not-ui",
        """\
        from kivy.logger import Logger

        def report(x):
            Logger.info("x=%s", x)  # <-
            return x
        """,
        "report",
        "io",
    ),
    case(
        "real-project-module-named-like-the-stdlib",
        {
            "app/util/time.py": "def fmt(seconds):\n    return f'{seconds}s'\n",
            "app/clock.py": "import time\n\n\ndef stamp():\n    return time.time()  # <-\n",
        },
        "stamp",
        "nondeterministic",
        path="app/clock.py",
    ),
    # Mutation row (issue 12 item 6, fourth pass): `Project.subclasses` follows the hierarchy down, not one level.
    case(
        "impure-template-method-overridden-two-levels-down",
        """\
        class Base:
            def step(self):
                return 1

            def run(self):
                return self.step()  # <-


        class Quiet(Base):
            pass


        class Loud(Quiet):
            def step(self):
                print("step")
                return 2
        """,
        "Base.run",
        "calls_impure",
        detail="Loud.step",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): `Project.mro` visits a base's bases before the next base (as
    # Python does when they share nothing), and keeps every base.
    case(
        "impure-a-method-found-in-the-first-bases-base-before-the-second-base",
        """\
        class Loud:
            def describe(self):
                print("loud")

        class First(Loud):
            pass

        class Second:
            def describe(self):
                return "second"

        class Both(First, Second):
            def run(self):
                return self.describe()  # <-
        """,
        "Both.run",
        "calls_impure",
        detail="Loud.describe",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
