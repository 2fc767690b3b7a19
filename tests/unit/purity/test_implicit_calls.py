"""Rows for what runs without a call written: `x[k]` runs `x.__getitem__(k)`, and a method of an object typed by an
absolute import of the project's own package (`from pkg.layout import Layout`) is the project's, whether the
analysed folder holds the package or is it (`root_package`)."""

from __future__ import annotations

import textwrap

import pytest
from purelift.analysis import analyze_tree

from tests.unit.engine_helpers import file_result, find_function, make_tree, show
from tests.unit.purity.table import FIELDS, assert_verdict, case

# A project class whose subscript changes its object (a cache), one whose subscript reads a file, and one without
# a subscript of its own (a list's).
_TABLES = """\
class Table:
    def __init__(self):
        self.cache = {}

    def __getitem__(self, key):
        self.cache[key] = 1
        return key


class Loader:
    def __getitem__(self, path):
        with open(path) as fh:
            return fh.read()


class Rows(list):
    pass


class Lines:
    def __iter__(self):
        with open("lines.txt") as fh:
            yield from fh

    def __len__(self):
        print("counting")
        return 3

    def __contains__(self, x):
        self.seen = x
        return True


class Store:
    def __setitem__(self, path, text):
        with open(path, "w") as fh:
            fh.write(text)

    def __delitem__(self, path):
        print("removing", path)


class Bag(dict):
    pass
"""


def _with_tables(body: str) -> dict[str, str]:
    return {
        "tables.py": _TABLES,
        "mod.py": "import os\n\nfrom tables import Bag, Lines, Loader, Rows, Store, Table\n\n\n" + body,
    }


ROWS = [
    case(
        "calls_impure-a-subscript-of-an-annotated-parameter-whose-class-caches",
        _with_tables("def first(t: Table):\n    return t[0]  # <-\n"),
        "first",
        "calls_impure",
        detail="Table.__getitem__",
    ),
    case(
        "calls_impure-a-subscript-of-a-field-the-class-built",
        _with_tables(
            "class User:\n    def __init__(self):\n        self.t = Table()\n\n"
            "    def read(self):\n        return self.t[3]  # <-\n"
        ),
        "User.read",
        "calls_impure",
    ),
    case(
        "calls_impure-a-subscript-of-a-field-built-in-the-same-method-reading-a-file",
        _with_tables(
            "class User:\n    def read(self, p):\n        self.t = Loader()\n        return self.t[p]  # <-\n"
        ),
        "User.read",
        "calls_impure",
        detail="Loader.__getitem__",
    ),
    case(
        "calls_impure-a-subscript-of-a-local-whose-class-reads-a-file",
        _with_tables("def load(path):\n    loader = Loader()\n    return loader[path]  # <-\n"),
        "load",
        "calls_impure",
        detail="Loader.__getitem__",
    ),
    case(
        "calls_impure-an-augmented-item-of-a-new-object-whose-subscript-reads-a-file",
        _with_tables("def bump(path):\n    loader = Loader()\n    loader[path] += 'x'  # <-\n    return loader\n"),
        "bump",
        "calls_impure",
        detail="Loader.__getitem__",
    ),
    # `len(x)`, `k in x`, `k not in x`, `for v in x` and comprehensions run `__len__`, `__contains__`, `__iter__`
    case(
        "calls_impure-len-of-an-annotated-parameter-whose-len-prints",
        _with_tables("def count(lines: Lines):\n    return len(lines)  # <-\n"),
        "count",
        "calls_impure",
        detail="Lines.__len__",
    ),
    case(
        "calls_impure-membership-in-an-annotated-parameter-whose-contains-changes-it",
        _with_tables("def has(lines: Lines, x):\n    return x not in lines  # <-\n"),
        "has",
        "calls_impure",
        detail="Lines.__contains__",
    ),
    case(
        "calls_impure-a-loop-over-an-annotated-parameter-whose-iter-reads-a-file",
        _with_tables(
            "def read(lines: Lines):\n    out = []\n    for line in lines:  # <-\n"
            "        out.append(line)\n    return out\n"
        ),
        "read",
        "calls_impure",
        detail="Lines.__iter__",
    ),
    case(
        "calls_impure-a-comprehension-over-a-field-whose-iter-reads-a-file",
        _with_tables(
            "class Holder:\n    def __init__(self):\n        self.lines = Lines()\n\n"
            "    def read(self):\n        return [line for line in self.lines]  # <-\n"
        ),
        "Holder.read",
        "calls_impure",
        detail="Lines.__iter__",
    ),
    case(
        "calls_impure-len-of-a-field-whose-len-prints",
        _with_tables(
            "class Holder:\n    def __init__(self):\n        self.lines = Lines()\n\n"
            "    def size(self):\n        return len(self.lines)  # <-\n"
        ),
        "Holder.size",
        "calls_impure",
    ),
    case(
        "pure-membership-in-a-new-object-whose-contains-changes-it",
        _with_tables("def has(x):\n    lines = Lines()\n    return x in lines\n"),
        "has",
        "pure",
    ),
    case(
        "pure-len-membership-and-loops-over-a-project-list-subclass",
        _with_tables(
            "def ops(rows: Rows, x):\n    return len(rows), x in rows, [r for r in rows], sum(r for r in rows)\n"
        ),
        "ops",
        "pure",
    ),
    case(
        "pure-a-len-that-is-not-the-builtin",
        _with_tables("def len(x):\n    return 3\n\n\ndef count(lines: Lines):\n    return len(lines)\n"),
        "count",
        "pure",
    ),
    # `x[k] = v` and `del x[k]` run `__setitem__` and `__delitem__`: a new object's own change is pure, a write is not
    case(
        "calls_impure-an-item-stored-into-a-new-object-whose-setitem-writes-a-file",
        _with_tables("def save(path, text):\n    store = Store()\n    store[path] = text  # <-\n"),
        "save",
        "calls_impure",
        detail="Store.__setitem__",
    ),
    case(
        "calls_impure-an-item-deleted-from-a-field-built-in-the-same-method-whose-delitem-prints",
        _with_tables(
            "class Holder:\n    def reset(self, path):\n"
            "        self.store = Store()\n        del self.store[path]  # <-\n"
        ),
        "Holder.reset",
        "calls_impure",
        detail="Store.__delitem__",
    ),
    # a store into a field typed by another method is a change of self's object, as `self.x.add(k)` is: a method of
    # `__init__` filling it stays part of building self (RIDE's `_VariableStash.set`)
    case(
        "self_mutation-an-item-stored-into-a-field-another-method-built",
        _with_tables(
            "class Holder:\n    def __init__(self):\n        self.store = Store()\n\n"
            "    def put(self, path, text):\n        self.store[path] = text  # <-\n"
        ),
        "Holder.put",
        "self_mutation",
    ),
    case(
        "pure-building-self-through-a-method-storing-into-a-field",
        _with_tables(
            "class Cache:\n    def __init__(self):\n        self.data = {}\n\n"
            "    def __setitem__(self, k, v):\n        self.data[k] = v\n\n\n"
            "class Stash:\n    def __init__(self):\n        self._vars = Cache()\n        self.load()\n\n"
            "    def load(self):\n        self.set('a', 1)\n\n"
            "    def set(self, k, v):\n        self._vars[k] = v\n"
        ),
        "Stash.__init__",
        "pure",
    ),
    case(
        "pure-items-stored-and-deleted-in-a-new-dict-subclass",
        _with_tables(
            "def fill(k, v, xs):\n    bag = Bag()\n    bag[k] = xs\n    del bag[k]\n    bag[v] = k\n    return bag\n"
        ),
        "fill",
        "pure",
    ),
    case(
        "pure-an-item-stored-into-the-new-list-a-project-function-returns",
        _with_tables(
            "def copied(xs):\n    return list(xs)\n\n\n"
            "def with_total(items):\n    rows = copied(items)\n    rows[0] = sum(items)\n    del rows[1]\n"
            "    return rows[2], rows\n"
        ),
        "with_total",
        "pure",
    ),
    # encodings.idna: `labels = dots.split(s)` of a module-level compiled pattern, then `del labels[-1]`
    case(
        "pure-an-item-deleted-from-what-a-module-level-object-s-method-returns",
        """\
        import re

        DOTS = re.compile("[.]")

        def labels(name):
            parts = DOTS.split(name)
            if not parts[-1]:
                del parts[-1]  # <-
            parts[0] = parts[0].lower()
            return parts
        """,
        "labels",
        "pure",
    ),
    case(
        "pure-a-subscript-of-a-new-object-whose-class-caches",
        _with_tables("def first():\n    t = Table()\n    return t[0]\n"),
        "first",
        "pure",
    ),
    case(
        "pure-a-subscript-of-a-project-list-subclass",
        _with_tables("def first(rows: Rows):\n    return rows[0]\n\n\ndef built():\n    return Rows()[0]\n"),
        "first",
        "pure",
    ),
    case(
        "pure-a-subscript-of-a-field-of-a-library-type",
        _with_tables(
            "class Env:\n    def __init__(self):\n        self.env = os.environ.copy()\n\n"
            "    def home(self):\n        return self.env['HOME']\n"
        ),
        "Env.home",
        "pure",
    ),
    # what a library call built is typed by the call (`pickle.load`), whose own entry (io) says nothing of iterating
    # the list it returned (puddletag's QuodLibet library)
    case(
        "pure-loops-and-lengths-of-a-field-a-library-call-built",
        _with_tables(
            "import pickle\n\n\nclass Library:\n    def __init__(self, f):\n        self._tracks = pickle.load(f)\n\n"
            "    def values(self, k):\n"
            "        return len(self._tracks), [t[k] for t in self._tracks], k in self._tracks\n"
        ),
        "Library.values",
        "pure",
    ),
    case(
        "pure-a-subscript-of-a-field-holding-plain-data",
        _with_tables(
            "class Plain:\n    def __init__(self):\n        self.rows = [1, 2]\n\n"
            "    def first(self):\n        return self.rows[0]\n"
        ),
        "Plain.first",
        "pure",
    ),
    # A field a subclass binds too (`_MainProcess` in multiprocessing): its subscript is an untyped field's, a read
    case(
        "pure-a-subscript-of-a-field-a-subclass-binds-too",
        _with_tables(
            "class Process:\n    def __init__(self):\n        self._config = Table()\n\n"
            "    def authkey(self):\n        return self._config['authkey']\n\n\n"
            "class Main(Process):\n    def __init__(self):\n        self._config = {'authkey': b''}\n"
        ),
        "Process.authkey",
        "pure",
    ),
    case(
        "pure-len-and-membership-of-a-field-a-subclass-binds-too",
        _with_tables(
            "class Process:\n    def __init__(self):\n        self._config = Lines()\n\n"
            "    def known(self, k):\n        return len(self._config), k in self._config\n\n\n"
            "class Main(Process):\n    def __init__(self):\n        self._config = {'authkey': b''}\n"
        ),
        "Process.known",
        "pure",
    ),
    case(
        "pure-a-subscript-of-a-field-built-by-a-module-object-s-method-a-subclass-binds-too",
        _with_tables(
            "CURRENT = Table()\n\n\nclass Process:\n    def __init__(self):\n        self._config = CURRENT.copy()\n\n"
            "    def authkey(self):\n        return self._config['authkey']\n\n\n"
            "class Main(Process):\n    def __init__(self):\n        self._config = {'authkey': b''}\n"
        ),
        "Process.authkey",
        "pure",
    ),
    # Analysing the standard library itself, `threading` is the project's: taking the class's own lock stays pure
    case(
        "pure-the-class-s-own-lock-from-a-project-threading-module",
        {
            "threading.py": "class Condition:\n    def __enter__(self):\n        print('wait')\n\n"
            "    def __exit__(self, *exc):\n        print('done')\n",
            "mod.py": """\
            import threading

            class Future:
                def __init__(self):
                    self._condition = threading.Condition()
                    self._state = 0

                def done(self):
                    with self._condition:
                        return self._state == 1
            """,
        },
        "Future.done",
        "pure",
    ),
    case(
        "calls_impure-entering-a-local-lock-of-a-project-class-whose-enter-prints",
        {
            "threading.py": "class Condition:\n    def __enter__(self):\n        print('wait')\n\n"
            "    def __exit__(self, *exc):\n        print('done')\n",
            "mod.py": """\
            import threading

            def guarded(x):
                cond = threading.Condition()
                cond.__enter__()  # <-
                return x + 1
            """,
        },
        "guarded",
        "calls_impure",
    ),
    # A class method's result: `Fee.values().index(m)` is a method of what the call returned, judged by its name
    case(
        "pure-a-read-of-what-a-class-method-returns",
        """\
        class Fee:
            @classmethod
            def values(cls):
                return [1, 2, 3]

            @classmethod
            def index_of(cls, m):
                return Fee.values().index(m)
        """,
        "Fee.index_of",
        "pure",
    ),
    case(
        "unknown-an-unknown-method-of-what-a-class-method-returns",
        """\
        class Fee:
            @classmethod
            def values(cls):
                return [1, 2, 3]

            @classmethod
            def frobbed(cls, m):
                return Fee.values().frob(m)  # <-
        """,
        "Fee.frobbed",
        "unknown",
        detail="on what Fee.values() returns",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


_LAYOUT = """\
class Layout:
    def __init__(self, game):
        self.xs = 10

    def width(self, n):
        return n * self.xs

    def loud(self):
        print(self.xs)

    def bigger(self):
        self.xs += 1
"""

_GAME = """\
from pkg.layout import Layout
from pkg import layout


def width(game):
    lay, s = Layout(game), game.s
    return lay.width(3)


def shout(game):
    lay = layout.Layout(game)
    lay.loud()


def grown(game):
    lay = Layout(game)
    lay.bigger()
    return lay


class Holder:
    def __init__(self):
        self.layout = Layout(self)

    def width(self):
        return self.layout.width(2)

    def bump(self):
        self.layout.bigger()
"""


# A caller outside the package, as a project's tests are (`tests/test_game.py`), of a class and of a function returning
# a new object of it: only the package's name says where they come from.
_TEST_GAME = """\
from pkg.layout import Layout, make_layout
import pkg.layout


def test_width():
    assert Layout(None).width(2) == 20


def test_made():
    lay = make_layout()
    return lay.width(3)


def test_made_in_full():
    return pkg.layout.make_layout().width(3)


def test_made_loud():
    make_layout().loud()


def test_passed_through():
    lay = pass_through(Layout(None))
    return lay.width(1)


def test_made_or_handed(lay):
    return make_or_take(lay).bigger()


def test_found(game):
    return find_layout(game).bigger()


def test_made_or_held(game):
    return layout_of(game).bigger()


def test_made_or_held_inline(game):
    return layout_of_inline(game).bigger()


def test_relayed(lay):
    return relay(lay).bigger()


def test_built_down(n):
    return build(n).width(1)


def test_worker():
    make_worker().start()


def test_pooled():
    return pooled().bigger()
"""

_MAKERS = """\


def make_layout():
    return Layout(None)


def pass_through(lay):
    return lay


def make_or_take(lay):
    if lay is None:
        return make_layout()
    return lay


def find_layout(game):
    if game is None:
        return None
    return Layout(game)


def layout_of(game):
    if game is None:
        return make_layout()
    return game.board


def layout_of_inline(game):
    return make_layout() if game is None else game.board


def relay(lay):
    return make_or_take(lay)


def build(n):
    if n == 0:
        return Layout(None)
    return build(n - 1)


class Worker(threading.Thread):
    def describe(self):
        return "worker"


def make_worker():
    return Worker()


make_layout.pool = []


def pooled():
    return make_layout.pool.pop()
"""

# Where the package sits in the analysed folder: the folder holds it, is it (`root_package`), holds it under `src/`
# or under a folder around the repository (an unpacked sdist's `name-1.0/`, a checkout analysed from its parent
# folder), which no import names. (An archive's single top folder is stripped before the engine sees it.)
_LAYOUTS = {
    "folder-holds-pkg": "pkg/",
    "folder-is-pkg": "",
    "src-layout": "src/pkg/",
    "parent-folder": "repo-main/pkg/",
}


@pytest.mark.parametrize("layout", list(_LAYOUTS))
@pytest.mark.parametrize(
    ("path", "qualname", "expect"),
    [
        ("game.py", "width", "pure"),
        ("game.py", "grown", "pure"),  # a new object's own change
        ("game.py", "Holder.width", "pure"),
        ("game.py", "shout", "calls_impure"),
        ("game.py", "Holder.bump", "calls_impure"),  # self's object changes
        ("tests/test_game.py", "test_width", "pure"),
        # what a project function returns is that class's new object, and nothing else: its method is what runs
        ("tests/test_game.py", "test_made", "pure"),
        ("tests/test_game.py", "test_made_in_full", "pure"),
        ("tests/test_game.py", "test_made_loud", "calls_impure"),
        # a function handing back what it was given: judged by the method's name, which says nothing of `width`
        ("tests/test_game.py", "test_passed_through", "unknown"),
        # a function returning the caller's object as well: `bigger` changes it
        ("tests/test_game.py", "test_made_or_handed", "unknown"),
        # `None` on another path: its methods raise; a new object's own change
        ("tests/test_game.py", "test_found", "pure"),
        # a field of the caller's object on another path (no name the walk keys): `bigger` changes it
        ("tests/test_game.py", "test_made_or_held", "unknown"),
        ("tests/test_game.py", "test_made_or_held_inline", "unknown"),
        # through another function that may return the caller's object
        ("tests/test_game.py", "test_relayed", "unknown"),
        # a recursive factory: its objects are the class's
        ("tests/test_game.py", "test_built_down", "pure"),
        # a method the project class inherits from a library's (`Thread.start`): by its name
        ("tests/test_game.py", "test_worker", "unknown"),
        # what an attribute of the function object hands back (`make_layout.pool.pop()`), not what it returns
        ("tests/test_game.py", "test_pooled", "unknown"),
    ],
)
def test_a_method_of_an_object_typed_by_an_absolute_import_of_the_package(
    layout: str, path: str, qualname: str, expect: str
) -> None:
    prefix = _LAYOUTS[layout]
    files = {"__init__.py": "", "layout.py": "import threading\n\n\n" + _LAYOUT + _MAKERS, "game.py": _GAME}
    files = {f"{prefix}{p}": text for p, text in files.items()}
    tests_at = prefix.removesuffix("pkg/").removeprefix("src/")
    files[f"{tests_at}tests/test_game.py"] = _TEST_GAME.replace("import Layout, make_layout", _TEST_NAMES)
    path = f"{tests_at}{path}" if path.startswith("tests/") else f"{prefix}{path}"
    tree = make_tree({p: textwrap.dedent(t) for p, t in files.items()}, root_package="pkg" if not prefix else None)
    fn = find_function(file_result(analyze_tree(tree).result, path), qualname)
    if expect == "pure":
        assert fn.pure and not fn.reasons, show(fn)
    else:
        assert expect in {r.kind for r in fn.reasons}, show(fn)


_TEST_NAMES = (
    "import Layout, build, find_layout, layout_of, layout_of_inline, make_layout, make_or_take, make_worker,"
    " pass_through, pooled, relay"
)


# A package whose modules import each other by their last names, its folder being put on `sys.path` at start (bCNC's
# `import undo` in bCNC/CNC.py): the import binds the project's module, and so does the type of what it builds.
_UNDO = """\
class UndoRedo:
    def __init__(self):
        self.stack = []

    def can_redo(self):
        return bool(self.stack)

    def show(self):
        print(self.stack)
"""

_CNC = """\
import undo


class GCode:
    def __init__(self):
        self.undoredo = undo.UndoRedo()

    def can_redo(self):
        return self.undoredo.can_redo()

    def show(self):
        self.undoredo.show()
"""


@pytest.mark.parametrize(("qualname", "expect"), [("GCode.can_redo", "pure"), ("GCode.show", "calls_impure")])
def test_a_method_of_an_object_typed_by_a_module_s_last_name(qualname: str, expect: str) -> None:
    files = {"bCNC/__init__.py": "", "bCNC/undo.py": _UNDO, "bCNC/CNC.py": _CNC}
    tree = make_tree({f"bcnc-0.9/{p}": textwrap.dedent(t) for p, t in files.items()})
    fn = find_function(file_result(analyze_tree(tree).result, "bcnc-0.9/bCNC/CNC.py"), qualname)
    if expect == "pure":
        assert fn.pure and not fn.reasons, show(fn)
    else:
        assert expect in {r.kind for r in fn.reasons}, show(fn)
