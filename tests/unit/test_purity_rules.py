"""Purity verdicts, one row per rule (SPEC §2 "Purity", issue 2).

Each row is a small project (one snippet, or several files), the `__qualname__` of one function, and the
expected verdict: `pure`, or the reason kind that must be among its reasons. A line holding the marker
`# <-` in the file under test is where that reason must be reported. `detail` (when given) must appear in
the reason's detail (e.g. the callee of `calls_impure`). Precision comes first: a snippet the engine
cannot be sure about is expected impure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pytest
from engine_helpers import analyze, file_result, show, verdict

MARK = "# <-"


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


# =========================================================================================================
# io
IO = [
    case(
        "io-open-read",
        """\
        def load(path):
            with open(path) as fh:  # <-
                return fh.read()
        """,
        "load",
        "io",
    ),
    case(
        "io-print",
        """\
        def show(x):
            print(x)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-input",
        """\
        def ask():
            return input("? ")  # <-
        """,
        "ask",
        "io",
    ),
    case(
        "io-os-remove",
        """\
        import os

        def drop(path):
            os.remove(path)  # <-
        """,
        "drop",
        "io",
    ),
    case(
        "io-os-listdir",
        """\
        import os

        def names(folder):
            return sorted(os.listdir(folder))  # <-
        """,
        "names",
        "io",
    ),
    case(
        "io-os-path-exists",
        """\
        import os.path

        def exists(p):
            return os.path.exists(p)  # <-
        """,
        "exists",
        "io",
    ),
    case(
        "io-os-getcwd-from-import",
        """\
        from os import getcwd

        def here():
            return getcwd()  # <-
        """,
        "here",
        "io",
    ),
    case(
        "io-os-environ-get",
        """\
        import os

        def home():
            return os.environ.get("HOME")  # <-
        """,
        "home",
        "io",
    ),
    case(
        "io-os-environ-subscript",
        """\
        import os

        def home():
            return os.environ["HOME"]  # <-
        """,
        "home",
        "io",
    ),
    case(
        "io-environ-from-import",
        """\
        from os import environ

        def debug():
            return environ.get("DEBUG") == "1"  # <-
        """,
        "debug",
        "io",
    ),
    case(
        "io-os-environ-write",
        """\
        import os

        def set_debug():
            os.environ["DEBUG"] = "1"  # <-
        """,
        "set_debug",
        "io",
    ),
    case(
        "io-os-getenv",
        """\
        import os

        def user():
            return os.getenv("USER", "")  # <-
        """,
        "user",
        "io",
    ),
    case(
        "io-sys-argv",
        """\
        import sys

        def args():
            return sys.argv[1:]  # <-
        """,
        "args",
        "io",
    ),
    case(
        "io-sys-stdout-write",
        """\
        import sys

        def out(s):
            sys.stdout.write(s)  # <-
        """,
        "out",
        "io",
    ),
    case(
        "io-sys-exit",
        """\
        import sys

        def stop():
            sys.exit(1)  # <-
        """,
        "stop",
        "io",
    ),
    case(
        "io-subprocess-run",
        """\
        import subprocess

        def run(cmd):
            return subprocess.run(cmd, check=True).returncode  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-subprocess-alias",
        """\
        import subprocess as sp

        def run(cmd):
            return sp.call(cmd)  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-socket",
        """\
        import socket

        def ping(host):
            s = socket.create_connection((host, 80))  # <-
            s.close()
        """,
        "ping",
        "io",
    ),
    case(
        "io-shutil-copy",
        """\
        import shutil

        def backup(src, dst):
            shutil.copy(src, dst)  # <-
        """,
        "backup",
        "io",
    ),
    case(
        "io-pathlib-read-text",
        """\
        from pathlib import Path

        def read(p):
            return Path(p).read_text(encoding="utf-8")  # <-
        """,
        "read",
        "io",
    ),
    case(
        "io-pathlib-write-text",
        """\
        import pathlib

        def write(p, text):
            pathlib.Path(p).write_text(text)  # <-
        """,
        "write",
        "io",
    ),
    case(
        "io-pathlib-exists",
        """\
        from pathlib import Path

        def exists(p):
            return Path(p).exists()  # <-
        """,
        "exists",
        "io",
    ),
    case(
        "io-pathlib-cwd",
        """\
        from pathlib import Path

        def here():
            return Path.cwd()  # <-
        """,
        "here",
        "io",
    ),
    case(
        "io-logging-module",
        """\
        import logging

        def note(x):
            logging.info("x=%s", x)  # <-
            return x
        """,
        "note",
        "io",
    ),
    case(
        "io-logger-instance",
        """\
        import logging

        log = logging.getLogger(__name__)

        def note(x):
            log.warning("x=%s", x)  # <-
            return x
        """,
        "note",
        "io",
    ),
    case(
        "io-time-sleep",
        """\
        import time

        def wait():
            time.sleep(1)  # <-
        """,
        "wait",
        "io",
    ),
    case(
        "io-json-load",
        """\
        import json

        def read(fh):
            return json.load(fh)  # <-
        """,
        "read",
        "io",
    ),
    case(
        "io-json-dump",
        """\
        import json

        def write(data, fh):
            json.dump(data, fh)  # <-
        """,
        "write",
        "io",
    ),
    case(
        "io-exec",
        """\
        def run(code):
            exec(code)  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-eval",
        """\
        def calc(expr):
            return eval(expr)  # <-
        """,
        "calc",
        "io",
    ),
    case(
        "io-urlopen",
        """\
        from urllib.request import urlopen

        def fetch(url):
            return urlopen(url).read()  # <-
        """,
        "fetch",
        "io",
    ),
    case(
        "io-requests",
        """\
        import requests

        def fetch(url):
            return requests.get(url, timeout=5).json()  # <-
        """,
        "fetch",
        "io",
    ),
    case(
        "io-sqlite3",
        """\
        import sqlite3

        def rows(db):
            con = sqlite3.connect(db)  # <-
            return con.execute("select 1").fetchall()
        """,
        "rows",
        "io",
    ),
    case(
        "io-print-in-comprehension",
        """\
        def show_all(xs):
            return [print(x) for x in xs]  # <-
        """,
        "show_all",
        "io",
    ),
    case(
        "io-print-in-module-lambda",
        """\
        show = lambda x: print(x)  # <-
        """,
        "<lambda>",
        "io",
    ),
    case(
        "io-builtins-print",
        """\
        import builtins

        def show(x):
            builtins.print(x)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-map-print",
        """\
        def show_all(xs):
            return list(map(print, xs))  # <-
        """,
        "show_all",
        "io",
    ),
    case(
        "io-sorted-key-print",
        """\
        def noisy_sort(xs):
            return sorted(xs, key=print)  # <-
        """,
        "noisy_sort",
        "io",
    ),
    case(
        "io-async-sleep",
        """\
        import asyncio

        async def wait():
            await asyncio.sleep(1)  # <-
        """,
        "wait",
        "io",
    ),
]

# =========================================================================================================
# nondeterministic
NONDETERMINISTIC = [
    case(
        "nondet-random-random",
        """\
        import random

        def jitter(x):
            return x + random.random()  # <-
        """,
        "jitter",
        "nondeterministic",
    ),
    case(
        "nondet-random-from-import",
        """\
        from random import choice

        def pick(items):
            return choice(items)  # <-
        """,
        "pick",
        "nondeterministic",
    ),
    case(
        "nondet-random-shuffle-param",
        """\
        import random

        def shuffle(items):
            random.shuffle(items)  # <-
        """,
        "shuffle",
        "nondeterministic",
    ),
    case(
        "nondet-secrets",
        """\
        import secrets

        def token():
            return secrets.token_hex(8)  # <-
        """,
        "token",
        "nondeterministic",
    ),
    case(
        "nondet-uuid4",
        """\
        import uuid

        def new_id():
            return str(uuid.uuid4())  # <-
        """,
        "new_id",
        "nondeterministic",
    ),
    case(
        "nondet-uuid1",
        """\
        from uuid import uuid1

        def new_id():
            return uuid1().hex  # <-
        """,
        "new_id",
        "nondeterministic",
    ),
    case(
        "nondet-time-time",
        """\
        import time

        def now():
            return time.time()  # <-
        """,
        "now",
        "nondeterministic",
    ),
    case(
        "nondet-time-monotonic",
        """\
        from time import monotonic

        def tick():
            return monotonic()  # <-
        """,
        "tick",
        "nondeterministic",
    ),
    case(
        "nondet-time-perf-counter",
        """\
        import time

        def tick():
            return time.perf_counter()  # <-
        """,
        "tick",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-now-class",
        """\
        from datetime import datetime

        def stamp():
            return datetime.now().isoformat()  # <-
        """,
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-module-now",
        """\
        import datetime

        def stamp():
            return datetime.datetime.now()  # <-
        """,
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-utcnow",
        """\
        from datetime import datetime as dt

        def stamp():
            return dt.utcnow()  # <-
        """,
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-date-today",
        """\
        import datetime

        def today():
            return datetime.date.today()  # <-
        """,
        "today",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-today",
        """\
        from datetime import datetime

        def today():
            return datetime.today()  # <-
        """,
        "today",
        "nondeterministic",
    ),
    case(
        "nondet-default-argument-evaluated-at-def",
        """\
        import time

        def age(x, started=time.time()):
            return x - started
        """,
        "age",
        "nondeterministic",
    ),
    case(
        "nondet-os-urandom",
        """\
        import os

        def salt():
            return os.urandom(16)  # <-
        """,
        "salt",
        "nondeterministic",
    ),
]

# =========================================================================================================
# global_write
GLOBAL_WRITE = [
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
]

# =========================================================================================================
# global_read
GLOBAL_READ = [
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
]

# =========================================================================================================
# arg_mutation
_MUTATORS = {
    "append": "items.append(1)",
    "extend": "items.extend([1])",
    "insert": "items.insert(0, 1)",
    "remove": "items.remove(1)",
    "pop": "items.pop()",
    "clear": "items.clear()",
    "update": "items.update({1: 2})",
    "setdefault": "items.setdefault(1, [])",
    "add": "items.add(1)",
    "discard": "items.discard(1)",
    "sort": "items.sort()",
    "reverse": "items.reverse()",
}

ARG_MUTATION = [
    *[
        case(
            f"argmut-method-{name}",
            f"def f(items):\n    {call}  # <-\n    return None\n",
            "f",
            "arg_mutation",
        )
        for name, call in _MUTATORS.items()
    ],
    case(
        "argmut-attribute-assign",
        """\
        def rename(obj, name):
            obj.name = name  # <-
        """,
        "rename",
        "arg_mutation",
    ),
    case(
        "argmut-subscript-assign",
        """\
        def zero(row, i):
            row[i] = 0  # <-
        """,
        "zero",
        "arg_mutation",
    ),
    case(
        "argmut-subscript-augassign",
        """\
        def count(counts, w):
            counts[w] += 1  # <-
        """,
        "count",
        "arg_mutation",
    ),
    case(
        "argmut-slice-assign",
        """\
        def wipe(items):
            items[:] = []  # <-
        """,
        "wipe",
        "arg_mutation",
    ),
    case(
        "argmut-del-attribute",
        """\
        def strip(obj):
            del obj.cache  # <-
        """,
        "strip",
        "arg_mutation",
    ),
    case(
        "argmut-del-subscript",
        """\
        def drop(d, k):
            del d[k]  # <-
        """,
        "drop",
        "arg_mutation",
    ),
    case(
        "argmut-setattr",
        """\
        def put(obj, name, v):
            setattr(obj, name, v)  # <-
        """,
        "put",
        "arg_mutation",
    ),
    case(
        "argmut-delattr",
        """\
        def unset(obj):
            delattr(obj, "x")  # <-
        """,
        "unset",
        "arg_mutation",
    ),
    case(
        "argmut-next-on-param",
        """\
        def head(it):
            return next(it)  # <-
        """,
        "head",
        "arg_mutation",
    ),
    case(
        "argmut-alias",
        """\
        def add_one(param):
            x = param
            x.append(1)  # <-
        """,
        "add_one",
        "arg_mutation",
    ),
    case(
        "argmut-alias-chain",
        """\
        def add_one(param):
            a = param
            b = a
            b[0] = 1  # <-
        """,
        "add_one",
        "arg_mutation",
    ),
    case(
        "argmut-alias-tuple-unpack",
        """\
        def add_one(p, q):
            a, b = p, q
            b.append(1)  # <-
        """,
        "add_one",
        "arg_mutation",
    ),
    case(
        "argmut-setdefault-result-mutated",
        """\
        def group(index, k, v):
            d = index.setdefault(k, [])  # <-
            d.append(v)
        """,
        "group",
        "arg_mutation",
    ),
    case(
        "argmut-get-result-mutated",
        """\
        def add_to(index, k, v):
            bucket = index.get(k)
            bucket.append(v)  # <-
        """,
        "add_to",
        "arg_mutation",
    ),
    case(
        "argmut-element-of-param",
        """\
        def bump_first(rows):
            first = rows[0]
            first.append(0)  # <-
        """,
        "bump_first",
        "arg_mutation",
    ),
    case(
        "argmut-nested-attribute-method",
        """\
        def add(param):
            param.attr.append(1)  # <-
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-nested-attribute-subscript",
        """\
        def put(param, k):
            param.table[k] = 1  # <-
        """,
        "put",
        "arg_mutation",
    ),
    case(
        "argmut-for-loop-variable",
        """\
        def pad(rows):
            for row in rows:
                row.append(0)  # <-
        """,
        "pad",
        "arg_mutation",
    ),
    case(
        "argmut-for-loop-over-items",
        """\
        def tag(groups):
            for _name, members in groups.items():
                members.append("x")  # <-
        """,
        "tag",
        "arg_mutation",
    ),
    case(
        "argmut-enumerate-loop-subscript",
        """\
        def normalise_in_place(values):
            total = sum(values) or 1
            for i, v in enumerate(values):
                values[i] = v / total  # <-
        """,
        "normalise_in_place",
        "arg_mutation",
    ),
    case(
        "argmut-list-augassign-in-place",
        """\
        def grow(xs):
            xs += [1]  # <-
            return xs
        """,
        "grow",
        "arg_mutation",
    ),
    case(
        "argmut-rebound-in-one-branch-only",
        """\
        def add(xs, copy):
            if copy:
                xs = list(xs)
            xs.append(1)  # <-
            return xs
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-star-args-element",
        """\
        def first_append(*args):
            args[0].append(1)  # <-
        """,
        "first_append",
        "arg_mutation",
    ),
    case(
        "argmut-or-default-alias",
        """\
        def add(x, items=None):
            items = items or []
            items.append(x)  # <-
            return items
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-conditional-expression-alias",
        """\
        def add(x, items, fresh):
            target = [] if fresh else items
            target.append(x)  # <-
            return target
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-walrus-alias",
        """\
        def add(x, items):
            if (target := items) is not None:
                target.append(x)  # <-
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-param-attribute-augassign",
        """\
        def tick(counter):
            counter.count += 1  # <-
        """,
        "tick",
        "arg_mutation",
    ),
    case(
        "argmut-dunder-setitem",
        """\
        def put(d, k, v):
            d.__setitem__(k, v)  # <-
        """,
        "put",
        "arg_mutation",
    ),
    case(
        "argmut-operator-setitem",
        """\
        import operator

        def put(d, k, v):
            operator.setitem(d, k, v)  # <-
        """,
        "put",
        "arg_mutation",
    ),
    case(
        "argmut-bisect-insort",
        """\
        import bisect

        def insert_sorted(items, x):
            bisect.insort(items, x)  # <-
        """,
        "insert_sorted",
        "arg_mutation",
    ),
    case(
        "argmut-init-mutates-param",
        """\
        class Node:
            def __init__(self, parent):
                self.parent = parent
                parent.children.append(self)  # <-
        """,
        "Node.__init__",
        "arg_mutation",
    ),
    case(
        "argmut-dunder-dict-update",
        """\
        def load_into(obj, data):
            obj.__dict__.update(data)  # <-
        """,
        "load_into",
        "arg_mutation",
    ),
    case(
        "argmut-helper-mutates-param-passed-through",
        """\
        def fill(xs):
            xs.append(1)

        def wrapper(items):
            fill(items)  # <-
        """,
        "wrapper",
        "calls_impure",
        detail="mod.fill",
    ),
    case(
        "argmut-shallow-copy-list-element",
        """\
        def tag_first(rows):
            out = list(rows)
            out[0].append("x")  # <-
            return out
        """,
        "tag_first",
        "arg_mutation",
    ),
    case(
        "argmut-shallow-copy-dict-element",
        """\
        def add_item(d, x):
            out = dict(d)
            out["items"].append(x)  # <-
            return out
        """,
        "add_item",
        "arg_mutation",
    ),
    case(
        "argmut-copy-method-element",
        """\
        def tag_first(rows):
            out = rows.copy()
            out[0].append("x")  # <-
            return out
        """,
        "tag_first",
        "arg_mutation",
    ),
    case(
        "argmut-copy-copy-element",
        """\
        import copy

        def tag_first(rows):
            out = copy.copy(rows)
            out[0].append("x")  # <-
            return out
        """,
        "tag_first",
        "arg_mutation",
    ),
    case(
        "argmut-sorted-element",
        """\
        def tag_smallest(rows):
            sorted(rows)[0].append("x")  # <-
        """,
        "tag_smallest",
        "arg_mutation",
    ),
    case(
        "argmut-max-result",
        """\
        def pad_longest(rows):
            best = max(rows, key=len)
            best.append(0)  # <-
        """,
        "pad_longest",
        "arg_mutation",
    ),
    case(
        "argmut-next-iter-element",
        """\
        def pad_first(rows):
            first = next(iter(rows))
            first.append(0)  # <-
        """,
        "pad_first",
        "arg_mutation",
    ),
    case(
        "argmut-getattr-constant-then-mutate",
        """\
        def add(obj):
            getattr(obj, "items").append(1)  # <-
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-heapq-push",
        """\
        import heapq

        def push(heap, x):
            heapq.heappush(heap, x)  # <-
        """,
        "push",
        "arg_mutation",
    ),
    case(
        "argmut-lambda-param",
        """\
        add = lambda items, x: items.append(x)  # <-
        """,
        "<lambda>",
        "arg_mutation",
    ),
    case(
        "argmut-outer-param-in-nested-function",
        """\
        def outer(items):
            def inner():
                items.append(1)
            inner()  # <-
        """,
        "outer",
        "calls_impure",
        detail="mod.outer.<locals>.inner",
    ),
    case(
        "argmut-method-mutates-param-object",
        """\
        class Acc:
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)

        def use(acc, x):
            acc.add(x)  # <-
        """,
        "use",
        "arg_mutation",
    ),
]

# =========================================================================================================
# self_mutation
SELF_MUTATION = [
    case(
        "selfmut-attribute-assign",
        """\
        class Q:
            def __init__(self, v):
                self.value = v

            def scale(self, k):
                self.value *= k  # <-
        """,
        "Q.scale",
        "self_mutation",
    ),
    case(
        "selfmut-append-outside-init",
        """\
        class Q:
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)  # <-
        """,
        "Q.add",
        "self_mutation",
    ),
    case(
        "selfmut-subscript",
        """\
        class Q:
            def __init__(self):
                self.d = {}

            def put(self, k, v):
                self.d[k] = v  # <-
        """,
        "Q.put",
        "self_mutation",
    ),
    case(
        "selfmut-del-attribute",
        """\
        class Q:
            def reset(self):
                del self.cache  # <-
        """,
        "Q.reset",
        "self_mutation",
    ),
    case(
        "selfmut-setattr-self",
        """\
        class Q:
            def put(self, name, v):
                setattr(self, name, v)  # <-
        """,
        "Q.put",
        "self_mutation",
    ),
    case(
        "selfmut-alias-of-self-attribute",
        """\
        class Q:
            def __init__(self):
                self.items = []

            def add(self, x):
                items = self.items
                items.append(x)  # <-
        """,
        "Q.add",
        "self_mutation",
    ),
    case(
        "selfmut-alias-of-self",
        """\
        class Q:
            def rename(self, name):
                me = self
                me.name = name  # <-
        """,
        "Q.rename",
        "self_mutation",
    ),
    case(
        "selfmut-loop-over-self-rows",
        """\
        class Grid:
            def __init__(self):
                self.rows = [[1], [2]]

            def pad(self):
                for row in self.rows:
                    row.append(0)  # <-
        """,
        "Grid.pad",
        "self_mutation",
    ),
    case(
        "selfmut-shallow-copy-of-self-rows",
        """\
        class Grid:
            def __init__(self):
                self.rows = [[1], [2]]

            def tag_first(self):
                rows = list(self.rows)
                rows[0].append(0)  # <-
                return rows
        """,
        "Grid.tag_first",
        "self_mutation",
    ),
    case(
        "selfmut-classmethod-cls",
        """\
        class Q:
            count = 0

            @classmethod
            def bump(cls):
                cls.count += 1  # <-
        """,
        "Q.bump",
        "self_mutation",
    ),
    case(
        "selfmut-property-setter",
        """\
        class Circle:
            def __init__(self, r):
                self._r = r

            @property
            def r(self):
                return self._r

            @r.setter
            def r(self, value):
                self._r = value  # <-
        """,
        "Circle.r@10",
        "self_mutation",
    ),
    case(
        "selfmut-calls-mutating-sibling",
        """\
        class Q:
            def __init__(self):
                self.n = 0

            def _bump(self):
                self.n += 1

            def total(self):
                self._bump()  # <-
                return self.n
        """,
        "Q.total",
        "calls_impure",
        detail="mod.Q._bump",
    ),
    case(
        "selfmut-super-method-mutates",
        """\
        class Base:
            def reset(self):
                self.n = 0

        class Child(Base):
            def reset(self):
                super().reset()  # <-
                return True
        """,
        "Child.reset",
        "calls_impure",
        detail="mod.Base.reset",
    ),
    case(
        "pure-init-assigns-self",
        """\
        class Q:
            def __init__(self, v, unit):
                self.value = v
                self.unit = unit
                self.history = []
                self.history.append(v)
        """,
        "Q.__init__",
        "pure",
    ),
    case(
        "pure-post-init-dataclass",
        """\
        from dataclasses import dataclass, field

        @dataclass
        class P:
            x: int
            tags: list = field(default_factory=list)

            def __post_init__(self):
                self.y = self.x * 2
                self.tags.append("new")
        """,
        "P.__post_init__",
        "pure",
    ),
    case(
        "pure-init-calls-setup-helper",
        """\
        class Q:
            def __init__(self, v):
                self._setup(v)

            def _setup(self, v):
                self.value = v
        """,
        "Q.__init__",
        "pure",
    ),
    case(
        "selfmut-setup-helper-itself",
        """\
        class Q:
            def __init__(self, v):
                self._setup(v)

            def _setup(self, v):
                self.value = v  # <-
        """,
        "Q._setup",
        "self_mutation",
    ),
    case(
        "pure-init-calls-super-init",
        """\
        class Base:
            def __init__(self, x):
                self.x = x

        class Child(Base):
            def __init__(self, x, y):
                super().__init__(x)
                self.y = y
        """,
        "Child.__init__",
        "pure",
    ),
    case(
        "pure-fresh-object-mutating-method",
        """\
        class Q:
            def __init__(self, v):
                self.value = v

            def scale(self, k):
                self.value *= k

        def doubled(v):
            q = Q(v)
            q.scale(2)
            return q.value
        """,
        "doubled",
        "pure",
    ),
    case(
        "pure-fresh-object-attribute-write",
        """\
        class P:
            def __init__(self, x):
                self.x = x

        def make(x):
            p = P(x)
            p.x += 1
            p.extra = [x]
            return p
        """,
        "make",
        "pure",
    ),
    case(
        "pure-fresh-object-of-class-with-mutable-list",
        """\
        class Acc:
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)

        def collect(xs):
            acc = Acc()
            for x in xs:
                acc.add(x)
            return acc.items
        """,
        "collect",
        "pure",
    ),
    case(
        "unknown-method-mutating-param-object",
        """\
        class Q:
            def __init__(self, v):
                self.value = v

            def scale(self, k):
                self.value *= k

        def scale_it(q):
            q.scale(2)  # <-
        """,
        "scale_it",
        "unknown",
    ),
]

# =========================================================================================================
# ui
UI = [
    case(
        "ui-tk-function",
        """\
        import tkinter as tk

        def make_root():
            return tk.Tk()  # <-
        """,
        "make_root",
        "ui",
    ),
    case(
        "ui-messagebox",
        """\
        from tkinter import messagebox

        def warn(text):
            messagebox.showwarning("Warning", text)  # <-
        """,
        "warn",
        "ui",
    ),
    case(
        "ui-star-import",
        """\
        from tkinter import *

        def make_label(root):
            return Label(root, text="x")  # <-
        """,
        "make_label",
        "ui",
    ),
    case(
        "ui-method-of-tk-subclass",
        """\
        import tkinter as tk

        class App(tk.Frame):
            def refresh(self):
                self.label.config(text="x")  # <-
        """,
        "App.refresh",
        "ui",
    ),
    case(
        "ui-qt-helper-build-method",
        """\
        from PyQt5.QtWidgets import QPushButton, QWidget

        class Window(QWidget):
            def __init__(self):
                super().__init__()
                self._build()

            def _build(self):
                self.btn = QPushButton("OK", self)  # <-
        """,
        "Window._build",
        "ui",
    ),
    case(
        "ui-plain-class-building-ui-in-helper",
        """\
        from PyQt5.QtWidgets import QPushButton

        class Controller:
            def __init__(self):
                self.count = 0

            def _build(self):
                self.btn = QPushButton("OK")  # <-
        """,
        "Controller._build",
        "ui",
    ),
    case(
        "ui-plain-class-uses-ui-attribute",
        """\
        from PyQt5.QtWidgets import QPushButton

        class Controller:
            def _build(self):
                self.btn = QPushButton("OK")

            def caption(self):
                return self.btn.text()  # <-
        """,
        "Controller.caption",
        "ui",
    ),
    case(
        "pure-plain-class-with-ui-attribute-unrelated-method",
        """\
        from PyQt5.QtWidgets import QPushButton

        class Controller:
            def _build(self):
                self.btn = QPushButton("OK")

            @staticmethod
            def double(x):
                return x * 2
        """,
        "Controller.double",
        "pure",
    ),
    case(
        "ui-conditional-qt-import",
        """\
        try:
            from PyQt5.QtWidgets import QWidget
        except ImportError:
            from PySide2.QtWidgets import QWidget

        def make():
            return QWidget()  # <-
        """,
        "make",
        "ui",
    ),
    case(
        "pure-helper-beside-conditional-qt-import",
        """\
        try:
            from PyQt5.QtWidgets import QWidget
        except ImportError:
            from PySide2.QtWidgets import QWidget

        class Panel(QWidget):
            pass

        def add_one(x):
            return x + 1
        """,
        "add_one",
        "pure",
    ),
    case(
        "pure-type-checking-import-annotation",
        """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from PyQt5.QtWidgets import QWidget

        def title(widget: QWidget, name: str) -> str:
            return f"App - {name}"
        """,
        "title",
        "pure",
    ),
    case(
        "pure-type-checking-import-string-annotation",
        """\
        import typing

        if typing.TYPE_CHECKING:
            import tkinter as tk

        def title(root: "tk.Tk", name: str) -> str:
            return name.title()
        """,
        "title",
        "pure",
    ),
    case(
        "ui-lambda-command",
        """\
        import tkinter as tk

        def build(root):
            tk.Button(root, command=lambda: root.destroy()).pack()
        """,
        "build",
        "ui",
    ),
    case(
        "ui-name-imported-from-project-ui-module",
        {
            "widgets.py": """\
            import tkinter as tk

            class Panel(tk.Frame):
                pass
            """,
            "mod.py": """\
            from widgets import Panel

            def make(root):
                return Panel(root)  # <-
            """,
        },
        "make",
        "ui",
    ),
    case(
        "ui-subclass-across-files",
        {
            "base.py": """\
            import tkinter as tk

            class BaseView(tk.Frame):
                pass
            """,
            "mod.py": """\
            from base import BaseView

            class MyView(BaseView):
                def refresh(self):
                    self.configure(bg="white")  # <-
            """,
        },
        "MyView.refresh",
        "ui",
    ),
    case(
        "pure-method-not-using-self-in-ui-class",
        """\
        import tkinter as tk

        class App(tk.Frame):
            def title_for(self, name):
                return f"App - {name}"
        """,
        "App.title_for",
        "pure",
    ),
]

# =========================================================================================================
# calls_impure
CALLS_IMPURE = [
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
    case(
        "callsimpure-relative-import",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": """\
            def log_it(x):
                print(x)
            """,
            "pkg/core.py": """\
            from .util import log_it

            def work(x):
                log_it(x)  # <-
                return x * 2
            """,
        },
        "work",
        "calls_impure",
        path="pkg/core.py",
        detail="pkg.util.log_it",
    ),
    case(
        "callsimpure-import-module-as",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": """\
            def log_it(x):
                print(x)
            """,
            "pkg/core.py": """\
            import pkg.util as u

            def work(x):
                u.log_it(x)  # <-
            """,
        },
        "work",
        "calls_impure",
        path="pkg/core.py",
        detail="pkg.util.log_it",
    ),
    case(
        "callsimpure-star-import",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": """\
            def log_it(x):
                print(x)
            """,
            "pkg/core.py": """\
            from .util import *

            def work(x):
                log_it(x)  # <-
            """,
        },
        "work",
        "calls_impure",
        path="pkg/core.py",
        detail="pkg.util.log_it",
    ),
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
]

# =========================================================================================================
# unknown
UNKNOWN = [
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
        import numpy as np

        def mean(xs):
            return np.mean(xs)  # <-
        """,
        "mean",
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
        "unknown-module-level-handler-table",
        """\
        HANDLERS = {"a": print}

        def fire(k):
            HANDLERS[k]("x")  # <-
        """,
        "fire",
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
]

# =========================================================================================================
# pure
PURE = [
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
    case(
        "pure-cross-file-relative-from-import",
        {
            "pkg/__init__.py": "",
            "pkg/units.py": """\
            def to_m(v):
                return v * 1000
            """,
            "pkg/core.py": """\
            from .units import to_m

            def to_cm(v):
                return to_m(v) * 100
            """,
        },
        "to_cm",
        "pure",
        path="pkg/core.py",
    ),
    case(
        "pure-cross-file-import-module-as",
        {
            "pkg/__init__.py": "",
            "pkg/units.py": """\
            def to_m(v):
                return v * 1000
            """,
            "pkg/core.py": """\
            import pkg.units as m

            def to_cm(v):
                return m.to_m(v) * 100
            """,
        },
        "to_cm",
        "pure",
        path="pkg/core.py",
    ),
    case(
        "pure-cross-file-from-dot-import-module",
        {
            "pkg/__init__.py": "",
            "pkg/units.py": """\
            def to_m(v):
                return v * 1000
            """,
            "pkg/core.py": """\
            from . import units

            def to_cm(v):
                return units.to_m(v) * 100
            """,
        },
        "to_cm",
        "pure",
        path="pkg/core.py",
    ),
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
        "pure-property-getter-beside-setter",
        """\
        class Circle:
            def __init__(self, r):
                self._r = r

            @property
            def r(self):
                return self._r

            @r.setter
            def r(self, value):
                self._r = value
        """,
        "Circle.r@6",
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
    case(
        "pure-nested-function",
        """\
        def outer(xs):
            def inner(x):
                return x * 2

            return [inner(x) for x in xs]
        """,
        "outer.<locals>.inner",
        "pure",
    ),
    case(
        "pure-outer-calls-pure-nested",
        """\
        def outer(xs):
            def inner(x):
                return x * 2

            return [inner(x) for x in xs]
        """,
        "outer",
        "pure",
    ),
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
]

# Precision traps whose exact reason kind the SPEC leaves open: they must be impure, whatever the kind.
TRAPS = [
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
]

ROWS = IO + NONDETERMINISTIC + GLOBAL_WRITE + GLOBAL_READ + ARG_MUTATION + SELF_MUTATION + UI + CALLS_IMPURE
ROWS += UNKNOWN + PURE + TRAPS


def test_every_reason_kind_has_a_row() -> None:
    from purelift.analysis.model import REASON_KINDS

    kinds = {p.values[2] for p in ROWS}
    assert set(REASON_KINDS) <= kinds
    assert kinds <= {*REASON_KINDS, "pure", "impure"}
    assert "pure" in kinds


def test_row_ids_are_unique() -> None:
    ids = [p.id for p in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("sources", "qualname", "expect", "path", "detail"), ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
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
