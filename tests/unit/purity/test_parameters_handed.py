"""Rows for a parameter handed on to a function that changes it (`CallSite.owned_args`, `Solver._owned_changes`).

`def f(xs): g(xs)` with `def g(xs): xs.append(1)` changes its parameter as `xs.append(1)` would: `arg_mutation`, and
when that is all it does, a caller handing it a list it built stays pure, however many helpers deep the change is
made (an accumulator handed down a tree walk). The other side: the caller's own parameter, a module-level object, a
forwarder doing more, and a new container of the caller's objects whose elements the chain changes.
"""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, assert_verdict, case

# `g` changes the list it is handed; `f` hands its parameter on; `h` hands on a part of its parameter.
FORWARD = """\
def g(xs):
    xs.append(1)


def f(xs):
    g(xs)


def h(box):
    g(box.items)


class Box:
    def __init__(self):
        self.items = []

"""

# A tree walk filling the list its caller built, two helpers deep.
WALK = """\
def _emit(node, out):
    out.append(node.name)


def _walk(node, out):
    _emit(node, out)
    for child in node.children:
        _walk(child, out)


def collect(tree):
    out = []
    _walk(tree, out)
    return out
"""

ROWS = [
    case(
        "arg-mutation-a-parameter-handed-on-to-a-changing-function",
        FORWARD,
        "f",
        "arg_mutation",
        detail="mutates parameter xs (calls mod.g)",
    ),
    case(
        "arg-mutation-a-part-of-a-parameter-handed-on-to-a-changing-function",
        FORWARD,
        "h",
        "arg_mutation",
        detail="mutates parameter box (calls mod.g)",
    ),
    case(
        "pure-a-new-list-filled-through-a-forwarding-helper",
        FORWARD
        + """\
def user():
    ys = []
    f(ys)
    return ys
""",
        "user",
        "pure",
    ),
    case(
        "pure-a-new-object-whose-part-a-helper-fills",
        FORWARD
        + """\
def user():
    box = Box()
    h(box)
    return box
""",
        "user",
        "pure",
    ),
    case(
        "pure-an-accumulator-filled-two-helpers-down-a-tree-walk",
        WALK,
        "collect",
        "pure",
    ),
    case(
        "arg-mutation-a-recursive-walk-filling-the-list-it-is-handed",
        WALK,
        "_walk",
        "arg_mutation",
        detail="mutates parameter out (calls mod._emit)",
    ),
    # the other side
    case(
        "arg-mutation-the-caller-handing-on-its-own-parameter",
        FORWARD
        + """\
def outer(items):
    f(items)  # <-
""",
        "outer",
        "arg_mutation",
        detail="mutates parameter items (calls mod.f)",
    ),
    case(
        "calls-impure-a-module-level-list-handed-to-a-forwarder",
        FORWARD
        + """\
CACHE = []


def remember():
    f(CACHE)  # <-
""",
        "remember",
        "calls_impure",
        detail="mod.f",
    ),
    case(
        "calls-impure-a-forwarder-that-also-prints",
        FORWARD
        + """\
def loud(xs):
    g(xs)
    print(xs)


def user():
    ys = []
    loud(ys)  # <-
    return ys
""",
        "user",
        "calls_impure",
        detail="mod.loud",
    ),
    case(
        "calls-impure-a-forwarder-calling-a-function-that-prints",
        FORWARD
        + """\
def shout(x):
    print(x)


def quiet(xs):
    g(xs)
    shout(xs)


def user():
    ys = []
    quiet(ys)  # <-
    return ys
""",
        "user",
        "calls_impure",
        detail="mod.quiet",
    ),
    case(
        "calls-impure-a-new-list-of-the-callers-objects-whose-elements-the-chain-changes",
        FORWARD
        + """\
def grow_first(rows):
    rows[0].append(1)


def forward_rows(rows):
    grow_first(rows)


def user(row):
    forward_rows([row])  # <-
""",
        "user",
        "calls_impure",
        detail="mod.forward_rows",
    ),
    case(
        "calls-impure-a-new-dict-of-the-callers-objects-whose-item-a-forwarder-hands-on",
        FORWARD
        + """\
def forward_item(d):
    g(d["k"])


def user(row):
    forward_item({"k": row})  # <-
""",
        "user",
        "calls_impure",
        detail="mod.forward_item",
    ),
    case(
        "pure-a-new-list-of-the-callers-objects-of-which-the-chain-changes-only-the-list",
        FORWARD
        + """\
def user(row):
    f([row])
""",
        "user",
        "pure",
    ),
    case(
        "calls-impure-an-element-of-a-parameter-handed-on-from-a-new-list-of-the-callers-objects",
        FORWARD
        + """\
def forward_first(xs):
    first = xs[0]
    g(first)


def user(row):
    forward_first([row])  # <-
""",
        "user",
        "calls_impure",
        detail="mod.forward_first",
    ),
    case(
        "calls-impure-a-parameter-rebound-to-a-module-level-object-before-its-part-is-handed-on",
        FORWARD
        + """\
SHARED = Box()


def maybe_shared(box, shared):
    if shared:
        box = SHARED
    g(box.items)


def user():
    maybe_shared(Box(), True)  # <-
""",
        "user",
        "calls_impure",
        detail="mod.maybe_shared",
    ),
    case(
        "calls-impure-an-item-of-self-handed-to-a-changing-function",
        FORWARD
        + """\
class Rows(list):
    def grow(self):
        g(self[0])  # <-
""",
        "Rows.grow",
        "calls_impure",
        detail="mod.g",
    ),
    case(
        "calls-impure-a-method-changing-its-parameter-and-through-a-function-its-self",
        FORWARD
        + """\
def bump(box):
    box.items.append(0)


class Acc:
    def __init__(self):
        self.box = Box()

    def add(self, xs):
        xs.append(1)
        bump(self.box)

    def add_one(self):
        self.add([])  # <-
""",
        "Acc.add_one",
        "calls_impure",
        detail="Acc.add",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
