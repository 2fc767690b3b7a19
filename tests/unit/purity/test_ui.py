"""Rows for `ui`: code that drives a GUI toolkit. A toolkit imported only for type checking, or a method of a
UI class that does not touch the UI, stays pure (the `pure-…` rows)."""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, assert_verdict, case

ROWS = [
    case(
        "ui-a-subscripted-base-that-is-a-widget-class",
        """\
        from typing import Generic, TypeVar

        from PyQt5.QtWidgets import QWidget

        T = TypeVar("T")


        class View(QWidget, Generic[T]):
            pass


        class IntView(View[int]):
            def hint(self):
                return self.sizeHint()  # <-
        """,
        "IntView.hint",
        "ui",
    ),
    case(
        "ui-an-opengl-call-beside-its-scalar-types",
        """\
        import numpy as np
        from pyglet.gl import GLfloat, glVertex3f


        def vertex(x):
            glVertex3f(x, 0.0, 0.0)  # <-
        """,
        "vertex",
        "ui",
    ),
    # a project's UI name read through the module holding it is UI, as imported from it by name is (kivystudio's
    # `main.studio_app` after `from . import main`); the module's constant stays plain data (test_pure)
    case(
        "ui-a-project-ui-name-read-through-its-module",
        {
            "pkg/__init__.py": "",
            "pkg/main.py": "from kivy.app import App\n\nclass StudioApp(App):\n    pass\n\nstudio_app = StudioApp()\n",
            "pkg/access.py": """\
            from . import main


            def get_app():
                return main.studio_app  # <-
            """,
        },
        "get_app",
        "ui",
        path="pkg/access.py",
        detail="uses main.studio_app, a UI name",
    ),
    case(
        "ui-a-project-ui-class-read-through-its-dotted-module",
        {
            "pkg/__init__.py": "",
            "pkg/main.py": "from kivy.app import App\n\n\nclass StudioApp(App):\n    pass\n",
            "pkg/access.py": """\
            import pkg.main


            def app_class():
                return pkg.main.StudioApp  # <-
            """,
        },
        "app_class",
        "ui",
        path="pkg/access.py",
        detail="uses pkg.main.StudioApp, a UI name",
    ),
    case(
        "ui-a-module-level-alias-of-a-project-ui-name-read-through-its-module",
        {  # a project package named as a standard module (`code`), imported relatively: the project's
            "pkg/__init__.py": "",
            "pkg/code/__init__.py": "",
            "pkg/code/main.py": "import tkinter as tk\n\nroot = tk.Tk()\n",
            "pkg/access.py": """\
            from .code import main as m

            ROOT = m.root


            def window():
                return ROOT  # <-
            """,
        },
        "window",
        "ui",
        path="pkg/access.py",
    ),
    # a project's UI name imported inside a function is UI there too, as imported at module level (thonny's
    # `get_pip_gui_class` returning its dialog class, kivystudio's `get_kivystudio_app`)
    case(
        "ui-a-project-ui-name-imported-inside-a-function",
        {
            "pkg/__init__.py": "",
            "pkg/main.py": "from kivy.app import App\n\nclass StudioApp(App):\n    pass\n\nstudio_app = StudioApp()\n",
            "pkg/access.py": """\
            def get_app():
                from .main import studio_app
                return studio_app  # <-
            """,
        },
        "get_app",
        "ui",
        path="pkg/access.py",
    ),
    case(
        "ui-a-project-ui-class-imported-inside-a-function-absolute",
        {
            "pkg/__init__.py": "",
            "pkg/main.py": "from kivy.app import App\n\n\nclass StudioApp(App):\n    pass\n",
            "pkg/access.py": """\
            def app_class():
                from pkg.main import StudioApp
                return StudioApp  # <-
            """,
        },
        "app_class",
        "ui",
        path="pkg/access.py",
    ),
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
    case(
        "ui-decorated-with-a-toolkit-decorator",
        """\
        from PyQt5 import QtCore

        @QtCore.pyqtSlot(int)  # <-
        def on_value(x):
            return x * 2
        """,
        "on_value",
        "ui",
        detail="QtCore.pyqtSlot",
    ),
    # Mutation rows (issue 12 item 6): a class a function defines is the base of the next one.
    case(
        "ui-toolkit-member-through-a-local-base-class",
        """\
        import tkinter as tk

        def build():
            class Local(tk.Frame):
                pass

            class Sub(Local):
                def shout(self):
                    return self.winfo_name().upper()  # <-

            return Sub
        """,
        "build.<locals>.Sub.shout",
        "ui",
        detail="tkinter.Frame",
    ),
    # Mutation rows (issue 12 item 6): `Project.follow`, a base named through a package.
    case(
        # the package rebinds the name of its submodule: `pkg.widget` is the class, not the module
        "ui-base-a-package-exports-under-its-submodules-name",
        {
            "pkg/__init__.py": "from .widget import widget\n",
            "pkg/widget.py": "import tkinter as tk\n\nclass widget(tk.Frame):\n    pass\n",
            "mod.py": """\
            import pkg

            class W(pkg.widget):
                def name(self):
                    return self.winfo_name()  # <-
            """,
        },
        "W.name",
        "ui",
        detail="tkinter.Frame",
    ),
    case(
        "ui-base-a-class-nested-in-a-package-class",
        {
            "pkg/__init__.py": "import tkinter as tk\n\nclass Outer:\n    class Inner(tk.Frame):\n        pass\n",
            "mod.py": """\
            import pkg

            class W(pkg.Outer.Inner):
                def name(self):
                    return self.winfo_name()  # <-
            """,
        },
        "W.name",
        "ui",
        detail="tkinter.Frame",
    ),
    case(
        "ui-toolkit-base-after-a-computed-one",
        """\
        import tkinter as tk

        class A(make_mixin(), tk.Frame):
            def name(self):
                return self.winfo_name()  # <-
        """,
        "A.name",
        "ui",
        detail="tkinter.Frame",
    ),
    case(
        "ui-base-an-attribute-of-a-sibling-nested-class",
        """\
        import tkinter as tk

        class Outer:
            class Base:
                class Inner(tk.Frame):
                    pass

            class Child(Base.Inner):
                def name(self):
                    return self.winfo_name()  # <-
        """,
        "Outer.Child.name",
        "ui",
        detail="tkinter.Frame",
    ),
    case(
        # class bodies in between are skipped, the function's scope is seen
        "ui-local-base-seen-through-class-bodies",
        """\
        import tkinter as tk

        def build():
            class Local(tk.Frame):
                pass

            class A:
                class B:
                    class C(Local):
                        def name(self):
                            return self.winfo_name()  # <-

            return A
        """,
        "build.<locals>.A.B.C.name",
        "ui",
        detail="tkinter.Frame",
    ),
    # Every library base of a class built is looked at, a plain one first or not.
    case(
        "ui-building-a-class-whose-second-base-is-the-toolkits",
        """\
        from PyQt5.QtCore import QObject

        class Store(dict, QObject):
            pass

        def store():
            return Store()  # <-
        """,
        "store",
        "ui",
        detail="builds Store, a PyQt5.QtCore.QObject subclass",
    ),
    case(
        "ui-building-a-class-whose-first-base-is-a-pure-library-class",
        """\
        import collections
        from PyQt5.QtCore import QObject

        class Store(collections.OrderedDict, QObject):
            pass

        def store():
            return Store()  # <-
        """,
        "store",
        "ui",
        detail="builds Store, a PyQt5.QtCore.QObject subclass",
    ),
    case(
        "ui-a-subclass-drives-a-widget-its-base-class-stored",
        """\
        import tkinter as tk

        class Base(tk.Frame):
            def __init__(self, master):
                super().__init__(master)
                self.text = tk.Text(self)
                self.count = 0

        class Sub(Base):
            def clear(self):
                self.text.delete("1.0", "end")  # <-
        """,
        "Sub.clear",
        "ui",
        detail="self.text",
    ),
    case(
        "ui-a-wrapper-module-star-imported-from-the-package",
        {
            "pkg/__init__.py": "",
            "pkg/qt.py": "from PyQt5 import QtWidgets\n",
            "pkg/app.py": """\
            from .qt import *

            def make():
                return QtWidgets.QLabel()  # <-
            """,
        },
        "make",
        "ui",
        path="pkg/app.py",
    ),
    case(
        "ui-a-widget-returned-through-a-dotted-module-path",
        {
            "pkg/__init__.py": "",
            "pkg/widgets.py": """\
            import tkinter as tk

            _text = None

            def start(root):
                global _text
                _text = tk.Text(root)

            def text():
                return _text
            """,
            "app.py": """\
            import pkg.widgets

            def clear():
                pkg.widgets.text().delete("1.0", "end")  # <-
            """,
        },
        "clear",
        "ui",
        path="app.py",
        detail="uses what pkg.widgets.text() returns",
    ),
    case(
        "ui-reading-a-tk-variable-held-by-self",
        """\
        import tkinter as tk

        class Form:
            def __init__(self):
                self.name = tk.StringVar()

            def value(self):
                return self.name.get().strip()  # <-
        """,
        "Form.value",
        "ui",
    ),
    case(
        "ui-toolkit-function-named-like-an-exception-class",
        """\
        import wx

        def report(message):
            wx.LogError(message)  # <-
            return message
        """,
        "report",
        "ui",
    ),
    case(
        "ui-method-of-a-parameter-annotated-with-a-ui-class",
        """\
        import tkinter as tk

        class Display(tk.Label):
            def __init__(self, master):
                super().__init__(master)
                self.shown = ""

            def current(self):
                return self.shown

        def shown_text(display: Display):
            return display.current()  # <-
        """,
        "shown_text",
        "ui",
    ),
    case(
        "ui-a-helper-handed-widgets-that-reads-a-widget-member",
        """\
        import tkinter as tk

        def describe(obj):
            return obj.__class__.__name__ + obj.winfo_name()  # <-

        class Panel(tk.Frame):
            def __repr__(self):
                return describe(self)
        """,
        "describe",
        "ui",
    ),
    case(
        "ui-method-of-a-field-declared-with-a-ui-class",
        """\
        import tkinter as tk

        class Display(tk.Label):
            def current(self):
                return "x"

        class Panel:
            display: Display

            def shown(self):
                return self.display.current()  # <-
        """,
        "Panel.shown",
        "ui",
    ),
    case(
        "ui-base-a-package-binds-to-a-toolkit-class-on-one-branch",
        {
            "pkg/__init__.py": """\
            try:
                from tkinter import Frame as Base
            except ImportError:
                Base = object
            """,
            "mod.py": """\
            import pkg

            class W(pkg.Base):
                def size(self):
                    return self.count() * 2  # <-
            """,
        },
        "W.size",
        "ui",
        detail="inherited from tkinter.Frame",
    ),
    case(
        "ui-pillow-image-for-a-tk-label",
        """\
        from PIL import Image, ImageTk

        def photo(img):
            return ImageTk.PhotoImage(img)  # <-
        """,
        "photo",
        "ui",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
