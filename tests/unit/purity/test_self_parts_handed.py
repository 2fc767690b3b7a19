"""Rows for an object self holds handed to a function that changes it (`upd(self.ctx, data)`,
`CallSite.self_args`, `Solver._self_changed`).

A method doing that changes self, as `self.ctx.count += 1` would: `self_mutation`, not a call of an impure function.
So `__init__` may do it while building self, and a fresh object's method doing it leaves its caller pure (electrum's
pure-Python RIPEMD-160: `RIPEMD160.__init__` calls `self.update(arg)`, which runs `RMD160Update(self.ctx, …)`).
The other side: the object is the caller's own (bound from a parameter), a class attribute every instance shares,
`cls.x` in a classmethod, or the callee does more than change it.
"""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, assert_verdict, case

# A context object, a module-level function changing the one it is handed, and a class holding a context of its own.
HASHER = """\
class Ctx:
    def __init__(self):
        self.count = 0
        self.buf = [0] * 4


def upd(ctx, data):
    ctx.count += len(data)
    for i, b in enumerate(data[:4]):
        ctx.buf[i] = b


class Hasher:
    def __init__(self, arg=None):
        self.ctx = Ctx()
        if arg:
            self.update(arg)

    def update(self, arg):
        upd(self.ctx, arg)

    def digest(self):
        return bytes(self.ctx.buf)

"""

# A class binding the object it is handed and a new context in `__init__`, then calling a method (each row adds it)
# that hands both to a function changing only its first parameter.
MIXER = """\
def upd_from(ctx, src):
    ctx.count += src.count


class Mixer:
    def __init__(self, other):
        self.other = other
        self.ctx = Ctx()
        self.mix()

"""

# A subclass whose `__init__` changes the context its base built, and two subclasses of it calling that `__init__`.
AGAIN = """\
class Again(Hasher):
    def __init__(self, arg):
        super().__init__()
        upd(self.ctx, arg)


class Third(Again):
    def __init__(self, arg):
        super().__init__(arg)


class Fourth(Again):
    def __init__(self, arg):
        Again.__init__(self, arg)
"""

# A function changing the context and the list it is handed, and a class handing it its own context and a list.
BOTH = """\
def both(ctx, out):
    ctx.count += 1
    out.append(ctx.count)


class Both(Hasher):
    def feed(self, out):
        both(self.ctx, out)
"""

ROWS = [
    case(
        "self-mutation-a-method-handing-its-own-object-to-a-changing-function",
        HASHER,
        "Hasher.update",
        "self_mutation",
        detail="mutates self.ctx (calls mod.upd)",
    ),
    case(
        "pure-init-calling-a-method-that-changes-an-object-self-holds",
        HASHER,
        "Hasher.__init__",
        "pure",
    ),
    case(
        "pure-a-fresh-object-changed-through-a-function-its-method-calls",
        HASHER
        + """\
def digest_of(data):
    md = Hasher()
    md.update(data)
    return md.digest()
""",
        "digest_of",
        "pure",
    ),
    case(
        "pure-a-constructor-changing-what-it-builds-through-its-methods",
        HASHER
        + """\
def new(data):
    return Hasher(data)
""",
        "new",
        "pure",
    ),
    case(
        "pure-init-handing-an-inherited-field-to-a-changing-function",
        HASHER + AGAIN,
        "Again.__init__",
        "pure",
    ),
    case(
        "pure-init-handing-the-new-object-it-bound-to-a-changing-function",
        HASHER
        + """\
class Direct:
    def __init__(self, arg):
        self.ctx = Ctx()
        upd(self.ctx, arg)
""",
        "Direct.__init__",
        "pure",
    ),
    case(
        "pure-a-subclass-init-calling-super-init-that-changes-what-it-built",
        HASHER + AGAIN,
        "Third.__init__",
        "pure",
    ),
    case(
        "pure-a-subclass-init-calling-the-base-init-by-name-that-changes-what-it-built",
        HASHER + AGAIN,
        "Fourth.__init__",
        "pure",
    ),
    case(
        "pure-init-calling-a-method-that-only-reads-the-object-it-was-given",
        HASHER
        + MIXER
        + """\
    def mix(self):
        upd_from(self.ctx, self.other)
""",
        "Mixer.__init__",
        "pure",
    ),
    # the other side
    case(
        "calls-impure-init-calling-a-method-that-changes-the-object-it-was-given-through-a-function",
        HASHER
        + MIXER
        + """\
    def mix(self):
        upd_from(self.other, self.ctx)
""",
        "Mixer.__init__",
        "calls_impure",
        detail="Mixer.mix",
    ),
    case(
        "arg-mutation-a-callee-changing-self-s-object-and-the-caller-s-parameter",
        HASHER + BOTH,
        "Both.feed",
        "arg_mutation",
        detail="mutates parameter out (calls mod.both)",
    ),
    case(
        "calls-impure-a-callee-changing-self-s-object-and-a-module-level-list",
        HASHER
        + BOTH
        + """\
RESULTS = []


class Logged(Hasher):
    def feed(self):
        both(self.ctx, RESULTS)  # <-
""",
        "Logged.feed",
        "calls_impure",
        detail="mod.both",
    ),
    case(
        "calls-impure-init-handing-on-the-object-it-was-given",
        HASHER
        + """\
class Wrapped:
    def __init__(self, ctx, arg):
        self.ctx = ctx
        upd(self.ctx, arg)  # <-
""",
        "Wrapped.__init__",
        "calls_impure",
        detail="mod.upd",
    ),
    case(
        "calls-impure-init-calling-a-method-that-changes-the-object-it-was-given",
        HASHER
        + """\
class Shared(Hasher):
    def __init__(self, ctx, arg):
        self.ctx = ctx
        self.update(arg)  # <-
""",
        "Shared.__init__",
        "calls_impure",
        detail="Hasher.update",
    ),
    case(
        "calls-impure-a-fresh-object-holding-the-callers-object-changed-through-a-function",
        HASHER
        + """\
class Holder(Hasher):
    def __init__(self, ctx):
        self.ctx = ctx


def feed(ctx, data):
    h = Holder(ctx)
    h.update(data)  # <-
    return h.digest()
""",
        "feed",
        "calls_impure",
        detail="Hasher.update",
    ),
    case(
        "global-write-a-class-attribute-every-instance-shares-handed-to-a-changing-function",
        HASHER
        + """\
class Counted:
    ctx = Ctx()
    log = []

    def add(self, data):
        push(self.log, data)


def push(items, x):
    items.append(x)


def count(data):
    Counted().add(data)  # <-
""",
        "count",
        "calls_impure",
        detail="Counted.add",
    ),
    case(
        "calls-impure-a-classmethod-handing-on-a-class-attribute",
        HASHER
        + """\
class Registry:
    ctx = Ctx()

    @classmethod
    def feed(cls, data):
        upd(cls.ctx, data)  # <-
""",
        "Registry.feed",
        "calls_impure",
        detail="mod.upd",
    ),
    case(
        "calls-impure-a-callee-changing-self-s-object-and-printing",
        HASHER
        + """\
def noisy(ctx, data):
    ctx.count += 1
    print(data)


class Loud(Hasher):
    def feed(self, data):
        noisy(self.ctx, data)


def run(data):
    Loud().feed(data)  # <-
""",
        "run",
        "calls_impure",
        detail="Loud.feed",
    ),
    case(
        "calls-impure-a-fresh-object-changing-the-callers-parameter-through-a-function",
        HASHER
        + BOTH
        + """\
def run(out):
    Both().feed(out)  # <-
""",
        "run",
        "calls_impure",
        detail="Both.feed",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
