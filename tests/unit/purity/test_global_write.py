"""Rows for `global_write`: module, class or closure state changed, mutable defaults that outlive a call
included."""

from __future__ import annotations

import pytest

from tests.unit.engine_helpers import verdict
from tests.unit.purity.table import FIELDS, SHARED_CONSOLE, assert_verdict, case

# A class of another module keeping what it is built with: the walk cannot see that `suit` is only stored.
_STACKS = "class Stack:\n    def __init__(self, x, suit=None):\n        self.x = x\n        self.suit = suit\n"

# A class whose classmethods rebind its attributes, and one building an instance and setting that instance's.
CLASS_STATE = """\
        class State:
            translation = None
            hits = 0

            @classmethod
            def update(cls, lang):
                cls.translation = lang

            @classmethod
            def bump(cls):
                cls.hits += 1

            @classmethod
            def make(cls, lang):
                obj = cls()
                obj.translation = lang
                return obj
        """

# Fields bound to a module-level list, to a parameter's module-level default, to a class attribute; then to a copy,
# to a dict a None default stands for, to another field of the instance's own; and a module-level sink.
FOREIGN_FIELDS = """\
        CACHE = []
        LOOKUP = {}
        DEFAULTS = [1, 2]


        class NullText:
            def write(self, text):
                return len(text)


        null_text = NullText()


        class W:
            def __init__(self):
                self.cache = CACHE

            def add(self, x):
                self.cache.append(x)

            def add2(self, x):
                push(self.cache, x)


        class V:
            def __init__(self, store=LOOKUP):
                self.store = store

            def put(self, k, v):
                self.store[k] = v


        class Y:
            shared = {}

            def __init__(self):
                self.d = self.shared

            def put(self, k):
                self.d[k] = 1


        class C:
            def __init__(self):
                self.items = list(DEFAULTS)

            def add(self, x):
                self.items.append(x)


        class N:
            def __init__(self, store=None):
                self.store = store if store is not None else {}

            def put(self, k):
                self.store[k] = 1


        class O:
            def __init__(self):
                self.own = {}
                self.d = self.own

            def put(self, k):
                self.d[k] = 1


        class Sink:
            def __init__(self):
                self._file = null_text

            def out(self, text):
                self._file.write(text)


        class Source:
            def __init__(self):
                self._file = null_text

            def line(self):
                return self._file.readline()


        class K:
            DEFAULT = {}

            def __init__(self, store=DEFAULT):
                self.store = store

            def put(self, k):
                self.store[k] = 1


        def push(items, x):
            items.append(x)


        def count_cached():
            return len(CACHE)


        def use_w(x):
            W().add(x)



        def use_v(k, v):
            V().put(k, v)


        def use_y(k):
            Y().put(k)


        def use_c(x):
            c = C()
            c.add(x)
            return c


        def use_n(k):
            n = N()
            n.put(k)
            return n


        def use_o(k):
            o = O()
            o.put(k)
            return o
        """

INHERITED = {
    "base.py": """\
        CACHE = []


        class Sink:
            def write(self, text):
                return len(text)


        SINK = Sink()


        class A:
            items = []


        class A2:
            items = []

            def __init__(self):
                self.items = []


        class W:
            def __init__(self):
                self.cache = CACHE


        class S:
            def __init__(self):
                self._file = SINK


        def count_cached():
            return len(CACHE)


        def count_items():
            return len(A.items)
        """,
    "sub.py": """\
        from base import A, A2, S, W


        class Mid(A):
            pass


        class D(Mid):
            def add(self, x):
                self.items.append(x)


        class B(A):
            def add(self, x):
                self.items.append(x)


        class C(A):
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)


        class B2(A2):
            def add(self, x):
                self.items.append(x)


        class W3(W):
            def add3(self, x):
                self.cache.append(x)


        class S2(S):
            def out(self, text):
                self._file.write(text)


        def use_b(x):
            B().add(x)


        def use_d(x):
            D().add(x)


        def use_c(x):
            c = C()
            c.add(x)
            return c


        def use_b2(x):
            b = B2()
            b.add(x)
            return b


        def use_s(text):
            s = S2()
            s.out(text)
            return s
        """,
}

NAVIGATOR = """\
        class Nav:
            START = {"std": [1, 0]}

            def __init__(self, mode):
                self._orient = Nav.START[mode]

            def turn(self):
                self._orient.rotate(1)


        def is_nav(x):
            return isinstance(x, Nav)
        """

ROWS = [
    # A cached function's result is the object its first call built (`@functools.lru_cache`, `@functools.cache`):
    # changing it changes what every later caller gets, the cache's, module state
    case(
        "global-write-changing-what-a-cached-factory-returns",
        """\
        import functools


        class Box:
            def __init__(self):
                self.items = []


        @functools.lru_cache(maxsize=None)
        def shared_box():
            return Box()


        def put(x):
            b = shared_box()
            b.items.append(x)  # <-
        """,
        "put",
        "global_write",
        detail="shared_box",
    ),
    case(
        "global-write-reading-a-module-level-stream",
        """\
        import io

        BUF = io.BytesIO(b"abc")

        def take():
            return BUF.read(1)  # <-
        """,
        "take",
        "global_write",
    ),
    # An object built with a module-level constant (`suit=ANY_SUIT`, `ANY_SUIT = -1` in another module) and then
    # changed may hold that constant as far as the walk can tell; nothing changes an integer, a string or a tuple of
    # them, so the change is the object's alone (PySolFC's games). A list, or a constant some function rebinds, is
    # state as before.
    case(
        "pure-an-object-holding-an-imported-negative-constant-changes",
        {
            "cards.py": "ANY_SUIT = -1\nSUITS = ('c', 'd')\n",
            "stacks.py": _STACKS,
            "mod.py": """\
            from cards import ANY_SUIT, SUITS
            from stacks import Stack

            def make():
                st = Stack(1, suit=ANY_SUIT)
                st.texts.misc = SUITS
                other = Stack(2, suit=SUITS)
                other.x = 3
                return st, other
            """,
        },
        "make",
        "pure",
    ),
    case(
        "pure-an-object-holding-a-constant-of-its-own-module-changes",
        """\
        LOCAL = 1 << 3

        class Stack:
            def __init__(self, x, suit=None):
                self.suit = suit

        def make():
            st = Stack(1, suit=LOCAL)
            st.texts.misc = 3
            return st
        """,
        "make",
        "pure",
    ),
    case(
        "gwrite-an-object-holding-an-imported-list-changes-it",
        {
            "cards.py": "ALL = []\n",
            "stacks.py": _STACKS,
            "mod.py": """\
            from cards import ALL
            from stacks import Stack

            def make():
                st = Stack(1, suit=ALL)
                st.suit.append(3)  # <-
                return st
            """,
        },
        "make",
        "global_write",
        detail="mutates module-level ALL",
    ),
    case(
        "gwrite-an-object-holding-a-list-a-constant-times-builds-changes-it",
        {
            "stacks.py": _STACKS,
            "mod.py": """\
            from stacks import Stack

            ROW = 8 * [0]

            def make():
                st = Stack(1, suit=ROW)
                st.suit.append(3)  # <-
                return st
            """,
        },
        "make",
        "global_write",
        detail="mutates module-level ROW",
    ),
    case(
        "gwrite-a-class-a-placeholder-constant-names-first",
        """\
        Flag = None

        class Flag:
            cache = {}

        def register(v):
            Flag.cache[v] = v  # <-
        """,
        "register",
        "global_write",
        detail="mutates module-level Flag",
    ),
    case(
        "gwrite-a-placeholder-constant-a-function-rebinds-changed",
        """\
        class Conf:
            debug = False

        CONF = None

        def init():
            global CONF
            CONF = Conf()

        def enable():
            CONF.debug = True  # <-
        """,
        "enable",
        "global_write",
        detail="mutates module-level CONF",
    ),
    case(
        "gwrite-global-rebind",
        """\
        _counter = 0

        def next_id():
            global _counter
            _counter += 1  # <-
            return _counter
        """,
        "next_id",
        "global_write",
    ),
    case(
        "gwrite-regex-purge-empties-the-modules-pattern-cache",
        """\
        import regex as re

        def reset(text):
            re.purge()  # <-
            return re.findall(r"\\d", text)
        """,
        "reset",
        "global_write",
    ),
    # A mutable class attribute `__init__` does not rebind is one object shared by every instance and the class
    case(
        "gwrite-init-appends-self-to-a-class-attribute-list",
        """\
        class Player:
            instances = []

            def __init__(self, name):
                self.name = name
                self.instances.append(self)  # <-
        """,
        "Player.__init__",
        "global_write",
        detail="class attribute Player.instances",
    ),
    case(
        "gwrite-method-sets-an-item-of-a-class-attribute-dict",
        """\
        class Counter:
            counts: dict = {}

            def bump(self, key):
                self.counts[key] = self.counts.get(key, 0) + 1  # <-
        """,
        "Counter.bump",
        "global_write",
        detail="Counter.counts",
    ),
    case(
        "gwrite-augmented-assignment-extends-a-class-attribute-list",
        """\
        class Command:
            args = ["--quiet"]

            def with_args(self, extra):
                self.args += extra  # <-
                return self.args
        """,
        "Command.with_args",
        "global_write",
        detail="Command.args",
    ),
    case(
        "gwrite-classmethod-appends-to-the-class-registry",
        """\
        from collections import OrderedDict

        class Plugin:
            registry = OrderedDict()

            @classmethod
            def register(cls, name, plugin):
                cls.registry[name] = plugin  # <-
        """,
        "Plugin.register",
        "global_write",
        detail="Plugin.registry",
    ),
    # A classmethod rebinding an attribute of its class changes what every instance reads (git-cola's i18n
    # `State.update`): class state, so a caller building an instance only to call it is no pure caller.
    case(
        "gwrite-classmethod-rebinds-a-class-attribute",
        CLASS_STATE,
        "State.update",
        "global_write",
        detail="changes class attribute State.translation, shared by every instance (cls.translation = …)",
    ),
    case(
        "gwrite-classmethod-adds-to-a-class-attribute",
        CLASS_STATE,
        "State.bump",
        "global_write",
        detail="changes class attribute State.hits, shared by every instance (cls.hits +=)",
    ),
    case(
        "calls-impure-a-fresh-instance-whose-classmethod-rebinds-class-state",
        CLASS_STATE
        + """\

        def switch(lang):
            s = State()
            s.update(lang)  # <-
            return s
        """,
        "switch",
        "calls_impure",
        detail="State.update",
    ),
    case(
        "gwrite-new-caching-the-instance-on-the-class",
        """\
        class Single:
            _instance = None

            def __new__(cls):
                if cls._instance is None:
                    cls._instance = super().__new__(cls)  # <-
                return cls._instance
        """,
        "Single.__new__",
        "global_write",
        detail="Single._instance",
    ),
    case(
        "gwrite-init-subclass-marking-the-class",
        """\
        class Base:
            def __init_subclass__(cls, **kw):
                cls.registered = True  # <-
        """,
        "Base.__init_subclass__",
        "global_write",
        detail="Base.registered",
    ),
    case(
        "pure-a-classmethod-setting-an-attribute-of-the-instance-it-builds",
        CLASS_STATE
        + """\

        def build(lang):
            return State.make(lang)
        """,
        "build",
        "pure",
    ),
    # A field bound to an object that is not the instance's own: changing what it holds changes that, on a new
    # instance too (`Effects.foreign_field`, `shared_attribute_changes`).
    case(
        "gwrite-a-field-holding-a-module-level-list",
        FOREIGN_FIELDS,
        "W.add",
        "global_write",
        detail="mutates module-level CACHE (self.cache.append())",
    ),
    case(
        "calls-impure-a-new-instance-changing-a-module-level-list-through-its-field",
        FOREIGN_FIELDS,
        "use_w",
        "calls_impure",
        detail="W.add",
    ),
    case(
        "gwrite-a-field-holding-what-a-parameter-defaults-to",
        FOREIGN_FIELDS,
        "V.put",
        "global_write",
        detail="mutates module-level LOOKUP (self.store[k] = …)",
    ),
    case(
        "calls-impure-a-new-instance-changing-its-parameter-s-module-level-default",
        FOREIGN_FIELDS,
        "use_v",
        "calls_impure",
        detail="V.put",
    ),
    case(
        "gwrite-a-field-holding-a-class-attribute",
        FOREIGN_FIELDS,
        "Y.put",
        "global_write",
        detail="changes class attribute Y.shared, shared by every instance (self.d[k] = …)",
    ),
    case(
        "calls-impure-a-new-instance-changing-a-class-attribute-through-its-field",
        FOREIGN_FIELDS,
        "use_y",
        "calls_impure",
        detail="Y.put",
    ),
    case(
        "global-read-a-module-level-list-a-method-changes-through-a-field",
        FOREIGN_FIELDS,
        "count_cached",
        "global_read",
        detail="CACHE",
    ),
    case(
        "gwrite-a-field-holding-what-a-parameter-defaults-to-in-the-class-body",
        FOREIGN_FIELDS,
        "K.put",
        "global_write",
        detail="changes class attribute K.DEFAULT, shared by every instance (self.store[k] = …)",
    ),
    case(
        "calls-impure-a-field-holding-a-module-level-list-handed-to-a-changing-function",
        FOREIGN_FIELDS,
        "W.add2",
        "calls_impure",
        detail="mod.push",
    ),
    # A subclass's method changing what a base class's field holds, the base in another file
    # (`Solver.inherited_changes`): the base's class attribute, or the module-level object its `__init__` stored.
    case(
        "gwrite-a-subclass-changing-its-base-s-class-attribute",
        INHERITED,
        "B.add",
        "global_write",
        path="sub.py",
        detail="changes class attribute A.items, shared by every instance (self.items.append())",
    ),
    case(
        "calls-impure-a-new-subclass-instance-changing-its-base-s-class-attribute",
        INHERITED,
        "use_b",
        "calls_impure",
        path="sub.py",
        detail="B.add",
    ),
    case(
        "gwrite-a-subclass-changing-what-its-base-stored-of-the-module",
        INHERITED,
        "W3.add3",
        "global_write",
        path="sub.py",
        detail="mutates module-level CACHE (self.cache.append())",
    ),
    case(
        "global-read-a-module-level-list-a-subclass-changes-through-its-base-s-field",
        INHERITED,
        "count_cached",
        "global_read",
        path="base.py",
        detail="CACHE",
    ),
    case(
        "global-read-a-class-attribute-a-subclass-changes",
        INHERITED,
        "count_items",
        "global_read",
        path="base.py",
        detail="A.items",
    ),
    case(
        "calls-impure-a-grandchild-changing-a-class-attribute-two-bases-up",
        INHERITED,
        "use_d",
        "calls_impure",
        path="sub.py",
        detail="D.add",
    ),
    case("pure-a-subclass-whose-init-binds-its-own", INHERITED, "use_c", "pure", path="sub.py"),
    case("pure-a-subclass-of-a-base-whose-init-binds-its-own", INHERITED, "use_b2", "pure", path="sub.py"),
    case("pure-a-subclass-writing-to-its-base-s-module-level-sink", INHERITED, "use_s", "pure", path="sub.py"),
    # turtle's `self._orient = TNavigator.START_ORIENTATION[self._mode]`: an item of a class attribute, not the class
    case(
        "gwrite-a-field-holding-an-item-of-a-class-s-attribute",
        NAVIGATOR,
        "Nav.turn",
        "global_write",
        detail="mutates module-level Nav.START (self._orient.rotate())",
    ),
    case("pure-a-class-whose-attribute-s-item-a-method-changes-is-no-state-itself", NAVIGATOR, "is_nav", "pure"),
    case("pure-a-new-instance-changing-its-own-copy-of-a-module-level-list", FOREIGN_FIELDS, "use_c", "pure"),
    case("pure-a-new-instance-changing-the-dict-a-none-default-gave-it", FOREIGN_FIELDS, "use_n", "pure"),
    case("pure-a-new-instance-changing-a-field-bound-from-its-own-field", FOREIGN_FIELDS, "use_o", "pure"),
    # pyglossary's `self._file = nullTextIO`: a stream's `write` on a module-level sink is no change of shared data
    case("pure-init-storing-a-module-level-sink-its-methods-write-to", FOREIGN_FIELDS, "Sink.__init__", "pure"),
    # reading advances the stream the field holds (the instance's), as writing does: no write of the module's null
    # stream, which would make every reader of it read module state (pyglossary's 16 readers' `__init__`)
    case("pure-init-storing-a-module-level-stream-its-methods-read-from", FOREIGN_FIELDS, "Source.__init__", "pure"),
    case("smut-reading-the-module-level-stream-a-field-holds", FOREIGN_FIELDS, "Source.line", "self_mutation"),
    case(
        "gwrite-a-class-attribute-rebound-by-another-method-is-shared-until-then",
        """\
        class Stack:
            items = []

            def reset(self):
                self.items = []

            def push(self, x):
                self.items.append(x)  # <-
        """,
        "Stack.push",
        "global_write",
        detail="Stack.items",
    ),
    # `global X` then a statement binding X other than an assignment: an import, a def, a class
    case(
        "gwrite-global-bound-by-an-import-in-a-function",
        """\
        ModelFact = None

        def init():
            global ModelFact
            if ModelFact is None:
                from json import JSONDecoder as ModelFact  # <-
        """,
        "init",
        "global_write",
        detail="rebinds global ModelFact",
    ),
    case(
        "gwrite-global-bound-by-a-def-in-a-function",
        """\
        def define():
            global helper

            def helper():  # <-
                return 1
        """,
        "define",
        "global_write",
        detail="rebinds global helper",
    ),
    case(
        "gwrite-global-bound-by-a-class-in-a-function",
        """\
        def make():
            global Thing

            class Thing:  # <-
                pass
        """,
        "make",
        "global_write",
        detail="rebinds global Thing",
    ),
    case(
        "gwrite-global-assign",
        """\
        MODE = "a"

        def set_mode(m):
            global MODE
            MODE = m  # <-
        """,
        "set_mode",
        "global_write",
    ),
    case(
        "gwrite-nonlocal-rebind",
        """\
        def make_counter():
            count = 0

            def bump():
                nonlocal count
                count += 1  # <-
                return count

            return bump
        """,
        "make_counter.<locals>.bump",
        "global_write",
    ),
    case(
        "gwrite-module-attribute-of-project-module",
        {
            "settings.py": "DEBUG = False\n",
            "mod.py": """\
            import settings

            def enable():
                settings.DEBUG = True  # <-
            """,
        },
        "enable",
        "global_write",
    ),
    case(
        "gwrite-setattr-on-module",
        {
            "settings.py": "DEBUG = False\n",
            "mod.py": """\
            import settings

            def enable(name):
                setattr(settings, name, True)  # <-
            """,
        },
        "enable",
        "global_write",
    ),
    case(
        "gwrite-cache-subscript-without-global",
        """\
        CACHE = {}

        def remember(k, v):
            CACHE[k] = v  # <-
        """,
        "remember",
        "global_write",
    ),
    case(
        "gwrite-module-list-append",
        """\
        HISTORY = []

        def remember(x):
            HISTORY.append(x)  # <-
            return x
        """,
        "remember",
        "global_write",
    ),
    case(
        "gwrite-module-dict-setdefault",
        """\
        REGISTRY = {}

        def bucket(k):
            return REGISTRY.setdefault(k, [])  # <-
        """,
        "bucket",
        "global_write",
    ),
    case(
        "gwrite-module-dict-del",
        """\
        CACHE = {}

        def forget(k):
            del CACHE[k]  # <-
        """,
        "forget",
        "global_write",
    ),
    case(
        "gwrite-module-object-attribute",
        """\
        from types import SimpleNamespace

        STATE = SimpleNamespace(count=0)

        def bump():
            STATE.count += 1  # <-
        """,
        "bump",
        "global_write",
    ),
    case(
        "gwrite-class-attribute-list",
        """\
        class Registry:
            items = []

        def register(x):
            Registry.items.append(x)  # <-
        """,
        "register",
        "global_write",
    ),
    case(
        "gwrite-imported-module-dict",
        {
            "registry.py": "HANDLERS = {}\n",
            "mod.py": """\
            from registry import HANDLERS

            def register(name, fn):
                HANDLERS[name] = fn  # <-
            """,
        },
        "register",
        "global_write",
    ),
    case(
        "gwrite-alias-of-module-list",
        """\
        HISTORY = []

        def remember(x):
            h = HISTORY
            h.append(x)  # <-
        """,
        "remember",
        "global_write",
    ),
    case(
        "gwrite-global-del",
        """\
        CURRENT = None

        def forget():
            global CURRENT
            del CURRENT  # <-
        """,
        "forget",
        "global_write",
    ),
    case(
        "gwrite-init-registers-instance-globally",
        """\
        INSTANCES = []

        class Tracked:
            def __init__(self):
                self.id = len(INSTANCES)
                INSTANCES.append(self)  # <-
        """,
        "Tracked.__init__",
        "global_write",
    ),
    case(
        "gwrite-globals-subscript",
        """\
        X = 0

        def set_x(v):
            globals()["X"] = v  # <-
        """,
        "set_x",
        "global_write",
    ),
    case(
        "gwrite-next-on-module-iterator",
        """\
        import itertools

        _ids = itertools.count(1)

        def new_id():
            return next(_ids)  # <-
        """,
        "new_id",
        "global_write",
    ),
    case(
        "gwrite-mutable-default-append",
        """\
        def accumulate(x, acc=[]):
            acc.append(x)  # <-
            return sum(acc)
        """,
        "accumulate",
        "global_write",
    ),
    case(
        "gwrite-mutable-default-subscript",
        """\
        def memo(n, cache={}):
            if n not in cache:
                cache[n] = n * n  # <-
            return cache[n]
        """,
        "memo",
        "global_write",
    ),
    case(
        "gwrite-mutable-default-kwonly",
        """\
        def tag(x, *, seen=set()):
            seen.add(x)  # <-
            return len(seen)
        """,
        "tag",
        "global_write",
    ),
    case(
        "gwrite-closure-mutates-outer-list",
        """\
        def collect(xs):
            items = []

            def add(x):
                items.append(x)  # <-

            for x in xs:
                add(x)
            return items
        """,
        "collect.<locals>.add",
        "global_write",
    ),
    case(
        "gwrite-returned-closure-mutates-outer-dict",
        """\
        def make_cache():
            store = {}

            def put(k, v):
                store[k] = v  # <-

            return put
        """,
        "make_cache.<locals>.put",
        "global_write",
    ),
    # Mutation rows (issue 12 item 6): `Solver._target_call` on class attributes.
    case(
        "gwrite-class-attribute-mutated-through-the-class",
        """\
        class K:
            items = []

        def add(x):
            K.items.append(x)  # <-
        """,
        "add",
        "global_write",
        detail="mutates class attribute K.items.append()",
    ),
    case(
        "gwrite-item-set-in-the-body-of-a-class-a-function-defines",
        """\
        REGISTRY = {}

        def register(name):
            class Entry:
                REGISTRY[name] = 1  # <-
            return Entry
        """,
        "register",
        "global_write",
    ),
    case(
        "gwrite-mutating-method-in-the-body-of-a-class-a-function-defines",
        """\
        ITEMS = []

        def make(x):
            class Holder:
                ITEMS.append(x)  # <-
            return Holder
        """,
        "make",
        "global_write",
    ),
    # Process-wide settings a pure module keeps (`IMPURE_EXCEPTIONS_IN_PURE_MODULES`); the pure neighbours are in
    # test_pure.py.
    case(
        "globalwrite-decimal-setcontext",
        """\
        import decimal

        def use_precision(n):
            decimal.setcontext(decimal.Context(prec=n))  # <-
        """,
        "use_precision",
        "global_write",
    ),
    case(
        "globalwrite-calendar-setfirstweekday",
        """\
        import calendar

        def monday_first():
            calendar.setfirstweekday(calendar.MONDAY)  # <-
        """,
        "monday_first",
        "global_write",
    ),
    case(
        "globalwrite-codecs-register",
        """\
        import codecs

        def install(search):
            codecs.register(search)  # <-
        """,
        "install",
        "global_write",
    ),
    case(
        "globalwrite-heappush-onto-a-module-list",
        """\
        from heapq import heappush

        PENDING = []

        def schedule(job):
            heappush(PENDING, job)  # <-
        """,
        "schedule",
        "global_write",
    ),
    # registering a virtual subclass changes what isinstance answers everywhere: not pure, though the modules are
    case(
        "globalwrite-collections-abc-register",
        """\
        import collections.abc

        class Row:
            pass

        def declare():
            collections.abc.Sequence.register(Row)  # <-
        """,
        "declare",
        "global_write",
    ),
    case(
        "globalwrite-imported-abc-register",
        """\
        from collections.abc import Mapping

        def declare(cls):
            Mapping.register(cls)  # <-
            return cls
        """,
        "declare",
        "global_write",
    ),
    case(
        "globalwrite-numbers-register",
        """\
        import numbers

        def declare(cls):
            numbers.Real.register(cls)  # <-
        """,
        "declare",
        "global_write",
    ),
    case(
        "globalwrite-project-abc-register-inherited",
        """\
        import abc

        class Shape(abc.ABC):
            pass

        def declare(cls):
            Shape.register(cls)  # <-
        """,
        "declare",
        "impure",
    ),
    case(
        "global-write-through-what-a-function-returns",
        """\
        REGISTRY = {}

        def registry():
            return REGISTRY

        def register(name, value):
            registry()[name] = value  # <-
        """,
        "register",
        "global_write",
        detail="REGISTRY",
    ),
    case(
        "global-write-on-an-element-of-a-module-list-a-function-returns",
        """\
        SHAPES = []

        def shapes():
            return SHAPES

        def mark_first():
            shapes()[0].seen = True  # <-
        """,
        "mark_first",
        "global_write",
        detail="SHAPES",
    ),
    case(
        "global-write-on-a-part-of-a-module-defaultdict-a-function-returns",
        """\
        from collections import defaultdict

        CACHE = defaultdict(list)

        def cache():
            return CACHE

        def remember(key, value):
            cache()[key].append(value)  # <-
        """,
        "remember",
        "global_write",
        detail="CACHE",
    ),
    case(
        "global-write-on-the-module-object-a-function-returns",
        """\
        class Settings:
            def __init__(self):
                self.theme = "light"

        _SETTINGS = Settings()

        def settings():
            return _SETTINGS

        def go_dark():
            settings().theme = "dark"  # <-
        """,
        "go_dark",
        "global_write",
        detail="_SETTINGS",
    ),
    # A changing method of what a project call returned, when that is module state (`get_console()` hands out
    # the one CONSOLE): through a local, a chain, or `self.x` bound to the call in `__init__`
    case(
        "global-write-method-of-a-returned-module-object-through-a-local",
        SHARED_CONSOLE
        + """\

        def greet():
            c = get_console()
            c.write("hi")  # <-
        """,
        "greet",
        "global_write",
        detail="CONSOLE",
    ),
    case(
        "global-write-method-of-a-returned-module-object-in-init",
        SHARED_CONSOLE
        + """\

        class Panel:
            def __init__(self):
                self.console = get_console()
                self.console.write("ready")  # <-
        """,
        "Panel.__init__",
        "global_write",
        detail="CONSOLE",
    ),
    case(
        "gw-closure-changes-an-item-of-a-comprehension-over-an-enclosing-parameter",
        """\
        def apply(album, overrides):
            def run():
                by_id = {t.id: t for t in album.tracks}
                for track_id, tags in overrides.items():
                    tr = by_id.get(track_id)
                    tr.metadata["x"] = 1  # <-
            album.run_when_loaded(run)
        """,
        "apply.<locals>.run",
        "global_write",
        detail="album",
    ),
    # A module imported inside the function is the process's one module all the same: a store into it was unseen
    # (`import os` then `os.environ["X"] = v` was pure; pyzo's `App_asyncio_new.__init__` patches asyncio)
    case(
        "gw-store-into-a-locally-imported-module-s-dict",
        """\
        def setenv(value):
            import os
            os.environ["X"] = value  # <-
        """,
        "setenv",
        "global_write",
        detail="os",
    ),
    case(
        "gw-store-into-sys-modules-locally-imported",
        """\
        def install(module):
            import sys
            sys.modules["plugin"] = module  # <-
        """,
        "install",
        "global_write",
        detail="sys",
    ),
    case(
        "gw-rebind-an-attribute-of-a-locally-imported-module",
        """\
        def redirect(stream):
            import sys
            sys.stdout = stream  # <-
        """,
        "redirect",
        "global_write",
        detail="sys",
    ),
    case(
        "gw-store-into-a-name-imported-from-a-module-locally",
        """\
        def setenv(value):
            from os import environ
            environ["X"] = value  # <-
        """,
        "setenv",
        "global_write",
        detail="environ",
    ),
    case(
        "gw-patch-a-locally-imported-module-under-an-alias",
        """\
        def patch(value):
            import asyncio as aio
            aio.integrate_with_ide = value  # <-
        """,
        "patch",
        "global_write",
        detail="aio",
    ),
    case(
        "gw-store-into-what-a-function-returns-of-a-locally-imported-module",
        """\
        def table():
            import string
            return string.__dict__

        def caller(v):
            table()["X"] = v  # <-
        """,
        "caller",
        "global_write",
        detail="string",
    ),
    # Self's class, shared by every instance, changed in `__init__` (where changing self is building it): through
    # `type(self)`, `self.__class__`, or a local naming a class-level container (picard's test double sets
    # `type(self).last_instance = self`)
    case(
        "gw-init-counts-instances-through-type-of-self",
        """\
        class Widget:
            count = 0

            def __init__(self):
                type(self).count += 1  # <-
        """,
        "Widget.__init__",
        "global_write",
        detail="Widget",
    ),
    case(
        "gw-init-registers-through-type-of-self",
        """\
        class Plugin:
            registry = {}

            def __init__(self, key):
                type(self).registry[key] = self  # <-
        """,
        "Plugin.__init__",
        "global_write",
        detail="Plugin.registry",
    ),
    case(
        "gw-init-registers-through-dunder-class",
        """\
        class Plugin:
            registry = {}

            def __init__(self, key):
                self.__class__.registry[key] = self  # <-
        """,
        "Plugin.__init__",
        "global_write",
        detail="Plugin.registry",
    ),
    case(
        "gw-init-sets-a-class-attribute-through-type-of-self",
        """\
        class Fake:
            last_instance = None

            def __init__(self):
                type(self).last_instance = self  # <-
        """,
        "Fake.__init__",
        "global_write",
        detail="Fake",
    ),
    case(
        "gw-init-registers-through-a-local-naming-the-class-container",
        """\
        class Plugin:
            registry = {}

            def __init__(self, key):
                reg = self.registry
                reg[key] = self  # <-
        """,
        "Plugin.__init__",
        "global_write",
        detail="Plugin.registry",
    ),
    case(
        "global-write-a-nested-function-s-default-advances-a-module-iterator",
        """\
        IDS = iter(range(100))


        def make():
            def inner(ident=next(IDS)):  # <-
                return ident
            return inner
        """,
        "make",
        "global_write",
    ),
    case(
        "global-write-numpy-error-handling-is-the-process-s",
        """\
        import numpy as np


        def safe_log(a):
            old = np.geterr()
            np.seterr(divide="ignore")  # <-
            r = np.log(a)
            np.seterr(**old)
            return r
        """,
        "safe_log",
        "global_write",
    ),
    case(
        "global-write-appends-to-sys-path",
        """\
        import sys


        def add_plugins(folder):
            sys.path.append(folder)  # <-
        """,
        "add_plugins",
        "global_write",
        detail="changes sys.path",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


@pytest.mark.parametrize(
    ("code", "qualname", "kinds"),
    [
        # `__init__` binds its own list: each instance changes its own
        (
            "class Stack:\n    items = []\n\n    def __init__(self):\n        self.items = []\n\n"
            "    def push(self, x):\n        self.items.append(x)\n",
            "Stack.push",
            {"self_mutation"},
        ),
        (
            "class Stack:\n    items = []\n\n    def __init__(self):\n        self.items = []\n"
            "        self.items.append(0)\n",
            "Stack.__init__",
            set(),
        ),
        # a number or a tuple is rebound on the instance, not changed
        ("class C:\n    count = 0\n\n    def bump(self):\n        self.count += 1\n", "C.bump", {"self_mutation"}),
        ("class C:\n    seen = ()\n\n    def add(self, x):\n        self.seen += (x,)\n", "C.add", {"self_mutation"}),
        # a dataclass field builds one list per instance
        (
            "from dataclasses import dataclass, field\n\n\n@dataclass\nclass C:\n"
            "    items: list = field(default_factory=list)\n\n    def add(self, x):\n        self.items.append(x)\n",
            "C.add",
            {"self_mutation"},
        ),
        # `setattr(self, name, …)` may bind any attribute on the instance
        (
            "class C:\n    items = []\n\n    def __init__(self, **kw):\n        for k, v in kw.items():\n"
            "            setattr(self, k, v)\n\n    def add(self, x):\n        self.items.append(x)\n",
            "C.add",
            {"self_mutation"},
        ),
    ],
)
def test_an_instance_s_own_attribute_is_no_class_state(code: str, qualname: str, kinds: set[str]) -> None:
    fn = verdict({"mod.py": code}, qualname)
    assert {r.kind for r in fn.reasons} == kinds, fn.reasons
