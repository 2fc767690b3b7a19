"""UI detection and classification (SPEC §2 "UI detection").

A UI line is a source line of a statement that references a UI-tainted name; `ui_pct = 100 * ui_lines /
sloc`; `Logic` when no UI name is referenced, `UI` at or above the threshold (default 50), else `Mixed`.
Every row's `ui_lines` is counted by hand (the comment `# ui` marks the UI lines of each snippet).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any

import pytest
from purelift.analysis import EngineConfig, rules

from tests.unit.engine_helpers import analyze, file_result, find_function, show


def row(
    row_id: str,
    sources: str | Mapping[str, str],
    classification: str,
    toolkits: list[str] | str,
    ui_lines: int | None = None,
    sloc: int | None = None,
    *,
    path: str | None = None,
) -> Any:
    """`toolkits` is the exact sorted list, or a regex that the one reported toolkit must match."""
    if isinstance(sources, str):
        sources = {"mod.py": sources}
    sources = {p: textwrap.dedent(s) for p, s in sources.items()}
    path = path or ("mod.py" if "mod.py" in sources else next(iter(sources)))
    return pytest.param(sources, path, classification, toolkits, ui_lines, sloc, id=row_id)


def _toolkit_file(module_line: str, use_line: str) -> str:
    return f"{module_line}  # ui\n{use_line}  # ui\n"


# Every toolkit family of the SPEC registry: an import and one use, both UI lines -> 100% UI.
TOOLKITS = [
    row("tk-tkinter", _toolkit_file("import tkinter as tk", "root = tk.Tk()"), "UI", ["tkinter"], 2, 2),
    row("tk-Tkinter-py2-name", _toolkit_file("import Tkinter", "root = Tkinter.Tk()"), "UI", ["tkinter"], 2, 2),
    row("tk-ttk-py2-name", _toolkit_file("import ttk", "style = ttk.Style()"), "UI", ["tkinter"], 2, 2),
    row("tk-tkinter-ttk", _toolkit_file("from tkinter import ttk", "b = ttk.Button()"), "UI", ["tkinter"], 2, 2),
    row(
        "tk-tkMessageBox",
        _toolkit_file("import tkMessageBox", 'tkMessageBox.showinfo("a", "b")'),
        "UI",
        ["tkinter"],
        2,
        2,
    ),
    row(
        "tk-tkFileDialog",
        _toolkit_file("import tkFileDialog", "p = tkFileDialog.askopenfilename()"),
        "UI",
        ["tkinter"],
        2,
        2,
    ),
    row(
        "tk-dotted-import",
        _toolkit_file("import tkinter.messagebox", 'tkinter.messagebox.showinfo("a", "b")'),
        "UI",
        ["tkinter"],
        2,
        2,
    ),
    row(
        "customtkinter",
        _toolkit_file("import customtkinter as ctk", "app = ctk.CTk()"),
        "UI",
        ["customtkinter"],
        2,
        2,
    ),
    row(
        "ttkbootstrap",
        _toolkit_file("import ttkbootstrap as tb", 'app = tb.Window(themename="darkly")'),
        "UI",
        ["ttkbootstrap"],
        2,
        2,
    ),
    row("turtle", _toolkit_file("import turtle", "turtle.forward(10)"), "UI", ["turtle"], 2, 2),
    *[
        row(
            f"qt-{kit}",
            _toolkit_file(f"from {kit}.QtWidgets import QApplication", "app = QApplication([])"),
            "UI",
            [kit],
            2,
            2,
        )
        for kit in ("PyQt5", "PyQt6", "PySide2", "PySide6", "qtpy", "AnyQt")
    ],
    row("qtawesome", _toolkit_file("import qtawesome as qta", 'i = qta.icon("fa5s.flag")'), "UI", ["qtawesome"], 2, 2),
    # Tk widgets and wrappers shipped apart from tkinter: the project does not import tkinter itself
    row("tkcalendar", _toolkit_file("from tkcalendar import DateEntry", "e = DateEntry()"), "UI", ["tkinter"], 2, 2),
    row("guizero", _toolkit_file("from guizero import App", 'app = App(title="a")'), "UI", ["guizero"], 2, 2),
    row("Pmw", _toolkit_file("import Pmw", "box = Pmw.ComboBox()"), "UI", ["tkinter"], 2, 2),
    row("pygubu", _toolkit_file("import pygubu", "builder = pygubu.Builder()"), "UI", ["tkinter"], 2, 2),
    row("awesometkinter", _toolkit_file("import awesometkinter as atk", "b = atk.Button3d()"), "UI", ["tkinter"], 2, 2),
    row("shiboken6", _toolkit_file("import shiboken6", "ok = shiboken6.isValid(w)"), "UI", ["PySide6"], 2, 2),
    row("traitsui", _toolkit_file("from traitsui.api import View", "v = View()"), "UI", ["traitsui"], 2, 2),
    row("pywebview", _toolkit_file("import webview", 'w = webview.create_window("a")'), "UI", ["pywebview"], 2, 2),
    row("kivy-garden", _toolkit_file("from kivy_garden.graph import Graph", "g = Graph()"), "UI", ["kivy"], 2, 2),
    # windows, input and drawing for OpenGL apps and games
    row(
        "glfw", _toolkit_file("import glfw", "w = glfw.create_window(640, 480, 'a', None, None)"), "UI", ["glfw"], 2, 2
    ),
    row("pysdl2", _toolkit_file("import sdl2.ext", "w = sdl2.ext.Window('a', size=(640, 480))"), "UI", ["sdl2"], 2, 2),
    row("pyopengl", _toolkit_file("from OpenGL.GL import glClear", "glClear(0)"), "UI", ["opengl"], 2, 2),
    row(
        "panda3d",
        _toolkit_file("from direct.showbase.ShowBase import ShowBase", "b = ShowBase()"),
        "UI",
        ["panda3d"],
        2,
        2,
    ),
    row(
        "pillow-imagetk",
        _toolkit_file("from PIL import ImageTk", "p = ImageTk.PhotoImage(img)"),
        "UI",
        ["tkinter"],
        2,
        2,
    ),
    row(
        "pillow-image-processing-is-logic",
        "from PIL import ImageOps\nsmall = ImageOps.grayscale(img)\n",
        "Logic",
        [],
        0,
        2,
    ),
    # OpenCV is image processing but for HighGUI's windows: the lines that call them are UI, not the import
    row(
        "opencv-highgui-calls",
        """\
        import cv2


        def gray(img):
            return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


        def preview(img):
            cv2.imshow("preview", gray(img))  # ui
            cv2.waitKey(0)  # ui
        """,
        "Mixed",
        ["opencv-highgui"],
        2,
        6,
    ),
    row(
        "opencv-highgui-script",
        """\
        import cv2 as cv
        img = cv.imread("photo.png")
        cv.imshow("photo", img)  # ui
        """,
        "Mixed",
        ["opencv-highgui"],
        1,
        3,
    ),
    row(
        "opencv-image-processing-alone-is-logic",
        """\
        import cv2


        def edges(img):
            return cv2.Canny(cv2.GaussianBlur(img, (5, 5), 0), 50, 150)
        """,
        "Logic",
        [],
        0,
        3,
    ),
    # Pango lays text out for cairo, as a server rendering an image may: drawing, not a widget toolkit
    row(
        "gi-repository-pango-is-not-ui",
        "from gi.repository import Pango\nd = Pango.FontDescription()\n",
        "Logic",
        [],
        0,
        2,
    ),
    row(
        "gtk-app-indicator",
        _toolkit_file("from gi.repository import AyatanaAppIndicator3", "i = AyatanaAppIndicator3.Indicator()"),
        "UI",
        ["gtk"],
        2,
        2,
    ),
    row("gaphas-view", _toolkit_file("from gaphas.view import GtkView", "v = GtkView()"), "UI", ["gtk"], 2, 2),
    # gaphas' geometry is plain Python: only its GTK widget and tools are UI
    row(
        "gaphas-geometry-is-not-ui",
        "from gaphas.geometry import Rectangle\nr = Rectangle(0, 0, 2, 2)\n",
        "Logic",
        [],
        0,
        2,
    ),
    row(
        "gi-repository-gobject-is-not-ui",
        "from gi.repository import GObject\nT = GObject.TYPE_INT\n",
        "Logic",
        [],
        0,
        2,
    ),
    row("appJar", _toolkit_file("from appJar import gui", 'app = gui("a")'), "UI", ["appJar"], 2, 2),
    row(
        "PySimpleGUIQt",
        _toolkit_file("import PySimpleGUIQt as sg", 'sg.popup("hi")'),
        "UI",
        ["PySimpleGUI"],
        2,
        2,
    ),
    row(
        "gtk-source-view",
        _toolkit_file("from gi.repository import GtkSource", "view = GtkSource.View()"),
        "UI",
        r"(?i).*gtk.*",
        2,
        2,
    ),
    row(
        "gi-repository-gio-is-not-ui",
        'from gi.repository import Gio\nf = Gio.File.new_for_path("a")\n',
        "Logic",
        [],
        0,
        2,
    ),
    row("qt-PyQt4", _toolkit_file("from PyQt4 import QtGui", "app = QtGui.QApplication([])"), "UI", ["PyQt4"], 2, 2),
    row("qt-PySide", _toolkit_file("from PySide import QtGui", "app = QtGui.QApplication([])"), "UI", ["PySide"], 2, 2),
    row("wx", _toolkit_file("import wx", "app = wx.App()"), "UI", ["wx"], 2, 2),
    row("kivy", _toolkit_file("from kivy.app import App", "app = App()"), "UI", ["kivy"], 2, 2),
    row("kivymd", _toolkit_file("from kivymd.app import MDApp", "app = MDApp()"), "UI", ["kivymd"], 2, 2),
    row(
        "gtk-gi-repository",
        """\
        import gi
        gi.require_version("Gtk", "3.0")
        from gi.repository import Gtk  # ui
        win = Gtk.Window()  # ui
        """,
        "UI",  # 2 of 4 lines: exactly the default threshold, and `UI` is "at or above"
        r"(?i).*gtk.*",
        2,
        4,
    ),
    row(
        "gtk-gdk",
        _toolkit_file("from gi.repository import Gdk", "d = Gdk.Display.get_default()"),
        "UI",
        r"(?i).*gtk.*",
        2,
        2,
    ),
    row("gtk-pygtk", _toolkit_file("import gtk", "win = gtk.Window()"), "UI", r"(?i).*gtk.*", 2, 2),
    row("pygame", _toolkit_file("import pygame", "pygame.init()"), "UI", ["pygame"], 2, 2),
    row(
        "PySimpleGUI",
        _toolkit_file("import PySimpleGUI as sg", 'sg.popup("hi")'),
        "UI",
        ["PySimpleGUI"],
        2,
        2,
    ),
    row(
        "dearpygui",
        _toolkit_file("import dearpygui.dearpygui as dpg", "dpg.create_context()"),
        "UI",
        ["dearpygui"],
        2,
        2,
    ),
    row("toga", _toolkit_file("import toga", 'app = toga.App("a", "org.a")'), "UI", ["toga"], 2, 2),
    row("flet", _toolkit_file("import flet as ft", "ft.app(target=None)"), "UI", ["flet"], 2, 2),
    row("easygui", _toolkit_file("import easygui", 'easygui.msgbox("hi")'), "UI", ["easygui"], 2, 2),
    row("pyglet", _toolkit_file("import pyglet", "window = pyglet.window.Window()"), "UI", ["pyglet"], 2, 2),
    row(
        "matplotlib-backend-tkagg",
        _toolkit_file("from matplotlib.backends.backend_tkagg import FigureCanvasTkAgg", "c = FigureCanvasTkAgg(None)"),
        "UI",
        r"(?i).*(matplotlib|tk).*",
        2,
        2,
    ),
    row(
        "matplotlib-backend-qt-toolbar",
        _toolkit_file(
            "from matplotlib.backends.backend_qt import NavigationToolbar2QT", "bar = NavigationToolbar2QT(None, None)"
        ),
        "UI",
        r"(?i).*(matplotlib|qt).*",
        2,
        2,
    ),
    row(
        "matplotlib-backend-pdf-is-not-ui",
        'from matplotlib.backends.backend_pdf import PdfPages\npages = PdfPages("a.pdf")\n',
        "Logic",
        [],
        0,
        2,
    ),
    row(
        "matplotlib-backend-qtagg",
        _toolkit_file("from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg", "c = FigureCanvasQTAgg(None)"),
        "UI",
        r"(?i).*(matplotlib|qt).*",
        2,
        2,
    ),
]

STRUCTURE = [
    row(
        "logic-no-ui",
        """\
        import math


        def hypot(a, b):
            return math.sqrt(a * a + b * b)
        """,
        "Logic",
        [],
        0,
        3,
    ),
    row("logic-empty-file", "", "Logic", [], 0, 0),
    row(
        "logic-toolkit-only-in-strings-and-comments",
        '''\
        """Needs tkinter (import tkinter) to show the window."""
        # import tkinter as tk
        HELP = "install PyQt5 or wx"
        ''',
        "Logic",
        [],
        0,
        1,
    ),
    row(
        "logic-local-name-like-a-toolkit",
        """\
        def area(wx, wy):
            tk = wx * wy
            return tk
        """,
        "Logic",
        [],
        0,
        3,
    ),
    row(
        "mixed-one-dialog",
        """\
        from tkinter import messagebox  # ui


        def add(a, b):
            return a + b


        def mul(a, b):
            return a * b


        def warn(text):
            messagebox.showwarning("W", text)  # ui
        """,
        "Mixed",
        ["tkinter"],
        2,
        7,
    ),
    row(
        "ui-multiline-statement-counts-every-line",
        """\
        import tkinter as tk  # ui

        root = tk.Tk()  # ui
        label = tk.Label(  # ui
            root,  # ui
            text="hello",  # ui
        )  # ui
        label.pack()  # ui
        """,
        "UI",
        ["tkinter"],
        7,
        7,
    ),
    row(
        "ui-derived-names",
        """\
        import tkinter as tk  # ui

        root = tk.Tk()  # ui
        frame = root  # ui
        frame.title("x")  # ui
        size = 3
        """,
        "UI",
        ["tkinter"],
        4,
        5,
    ),
    row(
        "ui-star-import",
        """\
        from tkinter import *  # ui

        root = Tk()  # ui
        Label(root, text="x").pack()  # ui
        root.mainloop()  # ui


        def add(a, b):
            return a + b
        """,
        "UI",
        ["tkinter"],
        4,
        6,
    ),
    row(
        "ui-conditional-pyqt5-or-pyside2",
        """\
        try:
            from PyQt5.QtWidgets import QWidget  # ui
        except ImportError:
            from PySide2.QtWidgets import QWidget  # ui


        class Panel(QWidget):  # ui
            pass
        """,
        "UI",
        ["PyQt5", "PySide2"],
        3,
        6,
    ),
    row(
        "logic-type-checking-import",
        """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from PyQt5.QtWidgets import QWidget


        def title(widget: QWidget) -> str:
            return "x"
        """,
        "Logic",
        [],
        0,
        6,
    ),
    row(
        "logic-typing-dot-type-checking-import",
        """\
        import typing

        if typing.TYPE_CHECKING:
            import tkinter as tk


        def title(root: "tk.Tk", name: str) -> str:
            return name.title()
        """,
        "Logic",
        [],
        0,
        5,
    ),
    row(
        "mixed-plain-class-builds-ui-in-helper",
        """\
        from PyQt5.QtWidgets import QPushButton  # ui


        class Controller:
            def __init__(self, n):
                self.n = n

            def double(self):
                return self.n * 2

            def _build(self):
                self.btn = QPushButton("OK")  # ui
        """,
        "Mixed",
        ["PyQt5"],
        2,
        8,
    ),
    row(
        "ui-helper-attribute-used-elsewhere",
        """\
        from PyQt5.QtWidgets import QPushButton  # ui


        class Controller:
            def _build(self):
                self.btn = QPushButton("OK")  # ui

            def caption(self):
                return self.btn.text()  # ui
        """,
        "UI",
        ["PyQt5"],
        3,
        6,
    ),
]

_BASE = """\
import tkinter as tk  # ui


class Base(tk.Frame):  # ui
    pass
"""
_VIEW = """\
from base import Base  # ui


class View(Base):  # ui
    def refresh(self):  # ui
        self.configure(bg="white")  # ui


def add(a, b):
    return a + b


def sub(a, b):
    return a - b
"""
_SUB = """\
from view import View  # ui


class Sub(View):  # ui
    def go(self):  # ui
        self.pack()  # ui
"""
_WIDGETS = """\
import tkinter as tk  # ui

make_root = tk.Tk  # ui
PADDING = 4
"""
_USES_UI_NAME = """\
from widgets import make_root  # ui


def build():
    return make_root()  # ui


def add(a, b):
    return a + b
"""
_USES_PLAIN_NAME = """\
from widgets import PADDING


def pad(x):
    return x + PADDING
"""

CROSS_FILE = [
    row("cross-base-class-file", {"base.py": _BASE}, "UI", ["tkinter"], 2, 3, path="base.py"),
    row(
        "cross-subclass-of-ui-class-in-other-file",
        {"base.py": _BASE, "view.py": _VIEW},
        "UI",
        [],
        4,
        8,
        path="view.py",
    ),
    row(
        "cross-subclass-two-files-away",
        {"base.py": _BASE, "view.py": _VIEW, "sub.py": _SUB},
        "UI",
        [],
        4,
        4,
        path="sub.py",
    ),
    row(
        "cross-ui-name-imported-from-project-module",
        {"widgets.py": _WIDGETS, "user.py": _USES_UI_NAME},
        "Mixed",
        [],
        2,
        5,
        path="user.py",
    ),
    row(
        "cross-plain-name-from-ui-module-is-not-ui",
        {"widgets.py": _WIDGETS, "plain.py": _USES_PLAIN_NAME},
        "Logic",
        [],
        0,
        3,
        path="plain.py",
    ),
]


def _check_toolkits(expected: list[str] | str, actual: list[str]) -> None:
    if isinstance(expected, str):
        assert len(actual) == 1 and re.fullmatch(expected, actual[0]), actual
    else:
        assert sorted(actual) == sorted(expected)


@pytest.mark.parametrize(
    ("sources", "path", "classification", "toolkits", "ui_lines", "sloc"), TOOLKITS + STRUCTURE + CROSS_FILE
)
def test_classification(
    sources: dict[str, str],
    path: str,
    classification: str,
    toolkits: list[str] | str,
    ui_lines: int | None,
    sloc: int | None,
) -> None:
    f = file_result(analyze(sources), path)
    got = f"{f.classification}, ui_lines={f.ui_lines}, sloc={f.sloc}, ui_pct={f.ui_pct}, toolkits={f.toolkits}"
    assert f.parse_error is None
    if sloc is not None:
        assert f.sloc == sloc, got
    if ui_lines is not None:
        assert f.ui_lines == ui_lines, got
    assert f.classification == classification, got
    _check_toolkits(toolkits, f.toolkits)
    expected_pct = 100.0 * f.ui_lines / f.sloc if f.sloc else 0.0
    assert f.ui_pct == pytest.approx(expected_pct, abs=0.01), got


def test_hand_counts_match_the_markers() -> None:
    """The `# ui` markers of each row agree with the row's ui_lines (guards the table itself)."""
    for param in TOOLKITS + STRUCTURE + CROSS_FILE:
        sources, path, _, _, ui_lines, _ = param.values
        if ui_lines is not None:
            marked = sum(1 for line in sources[path].splitlines() if line.rstrip().endswith("# ui"))
            assert marked == ui_lines, param.id


# ---------------------------------------------------------------------------------------------------------
# Function verdicts that follow from the taint


def test_cross_file_subclass_self_is_ui() -> None:
    result = analyze({"base.py": _BASE, "view.py": _VIEW, "sub.py": _SUB})
    refresh = find_function(file_result(result, "view.py"), "View.refresh")
    go = find_function(file_result(result, "sub.py"), "Sub.go")
    add = find_function(file_result(result, "view.py"), "add")
    assert "ui" in {r.kind for r in refresh.reasons}, show(refresh)
    assert "ui" in {r.kind for r in go.reasons}, show(go)
    assert add.pure, show(add)


def test_ui_name_from_project_module_taints_its_user() -> None:
    result = analyze({"widgets.py": _WIDGETS, "user.py": _USES_UI_NAME, "plain.py": _USES_PLAIN_NAME})
    build = find_function(file_result(result, "user.py"), "build")
    pad = find_function(file_result(result, "plain.py"), "pad")
    assert "ui" in {r.kind for r in build.reasons}, show(build)
    assert pad.pure, show(pad)


def test_a_subscripted_base_is_its_class_and_the_subscript_types_what_it_holds() -> None:
    """`View[int]` is the widget class View: the class statement is a UI line and the class UI. `UserList[Cell]` is a
    list: typed by a widget class, it is no widget (picard's `ListOfMetadataItems(UserList[MetadataItem])`)."""
    result = analyze(
        {
            "views.py": textwrap.dedent(
                """\
                from collections import UserList
                from typing import Generic, TypeVar

                from PyQt5.QtWidgets import QWidget

                T = TypeVar("T")


                class View(QWidget, Generic[T]):
                    pass


                class IntView(View[int]):
                    pass


                class Cells(UserList[View]):
                    def first(self):
                        return self.data[0]
                """
            )
        }
    )
    views = file_result(result, "views.py")
    ui_lines = {n for start, end in views.ui_line_ranges for n in range(start, end + 1)}
    assert 13 in ui_lines  # class IntView(View[int]):
    assert 19 not in ui_lines and find_function(views, "Cells.first").pure, show(find_function(views, "Cells.first"))


def test_a_function_using_many_ui_names_gets_the_first_three_as_reasons() -> None:
    """The reasons say why, they are not an inventory: "uses X, a UI name" for the first three UI names a function
    reads (here five: tk, frame, label, entry, button), besides one reason per toolkit call."""
    src = textwrap.dedent(
        """\
        import tkinter as tk

        def build(root):
            frame = tk.Frame(root)
            label = tk.Label(frame)
            entry = tk.Entry(frame)
            button = tk.Button(frame)
            return frame, label, entry, button
        """
    )
    build = find_function(file_result(analyze({"app.py": src}), "app.py"), "build")
    uses = [r.detail for r in build.reasons if r.kind == "ui" and r.detail.startswith("uses ")]
    assert uses == ["uses tk, a UI name", "uses frame, a UI name", "uses label, a UI name"], show(build)
    calls = [r for r in build.reasons if r.kind == "ui" and r.detail.startswith("calls ")]
    assert len(calls) == 4, show(build)


def test_toolkit_names_a_project_module_re_exports_are_the_toolkits() -> None:
    """`from widgets import Toplevel` where `widgets` does `from tkinter import *`: the name is tkinter's (calling it
    builds a widget that makes a helper it is handed UI), and so is a re-exported name of a toolkit the
    configuration adds (`extra_toolkits`)."""
    sources = {
        "widgets.py": "from tkinter import *\n",
        "inhouse.py": "from mywidgets import *\n",
        "app.py": "from widgets import Toplevel\nfrom inhouse import Gauge\n\n\ndef helper(w):\n    return w.title()\n"
        "\n\ndef go(root):\n    win = Toplevel(root)\n    return helper(win)\n\n\ndef gauges():\n    return [Gauge]\n",
    }
    result = analyze(sources, EngineConfig.from_dict({"extra_toolkits": {"mywidgets": "in-house widgets"}}))
    app = file_result(result, "app.py")
    helper, gauges = find_function(app, "helper"), find_function(app, "gauges")
    assert [r.detail for r in helper.reasons] == ["uses w, a UI name"], show(helper)
    assert [r.detail for r in gauges.reasons] == ["uses Gauge, a UI name"], show(gauges)


def test_a_configured_toolkit_is_a_toolkit_for_star_imports_and_bases() -> None:
    """`extra_toolkits` reaches every rule that asks "is this a toolkit": a name a star import of it may bind,
    and a class deriving from one of its classes."""
    sources = {
        "app.py": "from mywidgets import *\nimport mywidgets\n\n\ndef gauge():\n    return Gauge()\n\n\n"
        "class Dial(mywidgets.Knob):\n    def spin(self):\n        return self.rotate(1)\n",
    }
    config = EngineConfig.from_dict({"extra_toolkits": {"mywidgets": "in-house widgets"}})
    app = file_result(analyze(sources, config), "app.py")
    for qualname in ("gauge", "Dial.spin"):
        fn = find_function(app, qualname)
        assert "ui" in {r.kind for r in fn.reasons}, show(fn)
    assert app.toolkits == ["in-house widgets"]  # named as configured


def test_type_checking_import_does_not_make_functions_ui() -> None:
    src = textwrap.dedent(
        """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from PyQt5.QtWidgets import QWidget


        def title(widget: QWidget, name: str) -> str:
            return f"{name}!"
        """
    )
    f = file_result(analyze({"mod.py": src}), "mod.py")
    fn = find_function(f, "title")
    assert fn.pure, show(fn)


# ---------------------------------------------------------------------------------------------------------
# The threshold is configuration

_MIXED = textwrap.dedent(
    """\
    from tkinter import messagebox


    def add(a, b):
        return a + b


    def mul(a, b):
        return a * b


    def warn(text):
        messagebox.showwarning("W", text)
    """
)  # 2 UI lines of 7 source lines: 28.57%
_HALF = textwrap.dedent(
    """\
    import gi
    gi.require_version("Gtk", "3.0")
    from gi.repository import Gtk
    win = Gtk.Window()
    """
)  # 2 of 4: 50%


def _classify(src: str, config: EngineConfig | None = None) -> str:
    f = file_result(analyze({"mod.py": src}, config), "mod.py")
    return f.classification


def test_default_threshold_is_50() -> None:
    assert EngineConfig().ui_threshold == 50
    assert _classify(_MIXED) == "Mixed"
    assert _classify(_HALF) == "UI"


@pytest.mark.parametrize(
    ("threshold", "src", "expected"),
    [
        pytest.param(25.0, _MIXED, "UI", id="lower-threshold-makes-mixed-ui"),
        pytest.param(28.0, _MIXED, "UI", id="just-below-pct"),
        pytest.param(29.0, _MIXED, "Mixed", id="just-above-pct"),
        pytest.param(50.0, _HALF, "UI", id="at-threshold-is-ui"),
        pytest.param(60.0, _HALF, "Mixed", id="higher-threshold-makes-ui-mixed"),
        pytest.param(100.0, _toolkit_file("import wx", "app = wx.App()"), "UI", id="100-percent-at-100"),
        pytest.param(0.0, _MIXED, "UI", id="zero-threshold-any-ui-is-ui"),
    ],
)
def test_threshold_is_configurable(threshold: float, src: str, expected: str) -> None:
    assert _classify(src, EngineConfig(ui_threshold=threshold)) == expected


def test_threshold_never_makes_a_logic_file_ui() -> None:
    assert _classify("def f(x):\n    return x\n", EngineConfig(ui_threshold=0.0)) == "Logic"


def test_extra_toolkit_from_configuration() -> None:
    config = EngineConfig(extra_toolkits={"mygui": "mygui"})
    src = "import mygui\nwin = mygui.Window()\n"
    f = file_result(analyze({"mod.py": src}, config), "mod.py")
    assert (f.classification, f.toolkits, f.ui_lines) == ("UI", ["mygui"], 2)
    assert _classify(src) == "Logic"


def test_a_function_calling_an_extra_toolkit_is_ui() -> None:
    config = EngineConfig(extra_toolkits={"mygui": "mygui"})
    src = "import mygui\n\n\ndef warn(text):\n    mygui.alert(text)\n"
    fn = find_function(file_result(analyze({"mod.py": src}, config), "mod.py"), "warn")
    assert [(r.kind, r.detail) for r in fn.reasons if r.kind == "ui"][:1] == [
        ("ui", "calls mygui.alert, a UI toolkit function")
    ]


def test_toolkit_of_without_a_table_uses_the_built_in_toolkits() -> None:
    """The engine always passes its configured table; other callers rely on the default (a mutmut survivor)."""
    assert rules.toolkit_of("tkinter.ttk.Button") == "tkinter"
    assert rules.toolkit_of("PyQt5.QtWidgets") == "PyQt5"
    assert rules.toolkit_of("json.loads") is None
