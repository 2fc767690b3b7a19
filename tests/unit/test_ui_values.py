"""UI that arrives by a value rather than by a name (issue 10, part 2).

Widgets travel: handed to a helper class or function, stored in `self.x`, returned by an accessor, walked as a
tree. A function that drives a widget it was given is UI (never pure) and its lines are UI lines. Precision
first, both ways: one call site handing a widget is enough to make a parameter UI, but a value *computed* from a
widget (`self.entry.get()`) is not a widget, and a pass-through helper does not make all its callers UI.
Each pattern has a row that fails without the rule and a neighbour that must not change.
"""

from __future__ import annotations

import pytest
from purelift.analysis import rules

from tests.unit.engine_helpers import analyze, file_result, find_function

APP = """\
import tkinter as tk


class App(tk.Frame):
    def __init__(self, master):
        super().__init__(master)
        self.count = 0
        self.text = tk.Text(self)
        self.entry = tk.Entry(self)
"""


def _verdicts(sources: dict[str, str], path: str = "mod.py") -> dict[str, tuple[bool, list[str]]]:
    f = file_result(analyze(sources), path)
    return {fn.qualname: (fn.pure, [f"{r.kind}: {r.detail}" for r in fn.reasons]) for fn in f.functions}


def _is_ui(verdict: tuple[bool, list[str]]) -> bool:
    return not verdict[0] and any(r.startswith("ui:") for r in verdict[1])


# --- a helper class that is handed a widget --------------------------------------------------------------------
TIP = """\
import tkinter as tk


class Tip:
    def __init__(self, anchor, text):
        self.anchor = anchor
        self.text = text
        self.win = None

    def enter(self):
        self.anchor.bind("<Enter>", self.show)

    def show(self):
        self.win = tk.Toplevel(self.anchor)
        self.win.wm_geometry("+10+10")

    def width(self):
        return self.anchor.winfo_width() + len(self.text)

    def label(self):
        return self.text.upper()
"""


def test_a_helper_class_handed_a_widget_drives_it_in_every_method() -> None:
    sources = {"tip.py": TIP, "mod.py": APP + "        self.tip = Tip(self.text, 'hello')\n"}
    sources["mod.py"] = "from tip import Tip\n" + sources["mod.py"]
    verdicts = _verdicts(sources, "tip.py")
    for method in ("Tip.enter", "Tip.show", "Tip.width"):
        assert _is_ui(verdicts[method]), (method, verdicts[method])
    assert not any(r.startswith("ui:") for r in verdicts["Tip.label"][1])  # self.text holds the string
    tip = file_result(analyze(sources), "tip.py")
    assert tip.classification == "UI", tip.ui_pct


def test_the_same_helper_class_handed_only_strings_is_not_ui() -> None:
    sources = {
        "tip.py": TIP.replace("import tkinter as tk\n", "tk = None\n"),
        "mod.py": "from tip import Tip\nt = Tip('a', 'b')\n",
    }
    verdicts = _verdicts(sources, "tip.py")
    assert not any(_is_ui(v) for v in verdicts.values()), verdicts


# --- a parameter that is a widget at its call sites -------------------------------------------------------------
HELPERS = """\
def line_of(text, index):
    return int(float(text.index(index)))


def parse(s):
    return s.strip()


def double(n):
    return n * 2
"""


def test_a_parameter_given_a_widget_at_one_call_site_is_ui() -> None:
    """`line_of(text, index)` was judged pure (`index` is a read-only name): a false pure."""
    uses = "    def go(self):\n        return line_of(self.text, 'insert'), line_of(None, 'x')\n"
    verdicts = _verdicts({"mod.py": HELPERS + APP + uses})
    assert _is_ui(verdicts["line_of"]), verdicts["line_of"]
    assert "ui: uses text, a UI name" in verdicts["line_of"][1]


@pytest.mark.parametrize(
    ("call", "callee"),
    [
        pytest.param("parse(self.entry.get())", "parse", id="a-method-result-of-a-widget-is-a-value"),
        pytest.param("double(self.count)", "double", id="plain-data-of-a-ui-class"),
        pytest.param("double(len(self.text.get('1.0', 'end')))", "double", id="a-computed-value"),
        pytest.param("parse(str(self.text))", "parse", id="converted"),
    ],
)
def test_a_value_computed_from_a_widget_does_not_make_the_callee_ui(call: str, callee: str) -> None:
    uses = f"    def go(self):\n        return {call}\n"
    verdicts = _verdicts({"mod.py": HELPERS + APP + uses})
    assert verdicts[callee] == (True, []), verdicts[callee]


def test_a_widget_passed_by_keyword_reaches_the_parameter() -> None:
    uses = "    def go(self):\n        return line_of(index='end', text=self.text)\n"
    assert _is_ui(_verdicts({"mod.py": HELPERS + APP + uses})["line_of"])


def test_self_of_a_ui_class_handed_to_a_function_is_a_widget() -> None:
    src = APP + "    def go(self):\n        center(self)\n\n\ndef center(win):\n    return win.geometry()\n"
    assert _is_ui(_verdicts({"mod.py": src})["center"])


def test_a_widget_flows_through_a_chain_of_calls() -> None:
    src = (
        HELPERS
        + APP
        + "    def go(self):\n        return outer(self.text)\n\n\n"
        + "def outer(t):\n    return inner(t)\n\n\ndef inner(w):\n    return w.index('end')\n"
    )
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["outer"]) and _is_ui(verdicts["inner"])


def test_a_widget_flows_across_files_into_a_helper_module() -> None:
    sources = {
        "util.py": HELPERS,
        "mod.py": "from util import line_of\n" + APP + "    def go(self):\n        return line_of(self.text, 'end')\n",
    }
    assert _is_ui(_verdicts(sources, "util.py")["line_of"])
    util = file_result(analyze(sources), "util.py")
    assert util.classification == "Mixed" and util.ui_line_ranges == [[1, 2]]  # `def line_of(text, …)` too


# --- widgets reached through an accessor ------------------------------------------------------------------------
ACCESSOR = """\
import tkinter as tk

_editor = None


class Editor(tk.Frame):
    def __init__(self, master):
        super().__init__(master)
        self.text = tk.Text(self)


def start(root):
    global _editor
    _editor = Editor(root)


def get_editor():
    return _editor


def clear():
    get_editor().text.delete("1.0", "end")


def lines():
    ed = get_editor()
    return ed.text.index("end")


def version():
    return get_version()


def get_version():
    return "1.0"
"""


def test_a_function_returning_a_widget_makes_its_call_results_ui() -> None:
    verdicts = _verdicts({"mod.py": ACCESSOR})
    assert _is_ui(verdicts["clear"]), verdicts["clear"]
    assert "ui: uses what get_editor() returns, a UI name" in verdicts["clear"][1]
    assert _is_ui(verdicts["lines"])
    assert verdicts["get_version"] == (True, []) and verdicts["version"] == (True, [])


def test_a_kivy_style_accessor_with_attribute_writes() -> None:
    src = """\
from kivy.uix.boxlayout import BoxLayout

_designer = None


class Designer(BoxLayout):
    pass


def get_designer():
    return _designer


def set_designer(d):
    global _designer
    _designer = d


def boot():
    set_designer(Designer())


def lock():
    d = get_designer()
    d.ids.toolbar.disabled = True
"""
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["lock"]), verdicts["lock"]


def test_a_pass_through_helper_does_not_make_every_caller_ui() -> None:
    src = APP + (
        "    def go(self):\n        return first([self.text, self.entry])\n\n\n"
        "def first(xs):\n    return xs[0]\n\n\n"
        "def head_plus_one():\n    return first([1, 2]) + 1\n"
    )
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["first"])
    assert verdicts["head_plus_one"][1] == ["calls_impure: calls mod.first, which is impure"]
    assert not any(r.startswith("ui:") for r in verdicts["head_plus_one"][1])


# --- walking a widget tree ----------------------------------------------------------------------------------------
def test_walking_a_widget_tree_is_ui() -> None:
    src = APP + (
        "    def has_text(self):\n        return contains(self, self.text)\n\n\n"
        "def contains(w, target):\n    return w is target or any(contains(c, target) for c in w.children)\n"
    )
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["contains"]), verdicts["contains"]


def test_the_same_tree_walk_over_plain_nodes_stays_pure() -> None:
    src = (
        "class Node:\n    def __init__(self, children):\n        self.children = children\n\n\n"
        "def contains(w, target):\n    return w is target or any(contains(c, target) for c in w.children)\n\n\n"
        "def check():\n    leaf = Node([])\n    return contains(Node([leaf]), leaf)\n"
    )
    assert _verdicts({"mod.py": src})["contains"] == (True, [])


# --- method names only widgets have --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("toolkit_import", "body"),
    [
        pytest.param("import tkinter", "w.winfo_width()", id="tk-winfo"),
        pytest.param("import tkinter", "w.wm_title('x')", id="tk-wm"),
        pytest.param("import tkinter", "w.tag_add('sel', '1.0', 'end')", id="tk-tag_add"),
        pytest.param("import tkinter", "w.grid(row=0)", id="tk-grid"),
        pytest.param("from PyQt5 import QtWidgets", "w.setText('x')", id="qt-setText"),
        pytest.param("from PyQt5 import QtWidgets", "w.addWidget(None)", id="qt-addWidget"),
        pytest.param("import wx", "w.Bind(None, None)", id="wx-Bind"),
        pytest.param("import wx", "w.SetSizer(None)", id="wx-SetSizer"),
        pytest.param("import kivy", "w.add_widget(None)", id="kivy-add_widget"),
    ],
)
def test_a_method_only_widgets_have_makes_an_untyped_object_ui(toolkit_import: str, body: str) -> None:
    src = f"{toolkit_import}\n\n\ndef helper(w):\n    {body}\n    return w\n"
    f = file_result(analyze({"mod.py": src}), "mod.py")
    helper = find_function(f, "helper")
    assert any(r.kind == "ui" for r in helper.reasons), helper.reasons
    assert f.ui_line_ranges[-1] == [4, 6]  # the def naming the widget, the call, the return


@pytest.mark.parametrize(
    ("toolkit_import", "body"),
    [
        pytest.param("import tkinter", "w.get()", id="ambiguous-get"),
        pytest.param("import tkinter", "w.bind('<x>', None)", id="ambiguous-bind"),
        pytest.param("import tkinter", "w.after(10, None)", id="ambiguous-after"),
        pytest.param("import tkinter", "w.config(x=1)", id="ambiguous-config"),
        pytest.param("import json", "w.winfo_width()", id="no-toolkit-in-the-project"),
        pytest.param("import wx", "w.setText('x')", id="another-toolkits-method"),
        # RIDE's configobj `numToDottedQuad`: a module imported in the function, whose `pack` is no widget's
        pytest.param(
            "import tkinter", "import struct\n    struct.pack('!L', 1)", id="a-module-imported-in-the-function"
        ),
        pytest.param(
            "import tkinter", "from os import path\n    path.grid(row=0)", id="a-module-from-imported-in-the-function"
        ),
    ],
)
def test_ambiguous_names_or_another_toolkit_are_no_evidence(toolkit_import: str, body: str) -> None:
    src = f"{toolkit_import}\n\n\ndef helper(w):\n    {body}\n    return w\n"
    helper = find_function(file_result(analyze({"mod.py": src}), "mod.py"), "helper")
    assert not any(r.kind == "ui" for r in helper.reasons), helper.reasons


_FACTORIES = """\
import tkinter as tk


def make_label(root):
    return tk.Label(root)


def build(root):
    w = make_label(root)
    w.config(text="")
    n = len("abc")
    return n
"""


def test_a_function_returning_a_toolkit_call_makes_its_call_results_ui() -> None:
    # `return tk.Label(root)` with no name between: what `make_label()` returns is a widget, and so is `w`
    f = file_result(analyze({"mod.py": _FACTORIES}), "mod.py")
    build = find_function(f, "build")
    assert any(r.kind == "ui" and r.detail.startswith("uses what make_label() returns") for r in build.reasons)
    ui = {line for start, end in f.ui_line_ranges for line in range(start, end + 1)}
    assert {9, 10} <= ui and 11 not in ui, f.ui_line_ranges


_NESTED_AND_SUPER = """\
import tkinter as tk


def build(root):
    def make():
        label = tk.Label(root)
        return label

    w = make()
    w.config(text="")


class Base:
    def widget(self, root):
        label = tk.Label(root)
        return label


class Child(Base):
    def clear(self, root):
        w = super().widget(root)
        w.config(text="")
"""


@pytest.mark.parametrize(
    ("qualname", "reason"),
    [("build", "uses what make() returns"), ("Child.clear", "uses what super().widget() returns")],
)
def test_a_widget_returned_by_a_nested_function_or_super_is_named_so(qualname: str, reason: str) -> None:
    verdicts = _verdicts({"mod.py": _NESTED_AND_SUPER})
    assert any(r.startswith(f"ui: {reason}") for r in verdicts[qualname][1]), verdicts[qualname]


def test_ui_line_ranges_are_the_ui_lines_themselves() -> None:
    src = "import tkinter as tk\nroot = tk.Tk()\nN = 3\n\n\ndef f():\n    return N\n\n\nlabel = tk.Label(root)\n"
    f = file_result(analyze({"mod.py": src}), "mod.py")
    assert f.ui_line_ranges == [[1, 2], [10, 10]]
    assert f.ui_lines == 3


def test_the_ui_share_is_rounded_to_two_decimals() -> None:
    f = file_result(analyze({"mod.py": "import tkinter as tk\nN = 3\nM = 4\n"}), "mod.py")
    assert (f.ui_lines, f.sloc, f.ui_pct) == (1, 3, 33.33)


def test_the_def_line_of_a_ui_classs_classmethod_is_a_ui_line() -> None:
    # `cls` is the widget class: the line naming it is UI, as `self`'s is (mutation pass four: `_takes_a_widget`)
    src = "import tkinter as tk\n\n\nclass Panel(tk.Frame):\n    @classmethod\n    def count(cls, n):\n"
    src += "        return n\n"
    f = file_result(analyze({"mod.py": src}), "mod.py")
    assert f.ui_line_ranges == [[1, 1], [4, 6]]


def test_a_capitalised_method_is_not_a_widget_constructor() -> None:
    """wx-style method names (`fs.URLToFileName(…)`, `conf.GetOption(…)`) return data; only a toolkit's or a UI
    class's capitalised name builds a widget."""
    src = APP + (
        "        self.size = self.text.GetOption('size')\n"
        "        self.path = tk.Tcl().FileName('x')\n"
        "    def go(self):\n        return double(self.size), double(self.path), double(self.entry)\n\n\n"
        "def double(n):\n    return n * 2\n"
    )
    without_widget = src.replace(", double(self.entry)", "")
    assert _verdicts({"mod.py": without_widget})["double"] == (True, [])
    assert _is_ui(_verdicts({"mod.py": src})["double"])  # the neighbour: a widget handed over


@pytest.mark.parametrize(
    ("call", "widget"),
    [
        pytest.param("wx.GetTextFromUser('New name')", False, id="wx-function-returning-text"),
        pytest.param("wx.MessageBox('sure?')", False, id="wx-messagebox-returns-an-int"),
        pytest.param("wx.FileSelector('open')", False, id="wx-selector-returns-a-path"),
        pytest.param("wx.TextCtrl(None)", True, id="wx-class-builds-a-widget"),
        pytest.param("wx.MessageDialog(None, 'x')", True, id="wx-dialog-class"),
    ],
)
def test_capitalised_toolkit_functions_return_data_classes_build_widgets(call: str, widget: bool) -> None:
    src = f"import wx\n\n\ndef ask():\n    value = {call}\n    return keep(value)\n\n\ndef keep(v):\n    return v\n"
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["keep"]) is widget, verdicts["keep"]


def test_a_module_function_named_like_a_widget_method_is_no_evidence() -> None:
    src = "import tkinter\nimport struct\n\n\ndef frame(n):\n    return struct.pack('!H', n)\n"
    f = file_result(analyze({"mod.py": src}), "mod.py")
    assert find_function(f, "frame").reasons == [] and f.ui_line_ranges == [[1, 1]]


def test_a_toolkit_property_declared_in_a_class_body_holds_data() -> None:
    """kivy's `points = ListProperty([])`: an instance's `self.points` is a list, not a widget."""
    src = (
        "from kivy.uix.widget import Widget\nfrom kivy.properties import ListProperty\n\n\n"
        "class Curve(Widget):\n    points = ListProperty([])\n\n"
        "    def centre(self):\n        return middle(self.points)\n\n\n"
        "def middle(points):\n    return sum(points[::2]) / len(points)\n"
    )
    assert _verdicts({"mod.py": src})["middle"] == (True, [])


# --- a widget handed on through each kind of call (mutation rows, issue 12 item 6) ------------------------------
def test_a_widget_handed_to_a_method_of_self_reaches_its_parameter() -> None:
    uses = (
        "    def go(self):\n        return self.measure(self.text), self.twice(self.count)\n\n"
        "    def measure(self, w):\n        return w.index('end')\n\n"
        "    def twice(self, n):\n        return n * 2\n"
    )
    verdicts = _verdicts({"mod.py": APP + uses})
    assert _is_ui(verdicts["App.measure"]), verdicts["App.measure"]
    assert verdicts["App.twice"] == (True, []), verdicts["App.twice"]  # handed plain data: pure


def test_a_widget_handed_to_super_reaches_the_base_method() -> None:
    src = (
        "import tkinter as tk\n\n\n"
        "class Base:\n    def measure(self, w):\n        return w.index('end')\n\n\n"
        "class Panel(Base):\n    def __init__(self, master):\n        self.text = tk.Text(master)\n\n"
        "    def measure(self, w):\n        return super().measure(self.text)\n"
    )
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["Base.measure"]), verdicts["Base.measure"]


def test_a_widget_handed_to_a_nested_function_reaches_its_parameter() -> None:
    src = (
        "import tkinter as tk\n\n\n"
        "def build(master):\n    def size(w):\n        return w.index('end')\n\n"
        "    def twice(n):\n        return n * 2\n\n"
        "    text = tk.Text(master)\n    return size(text), twice(3)\n"
    )
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["build.<locals>.size"]), verdicts["build.<locals>.size"]
    assert verdicts["build.<locals>.twice"] == (True, []), verdicts["build.<locals>.twice"]


def test_a_widget_handed_to_cls_reaches_the_new_instance() -> None:
    tip = (
        "class Tip:\n    def __init__(self, anchor):\n        self.anchor = anchor\n\n"
        "    def where(self):\n        return self.anchor.index('end')\n\n"
        "    @classmethod\n    def on(cls, widget):\n        return cls(widget)\n\n\n"
    )
    uses = "    def go(self):\n        return Tip.on(self.text)\n"
    verdicts = _verdicts({"mod.py": tip + APP + uses})
    assert _is_ui(verdicts["Tip.where"]), verdicts["Tip.where"]


# --- the naming rules behind widgets as values (mutation rows, issue 12 item 6) ----------------------------------
@pytest.mark.parametrize(
    ("name", "widget_part"),
    [
        ("text", True),
        ("mainWindow", True),  # camelCase: the last word decides
        ("MainFrame", True),
        ("main_window", True),
        ("okButton", True),
        ("win2", True),
        ("textCtrl", False),  # the last word is not a widget part
        ("settings", False),
        ("status_bar", False),
        ("TEXT", False),  # a constant's name
        ("", False),
    ],
)
def test_which_attribute_names_name_a_widget_part(name: str, widget_part: bool) -> None:
    assert rules.is_widget_attribute(name) is widget_part


@pytest.mark.parametrize(
    ("name", "builds_a_widget"),
    [
        ("Toplevel", True),
        ("QLabel", True),
        ("BoxSizer", True),
        ("toplevel", False),  # a function's name
        ("END", False),  # a constant
        ("MessageBox", False),  # a namespace of functions (wx, Qt)
        ("FileSelector", False),  # wx's dialog functions
        ("GetTextFromUser", False),
        ("TextFromUser", False),
    ],
)
def test_which_capitalised_names_build_a_widget(name: str, builds_a_widget: bool) -> None:
    assert rules.looks_like_class(name) is builds_a_widget


def test_an_instance_of_a_project_ui_class_is_a_widget_when_handed_on() -> None:
    """`measure(Editor(master))`: a capitalised call of a project class that is UI builds a widget; the same
    call of a plain class does not."""
    src = (
        "import tkinter as tk\n\n\nclass Editor(tk.Frame):\n    pass\n\n\nclass Model:\n    pass\n\n\n"
        "def measure(w):\n    return w.index('end')\n\n\ndef size(m):\n    return m.index('end')\n\n\n"
        "def go(master):\n    return measure(Editor(master)), size(Model())\n"
    )
    verdicts = _verdicts({"mod.py": src})
    assert _is_ui(verdicts["measure"]), verdicts["measure"]
    assert verdicts["size"] == (True, []), verdicts["size"]


# --- Mutation rows (issue 12 item 6, third pass): every path a widget value takes ------------------------------
_OVERRIDE = """\
import tkinter as tk


class Panel:
    def widget(self):
        return None

    def clear(self):
        self.widget().delete("1.0", "end")


class TextPanel(Panel):
    def __init__(self, root):
        self.text = tk.Text(root)

    def widget(self):
        return self.text
"""

_THROUGH_MODULE = {
    "helpers.py": "import tkinter as tk\n\n_label = None\n\n\ndef start(root):\n    global _label\n"
    "    _label = tk.Label(root)\n\n\ndef label():\n    return _label\n\n\n"
    "def caption(w):\n    return w.cget('text')\n",
    "mod.py": "import tkinter as tk\nimport helpers\n\n\ndef clear():\n    helpers.label().config(text='')\n\n\n"
    "def show(root):\n    label = tk.Label(root)\n    return helpers.caption(label)\n",
}

_THROUGH_WRAPPER = {
    "qt.py": "try:\n    from PyQt5 import QtWidgets\nexcept ImportError:\n    from PySide2 import QtWidgets\n",
    "app.py": "from qt import QtWidgets\n\n\ndef build():\n    w = QtWidgets.QLabel()\n    return w\n\n\n"
    "def use():\n    x = build()\n    x.setText('')\n",
}

_LATER_ARGUMENTS = """\
import tkinter as tk


def caption(n, w):
    return w.cget("text")


def titled(a, *rest, w=None):
    return w.cget("text")


def go(root):
    label = tk.Label(root)
    n = 1
    return caption(n, label), titled(n, label, w=label)  # `label` also lands in `*rest`
"""


@pytest.mark.parametrize(
    ("sources", "path", "qualname", "reason"),
    [
        # `self.widget()` may run a subclass's override, which returns a widget
        pytest.param(
            {"mod.py": _OVERRIDE}, "mod.py", "Panel.clear", "uses what self.widget() returns", id="an-override"
        ),
        # a function reached through its module: what it returns, and the parameter a widget is handed to
        pytest.param(_THROUGH_MODULE, "mod.py", "clear", "uses what helpers.label() returns", id="another-module"),
        pytest.param(_THROUGH_MODULE, "helpers.py", "caption", "uses w", id="handed-to-another-module"),
        # the argument that is a widget need not be the first, nor follow only positional ones
        pytest.param({"mod.py": _LATER_ARGUMENTS}, "mod.py", "caption", "uses w", id="the-second-argument"),
        pytest.param({"mod.py": _LATER_ARGUMENTS}, "mod.py", "titled", "uses w", id="by-keyword-after-star-args"),
        # a widget built from a toolkit module that a project wrapper imports, one binding or another (the
        # chain `_toolkit_names_through_imports` follows)
        pytest.param(_THROUGH_WRAPPER, "app.py", "use", "uses what build() returns", id="built-through-a-wrapper"),
    ],
)
def test_a_widget_value_reaches_it(sources: dict[str, str], path: str, qualname: str, reason: str) -> None:
    verdicts = _verdicts(sources, path)
    assert any(r.startswith(f"ui: {reason}") for r in verdicts[qualname][1]), verdicts[qualname]
