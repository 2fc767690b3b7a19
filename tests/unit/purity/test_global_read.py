"""Rows for `global_read`: reading state the project changes elsewhere. Reading what nothing changes stays
pure (the `pure-…` rows): the rule must not flag every module-level name."""

from __future__ import annotations

import pytest

from tests.unit.engine_helpers import show, verdict
from tests.unit.purity.table import FIELDS, assert_verdict, case

# Two attributes of a module, each with a reader, and a function of another module changing one through a local
# (`_units_app("    t = units.A\n    t.append(x)\n")`): which of them is state.
_UNITS_AB = "A = []\nB = []\n\n\ndef a():\n    return len(A)\n\n\ndef b():\n    return len(B)\n"


def _units_app(body: str) -> dict[str, str]:
    return {"units.py": _UNITS_AB, "app.py": "import units\n\n\ndef add(x, c):\n" + body}


def _units_app_other(body: str) -> dict[str, str]:
    """`_units_app` beside a module `other` of its own `B`, which the function imports too."""
    return {
        **_units_app(body),
        "other.py": "B = []\n",
        "app.py": "import other\nimport units\n\n\ndef add(x, c):\n" + body,
    }


ROWS = [
    # A negative number or a tuple of constants is as constant as `-1`'s digits: an object built with it and then
    # changed does not make its readers read state (PySolFC's `ANY_SUIT = -1`, read by hundreds of functions).
    case(
        "pure-reads-a-negative-constant-an-object-built-with-it-changes",
        {
            "cards.py": "ANY_SUIT = -1\nPAIR = ('a', -2)\n\n\ndef any_suit(c):\n    return c in (ANY_SUIT, *PAIR)\n",
            "mod.py": """\
            from cards import ANY_SUIT, PAIR

            class Stack:
                def __init__(self, suit):
                    self.suit = suit

            class Game:
                def create(self):
                    s = self.s
                    s.rows.append(Stack(suit=ANY_SUIT))
                    s.rows.append(Stack(suit=PAIR))
                    stack = s.rows[0]
                    stack.texts.misc = 3
            """,
        },
        "any_suit",
        "pure",
        path="cards.py",
    ),
    case(
        "gread-a-negative-constant-another-module-rebinds-through-its-module",
        {
            "cards.py": "ANY_SUIT = -1\n\n\ndef any_suit(c):\n    return c == ANY_SUIT  # <-\n",
            "mod.py": "import cards\n\n\ndef wild():\n    cards.ANY_SUIT = 5\n",
        },
        "any_suit",
        "global_read",
        path="cards.py",
        detail="reads module state ANY_SUIT",
    ),
    case(
        "gread-a-global-only-a-function-binds",
        """\
        class Fit:
            def fit(self, m):
                global _chance
                _chance = m

            @staticmethod
            def _eval(x):
                global _chance
                return _chance * x  # <-
        """,
        "Fit._eval",
        "global_read",
        detail="_chance",
    ),
    case(
        "gread-a-class-attribute-list-every-instance-appends-to",
        """\
        class Player:
            instances = []

            def __init__(self):
                self.instances.append(self)

        def how_many():
            return len(Player.instances)  # <-
        """,
        "how_many",
        "global_read",
        detail="Player",
    ),
    case(
        "gread-global-rebound-elsewhere",
        """\
        _counter = 0

        def bump():
            global _counter
            _counter += 1

        def current():
            return _counter  # <-
        """,
        "current",
        "global_read",
    ),
    case(
        "gread-dict-mutated-elsewhere",
        """\
        CACHE = {}

        def put(k, v):
            CACHE[k] = v

        def get(k):
            return CACHE.get(k)  # <-
        """,
        "get",
        "global_read",
    ),
    case(
        "gread-list-mutated-elsewhere-len",
        """\
        HISTORY = []

        def remember(x):
            HISTORY.append(x)

        def count():
            return len(HISTORY)  # <-
        """,
        "count",
        "global_read",
    ),
    case(
        "gread-other-file-module-attribute",
        {
            "settings.py": """\
            LEVEL = 1

            def set_level(v):
                global LEVEL
                LEVEL = v
            """,
            "mod.py": """\
            import settings

            def level():
                return settings.LEVEL  # <-
            """,
        },
        "level",
        "global_read",
    ),
    case(
        "gread-other-file-from-import-mutated-dict",
        {
            "registry.py": """\
            HANDLERS = {}

            def register(name, fn):
                HANDLERS[name] = fn
            """,
            "mod.py": """\
            from registry import HANDLERS

            def known(name):
                return name in HANDLERS  # <-
            """,
        },
        "known",
        "global_read",
    ),
    case(
        "gread-mutated-by-other-file",
        {
            "state.py": "ITEMS = []\n",
            "writer.py": """\
            from state import ITEMS

            def add(x):
                ITEMS.append(x)
            """,
            "mod.py": """\
            from state import ITEMS

            def first():
                return ITEMS[0]  # <-
            """,
        },
        "first",
        "global_read",
    ),
    case(
        "gread-class-attribute-mutated",
        """\
        class Registry:
            items = []

        def register(x):
            Registry.items.append(x)

        def size():
            return len(Registry.items)  # <-
        """,
        "size",
        "global_read",
    ),
    case(
        "gread-class-attribute-rebound",
        """\
        class Conf:
            debug = False

        def enable():
            Conf.debug = True

        def is_debug():
            return Conf.debug  # <-
        """,
        "is_debug",
        "global_read",
    ),
    case(
        "gread-called-function-rebound-by-project",
        """\
        def helper():
            return 1

        def patch():
            global helper
            helper = print

        def use():
            return helper()  # <-
        """,
        "use",
        "global_read",
    ),
    case(
        "gread-module-function-monkeypatched-by-other-file",
        {
            "lib.py": "def helper():\n    return 1\n",
            "patcher.py": "import lib\n\n\ndef install():\n    lib.helper = print\n",
            "mod.py": """\
            import lib

            def use():
                return lib.helper()  # <-
            """,
        },
        "use",
        "global_read",
    ),
    # A change through a local naming an attribute of an imported module (`t = units.TABLE; t.append(x)`, `for t in
    # units.ROWS: t.x = 1`) changes that attribute, as `units.TABLE.append(x)` does: its readers read state. It was
    # taken for a change of the module object itself, which no reader of its names sees.
    case(
        "gread-a-module-attribute-changed-through-a-local-elsewhere",
        {
            "units.py": "TABLE = []\n\n\ndef count():\n    return len(TABLE)  # <-\n",
            "app.py": "import units\n\n\ndef add(x):\n    t = units.TABLE\n    t.append(x)\n",
        },
        "count",
        "global_read",
        detail="reads module state TABLE, written at app.py:6",
    ),
    case(
        "gread-a-module-attribute-changed-through-a-loop-variable-elsewhere",
        {
            "pkg/units.py": "ROWS = [{}]\n\n\ndef first():\n    return dict(ROWS[0])  # <-\n",
            "app.py": "from pkg import units\n\n\ndef mark():\n    for row in units.ROWS:\n        row['seen'] = 1\n",
            "pkg/__init__.py": "",
        },
        "first",
        "global_read",
        path="pkg/units.py",
        detail="reads module state ROWS",
    ),
    case(
        "gread-a-module-attribute-changed-through-a-part-of-a-local-elsewhere",
        {
            "units.py": "CONF = {'a': []}\n\n\ndef a():\n    return list(CONF['a'])  # <-\n",
            "app.py": "import units\n\n\ndef add(x):\n    c = units.CONF['a']\n    c.append(x)\n",
        },
        "a",
        "global_read",
        detail="reads module state CONF",
    ),
    case(
        "gread-a-local-naming-an-attribute-then-the-object-itself",
        """\
        class Conf:
            def __init__(self):
                self.a = []
                self.b = []

        CONF = Conf()

        def add(x):
            t = CONF.a
            t = CONF
            t.b.append(x)

        def b():
            return list(CONF.b)  # <-
        """,
        "b",
        "global_read",
        detail="reads module state CONF, written at mod.py:11",
    ),
    # An item of an attribute of a module-level instance stored in a function changes that instance, as a method
    # changing it does (`CONF.rows.append(x)`); the store alone left its readers pure.
    case(
        "gread-an-item-of-an-attribute-of-a-module-level-instance-stored-elsewhere",
        """\
        class Conf:
            def __init__(self):
                self.rows = [0]

        CONF = Conf()

        def bump(x):
            CONF.rows[0] = x

        def first():
            return CONF.rows[0]  # <-
        """,
        "first",
        "global_read",
        detail="reads module state CONF, written at mod.py:8",
    ),
    case(
        "pure-an-item-of-another-attribute-of-a-module-stored-elsewhere",
        {
            "units.py": "A = [0]\nB = [0]\n\n\ndef b():\n    return B[0]\n",
            "app.py": "import units\n\n\ndef bump(x):\n    units.A[0] = x\n",
        },
        "b",
        "pure",
        path="units.py",
    ),
    case(
        "gread-a-local-naming-an-attribute-or-another-global",
        """\
        import units

        HISTORY = []

        def add(x, c):
            if c:
                t = units.TABLE
            else:
                t = HISTORY
            t.append(x)

        def n():
            return len(HISTORY)  # <-
        """,
        "n",
        "global_read",
        detail="reads module state HISTORY,",
    ),
    # Which attribute of the module a local names: the last one bound in straight-line code, any one bound in a branch
    case(
        "gread-a-local-naming-a-module-attribute-then-the-module",
        {
            "units.py": "A = []\nB = []\n\n\ndef a():\n    return len(A)\n\n\ndef b():\n    return len(B)\n",
            "app.py": "import units\n\n\ndef add(x):\n    t = units.A\n    t = units\n    t.B.append(x)\n",
        },
        "b",
        "global_read",
        path="units.py",
        detail="reads module state B, written at app.py:7",
    ),
    case(
        "gread-a-local-naming-either-module-attribute",
        _units_app("    if c:\n        t = units.A\n    else:\n        t = units.B\n    t.append(x)\n"),
        "a",
        "global_read",
        path="units.py",
        detail="reads module state A, written at app.py:9",
    ),
    case(
        "gread-a-local-naming-an-attribute-of-either-module",
        _units_app_other("    if c:\n        t = units.A\n    else:\n        t = other.B\n    t.append(x)\n"),
        "a",
        "global_read",
        path="units.py",
        detail="reads module state A, written at app.py:10",
    ),
    case(
        "pure-a-module-attribute-another-module-s-namesake-changes",
        _units_app_other("    if c:\n        t = units.A\n    else:\n        t = other.B\n    t.append(x)\n"),
        "b",
        "pure",
        path="units.py",
    ),
    case(
        "gread-a-local-naming-either-module-attribute-the-other",
        _units_app("    if c:\n        t = units.A\n    else:\n        t = units.B\n    t.append(x)\n"),
        "b",
        "global_read",
        path="units.py",
    ),
    case(
        "gread-a-local-naming-what-a-local-naming-a-module-attribute-holds",
        _units_app("    node = units.A\n    node = node[0]\n    node.append(x)\n"),
        "a",
        "global_read",
        path="units.py",
    ),
    case(
        "gread-a-comprehension-changing-elements-of-a-module-attribute",
        _units_app("    [t.append(x) for t in units.A]\n"),
        "a",
        "global_read",
        path="units.py",
    ),
    case(
        "gread-a-local-naming-one-module-attribute-or-another",
        _units_app("    t = units.A if c else units.B\n    t.append(x)\n"),
        "b",
        "global_read",
        path="units.py",
    ),
    case(
        "gread-a-local-naming-the-first-true-module-attribute",
        _units_app("    t = x or units.A\n    t.append(x)\n"),
        "a",
        "global_read",
        path="units.py",
    ),
    case(
        "gread-a-local-naming-a-module-attribute-another-names-too",
        _units_app("    t = (u := units.A)\n    t.append(x)\n"),
        "a",
        "global_read",
        path="units.py",
    ),
    case(
        "gread-the-starred-rest-of-a-module-attribute-whose-element-changes",
        _units_app("    first, *rest = units.A\n    rest[0].append(x)\n"),
        "a",
        "global_read",
        path="units.py",
    ),
    case(
        "pure-a-module-attribute-a-local-named-before-it-was-rebound",
        _units_app("    t = units.A\n    t = max(units.B, key=len)\n    t.append(x)\n"),
        "a",
        "pure",
        path="units.py",
    ),
    # A name bound to a constant before its class (`Flag = None` … `class Flag`, as enum.py does): a change of an
    # attribute is the class's (a constant has none to change), and reading the name is not reading that state.
    case(
        "pure-a-placeholder-constant-before-the-class-whose-attribute-changes",
        """\
        Flag = None

        class Base:
            def __repr__(cls):
                if Flag is not None and issubclass(cls, Flag):
                    return "flag"
                return "enum"

        class Flag(Base):
            cache = {}

            @classmethod
            def make(cls, v):
                cls.cache[v] = v
                return v
        """,
        "Base.__repr__",
        "pure",
    ),
    case(
        "gread-a-placeholder-constant-rebound-by-a-function-and-changed",
        """\
        class Conf:
            x = 0

        CONF = None

        def init():
            global CONF
            CONF = Conf()

        def set_x(v):
            CONF.x = v

        def x():
            return CONF.x  # <-
        """,
        "x",
        "global_read",
        detail="reads module state CONF",
    ),
    case(
        "pure-a-module-attribute-copied-into-a-local-that-changes",
        {
            "units.py": "TABLE = []\n\n\ndef count():\n    return len(TABLE)\n",
            "app.py": "import units\n\n\ndef add(x):\n    t = list(units.TABLE)\n    t.append(x)\n    return t\n",
        },
        "count",
        "pure",
    ),
    case(
        "pure-a-local-rebound-from-a-module-attribute-before-it-changes",
        {
            "units.py": "TABLE = []\n\n\ndef count():\n    return len(TABLE)\n",
            "app.py": "import units\n\n\ndef add(x):\n    t = units.TABLE\n    t = []\n    t.append(x)\n    return t\n",
        },
        "count",
        "pure",
    ),
    case(
        "pure-reads-constant",
        """\
        FACTORS = {"km": 1000.0, "m": 1.0}

        def to_m(v, unit):
            return v * FACTORS[unit]
        """,
        "to_m",
        "pure",
    ),
    case(
        "pure-reads-constant-other-file",
        {
            "units.py": 'FACTORS = {"km": 1000.0, "m": 1.0}\n',
            "mod.py": """\
            from units import FACTORS

            def known(unit):
                return unit in FACTORS
            """,
        },
        "known",
        "pure",
    ),
    case(
        "pure-global-statement-read-only",
        """\
        LIMIT = 10

        def limit():
            global LIMIT
            return LIMIT
        """,
        "limit",
        "pure",
    ),
    case(
        "pure-local-shadows-mutated-global",
        """\
        HISTORY = []

        def remember(x):
            HISTORY.append(x)

        def fresh(x):
            HISTORY = []
            HISTORY.append(x)
            return HISTORY
        """,
        "fresh",
        "pure",
    ),
    case(
        # `state.runtime_changes`: a method called on what a function built from a module-level name (a copy)
        # changes that new object, not the name's: the defaults stay a constant (issue 8)
        "pure-copy-of-constant-changed",
        """\
        DEFAULTS = {"size": 10, "theme": "light"}

        def merged(user):
            config = DEFAULTS.copy()
            config.update(user)
            return config

        def default(key):
            return DEFAULTS[key]
        """,
        "default",
        "pure",
    ),
    case(
        # the impure neighbour: the same update on the name itself makes the defaults state
        "gread-constant-updated-in-place",
        """\
        DEFAULTS = {"size": 10, "theme": "light"}

        def apply(user):
            DEFAULTS.update(user)

        def default(key):
            return DEFAULTS[key]  # <-
        """,
        "default",
        "global_read",
    ),
    case(
        # `globals()` hands out the module's namespace: reading it is reading global state, whatever is
        # then looked up in it (rules.KNOWN_IMPURE pins the kind; issue 12, item 6).
        "gread-globals-call",
        """\
        X = 0

        def lookup(name):
            return globals().get(name)  # <-
        """,
        "lookup",
        "global_read",
        detail="globals",
    ),
    # Mutation rows (issue 12 item 6): `state.runtime_changes`.
    case(
        "gread-says-where-the-state-is-written",
        """\
        COUNT = 0

        def bump():
            global COUNT
            COUNT += 1

        def current():
            return COUNT  # <-
        """,
        "current",
        "global_read",
        detail="written at mod.py:5",
    ),
    case(
        "gread-changed-after-another-call",
        """\
        HISTORY = []

        def remember(x):
            print(x)
            HISTORY.append(x)

        def count():
            return len(HISTORY)  # <-
        """,
        "count",
        "global_read",
    ),
    case(
        # a method the tables do not know may change its receiver: for the solve, the object is state
        "gread-project-object-changed-by-its-own-method",
        """\
        class Config:
            def __init__(self):
                self.level = 1

            def configure(self, level):
                self.level = level

        CONF = Config()

        def setup(level):
            CONF.configure(level)

        def get():
            return CONF.level  # <-
        """,
        "get",
        "global_read",
        detail="CONF",
    ),
    case(
        "gread-list-changed-through-a-module-chain",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": "ITEMS = []\n",
            "app.py": "import pkg.mod\n\ndef add(x):\n    pkg.mod.ITEMS.append(x)\n",
            "read.py": """\
            from pkg.mod import ITEMS

            def count():
                return len(ITEMS)  # <-
            """,
        },
        "count",
        "global_read",
        path="read.py",
        detail="written at app.py:4",
    ),
    case(
        # the constant fallback of an optional import, rebound later: state
        "gread-optional-import-rebound-by-a-function",
        """\
        try:
            import json
        except ImportError:
            json = None

        def use_simplejson():
            global json
            import simplejson
            json = simplejson

        def encode(value):
            return json.dumps(value)  # <-
        """,
        "encode",
        "global_read",
    ),
    case(
        "gread-state-changed-in-the-body-of-a-class-a-function-defines",
        """\
        CACHE = {}

        def fill():
            class Filler:
                CACHE["a"] = 1
            return Filler

        def size():
            return len(CACHE)  # <-
        """,
        "size",
        "global_read",
    ),
    case(
        "gread-a-class-name-rebound-elsewhere",
        """\
        class Handler:
            pass

        def install(cls):
            global Handler
            Handler = cls

        def current():
            return Handler  # <-
        """,
        "current",
        "global_read",
    ),
    case(
        "gread-class-attribute-incremented-elsewhere",
        """\
        class Stats:
            hits = 0

        def hit():
            Stats.hits += 1

        def hits():
            return Stats.hits  # <-
        """,
        "hits",
        "global_read",
        detail="reads module state Stats.hits, written at mod.py:5",
    ),
    case(
        "gread-class-attribute-incremented-by-a-class-method",
        """\
        class Stats:
            hits = 0

            @classmethod
            def hit(cls):
                cls.hits += 1

        def hits():
            return Stats.hits  # <-
        """,
        "hits",
        "global_read",
        detail="Stats.hits",
    ),
    case(
        "gread-function-attribute-incremented-elsewhere",
        """\
        def counter():
            pass

        counter.calls = 0

        def bump():
            counter.calls += 1

        def calls():
            return counter.calls  # <-
        """,
        "calls",
        "global_read",
        detail="reads module state counter.calls, written at mod.py:7",
    ),
    case(
        "gread-an-attribute-of-a-class-attribute-changed-elsewhere",
        """\
        class Stats:
            hits = 0

        def hit():
            Stats.hits += 1

        def parity():
            return Stats.hits.real % 2  # <-
        """,
        "parity",
        "global_read",
        detail="reads module state Stats.hits,",
    ),
    # A method the tables know to be pure does not change a module-level library object (`FMT.pack(n)` leaves
    # `FMT = struct.Struct(…)` as it was, so its readers stay pure); a changing one does, even where the tables
    # call the library's method pure on a fresh object (`set.update`).
    case(
        "globalread-a-module-level-set-built-by-a-call-and-updated-elsewhere",
        """\
        AVOID = set()

        def register(ids):
            AVOID.update(ids)

        def avoided():
            return AVOID  # <-
        """,
        "avoided",
        "global_read",
    ),
    case(
        "globalread-a-module-level-library-object-changed-by-a-method-of-unknown-effect",
        """\
        import mylib

        CONN = mylib.Pool()

        def start():
            CONN.open_all()

        def size():
            return CONN  # <-
        """,
        "size",
        "global_read",
    ),
    case(
        "globalread-a-module-level-deque-appended-to-elsewhere",
        """\
        import collections

        QUEUE = collections.deque()

        def push(x):
            QUEUE.append(x)

        def pending():
            return len(QUEUE)  # <-
        """,
        "pending",
        "global_read",
    ),
    # Process-wide settings a pure module keeps (`IMPURE_EXCEPTIONS_IN_PURE_MODULES`): the decimal context is one
    # mutable object per thread, read or changed through `getcontext()`; the pure neighbours are in test_pure.py.
    case(
        "globalread-the-decimal-contexts-precision",
        """\
        from decimal import getcontext

        def precision():
            return getcontext().prec  # <-
        """,
        "precision",
        "global_read",
    ),
    case(
        "globalread-setting-the-decimal-contexts-precision",
        """\
        import decimal

        def set_precision(n):
            decimal.getcontext().prec = n  # <-
        """,
        "set_precision",
        "global_read",
    ),
    case(
        "globalread-calendars-first-weekday",
        """\
        import calendar

        def first():
            return calendar.firstweekday()  # <-
        """,
        "first",
        "global_read",
    ),
    case(
        "globalread-locale-format-string",
        """\
        import locale

        def amount(n):
            return locale.format_string("%.2f", n, grouping=True)  # <-
        """,
        "amount",
        "global_read",
    ),
    case(
        "global-read-of-state-changed-through-what-a-function-returns",
        """\
        REGISTRY = {}

        def registry():
            return REGISTRY

        def register(name, value):
            registry()[name] = value

        def lookup(name):
            return REGISTRY.get(name)  # <-
        """,
        "lookup",
        "global_read",
    ),
    case(
        "global-read-tempfile-s-tempdir-which-tempfile-sets",
        """\
        import tempfile


        def scratch(name):
            return (tempfile.tempdir or "/tmp") + "/" + name  # <-
        """,
        "scratch",
        "global_read",
    ),
    # Module state another module changes, read through the function's own import
    case(
        "global-read-module-state-imported-from-its-module-in-the-function",
        {
            "config.py": "SETTINGS = {}\nLIMIT = 10\n\n\ndef set_opt(k, v):\n    SETTINGS[k] = v\n",
            "app.py": "def get_opt(k):\n    from config import SETTINGS\n\n    return SETTINGS.get(k)  # <-\n",
        },
        "get_opt",
        "global_read",
        path="app.py",
        detail="SETTINGS",
    ),
    case(
        "global-read-module-state-through-a-module-the-function-imports",
        {
            "config.py": "SETTINGS = {}\nLIMIT = 10\n\n\ndef set_opt(k, v):\n    SETTINGS[k] = v\n",
            "app.py": "def get_opt(k):\n    import config\n\n    return config.SETTINGS[k]  # <-\n",
        },
        "get_opt",
        "global_read",
        path="app.py",
        detail="SETTINGS",
    ),
    case(
        "global-read-module-state-through-the-encloser-s-import",
        {
            "config.py": "SETTINGS = {}\nLIMIT = 10\n\n\ndef set_opt(k, v):\n    SETTINGS[k] = v\n",
            "app.py": (
                "def get_opt(k):\n    import config\n\n    def inner():\n"
                "        return config.SETTINGS[k]  # <-\n\n    return inner()\n"
            ),
        },
        "get_opt.<locals>.inner",
        "global_read",
        path="app.py",
    ),
    case(
        "global-read-module-state-through-getattr",
        {
            "config.py": "SETTINGS = {}\nLIMIT = 10\n\n\ndef set_opt(k, v):\n    SETTINGS[k] = v\n",
            "app.py": "import config\n\n\ndef opt(k):\n    return getattr(config, 'SETTINGS')[k]  # <-\n",
        },
        "opt",
        "global_read",
        path="app.py",
        detail="SETTINGS",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


@pytest.mark.parametrize(
    "call",
    ["sys.modules.get(name)", "list(sys.modules.keys())", "name in sys.modules.copy()"],
)
def test_a_read_only_method_of_the_interpreters_state_is_a_read_not_io(call: str) -> None:
    # `sys.modules.get(name)` reads `sys.modules` (global_read); it was also reported as `io: calls
    # sys.modules.get()` by the `sys.*` entry (`Solver._external_call`)
    fn = verdict({"mod.py": f"import sys\n\n\ndef loaded(name):\n    return {call}\n"}, "loaded")
    assert {r.kind for r in fn.reasons} == {"global_read"}, show(fn)
