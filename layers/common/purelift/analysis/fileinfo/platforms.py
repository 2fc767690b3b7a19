"""Branches a web backend never takes: desktop apps run on Windows, macOS and Linux, some still on Python 2 too,
and guard what each needs (`if sys.platform == "darwin": from Cocoa import NSUserDefaults`, `if PY2: from
robottypes2 import is_string`). A web backend runs Python 3 on Linux, so a desktop-only API reached only on
another platform does not keep a module from being web ready, and the extraction carries the names the branch
a backend takes binds.

A test is read as it would evaluate there, for every Python 3 a backend may run the extracted code on
(`BACKEND_VERSIONS`), and counts as decided only when it answers the same for each: `sys.platform` ("linux"),
`os.name` ("posix"), `platform.system()` ("Linux") and Kivy's `platform` ("linux"); `sys.version_info` (whole, an
item, a slice, `.major`/`.minor`), `sys.version`, `platform.python_version()`/`python_version_tuple()`; the
compatibility flags of six and its kin (`six.PY2`, `PY3`, `compat.IS_PY3`… by their conventional names);
constants, tuples of them, comparisons (chained too), items and slices, `.startswith(…)`, `not`, `and`, `or`.
Anything else (a name bound to such a test, `os.environ`, `sys.version_info >= (3, 10)`, which depends on the
backend) is not known, and both branches count.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any, Literal

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from .nodes import dotted_name

# The Pythons a web backend may run extracted code on: a version test counts only when all of them agree.
BACKEND_VERSIONS = tuple((3, minor) for minor in range(8, 15))

# What each platform probe answers on Linux (Python 2's "linux2" starts the same).
_ON_LINUX: dict[str, object] = {"sys.platform": "linux", "os.name": "posix", "platform": "linux"}
_CALLS_ON_LINUX: dict[str, object] = {"platform.system": "Linux"}
# The flags compatibility layers define (six, future, many apps' own `compat`), read by the last part of the name.
_PY2_FLAGS = frozenset({"PY2", "IS_PY2", "PY_2", "PYTHON2", "IS_PYTHON2", "ISPY2"})
_PY3_FLAGS = frozenset({"PY3", "IS_PY3", "PY_3", "PY3K", "PYTHON3", "IS_PYTHON3", "ISPY3"})


class _Unknown:
    """What a test's part evaluates to when the engine cannot tell."""


_UNKNOWN = _Unknown()
_COMPARE: dict[type, Callable[[Any, Any], object]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: operator.contains(b, a),
    ast.NotIn: lambda a, b: not operator.contains(b, a),
}


def other_platform_branch(test: ast.expr) -> Literal["body", "orelse"] | None:
    """Which branch of `if test:` only another platform than Linux, or only Python 2, takes; None when a web
    backend may take either."""
    answer = _truth(_value(test, BACKEND_VERSIONS[0]))
    if answer is None or any(_truth(_value(test, version)) is not answer for version in BACKEND_VERSIONS[1:]):
        return None
    return "orelse" if answer else "body"


def python2_branch(test: ast.expr) -> Literal["body", "orelse"] | None:
    """`other_platform_branch` for a test that reads no platform probe: a branch only Python 2 takes (`if PY2:`, the
    `else` of `if sys.version_info[0] >= 3:`), never run by any Python the engine reads."""
    for node in ast.walk(test):
        name = dotted_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if name in _ON_LINUX or name in _CALLS_ON_LINUX:
            return None
    return other_platform_branch(test)


def _truth(value: object) -> bool | None:
    return None if value is _UNKNOWN else bool(value)  # constants, strings, tuples, sets: never raises


def _value(node: ast.expr, version: tuple[int, int]) -> object:
    """What `node` evaluates to on Linux under Python `version`, or `_UNKNOWN`."""
    kind = type(node)
    if kind is ast.Constant:
        return node.value  # type: ignore[attr-defined]
    if kind is ast.BoolOp:
        truths = [_truth(_value(v, version)) for v in node.values]  # type: ignore[attr-defined]
        if isinstance(node.op, ast.And):  # type: ignore[attr-defined]
            return False if False in truths else (True if all(truths) else _UNKNOWN)
        return True if True in truths else (False if all(t is False for t in truths) else _UNKNOWN)
    if kind is ast.UnaryOp:
        if not isinstance(node.op, ast.Not):  # type: ignore[attr-defined]
            return _UNKNOWN
        truth = _truth(_value(node.operand, version))  # type: ignore[attr-defined]
        return _UNKNOWN if truth is None else not truth
    if kind is ast.Compare:
        return _compare(node, version)  # type: ignore[arg-type]
    if kind in (ast.Tuple, ast.List, ast.Set):
        items = [_value(e, version) for e in node.elts]  # type: ignore[attr-defined]
        if any(item is _UNKNOWN for item in items):
            return _UNKNOWN
        return frozenset(items) if kind is ast.Set else tuple(items)
    if kind is ast.Subscript:
        return _subscript(node, version)  # type: ignore[arg-type]
    if kind is ast.Call:
        return _call(node, version)  # type: ignore[arg-type]
    if kind is ast.Name or kind is ast.Attribute:
        return _probe(node, version)
    return _UNKNOWN


def _probe(node: ast.expr, version: tuple[int, int]) -> object:
    name = dotted_name(node)
    if name is None:
        return _UNKNOWN
    if name in _ON_LINUX:
        return _ON_LINUX[name]
    if name == "sys.version_info":
        return (*version, 0, "final", 0)
    if name in ("sys.version_info.major", "sys.version_info.minor"):
        return version[0] if name.endswith("major") else version[1]
    if name == "sys.version":
        return f"{version[0]}.{version[1]}.0"
    last = name.rpartition(".")[2]
    if last in _PY2_FLAGS:
        return False
    if last in _PY3_FLAGS:
        return True
    return _UNKNOWN


def _call(node: ast.Call, version: tuple[int, int]) -> object:
    func = node.func
    if node.keywords:
        return _UNKNOWN
    if not node.args:
        name = dotted_name(func) or ""
        if name in _CALLS_ON_LINUX:
            return _CALLS_ON_LINUX[name]
        if name == "platform.python_version":
            return f"{version[0]}.{version[1]}.0"
        if name == "platform.python_version_tuple":
            return (str(version[0]), str(version[1]), "0")
        return _UNKNOWN
    if isinstance(func, ast.Attribute) and func.attr == "startswith" and len(node.args) == 1:
        subject, prefixes = _value(func.value, version), _value(node.args[0], version)
        if isinstance(subject, str) and (
            isinstance(prefixes, str) or (isinstance(prefixes, tuple) and all(isinstance(p, str) for p in prefixes))
        ):
            return subject.startswith(prefixes)
    return _UNKNOWN


def _subscript(node: ast.Subscript, version: tuple[int, int]) -> object:
    subject = _value(node.value, version)
    if not isinstance(subject, (str, tuple)):
        return _UNKNOWN
    index = node.slice
    try:
        if isinstance(index, ast.Slice):
            bounds: list[int | None] = []
            for part in (index.lower, index.upper, index.step):
                bound = None if part is None else _value(part, version)
                if not (bound is None or type(bound) is int):
                    return _UNKNOWN
                bounds.append(bound)
            return subject[slice(*bounds)]
        key = _value(index, version)
        return subject[key] if type(key) is int else _UNKNOWN
    except (IndexError, ValueError):
        return _UNKNOWN


def _compare(node: ast.Compare, version: tuple[int, int]) -> object:
    left = _value(node.left, version)
    for op, right_node in zip(node.ops, node.comparators, strict=True):
        right = _value(right_node, version)
        compare = _COMPARE.get(type(op))
        if left is _UNKNOWN or right is _UNKNOWN or compare is None:
            return _UNKNOWN
        try:
            answer = compare(left, right)
        except TypeError:  # `"3" < 3`, `x in 3`: not what a backend would compute either
            return _UNKNOWN
        if not answer:
            return False
        left = right
    return True


# What a test on the Python version reads, whatever it compares it with (`sys.version_info >= (3, 12)`, `six.PY2`,
# `PY38`): enough to say each branch is some interpreter's, which `other_platform_branch` may not decide.
_VERSION_PROBES = frozenset({"version_info", "hexversion", "version", "python_version", "python_version_tuple"})


def reads_python_version(test: ast.expr) -> bool:
    """Whether an `if` test reads the Python version: an import of what another release removed is then that
    release's fallback (`FileVisitor.import_bound`)."""
    for node in ast.walk(test):
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
        if name in _VERSION_PROBES or (name.startswith("PY") and name[2:].isdigit()):
            return True
    return False


# What a `try` guarding an import catches (the last part of a dotted name): a failed import, or anything
# (`except Exception:`; a bare `except:` too, `catches_import_error`).
IMPORT_FAILURES = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def catches_import_error(handlers: list[ast.ExceptHandler]) -> bool:
    for handler in handlers:
        caught = handler.type
        if caught is None:
            return True
        for one in caught.elts if isinstance(caught, ast.Tuple) else [caught]:
            if (dotted_name(one) or "").rpartition(".")[2] in IMPORT_FAILURES:
                return True
    return False


def backend_runs_the_handler(node: ast.Try | ast.TryStar) -> bool:
    """`try: import cPickle as pickle` / `except ImportError: import pickle`, or `try: from collections import
    Mapping` / `except ImportError: from collections.abc import Mapping`: the `try` starts by importing what every
    Python a backend may run lacks (`rules.removed_from_python`), so it fails before binding anything and the one
    handler runs, binding the module's names as if it stood alone. The first name must be the missing one
    (`from collections import OrderedDict, Mapping` binds `OrderedDict` first). An alias `collections` lost in 3.10
    counts though 3.8 and 3.9 still have it: there it is the `collections.abc` class, so either branch binds it."""
    if isinstance(node, ast.TryStar) or node.orelse or node.finalbody or len(node.handlers) != 1:
        return False
    if not catches_import_error(node.handlers):
        return False
    first = node.body[0]
    if isinstance(first, ast.Import):
        missing = [first.names[0].name]
    elif isinstance(first, ast.ImportFrom) and not first.level and first.module and first.names[0].name != "*":
        missing = [first.module, f"{first.module}.{first.names[0].name}"]
    else:
        return False
    return any(_gone_on_every_backend(dotted) for dotted in missing)


def _gone_on_every_backend(dotted: str) -> bool:
    gone = rules.removed_from_python(dotted)
    if gone is None:
        return False
    name, release = gone
    if name.startswith("collections."):
        return True
    version = tuple(int(part) for part in re.findall(r"\d+", release)[:2])  # "Python 3" -> (3,)
    return version <= BACKEND_VERSIONS[0]
