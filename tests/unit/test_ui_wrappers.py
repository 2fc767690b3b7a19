"""Toolkits behind the project's own wrapper module (issue 10, part 1).

Many Qt and wx apps import their toolkit in one module of their own (a `qt.py` or `compat.py` choosing PyQt5,
PySide2 or PyQt6 at run time) and every other file imports the names from there. Those names are UI for every
importer, through any chain of project re-exports; what the engine cannot resolve is said in `warnings`.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from purelift.analysis import EngineConfig, analyze_tree
from purelift.cli import main

from tests.unit.engine_helpers import analyze, file_result, find_function, make_tree

# The repro: a wrapper package, a project module re-exporting it, a widget subclass using that.
WRAPPER_CHAIN = {
    "app/__init__.py": "",
    "app/sub/__init__.py": "",
    "app/sub/qt.py": "from app.qt import QtWidgets\n",
    "app/sub/base.py": """\
        from .qt import QtWidgets


        class E(QtWidgets.QPlainTextEdit):
            def line_count(self):
                return self.blockCount()
        """,
}


def _wrapper(body: str) -> dict[str, str]:
    return {**WRAPPER_CHAIN, "app/qt/__init__.py": body}


def _base_is_ui(sources: dict[str, str], config: EngineConfig | None = None) -> None:
    result = analyze(sources, config)
    base = file_result(result, "app/sub/base.py")
    assert base.classification == "UI", (base.classification, base.ui_pct)
    assert base.ui_line_ranges == [[1, 1], [4, 6]]  # the import, the class, the method (its `self` is a widget)
    method = find_function(base, "E.line_count")
    assert not method.pure and method.reasons[0].kind == "ui"


WRAPPERS = [
    pytest.param(
        'import importlib\nAPI = "PyQt5"\nQtWidgets = importlib.import_module(API + ".QtWidgets")\n',
        id="import_module-of-a-constant-plus-a-string",
    ),
    pytest.param(
        'import importlib as _il\nAPI = "PySide6"\nQtWidgets = _il.import_module(f"{API}.QtWidgets")\n',
        id="import_module-of-an-f-string",
    ),
    pytest.param(
        'import importlib\nAPI = "PyQt6"\nQtWidgets = importlib.import_module("%s.QtWidgets" % API)\n',
        id="import_module-of-a-percent-format",
    ),
    pytest.param(
        'import importlib\nAPI = "PyQt5"\nQtWidgets = importlib.import_module("{}.QtWidgets".format(API))\n',
        id="import_module-of-str-format",
    ),
    pytest.param(
        "from importlib import import_module\nQtWidgets = import_module(pick() + '.QtWidgets')\n"
        "def pick():\n    return 'PyQt5'\n",
        id="binding-chosen-at-run-time-leaf-says-qt",
    ),
    pytest.param(
        "import os\nAPI = os.environ.get('QT_API', 'pyqt5')\nQtWidgets = __import__(API + '.QtWidgets')\n",
        id="dunder-import-with-an-unknown-prefix",
    ),
    pytest.param(
        'if True:\n    API = "PyQt5"\nelse:\n    API = "PySide2"\nQtWidgets = __import__(API + ".QtWidgets")\n',
        id="a-constant-bound-in-two-branches",
    ),
    pytest.param("from PyQt5 import QtWidgets\n", id="plain-import-re-exported"),
    pytest.param("import PyQt5.QtWidgets\nQtWidgets = PyQt5.QtWidgets\n", id="assignment-from-a-toolkit-module"),
    pytest.param("from PyQt5 import *\n", id="star-import-of-the-toolkit"),
]


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_names_a_project_wrapper_binds_to_a_toolkit_are_ui_for_every_importer(wrapper: str) -> None:
    _base_is_ui(_wrapper(wrapper))


def test_the_chain_crosses_star_re_exports_of_project_modules() -> None:
    sources = _wrapper('import importlib\nQtWidgets = importlib.import_module("PyQt5.QtWidgets")\n')
    sources["app/sub/qt.py"] = "from app.qt import *\n"
    _base_is_ui(sources)


def test_extra_toolkits_on_the_wrapper_reaches_through_a_project_re_export() -> None:
    """The documented workaround for a wrapper the engine cannot fold: it must cross `app/sub/qt.py` too."""
    sources = _wrapper("import importlib\nQtWidgets = getattr(importlib.import_module(_api()), 'QtWidgets')\n")
    assert file_result(analyze(sources), "app/sub/base.py").classification == "Logic"  # nothing to fold
    _base_is_ui(sources, EngineConfig(extra_toolkits={"app.qt": "Qt"}))


def test_a_wrapper_re_exporting_toolkit_names_by_star_makes_them_ui_in_importers() -> None:
    result = analyze(
        {
            "app/__init__.py": "",
            "app/widgets.py": "from PyQt5.QtWidgets import *\n",
            "app/main.py": "from app.widgets import QLabel\n\ndef make():\n    return QLabel('hi')\n",
        }
    )
    main_file = file_result(result, "app/main.py")
    assert main_file.classification == "UI"
    assert not find_function(main_file, "make").pure


def test_star_imports_of_project_modules_reach_the_toolkit_a_wrapper_star_imports() -> None:
    # Anki's aqt: `from aqt.qt import *`, whose `__init__` does `from .qt6 import *`, which star-imports PyQt6
    result = analyze(
        {
            "app/__init__.py": "",
            "app/qt/__init__.py": "from .qt6 import *\n",
            "app/qt/qt6.py": "from PyQt6.QtCore import *\nfrom PyQt6.QtWidgets import *\n",
            "app/dialog.py": """\
from app.qt import *


class Dialog(QDialog):
    def __init__(self, parent):
        QDialog.__init__(self, parent)


def count(xs):
    return len(xs)
""",
        }
    )
    dialog = file_result(result, "app/dialog.py")
    assert dialog.classification == "UI", dialog.ui_pct
    assert [r.kind for r in find_function(dialog, "Dialog.__init__").reasons] == ["ui", "ui", "ui"]
    assert find_function(dialog, "count").pure


def test_a_project_module_binding_a_name_wins_over_a_toolkit_star_import_down_the_chain() -> None:
    # tkintertable: the package star-imports `.Tables` (whose `.Dialogs` star-imports tkinter) and `.models`,
    # which binds `filtering` itself (`from . import filtering`): the name is that module, not a Tk name
    result = analyze(
        {
            "app/__init__.py": "from .tables import *\nfrom .models import *\n",
            "app/tables.py": "from .dialogs import *\n",
            "app/dialogs.py": "from tkinter import *\n",
            "app/filtering.py": "def keep(xs, name):\n    return [x for x in xs if x == name]\n",
            "app/models.py": """\
from . import filtering


def names(xs):
    return filtering.keep(xs, "a")
""",
        }
    )
    models = file_result(result, "app/models.py")
    assert models.classification == "Logic"
    assert find_function(models, "names").pure


@pytest.mark.parametrize(
    "branches",
    [
        "if USE_PYSIDE6:\n    from PySide6.QtWidgets import *\nelse:\n    from PyQt5.QtWidgets import *\n",
        "try:\n    from PyQt6.QtWidgets import *\nexcept ImportError:\n    from PyQt5.QtWidgets import *\n",
    ],
    ids=["if-else", "try-except"],
)
def test_a_wrapper_star_importing_one_toolkit_of_several_makes_them_ui_in_importers(branches: str) -> None:
    # qutebrowser's `qutebrowser/qt/widgets.py`: the name is one binding's or the other's, a toolkit's either way
    result = analyze(
        {
            "app/__init__.py": "",
            "app/widgets.py": "USE_PYSIDE6 = False\n" + branches,
            "app/main.py": """\
from app.widgets import QApplication, QLabel


class App(QApplication):
    def name(self):
        return self.applicationName()


def make(text):
    return QLabel(text)
""",
        }
    )
    main_file = file_result(result, "app/main.py")
    assert main_file.classification == "UI", main_file.ui_pct
    assert [r.kind for r in find_function(main_file, "App.name").reasons] == ["ui"]
    assert not find_function(main_file, "make").pure


def test_star_imports_of_two_libraries_that_are_no_toolkit_stay_unknown() -> None:
    result = analyze(
        {
            "app/__init__.py": "",
            "app/compat.py": "if FAST:\n    from json import *\nelse:\n    from simplejson import *\n",
            "app/main.py": "from app.compat import dumps\n\n\ndef save(x):\n    return dumps(x)\n",
        }
    )
    main_file = file_result(result, "app/main.py")
    assert main_file.classification == "Logic"
    assert not find_function(main_file, "save").pure  # one binding or the other: not known which


@pytest.mark.parametrize(
    "spelling",
    ["from .. import qtall as qt", "import app.qtall as qt", "from app import qtall as qt"],
    ids=["relative", "absolute", "from-package"],
)
def test_a_wrapper_read_as_a_module_gives_its_star_imported_toolkit_names(spelling: str) -> None:
    # veusz: `from .. import qtall as qt` then `qt.QDialog`, where qtall.py star-imports PyQt6.QtCore and .QtWidgets:
    # the name may come from either library, a toolkit's both ways (their dialogs were Logic, `QDialog` unknown)
    result = analyze(
        {
            "app/__init__.py": "",
            "app/qtall.py": "from PyQt6.QtCore import *\nfrom PyQt6.QtWidgets import *\n",
            "app/dialogs/__init__.py": "",
            "app/dialogs/about.py": f"""\
{spelling}


class About(qt.QDialog):
    def __init__(self, parent):
        qt.QDialog.__init__(self, parent)
        self.label = qt.QLabel("x")


def twice(x):
    return x * 2
""",
        }
    )
    about = file_result(result, "app/dialogs/about.py")
    assert about.classification == "UI", about.ui_pct
    init = find_function(about, "About.__init__")
    assert "calls qt.QLabel, a UI toolkit function" in [r.detail for r in init.reasons if r.kind == "ui"], init.reasons
    assert find_function(about, "twice").pure


def test_a_module_star_importing_the_toolkit_for_its_own_classes_is_no_wrapper() -> None:
    # idlelib's debugger_r.py: `from idlelib import debugger` then `debugger.Idb(…)`, where debugger.py does
    # `from tkinter import *` for its window classes: Idb is the project's own class, not a Tk name
    result = analyze(
        {
            "app/__init__.py": "",
            "app/debugger.py": """\
from tkinter import *


class Idb:
    def __init__(self, n):
        self.n = n


class Window:
    def show(self):
        return Toplevel()
""",
            "app/remote.py": "from app import debugger\n\n\ndef make(n):\n    return debugger.Idb(n)\n",
        }
    )
    remote = file_result(result, "app/remote.py")
    assert remote.classification == "Logic", remote.ui_pct
    assert find_function(remote, "make").pure


def test_a_package_star_importing_its_own_ui_module_read_as_a_module_is_no_wrapper() -> None:
    # `import app` where app/__init__.py does `from .widgets import *`: `app.util.twice` is the project's function
    result = analyze(
        {
            "app/__init__.py": "from .widgets import *\n",
            "app/widgets.py": "from tkinter import *\n",
            "app/util.py": "def twice(x):\n    return x * 2\n",
            "app/main.py": "import app\nimport app.util\n\n\ndef four():\n    return app.util.twice(2)\n",
        }
    )
    main_file = file_result(result, "app/main.py")
    assert main_file.classification == "Logic", main_file.ui_pct
    assert find_function(main_file, "four").pure


def test_a_module_star_importing_two_libraries_that_are_no_toolkit_read_as_a_module_stays_unknown() -> None:
    result = analyze(
        {
            "app/__init__.py": "",
            "app/compat.py": "from json import *\nfrom simplejson import *\n",
            "app/main.py": "from app import compat\n\n\ndef save(x):\n    return compat.dumps(x)\n",
        }
    )
    main_file = file_result(result, "app/main.py")
    assert main_file.classification == "Logic"
    save = find_function(main_file, "save")
    assert not save.pure and [r.kind for r in save.reasons] == ["unknown"], save.reasons


# kivy_garden.mapview (Kivy) imports itself absolutely, `from kivy_garden.mapview.utils import clamp`, and
# `kivy_garden` names Kivy's garden: the analysed folder is `mapview` (a package), `kivy_garden`, the namespace
# package holding it (PEP 420: no `__init__.py`), or the checkout's folder holding that, analysed from its parent (no
# import names it)
_GARDEN = {
    "utils.py": "def clamp(x, lo, hi):\n    return max(lo, min(hi, x))\n",
    "source.py": """\
from kivy_garden.mapview.utils import clamp
from kivy_garden.graph import Graph


def fit(x):
    return clamp(x, 0, 1)


def plot():
    return Graph()
""",
}


@pytest.mark.parametrize("root", ["the-package", "its-namespace-folder", "a-parent-folder"])
def test_a_project_importing_itself_by_a_toolkit_s_package_name_is_the_project(root: str) -> None:
    files = {"__init__.py": "", **_GARDEN}
    if root == "its-namespace-folder":
        tree = make_tree({f"mapview/{path}": text for path, text in files.items()}, name="kivy_garden")
        source_path = "mapview/source.py"
    elif root == "a-parent-folder":
        folder = "mapview/kivy_garden/mapview"
        tree = make_tree({f"{folder}/{path}": text for path, text in files.items()}, name="checkouts")
        source_path = f"{folder}/source.py"
    else:
        tree = make_tree(files, name="mapview", root_package="mapview")
        source_path = "source.py"
    source = file_result(analyze_tree(tree).result, source_path)
    fit = find_function(source, "fit")
    assert fit.pure and fit.extractable, fit.reasons
    assert not find_function(source, "plot").pure  # the garden's own Graph is Kivy's widget
    ui_lines = {n for start, end in source.ui_line_ranges for n in range(start, end + 1)}
    assert 1 not in ui_lines and 2 in ui_lines and 6 not in ui_lines


# A project's own top-level package named as a library's submodule (`app`, `utils`) is not that submodule: the
# namespace reading above is for a package no library owns (`rules.LIBRARY_PACKAGES`). With `app/` beside it,
# `from kivy.app import App` was read as the project's `app` and the whole Kivy app came out Logic.
@pytest.mark.parametrize(
    ("module", "imports", "widget"),
    [
        ("app/helpers.py", "from kivy.app import App", "App"),
        ("uix/label.py", "from kivy.uix.label import Label", "Label"),
        ("lib/buttons.py", "from wx.lib import buttons", "buttons.GenButton"),
    ],
    ids=["kivy.app", "kivy.uix.label", "wx.lib.buttons"],
)
def test_a_project_package_named_as_a_library_submodule_leaves_the_library_s_import_the_library_s(
    module: str, imports: str, widget: str
) -> None:
    result = analyze(
        {
            f"{module.split('/')[0]}/__init__.py": "",
            module: "def double(x):\n    return 2 * x\n",
            "main.py": f"{imports}\n\n\ndef make():\n    return {widget}()\n",
        }
    )
    main_file = file_result(result, "main.py")
    assert main_file.classification == "UI"
    make = find_function(main_file, "make")
    assert [r.kind for r in make.reasons] and all(r.kind == "ui" for r in make.reasons), make.reasons
    assert find_function(file_result(result, module), "double").pure


def test_a_namespace_no_library_owns_still_holds_the_project() -> None:
    # `acme` is no library the tables know: `acme.tool.units` is the analysed package `tool` (PEP 420 namespace)
    result = analyze(
        {
            "tool/__init__.py": "",
            "tool/units.py": "import tkinter as tk\n\nroot = tk.Tk()\n",
            "tool/view.py": "from acme.tool.units import root\n\n\ndef window():\n    return root\n",
        }
    )
    reasons = find_function(file_result(result, "tool/view.py"), "window").reasons
    assert "uses root, a UI name" in [r.detail for r in reasons], reasons


def test_a_project_module_named_as_a_toolkit_deeper_down_leaves_the_toolkit_s_import_ui() -> None:
    # `import wx` is wxPython even beside the project's own `gui/wx.py`: only a module named in full is the project's
    result = analyze(
        {
            "gui/__init__.py": "",
            "gui/wx.py": "def helper():\n    return 1\n",
            "main.py": "import wx\n\n\ndef frame():\n    return wx.Frame(None)\n",
        }
    )
    main_file = file_result(result, "main.py")
    assert main_file.classification == "UI"
    assert "uses wx, a UI name" in [r.detail for r in find_function(main_file, "frame").reasons if r.kind == "ui"]


def test_a_dynamic_import_of_a_non_toolkit_module_stays_logic_without_a_warning() -> None:
    result = analyze({"mod.py": 'import importlib\njson = importlib.import_module("json")\n'})
    assert file_result(result, "mod.py").classification == "Logic"
    assert result.warnings == []


def test_a_dynamic_import_of_a_plugin_without_toolkit_evidence_gives_no_warning() -> None:
    result = analyze({"mod.py": "import importlib\ndef load(name):\n    return importlib.import_module(name)\n"})
    assert result.warnings == []


WRAPPER_WITH_RUNTIME_CHOICE = """\
import importlib

_WRAPPERS = ("PySide6", "PyQt5")


def _pick():
    for api in _WRAPPERS:
        try:
            importlib.import_module(api)
        except ImportError:
            continue
        return api


API = _pick()
QtWidgets = importlib.import_module(API + ".QtWidgets")
"""


def test_an_unresolved_dynamic_import_in_a_file_naming_a_toolkit_is_a_warning() -> None:
    result = analyze(_wrapper(WRAPPER_WITH_RUNTIME_CHOICE))
    assert [(w.path, w.lineno, w.kind) for w in result.warnings] == [("app/qt/__init__.py", 9, "dynamic_import")]
    detail = result.warnings[0].detail
    assert "imports a module chosen at run time (api)" in detail
    assert "UI detection may be incomplete" in detail and "extra_toolkits" in detail
    # the leaf still says Qt: the importers are UI all the same
    assert file_result(result, "app/sub/base.py").classification == "UI"


def test_a_toolkit_named_only_in_strings_is_a_warning() -> None:
    result = analyze({"backend.py": 'BACKENDS = ["PySide6", "PyQt5"]\n\ndef choose(i):\n    return BACKENDS[i]\n'})
    assert [(w.path, w.lineno, w.kind) for w in result.warnings] == [("backend.py", 1, "toolkit_in_strings")]
    assert result.warnings[0].detail == (
        "names PySide6, PyQt5 in a string but nothing imports it; if the project loads it at run time, UI detection "
        "may be incomplete — add the module that loads it to extra_toolkits"
    )


def test_a_toolkit_string_of_a_family_the_project_imports_is_no_warning() -> None:
    result = analyze(
        {
            "gui.py": "from PyQt5 import QtWidgets\n",
            "about.py": 'def binding():\n    return "PySide6 or PyQt5"\n\nNAME = "PyQt5"\n',
        }
    )
    assert result.warnings == []


# Mutation tests (issue 12 item 6, fourth pass): `_warnings`.
def test_a_dynamic_import_in_a_file_importing_a_toolkit_is_a_warning() -> None:
    src = "import tkinter as tk\nimport importlib\n\n\ndef load(name):\n    return importlib.import_module(name)\n"
    result = analyze({"gui.py": src})
    assert [(w.path, w.lineno, w.kind) for w in result.warnings] == [("gui.py", 6, "dynamic_import")]


def test_a_dotted_toolkit_string_is_named_by_its_package() -> None:
    result = analyze({"backend.py": 'API = "PyQt5.QtWidgets"\n'})
    assert [w.detail.split(" in a string")[0] for w in result.warnings] == ["names PyQt5"]


def test_a_python_2_spelling_of_the_toolkit_the_project_imports_is_no_warning() -> None:
    result = analyze({"gui.py": "import tkinter\n", "compat.py": 'NAME = "Tkinter"\n'})
    assert result.warnings == []


def test_warnings_round_trip_through_the_json_result() -> None:
    from purelift.analysis import AnalysisResult

    result = analyze(_wrapper(WRAPPER_WITH_RUNTIME_CHOICE))
    again = AnalysisResult.from_dict(result.to_dict())
    assert again.warnings == result.warnings
    assert result.to_dict()["warnings"][0]["kind"] == "dynamic_import"


def test_the_cli_prints_each_warning_under_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path, text in _wrapper(WRAPPER_WITH_RUNTIME_CHOICE).items():
        target = tmp_path / "src" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    assert main(["analyze", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert (
        "warning: app/qt/__init__.py:9 imports a module chosen at run time (api); UI detection may be incomplete"
        " — add it to extra_toolkits"
    ) in out
