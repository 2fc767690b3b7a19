"""Branches a web backend never takes: desktop apps run on Windows, macOS and Linux, and guard what each platform
needs (`if sys.platform == "darwin": from Cocoa import NSUserDefaults`). A web backend runs on Linux, so a
desktop-only API reached only on another platform does not keep a module from being web ready.

A test is read as it would evaluate on Linux, from what it compares: `sys.platform` ("linux"), `os.name`
("posix"), `platform.system()` ("Linux") and Kivy's `platform` ("linux"), with `==`, `!=`, `in`, `not in`,
`.startswith(…)`, `not`, `and` and `or`. Anything else (a name bound to such a test, `os.environ`, a version
check) is not known, and both branches count.
"""

from __future__ import annotations

from typing import Literal

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .nodes import dotted_name

# What each platform probe answers on Linux (Python 2's "linux2" starts the same).
_ON_LINUX = {"sys.platform": "linux", "os.name": "posix", "platform": "linux"}
_CALLS_ON_LINUX = {"platform.system": "Linux"}


def other_platform_branch(test: ast.expr) -> Literal["body", "orelse"] | None:
    """Which branch of `if test:` only another platform than Linux takes, or None when both may run there."""
    value = _on_linux(test)
    if value is None:
        return None
    return "orelse" if value else "body"


def _on_linux(test: ast.expr) -> bool | None:
    if isinstance(test, ast.BoolOp):
        answers = [_on_linux(v) for v in test.values]
        if isinstance(test.op, ast.And):
            return False if False in answers else (True if all(answers) else None)
        return True if True in answers else (False if all(a is False for a in answers) else None)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        value = _on_linux(test.operand)
        return None if value is None else not value
    if isinstance(test, ast.Call) and not test.keywords and len(test.args) == 1:
        func = test.func
        if isinstance(func, ast.Attribute) and func.attr == "startswith":
            probe = _probe(func.value)
            prefixes = _strings(test.args[0])
            if probe is not None and prefixes is not None:
                return probe.startswith(tuple(prefixes))
        return None
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        probe, other = _probe(left), right
        if probe is None:
            probe, other = _probe(right), left
            if probe is None or not isinstance(op, (ast.In, ast.NotIn)):  # `"win" in sys.platform`
                return _swapped_equality(op, left, right)
            needle = _strings(other)
            if needle is None or len(needle) != 1:
                return None
            found = needle[0] in probe
            return found if isinstance(op, ast.In) else not found
        values = _strings(other)
        if values is None:
            return None
        if isinstance(op, (ast.Eq, ast.In)):
            return probe in values
        if isinstance(op, (ast.NotEq, ast.NotIn)):
            return probe not in values
    return None


def _swapped_equality(op: ast.cmpop, left: ast.expr, right: ast.expr) -> bool | None:
    """`"win32" == sys.platform`: the probe on the right of `==` / `!=`."""
    probe = _probe(right)
    values = _strings(left)
    if probe is None or values is None or len(values) != 1:
        return None
    if isinstance(op, ast.Eq):
        return probe == values[0]
    if isinstance(op, ast.NotEq):
        return probe != values[0]
    return None


def _probe(node: ast.expr) -> str | None:
    """What `node` answers on Linux when it is a platform probe."""
    if isinstance(node, ast.Call):
        if node.args or node.keywords:
            return None
        return _CALLS_ON_LINUX.get(dotted_name(node.func) or "")
    return _ON_LINUX.get(dotted_name(node) or "")


def _strings(node: ast.expr) -> list[str] | None:
    """A string constant, or a tuple, list or set of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        out = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return out if len(out) == len(node.elts) else None
    return None
