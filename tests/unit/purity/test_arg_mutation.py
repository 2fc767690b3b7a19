"""Rows for `arg_mutation`: a parameter, or an object reachable from it, changed in place, through methods,
assignments, aliases and shallow copies."""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, HOLDING_BASE, assert_verdict, case

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

ROWS = [
    case(
        "arg-mutation-reading-the-callers-stream",
        """\
        def header(stream):
            return stream.read(4)  # <-
        """,
        "header",
        "arg_mutation",
        detail="stream.read()",
    ),
    case(
        "argmut-append-to-what-object-getattribute-returns",
        """\
        def poke(other):
            object.__getattribute__(other, "items").append(1)  # <-
        """,
        "poke",
        "arg_mutation",
    ),
    case(
        "argmut-append-to-what-a-getattribute-method-returns",
        """\
        def poke(other):
            other.__getattribute__("items").append(1)  # <-
        """,
        "poke",
        "arg_mutation",
    ),
    # ... the neighbours of an array's methods (test_pure.py): sorting the array `np.asarray` makes of a parameter
    case(
        "argmut-sorting-what-asarray-made-of-a-parameter",
        """\
        import numpy as np

        def ranked(xs):
            arr = np.asarray(xs)
            arr.sort()  # <-
            return arr
        """,
        "ranked",
        "arg_mutation",
        detail="parameter xs",
    ),
    # ... and `np.asmatrix`, which makes no copy of an array either
    case(
        "argmut-changing-what-asmatrix-made-of-a-parameter",
        """\
        import numpy as np

        def zeroed(arr):
            m = np.asmatrix(arr)
            m[0, 0] = 0  # <-
            return m
        """,
        "zeroed",
        "arg_mutation",
        detail="parameter arr",
    ),
    # A subclass's `__init__` changing what its base class's `__init__` bound from the argument it handed on
    case(
        "argmut-init-changing-what-the-base-init-holds",
        HOLDING_BASE
        + """\
        class Child(Base):
            def __init__(self, items):
                super().__init__(items)  # <-
                self.items.append(0)
        """,
        "Child.__init__",
        "arg_mutation",
        detail="parameter items",
    ),
    case(
        "argmut-init-changing-what-a-base-two-levels-up-holds-by-keyword",
        HOLDING_BASE
        + """\
        class Mid(Base):
            def __init__(self, things, label=""):
                super().__init__(things)
                self.label = label

        class Leaf(Mid):
            def __init__(self, xs):
                super().__init__(label="x", things=xs)  # <-
                self.items.sort()
        """,
        "Leaf.__init__",
        "arg_mutation",
        detail="parameter xs",
    ),
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
        "arg_mutation",
        detail="mutates parameter items (calls mod.fill)",
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
    case(
        # The receiver is fresh, the argument is not: `add` changing its parameter reaches the caller's
        # `xs` through a method of an object built on the spot (issue 12, item 6).
        "argmut-through-method-of-fresh-object",
        """\
        class W:
            def add(self, items):
                items.append(1)

        def fill(xs):
            W().add(xs)  # <-
            return xs
        """,
        "fill",
        "calls_impure",
        detail="mod.W.add",
    ),
    # Issue 12 item 3: a pure numpy function writing into an array it is given (`out=`, or the positional out).
    case(
        "arg-mutation-numpy-out-keyword",
        """\
        import numpy as np

        def add_into(a, b):
            np.add(a, b, out=a)  # <-
        """,
        "add_into",
        "arg_mutation",
    ),
    case(
        "arg-mutation-numpy-out-positional",
        """\
        import numpy as np

        def root_into(a, dest):
            np.sqrt(a, dest)  # <-
        """,
        "root_into",
        "arg_mutation",
    ),
    # the ufuncs the tables grew for pyfda (`conj`, `spacing`, `heaviside`…) take their positional out as the others do
    case(
        "arg-mutation-numpy-conj-positional-out",
        """\
        from numpy import conj

        def conj_into(z, dest):
            conj(z, dest)  # <-
        """,
        "conj_into",
        "arg_mutation",
    ),
    case(
        "arg-mutation-numpy-heaviside-positional-out",
        """\
        import numpy as np

        def step_into(x, dest):
            np.heaviside(x, 0.5, dest)  # <-
        """,
        "step_into",
        "arg_mutation",
    ),
    case(
        "arg-mutation-vars-of-a-parameter-updated",
        """\
        def configure(obj, **options):
            vars(obj).update(options)  # <-
        """,
        "configure",
        "arg_mutation",
        detail="obj",
    ),
    case(
        "arg-mutation-an-element-of-a-slice-copy-is-the-parameters",
        """\
        def close_rest(tasks):
            rest = tasks[1:]
            rest[0].done = True  # <-
            return rest
        """,
        "close_rest",
        "arg_mutation",
        detail="tasks",
    ),
    case(
        "arg-mutation-an-element-of-the-starred-rest-is-the-parameters",
        """\
        def close_rest(tasks):
            first, *rest = tasks
            rest[0].done = True  # <-
            return first
        """,
        "close_rest",
        "arg_mutation",
        detail="tasks",
    ),
    case(
        "arg-mutation-an-element-of-each-row-s-starred-rest-is-the-parameters",
        """\
        def mark(rows):
            for head, *rest in rows:
                rest[0].append(head)  # <-
        """,
        "mark",
        "arg_mutation",
        detail="rows",
    ),
    case(
        "arg-mutation-an-element-of-the-starred-rest-of-what-a-project-call-returns",
        """\
        def items_of(box):
            return box.items

        def close_rest(box):
            first, *rest = items_of(box)
            rest[0].done = True  # <-
            return first
        """,
        "close_rest",
        "arg_mutation",
        detail="box",
    ),
    case(
        "arg-mutation-a-numpy-slice-is-a-view",
        """\
        import numpy as np

        def sort_head(a):
            head = a[:10]
            head.sort()  # <-
            return np.asarray(head)
        """,
        "sort_head",
        "arg_mutation",
        detail="a",
    ),
    case(
        "arg-mutation-numpy-fill-diagonal-of-a-parameter",
        """\
        import numpy as np

        def zero_diagonal(m):
            np.fill_diagonal(m, 0)  # <-
        """,
        "zero_diagonal",
        "arg_mutation",
        detail="m",
    ),
    case(
        "arg-mutation-numpy-copyto-a-parameter",
        """\
        import numpy as np

        def refresh(dst, src):
            np.copyto(dst, src)  # <-
        """,
        "refresh",
        "arg_mutation",
        detail="dst",
    ),
    case(
        "arg-mutation-numpy-split-returns-views",
        """\
        import numpy as np

        def halves(a):
            left, right = np.split(a, 2)
            left[0] = 0  # <-
            return right
        """,
        "halves",
        "arg_mutation",
        detail="a",
    ),
    # Identifiers are NFKC-normalised: a fullwidth `ｎｕｍｐｙ` is numpy (the walk skips numpy's tables only for
    # files that cannot name it).
    case(
        "arg-mutation-numpy-out-fullwidth-import",
        """\
        import \uff4e\uff55\uff4d\uff50\uff59 as np

        def add_into(a, b):
            np.add(a, b, out=a)  # <-
        """,
        "add_into",
        "arg_mutation",
    ),
    case(
        "arg-mutation-numpy-asarray-is-the-same-array",
        """\
        import numpy as np

        def bump(a):
            b = np.asarray(a)
            b += 1  # <-
            return b
        """,
        "bump",
        "arg_mutation",
    ),
    case(
        "arg-mutation-numpy-asarray-view-item-write",
        """\
        import numpy as np

        def zero_first(a):
            np.asarray(a)[0] = 0  # <-
        """,
        "zero_first",
        "arg_mutation",
    ),
    # In-place operators of `operator` change their first argument (the neighbour, `operator.or_`, is in
    # test_pure.py).
    case(
        "argmut-operator-iconcat",
        """\
        import operator

        def extend(xs, ys):
            operator.iconcat(xs, ys)  # <-
            return xs
        """,
        "extend",
        "arg_mutation",
    ),
    case(
        "argmut-operator-ior",
        """\
        import operator

        def merge(s, t):
            return operator.ior(s, t)  # <-
        """,
        "merge",
        "arg_mutation",
    ),
    # `rules.CHANGES_ARGUMENT`: the argument at the table's position is changed, however the function is imported
    case(
        "argmut-from-heapq-import-heappush",
        """\
        from heapq import heappush

        def push(heap, x):
            heappush(heap, x)  # <-
        """,
        "push",
        "arg_mutation",
    ),
    case(
        "argmut-heappush-starred-arguments",
        """\
        import heapq

        def push(args):
            heapq.heappush(*args)  # <-
        """,
        "push",
        "arg_mutation",
    ),
    case(
        "argmut-elementtree-subelement-of-a-parameter",
        """\
        import xml.etree.ElementTree as ET

        def add_child(root, tag):
            return ET.SubElement(root, tag)  # <-
        """,
        "add_child",
        "arg_mutation",
        detail="root",
    ),
    case(
        "argmut-elementtree-indent-a-parameter",
        """\
        from xml.etree import ElementTree

        def pretty(tree):
            ElementTree.indent(tree)  # <-
            return ElementTree.tostring(tree)
        """,
        "pretty",
        "arg_mutation",
    ),
    case(
        "argmut-lxml-subelement-of-a-parameter",
        """\
        from lxml import etree

        def add_child(root, tag):
            etree.SubElement(root, tag)  # <-
        """,
        "add_child",
        "arg_mutation",
    ),
    case(
        "argmut-pack-into-the-second-argument",
        """\
        import struct

        def stamp(fmt, buf):
            struct.pack_into(fmt, buf, 0, 1)  # <-
        """,
        "stamp",
        "arg_mutation",
        detail="buf",
    ),
    case(
        "argmut-fix-missing-locations-of-a-parameter",
        """\
        import ast

        def fixed(tree):
            return ast.fix_missing_locations(tree)  # <-
        """,
        "fixed",
        "arg_mutation",
    ),
    case(
        "argmut-operator-iadd-on-a-parameter",
        """\
        import operator

        def grow(items, more):
            return operator.iadd(items, more)  # <-
        """,
        "grow",
        "arg_mutation",
    ),
    # library calls whose result is, or holds, the caller's objects (`rules.RETURNS_ARGUMENT`,
    # `rules.RESULT_HOLDS_ARGUMENTS`): a change through it changes the parameter
    case(
        "argmut-nodes-of-ast-walk",
        """\
        import ast

        def instrument(root):
            for node in ast.walk(root):
                node.lineno = 1  # <-
        """,
        "instrument",
        "arg_mutation",
    ),
    case(
        "argmut-children-of-ast-iter-child-nodes",
        """\
        import ast

        def strip(node):
            for child in ast.iter_child_nodes(node):
                child.col_offset = 0  # <-
        """,
        "strip",
        "arg_mutation",
    ),
    case(
        "argmut-elements-of-itertools-chain",
        """\
        import itertools

        def mark(a, b):
            for item in itertools.chain(a, b):
                item.seen = True  # <-
        """,
        "mark",
        "arg_mutation",
    ),
    case(
        "argmut-elements-of-chain-from-iterable",
        """\
        import itertools

        def mark(groups):
            for item in itertools.chain.from_iterable(groups):
                item.seen = True  # <-
        """,
        "mark",
        "arg_mutation",
    ),
    case(
        "argmut-through-typing-cast",
        """\
        from typing import cast

        def add(items):
            cast(list, items).append(1)  # <-
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-through-a-name-bound-to-typing-cast",
        """\
        import typing

        def add(items):
            xs = typing.cast(list, items)
            xs.append(1)  # <-
        """,
        "add",
        "arg_mutation",
    ),
    case(
        "argmut-through-a-self-attribute-bound-to-typing-cast",
        """\
        import typing

        class Box:
            def __init__(self, items):
                self.items = typing.cast(list, items)
                self.items.append(0)  # <-
        """,
        "Box.__init__",
        "arg_mutation",
    ),
    case(
        "argmut-through-a-chainmap",
        """\
        import collections

        def override(settings, key, value):
            merged = collections.ChainMap(settings)
            merged.maps[0][key] = value  # <-
        """,
        "override",
        "arg_mutation",
    ),
    case(
        "argmut-update-wrapper-sets-attributes-of-its-first-argument",
        """\
        import functools

        def wrap(wrapper, wrapped):
            return functools.update_wrapper(wrapper, wrapped)  # <-
        """,
        "wrap",
        "arg_mutation",
        detail="wrapper",
    ),
    case(
        "argmut-no-type-check-marks-the-function",
        """\
        import typing

        def unchecked(fn):
            return typing.no_type_check(fn)  # <-
        """,
        "unchecked",
        "arg_mutation",
    ),
    case(
        "argmut-update-abstractmethods-changes-the-class",
        """\
        import abc

        def refresh(cls):
            return abc.update_abstractmethods(cls)  # <-
        """,
        "refresh",
        "arg_mutation",
    ),
    case(
        "argmut-struct-method-pack-into-a-parameter",
        """\
        import struct

        def stamp(buf):
            s = struct.Struct("<I")
            s.pack_into(buf, 0, 1)  # <-
        """,
        "stamp",
        "arg_mutation",
    ),
    case(
        "argmut-writing-through-a-chainmap-view",
        """\
        from collections import ChainMap

        def override(settings, key, value):
            merged = ChainMap(settings)
            merged[key] = value  # <-
            return merged
        """,
        "override",
        "arg_mutation",
    ),
    case(
        "argmut-mutating-method-of-an-annotated-parameter-its-class-does-not-define",
        """\
        class Settings(dict):
            def theme(self):
                return self.get("theme", "light")

        def reset(settings: Settings):
            settings.update(theme="light")  # <-
        """,
        "reset",
        "arg_mutation",
        detail="settings",
    ),
    case(
        "argmut-changes-what-an-annotated-parameters-method-hands-back",
        """\
        class Box:
            def __init__(self):
                self.items = []

            def contents(self):
                return self.items

        def stuff(box: Box):
            box.contents().append(1)  # <-
        """,
        "stuff",
        "arg_mutation",
        detail="box",
    ),
    case(
        "argmut-changes-the-elements-an-annotated-parameters-method-yields",
        """\
        class Box:
            def __init__(self):
                self.items = []

            def each(self):
                yield from self.items

        def mark(box: Box):
            for it in box.each():
                it.seen = True  # <-
        """,
        "mark",
        "arg_mutation",
        detail="box",
    ),
    # What a project function returns may be its caller's data (`solve._result_mutations`): changing it changes that
    case(
        "argmut-changes-what-a-function-returns-of-its-argument",
        """\
        def first(xs):
            return xs[0]

        def finish(items):
            first(items).done = True  # <-
        """,
        "finish",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-binds-and-changes-a-returned-part-of-its-argument",
        """\
        def first(xs):
            return xs[0]

        def finish(items):
            head = first(items)
            head.done = True  # <-
            return head
        """,
        "finish",
        "arg_mutation",
        detail="on what first() returns",
    ),
    case(
        "argmut-changes-what-a-function-returns-of-a-keyword-argument",
        """\
        def pick(xs, i=0):
            return xs[i]

        def finish(items):
            pick(i=1, xs=items).done = True  # <-
        """,
        "finish",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-appends-to-a-parameter-annotated-as-a-list-of-a-class",
        """\
        from typing import List

        class Edge:
            def __init__(self, end):
                self.end = end

        def extend(route: List[Edge], end):
            route.append(Edge(end))  # <-
        """,
        "extend",
        "arg_mutation",
        detail="route",
    ),
    case(
        "argmut-sorts-a-parameter-annotated-as-a-list-of-a-class",
        """\
        class Edge:
            def __init__(self, end):
                self.end = end

        def order(route: "list[Edge]"):
            route.sort(key=lambda e: e.end)  # <-
            return route
        """,
        "order",
        "arg_mutation",
        detail="route",
    ),
    # New containers hold the objects they were built from: a change through an item changes those (they were taken
    # as wholly new: picard's `{t.id: t for t in album.tracks}` then `tr.metadata[tag] = …` was pure)
    case(
        "argmut-item-of-a-dict-comprehension-of-its-elements",
        """\
        def retag(album):
            by_id = {t.id: t for t in album.tracks}
            tr = by_id.get(1)
            tr.metadata["a"] = 1  # <-
        """,
        "retag",
        "arg_mutation",
        detail="album",
    ),
    case(
        "argmut-item-of-a-list-comprehension",
        """\
        def rename(items):
            kept = [t for t in items if t]
            kept[0].name = "a"  # <-
        """,
        "rename",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-item-of-a-second-generator-of-a-comprehension",
        """\
        def flag(groups):
            members = [m for g in groups for m in g.members]
            members[0].flag = True  # <-
        """,
        "flag",
        "arg_mutation",
        detail="groups",
    ),
    case(
        "argmut-what-next-takes-from-a-generator-expression",
        """\
        def first_done(items):
            gen = (t for t in items)
            next(gen).done = True  # <-
        """,
        "first_done",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-value-of-a-dict-display",
        """\
        def poke(item):
            d = {"a": item}
            d["a"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-element-of-a-list-display",
        """\
        def poke(a, b):
            pair = [a, b]
            pair[0].append(1)  # <-
        """,
        "poke",
        "arg_mutation",
        detail="a",
    ),
    case(
        "argmut-element-of-a-tuple-display",
        """\
        def poke(a, b):
            pair = (a, b)
            pair[1].append(1)  # <-
        """,
        "poke",
        "arg_mutation",
        detail="b",
    ),
    case(
        "argmut-element-of-a-set-display-iterated",
        """\
        def poke(a):
            for x in {a}:
                x.flag = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="a",
    ),
    case(
        "argmut-dict-display-spreading-a-parameter",
        """\
        def poke(d):
            merged = {**d}
            merged["k"].append(1)  # <-
        """,
        "poke",
        "arg_mutation",
        detail="d",
    ),
    # `for i, x in enumerate(xs)`: `i` is a new int, `x` still one of xs's elements, however the target nests
    case(
        "argmut-element-unpacked-beside-an-enumerate-count",
        """\
        def number(items):
            for i, (a, b) in enumerate(items):
                a.append(i)  # <-
        """,
        "number",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-element-of-enumerate-of-enumerate",
        """\
        def number(items):
            for i, (j, x) in enumerate(enumerate(items)):
                x.append(i)  # <-
        """,
        "number",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-enumerate-of-a-starred-argument-is-not-counted",
        """\
        def number(items):
            for i, x in enumerate(*items):
                i.append(1)  # <-
        """,
        "number",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-a-local-named-enumerate-is-no-count",
        """\
        def number(items, other):
            enumerate = zip
            for i, x in enumerate(items, other):
                i.append(1)  # <-
        """,
        "number",
        "arg_mutation",
        detail="items",
    ),
    # A new container filled with the caller's objects holds them: `by_id[t.id] = t`, `kept.append(t)`, `rec.owner = t`
    # (picard's `_make_releases_node` changes the tracks of the recording it is given through `media_mb["track"]`)
    case(
        "argmut-item-of-a-dict-filled-in-a-loop",
        """\
        def retag(album):
            by_id = {}
            for t in album.tracks:
                by_id[t.id] = t
            by_id[1].x = 1  # <-
        """,
        "retag",
        "arg_mutation",
        detail="album",
    ),
    case(
        "argmut-element-of-a-list-filled-by-append",
        """\
        def mark(items):
            kept = []
            for t in items:
                if t:
                    kept.append(t)
            for k in kept:
                k.done = True  # <-
        """,
        "mark",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-element-of-a-list-filled-by-extend",
        """\
        def mark(items):
            out = []
            out.extend(items)
            out[0].x = 1  # <-
        """,
        "mark",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-element-of-a-list-filled-by-insert",
        """\
        def mark(item):
            out = [[]]
            out.insert(0, item)
            out[0].x = 1  # <-
        """,
        "mark",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-group-filled-through-setdefault",
        """\
        def mark(items):
            groups = {}
            for t in items:
                groups.setdefault(t.kind, []).append(t)
            for g in groups.values():
                g[0].x = 1  # <-
        """,
        "mark",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-value-of-a-dict-built-by-keywords",
        """\
        def poke(item):
            d = dict(a=item)
            d["a"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-item-stored-at-a-constant-key",
        """\
        def poke(item):
            d = {}
            d["k"] = item
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-item-replaced-only-in-a-branch",
        """\
        def poke(item, c):
            d = {}
            d["k"] = item
            if c:
                d["k"] = {}
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-item-a-store-at-an-unknown-key-may-replace",
        """\
        def poke(item, key):
            d = {"k": {}}
            d[key] = item
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-item-update-may-replace",
        """\
        def poke(other):
            d = {"k": {}}
            d.update(other)
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="other",
    ),
    case(
        "argmut-an-item-stored-in-a-nested-new-dict",
        """\
        def poke(item):
            d = {}
            d["a"] = {}
            d["a"]["b"] = item
            d["a"]["b"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-item-of-the-object-before-a-rebinding-in-a-loop",
        """\
        def poke(items):
            d = {"k": items[0]}
            for it in items:
                d["k"].x = 1  # <-
                d = {}
        """,
        "poke",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-an-item-of-either-object-after-a-rebinding-in-a-branch",
        """\
        def poke(items, c):
            d = {}
            for it in items:
                d["k"] = it
                if c:
                    d = {"k": {}}
                d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="items",
    ),
    case(
        "argmut-an-attribute-replaced-by-the-parameter",
        """\
        def poke(item):
            r = Record()
            r.items = []
            r.items = item
            r.items.append(1)  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-attribute-of-an-attribute-stored",
        """\
        def poke(module):
            api = Record()
            api.a.b = module
            api.a.b.x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="module",
    ),
    case(
        "argmut-a-list-of-the-tracks-of-the-given-recording",
        """\
        def releases(recording):
            out = []
            for medium in recording["mediums"]:
                media = {}
                media["track"] = medium["tracks"]
                for track in media["track"]:
                    track["number"] = str(track["position"])  # <-
                out.append(media)
            return out
        """,
        "releases",
        "arg_mutation",
        detail="recording",
    ),
    case(
        "argmut-an-item-of-a-copy-replaced-only-in-a-branch",
        """\
        def poke(other, c):
            d = dict(other)
            if c:
                d["k"] = {}
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="other",
    ),
    case(
        "argmut-an-item-after-the-name-is-rebound-to-the-parameter",
        """\
        def poke(item):
            d = {}
            d["k"] = {}
            d = item
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="item",
    ),
    case(
        "argmut-an-item-of-a-copy-a-branch-may-have-replaced-with-a-new-dict",
        """\
        def poke(other, c, c2):
            d = dict(other)
            if c:
                d = {}
            if c2:
                d["k"] = {}
            d["k"].x = 1  # <-
        """,
        "poke",
        "arg_mutation",
        detail="other",
    ),
    # A read-only name may hand back the receiver's own object: ElementTree's and BeautifulSoup's `find`, a dict's
    # views (picard's `parse_recording_map` writes into the recordings of the map it is given)
    case(
        "argmut-what-find-returns-of-a-tree",
        """\
        def rename(tree, name):
            node = tree.find(name)
            node.name = "x"  # <-
        """,
        "rename",
        "arg_mutation",
        detail="tree",
    ),
    case(
        "argmut-what-index-returns-of-a-model",
        """\
        def touch(model, k):
            item = model.index(k)
            item.x = 1  # <-
        """,
        "touch",
        "arg_mutation",
        detail="model",
    ),
    case(
        "argmut-elements-findall-returns",
        """\
        def mark(tree):
            for el in tree.findall("x"):
                el.tail = "y"  # <-
        """,
        "mark",
        "arg_mutation",
        detail="tree",
    ),
    case(
        "argmut-a-value-of-a-dict-s-values-view",
        """\
        def score(recording_map):
            for acoustid, recordings in recording_map.items():
                listed = recordings.values()
                for recording in listed:
                    parsed = recording.recording
                    parsed["acoustid"] = acoustid  # <-
        """,
        "score",
        "arg_mutation",
        detail="recording_map",
    ),
    case(
        "argmut-an-element-of-an-intersection",
        """\
        def flag(a, b):
            common = a.intersection(b)
            for x in common:
                x.flag = True  # <-
        """,
        "flag",
        "arg_mutation",
        detail="a",
    ),
    case(
        "argmut-the-element-reduce-returns",
        """\
        from functools import reduce

        def last(objs):
            x = reduce(lambda a, b: b, objs)
            x.v = 1  # <-
        """,
        "last",
        "arg_mutation",
        detail="objs",
    ),
    case(
        "argmut-the-element-statistics-mode-returns",
        """\
        import statistics

        def commonest(objs):
            x = statistics.mode(objs)
            x.v = 1  # <-
        """,
        "commonest",
        "arg_mutation",
        detail="objs",
    ),
    case(
        "arg-mutation-numpy-take-into-a-given-array",
        """\
        import numpy as np


        def pick(a, idx, buf):
            return np.take(a, idx, 0, buf)  # <-
        """,
        "pick",
        "arg_mutation",
    ),
    # `append = out.append` with `out` a parameter: each call changes the caller's list (`Scope.bound_methods`), as
    # `out.append(x)` would; through what a new list was handed, too.
    case(
        "arg-mutation-calls-a-bound-append-of-a-parameter-s-list",
        """\
        def collect(xs, out):
            append = out.append
            for x in xs:
                append(x)  # <-
        """,
        "collect",
        "arg_mutation",
        detail="out",
    ),
    case(
        "arg-mutation-a-parameter-a-bound-append-put-in-a-new-list-changed-through-it",
        """\
        def tag(xs):
            out = []
            append = out.append
            append(xs)
            out[0].append(1)  # <-
            return out
        """,
        "tag",
        "arg_mutation",
        detail="xs",
    ),
    case(
        "arg-mutation-changes-an-element-subelement-added-to-a-parameter",
        """\
        import xml.etree.ElementTree as ET


        def add_item(parent, ident):
            e = ET.SubElement(parent, "item")  # <-
            e.set("id", ident)
            return e
        """,
        "add_item",
        "arg_mutation",
        detail="parent",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
