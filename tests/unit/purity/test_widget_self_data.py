"""Methods of a widget subclass that only read plain data the class stored itself are pure (issue 12 item 3).

`self.face_up`, `self.cards` assigned lists, bools and ints by the class are its data: reading them is pure (not
extractable while the method uses `self`). Only members that are the toolkit's — inherited methods and
attributes the project never binds, attributes assigned UI values, `self` itself handed over — make a method UI.
Only the purity verdict changes: the lines still count as UI lines of a UI class.
"""

from __future__ import annotations

import pytest

from tests.unit.engine_helpers import analyze, file_result, find_function

CARD = """\
import tkinter as tk


class Card(tk.Canvas):
    suits = ("hearts", "spades")

    def __init__(self, master, rank):
        super().__init__(master)
        self.rank = rank
        self.face_up = False
        self.cards = []
        self.label = tk.Label(self)

    def is_face_up(self):
        return self.face_up

    def count(self):
        return len(self.cards) + self.rank

    def first_suit(self):
        return self.suits[0]

    def describe(self):
        return f"{self.rank} {'up' if self.is_face_up() else 'down'}"

    def width_now(self):
        return self.winfo_width()

    def parent(self):
        return self.master

    def caption(self):
        return self.label.cget("text")

    def me(self):
        return register(self)

    def draw(self):
        super().delete("all")

    def rank_key(self, card):
        return card.rank

    def sort_key(self):
        return self.rank_key

    def ordered(self, cards):
        return sorted(cards, key=self.rank_key)

    def flip(self):
        self.face_up = not self.face_up

    def score(self):
        return self.rank if self.face_up else 0

    def __repr__(self):
        return f"<{type(self).__name__} {self.rank}>"

    def kind(self):
        return type(self)

    def title(self):
        return type(self).__name__

    def meta(self):
        return type(self).staticMetaObject

    def bind_children(self):
        self.slider = self.children["slider"]

    def slider_value(self):
        return self.slider.value


def register(widget):
    return widget
"""


@pytest.mark.parametrize(
    ("method", "pure", "why"),
    [
        pytest.param("Card.is_face_up", True, "", id="reads-a-bool-field"),
        pytest.param("Card.count", True, "", id="reads-a-list-and-an-int-field"),
        pytest.param("Card.first_suit", True, "", id="reads-a-class-level-tuple"),
        pytest.param("Card.describe", True, "", id="calls-a-pure-method-of-its-own"),
        pytest.param("Card.sort_key", True, "", id="reads-a-method-of-its-own"),
        pytest.param("Card.ordered", True, "", id="hands-on-a-pure-method-of-its-own"),
        # `flip` sets `face_up` from `face_up` itself: still the class's bool, not its widget
        pytest.param("Card.score", True, "", id="reads-a-field-the-class-sets-from-itself"),
        # picard's File.__repr__: the name of self's class is what every object has, as `self.__class__.__name__`
        pytest.param("Card.__repr__", True, "", id="the-name-of-its-type"),
        pytest.param("Card.kind", False, "uses self of Card, a UI name", id="its-type-handed-out"),
        pytest.param("Card.title", True, "", id="only-the-name-of-its-type"),
        pytest.param("Card.meta", False, "uses self of Card, a UI name", id="a-toolkit-attribute-of-its-type"),
        pytest.param(
            "Card.width_now", False, "calls self.winfo_width(), inherited from tkinter.Canvas", id="toolkit-method"
        ),
        pytest.param(
            "Card.parent", False, "uses self.master, which the toolkit's class provides", id="toolkit-attribute"
        ),
        pytest.param("Card.caption", False, "uses self.label, a UI name", id="a-field-holding-a-widget"),
        # PyWallet's `self.security_slider = self.ids.security_slider_id`: the toolkit's object, stored in a field
        pytest.param(
            "Card.slider_value", False, "uses self.slider, a UI name", id="a-field-bound-to-what-the-toolkit-provides"
        ),
        pytest.param("Card.me", False, "uses self of Card, a UI name", id="self-handed-over"),
        pytest.param(
            "Card.draw", False, "calls super().delete(), inherited from tkinter.Canvas", id="toolkit-super-call"
        ),
    ],
)
def test_widget_subclass_methods_reading_their_own_data(method: str, pure: bool, why: str) -> None:
    fn = find_function(file_result(analyze({"mod.py": CARD}), "mod.py"), method)
    assert fn.pure is pure, fn.reasons
    if why:
        assert why in [r.detail for r in fn.reasons if r.kind == "ui"], fn.reasons
    assert not fn.extractable  # it uses self


LINK = """\
import enum

from PyQt5.QtGui import QIcon
from PyQt5.QtWidgets import QWidget


class Model:
    NoState = 0


class LinkItem(QWidget):
    NoState = Model.NoState
    ICON = QIcon("link.png")

    class Kind(enum.IntEnum):
        Plain = 0

    Plain = Kind.Plain

    def __init__(self):
        super().__init__()
        self.__state = LinkItem.NoState
        self.__icon = LinkItem.ICON
        self.__kind = LinkItem.Plain

    def runtimeState(self):
        return self.__state

    def icon(self):
        return self.__icon

    def kind(self):
        return self.__kind

    def meta(self):
        return LinkItem.staticMetaObject

    def later(self):
        return LinkItem.LATER

    LATER = 5


def no_state():
    return LinkItem.NoState


class Wrapped(QWidget):
    NoState = 0


Wrapped = wrap(Wrapped)


def wrapped_state():
    return Wrapped.NoState
"""


@pytest.mark.parametrize(
    ("qualname", "pure", "why"),
    [
        # orange-canvas-core's LinkItem: `self.__state = LinkItem.NoState`, an int the class binds in its body
        pytest.param("LinkItem.runtimeState", True, "", id="a-field-set-from-a-class-constant"),
        pytest.param("no_state", True, "", id="a-class-constant-read-outside-the-class"),
        # orange-canvas-core's SchemeLink: `NoState = State.NoState` of an enum the class body defines
        pytest.param("LinkItem.kind", True, "", id="a-field-set-from-a-nested-class-s-constant"),
        pytest.param("LinkItem.icon", False, "uses self.__icon, a UI name", id="a-field-set-from-a-ui-class-constant"),
        pytest.param("LinkItem.meta", False, "uses LinkItem, a UI name", id="a-class-attribute-the-toolkit-provides"),
        # bound below the method: not known yet when the walk reads the method, so taken as the class's
        pytest.param("LinkItem.later", False, "uses LinkItem, a UI name", id="a-class-constant-bound-after-the-method"),
        # bound again (a decorator applied by hand): what the name holds is not known to be that class
        pytest.param("wrapped_state", False, "uses Wrapped, a UI name", id="a-class-name-bound-again"),
    ],
)
def test_a_widget_class_s_own_constants_are_its_data(qualname: str, pure: bool, why: str) -> None:
    _judged(LINK, qualname, pure, why, {22, 23, 45})  # the lines naming the class still count as its UI lines


# A widget class's own plain containers: a read-only method of one (`self._map.get(k)`, `.keys()`, `.copy()`) reads the
# class's data when every binding of the field is a new plain container or a constant and nothing named (a widget, a
# parameter's object) was stored in it; otherwise what it holds is not known, and the read stays a use of the widget.
PANEL = """\
import tkinter as tk
from collections import OrderedDict

class Panel(tk.Frame):
    shared = {}

    def __init__(self, master, entry):
        super().__init__(master)
        self._lists = []
        self._labels = {}
        self._names = {}
        self._od = OrderedDict()
        self.entry = entry
        self.later = {}
        for i in range(3):
            self._lists.append(tk.Listbox(self))
            self._labels[i] = tk.Label(self)
            self._names[i] = str(i)

    def rebind(self):
        self.later = tk.Entry(self)

    def lists_index(self, lb):
        return self._lists.index(lb)

    def label(self, i):
        return self._labels.get(i)

    def name(self, i):
        return self._names.get(i)

    def od_keys(self):
        return list(self._od.keys())

    def entry_text(self):
        return self.entry.get()

    def later_get(self, k):
        return self.later.get(k)

    def shared_get(self, k):
        return self.shared.get(k)

    def names_copy(self):
        return self._names.copy()

    def deep(self, i):
        return self._names.real.get(i)

    def frob(self, i):
        return self._names.frobnicate(i)

    def fill(self, entry):
        self._plist = []
        self._plist.append(entry)
        self._sd2 = {}
        self._sd2.setdefault(entry, "x")
        self.mixed = entry
        self.pair = (entry, 1)
        self._dd = {0: tk.Label(self)}
        self._dc = {i: tk.Label(self) for i in range(2)}
        self._dk = dict(a=tk.Label(self))
        self.table = {}

    def reset(self):
        self.mixed = {}
        self.copypaste = None

    def copy_files(self):
        self.copypaste.copy()

    def plist_copy(self):
        return self._plist.copy()

    def sd2(self, k):
        return self._sd2.get(k)

    def mixed_get(self, k):
        return self.mixed.get(k)

    def pair_index(self):
        return self.pair.index(1)

    def dd(self):
        return self._dd.get(0)

    def dc(self):
        return self._dc.get(0)

    def dk(self):
        return self._dk.get("a")

    table = {}

    def table_get(self, k):
        return self.table.get(k)

    def add_label(self, k, w):
        self._upd = {}
        self._upd.update({k: tk.Label(self)})
        self._sd = {}
        self._sd.setdefault(k, w)
        self._kw = {}
        self._kw.update(a=w)

    def upd(self, k):
        return self._upd.get(k)

    def sd(self, k):
        return self._sd.get(k)

    def kw(self, k):
        return self._kw.get(k)

    def name_of(self, s):
        for i, n in self._names.items():
            if n == s:
                return i

    def first_label(self):
        for i, w in self._labels.items():
            return w
"""


@pytest.mark.parametrize(
    ("qualname", "pure", "why"),
    [
        pytest.param("Panel.name", True, "", id="a-dict-of-computed-strings"),
        pytest.param("Panel.od_keys", True, "", id="an-ordered-dict-built-by-its-class"),
        pytest.param("Panel.names_copy", True, "", id="a-copy-of-a-dict-of-strings"),
        pytest.param("Panel.label", False, "uses self of Panel, a UI name", id="a-dict-whose-items-are-widgets"),
        pytest.param("Panel.upd", False, "uses self of Panel, a UI name", id="a-dict-updated-with-a-widget"),
        pytest.param("Panel.sd", False, "uses self of Panel, a UI name", id="a-dict-given-a-parameter-by-setdefault"),
        pytest.param("Panel.kw", False, "uses self of Panel, a UI name", id="a-dict-updated-by-keyword"),
        pytest.param("Panel.lists_index", False, "uses self._lists, a UI name", id="a-list-of-widgets"),
        pytest.param("Panel.entry_text", False, "uses self of Panel, a UI name", id="a-field-holding-a-parameter"),
        pytest.param("Panel.later_get", False, "uses self.later, a UI name", id="a-field-rebound-to-a-widget"),
        pytest.param("Panel.shared_get", False, "uses self of Panel, a UI name", id="a-field-the-class-body-binds"),
        # thonny's file browser: None here, its object given by a subclass
        pytest.param("Panel.copy_files", False, "uses self of Panel, a UI name", id="a-field-only-ever-none-here"),
        pytest.param("Panel.deep", False, "uses self of Panel, a UI name", id="a-method-of-a-field-s-attribute"),
        pytest.param("Panel.frob", False, "uses self of Panel, a UI name", id="a-method-not-known-to-read"),
        # a list's, a tuple's elements are linked to the field (a widget there makes it UI): a parameter's object read
        # back is as reading `self.entry` itself, the class's data
        pytest.param("Panel.plist_copy", True, "", id="a-list-given-a-parameter"),
        pytest.param("Panel.pair_index", True, "", id="a-tuple-holding-a-parameter"),
        pytest.param("Panel.sd2", True, "", id="a-dict-keyed-by-a-parameter"),
        pytest.param("Panel.mixed_get", False, "uses self of Panel, a UI name", id="a-field-bound-to-a-parameter-too"),
        pytest.param("Panel.dd", False, "uses self of Panel, a UI name", id="a-dict-display-of-a-widget"),
        pytest.param("Panel.dc", False, "uses self of Panel, a UI name", id="a-dict-comprehension-of-widgets"),
        pytest.param("Panel.dk", False, "uses self of Panel, a UI name", id="dict-of-a-widget-keyword"),
        # the class body binds it too: before a method binds it, an instance reads the class's (not judged here)
        pytest.param("Panel.table_get", False, "uses self of Panel, a UI name", id="a-field-the-class-body-binds-too"),
        # what the read gives is the field's: veusz's `for name, ds in self.data.items()` in a QObject subclass
        pytest.param("Panel.name_of", True, "", id="locals-unpacked-from-items-of-a-dict-of-strings"),
        pytest.param("Panel.first_label", False, "uses self of Panel, a UI name", id="locals-from-items-of-widgets"),
    ],
)
def test_a_read_only_method_of_a_plain_container_of_its_own(qualname: str, pure: bool, why: str) -> None:
    _judged(PANEL, qualname, pure, why, {26, 27, 29, 30})  # `def label`/`return self._labels.get(i)`, `name` too


def _judged(source: str, qualname: str, pure: bool, why: str, ui_lines: set[int]) -> None:
    """One row of a widget class's table: the verdict, the UI reason given, and the class's lines still UI lines."""
    f = file_result(analyze({"mod.py": source}), "mod.py")
    fn = find_function(f, qualname)
    assert fn.pure is pure, fn.reasons
    if why:
        assert why in [r.detail for r in fn.reasons if r.kind == "ui"], fn.reasons
    lines = {n for start, end in f.ui_line_ranges for n in range(start, end + 1)}
    assert ui_lines <= lines


def test_their_lines_still_count_as_ui_lines() -> None:
    f = file_result(analyze({"mod.py": CARD}), "mod.py")
    lines = {n for start, end in f.ui_line_ranges for n in range(start, end + 1)}
    assert {14, 15, 17, 18} <= lines  # `def is_face_up(self):` / `return self.face_up`, `count` likewise
    assert f.classification == "UI"


def test_a_list_the_class_fills_with_widgets_holds_widgets() -> None:
    """bCNC's MultiListbox: `self._lists.append(lb)` then `for li in self._lists: li.get(…)` drives the widgets; a
    list of what was read off them (`text = lb.get(0)`, `self.values.append(text)`) holds strings."""
    src = """\
import tkinter as tk


class Multi(tk.Frame):
    def __init__(self, master, n):
        super().__init__(master)
        self._lists = []
        self.values = []
        for _ in range(n):
            lb = tk.Listbox(self)
            self._lists.append(lb)
            text = lb.get(0)
            self.values.append(text)

    def get(self, i):
        return [li.get(i) for li in self._lists]

    def joined(self):
        return ",".join(v for v in self.values)
"""
    f = file_result(analyze({"mod.py": src}), "mod.py")
    get = find_function(f, "Multi.get")
    assert not get.pure and "uses self._lists, a UI name" in [r.detail for r in get.reasons], get.reasons
    assert find_function(f, "Multi.joined").pure


def test_a_method_called_on_a_field_stays_a_use_of_the_widget() -> None:
    """`self.copypaste.copy()`: `copy` reads a list, but the field may hold a clipboard helper: not relieved."""
    src = CARD + "\n\nclass Board(Card):\n    def copy_all(self):\n        return self.cards.copy()\n"
    fn = find_function(file_result(analyze({"mod.py": src}), "mod.py"), "Board.copy_all")
    assert not fn.pure and "uses self of Board, a UI name" in [r.detail for r in fn.reasons]
