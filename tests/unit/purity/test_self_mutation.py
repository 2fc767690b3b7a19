"""Rows for `self_mutation`: a method changing its instance or class. `__init__` filling the object it builds,
and fresh objects changed locally, stay pure (the `pure-…` rows)."""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, SHARED_CONSOLE, assert_verdict, case

# A property whose setter changes the instance (the marked line) while the getter beside it only reads.
_CIRCLE = """\
class Circle:
    def __init__(self, r):
        self._r = r

    @property
    def r(self):
        return self._r

    @r.setter
    def r(self, value):
        self._r = value  # <-
"""

ROWS = [
    case(
        "self-mutation-reading-a-stream-the-instance-holds",
        """\
        import io

        class Reader:
            def __init__(self, data):
                self.buf = io.BytesIO(data)

            def next_byte(self):
                return self.buf.read(1)  # <-
        """,
        "Reader.next_byte",
        "self_mutation",
    ),
    case(
        "self-mutation-a-changing-method-inherited-through-a-typing-alias",
        """\
        from typing import List

        class Stack(List[int]):
            def push(self, x):
                self.append(x)  # <-
        """,
        "Stack.push",
        "self_mutation",
    ),
    case(
        "self-mutation-a-changing-method-of-a-project-generic-base",
        """\
        from typing import Generic, TypeVar

        T = TypeVar("T")

        class Box(Generic[T]):
            def put(self, item: T):
                self.item = item

        class Named(Box[str]):
            def rename(self, name):
                self.put(name)  # <-
        """,
        "Named.rename",
        "calls_impure",
        detail="Box.put",
    ),
    # `object.__getattribute__(self, name)` is `getattr(self, name)`: what it returns is self's own
    case(
        "smut-setattr-on-what-object-getattribute-returns",
        """\
        class Proxy:
            def __setattr__(self, name, value):
                setattr(object.__getattribute__(self, "_obj"), name, value)  # <-
        """,
        "Proxy.__setattr__",
        "self_mutation",
    ),
    case(
        "smut-attribute-set-on-what-super-getattribute-returns",
        """\
        class Proxy:
            def set(self, value):
                super().__getattribute__("_obj").x = value  # <-
        """,
        "Proxy.set",
        "self_mutation",
    ),
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
    case("selfmut-property-setter", _CIRCLE, "Circle.r@10", "self_mutation"),
    case("pure-property-getter-beside-setter", _CIRCLE, "Circle.r@6", "pure"),
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
    case(
        "selfmut-a-dict-subclass-updating-itself",
        """\
        class Table(dict):
            def put(self, k, v):
                self.update({k: v})  # <-
        """,
        "Table.put",
        "self_mutation",
        detail="inherited from dict",
    ),
    case(
        "selfmut-heappush-onto-self-data",
        """\
        import heapq

        class Scheduler:
            def __init__(self):
                self.queue = []

            def add(self, when, job):
                heapq.heappush(self.queue, (when, job))  # <-
        """,
        "Scheduler.add",
        "self_mutation",
    ),
    case(
        "selfmut-namedtuple-base-is-no-licence-to-mutate",
        """\
        from collections import namedtuple

        class Tagged(namedtuple("TaggedBase", "tags")):
            def tag(self, t):
                self.tags.append(t)  # <-
        """,
        "Tagged.tag",
        "self_mutation",
    ),
    case(
        "selfmut-initialising-self-again",
        """\
        class Level:
            def __init__(self, name):
                self.name = name.upper()

            def set_level(self, name):
                old = self.name
                self.__init__(name)  # <-
                return old
        """,
        "Level.set_level",
        "self_mutation",
    ),
    case(
        "selfmut-initialising-the-base-again",
        """\
        class Base:
            def __init__(self):
                self.items = []

        class Cache(Base):
            def expire(self):
                super().__init__()  # <-
        """,
        "Cache.expire",
        "self_mutation",
    ),
    case(
        "selfmut-appending-to-a-deque-held-by-self",
        """\
        import collections

        class History:
            def __init__(self):
                self._entries = collections.deque(maxlen=10)

            def remember(self, x):
                self._entries.append(x)  # <-
        """,
        "History.remember",
        "self_mutation",
    ),
    case(
        "self-changes-what-its-own-method-hands-back",
        """\
        class Board:
            def __init__(self):
                self._cells = []

            def cells(self):
                return self._cells

            def clear_marks(self):
                for cell in self.cells():
                    cell.marked = False  # <-
        """,
        "Board.clear_marks",
        "self_mutation",
        detail="on what Board.cells() returns",
    ),
    case(
        "self-appends-to-the-list-its-method-hands-back",
        """\
        class Board:
            def __init__(self):
                self._rows = []

            def rows(self):
                return self._rows

            def add_row(self, row):
                self.rows().append(row)  # <-
        """,
        "Board.add_row",
        "self_mutation",
    ),
    case(
        "self-changes-what-its-generator-method-yields",
        """\
        class Board:
            def __init__(self):
                self._cells = []

            def marked(self):
                for cell in self._cells:
                    if cell.marked:
                        yield cell

            def clear_marks(self):
                for cell in self.marked():
                    cell.marked = False  # <-
        """,
        "Board.clear_marks",
        "self_mutation",
        detail="on what Board.marked() returns",
    ),
    case(
        "self-changes-what-its-generator-method-yields-from",
        """\
        class Board:
            def __init__(self):
                self._cells = []

            def cells(self):
                yield from self._cells

            def clear_marks(self):
                for cell in self.cells():
                    cell.marked = False  # <-
        """,
        "Board.clear_marks",
        "self_mutation",
        detail="on what Board.cells() returns",
    ),
    case(
        "self-changes-an-element-of-the-copy-its-method-returns",
        """\
        class Board:
            def __init__(self):
                self._cells = []

            def snapshot(self):
                return list(self._cells)

            def mark_first(self):
                self.snapshot()[0].marked = True  # <-
        """,
        "Board.mark_first",
        "self_mutation",
        detail="on what Board.snapshot() returns",
    ),
    # A function a method defines runs later: what `self.x` holds then is not what the method bound it to
    case(
        "self-mutation-callback-writing-through-an-attribute-the-method-bound",
        SHARED_CONSOLE
        + """\

        class Command:
            def handle(self):
                self.console = get_console()

                def on_done(result):
                    self.console.write("done")  # <-

                return on_done
        """,
        "Command.handle.<locals>.on_done",
        "self_mutation",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
