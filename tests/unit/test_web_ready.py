"""Web readiness (SPEC §2 "Web ready").

A file is web ready when it is `Logic`, parses, and neither it nor any project module it imports
(transitively) is `UI`/`Mixed` or uses a desktop-only API; `web_ready_blockers` says why not, with line
numbers. Lines marked `# <-` are where a blocker must be reported (any one of them when several are marked).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pytest
from purelift.analysis import analyze_tree, read_path
from purelift.analysis.config import EngineConfig

from tests.unit.engine_helpers import analyze, file_result

MARK = "# <-"

_UI = """\
import tkinter as tk


class Window(tk.Frame):
    pass
"""
_MIXED = """\
from tkinter import filedialog


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def ask():
    return filedialog.askopenfilename()
"""
_LOGIC = """\
def double(x):
    return x * 2
"""


def row(
    row_id: str,
    sources: str | Mapping[str, str],
    ready: bool,
    *,
    path: str | None = None,
    mentions: str | None = None,
) -> Any:
    """`mentions`: text a blocker at a marked line must contain (e.g. the module that blocks)."""
    if isinstance(sources, str):
        sources = {"mod.py": sources}
    sources = {p: textwrap.dedent(s) for p, s in sources.items()}
    path = path or ("mod.py" if "mod.py" in sources else next(iter(sources)))
    return pytest.param(sources, path, ready, mentions, id=row_id)


ROWS = [
    # --- ready
    row("ready-logic-alone", _LOGIC, True),
    row(
        "ready-stdlib-imports",
        """\
        import json
        import math
        import re


        def norm(text):
            return json.dumps(re.sub(r"\\s+", " ", text)), math.pi
        """,
        True,
    ),
    row(
        "ready-plain-file-io",
        """\
        import json
        import os
        import shutil


        def save(path, data):
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(data, fh)


        def exists(path):
            return os.path.exists(path)


        def backup(src, dst):
            shutil.copy(src, dst)
        """,
        True,
    ),
    row(
        "ready-imports-logic-module",
        {"util.py": _LOGIC, "mod.py": "from util import double\n\n\ndef quad(x):\n    return double(double(x))\n"},
        True,
    ),
    row(
        "ready-import-cycle-of-logic-modules",
        {
            "a.py": "import b\n\n\ndef fa(x):\n    return b.fb(x)\n",
            "b.py": "import a\n\n\ndef fb(x):\n    return x\n",
        },
        True,
        path="a.py",
    ),
    row(
        "ready-type-checking-import-of-ui-module",
        {
            "window.py": _UI,
            "mod.py": """\
            from __future__ import annotations

            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from window import Window


            def title(w: Window) -> str:
                return "x"
            """,
        },
        True,
    ),
    # --- the file itself
    row("blocked-ui-file", {"mod.py": _UI.replace("import tkinter as tk", "import tkinter as tk  # <-")}, False),
    row(
        "blocked-mixed-file",
        {"mod.py": _MIXED.replace("from tkinter import filedialog", "from tkinter import filedialog  # <-")},
        False,
    ),
    row(
        "blocked-parse-error",
        """\
        def f(x):
            return x = = 1  # <-
        """,
        False,
    ),
    # --- imports of project modules
    row(
        "blocked-imports-mixed-module",
        {
            "report.py": _MIXED,
            "mod.py": """\
            import json
            from report import add  # <-


            def total(a, b):
                return add(a, b)
            """,
        },
        False,
        mentions="report",
    ),
    row(
        "blocked-imports-ui-module",
        {
            "window.py": _UI,
            "mod.py": """\
            import window  # <-


            def f(x):
                return x
            """,
        },
        False,
        mentions="window",
    ),
    row(
        "blocked-relative-import-of-ui-module",
        {
            "pkg/__init__.py": "",
            "pkg/window.py": _UI,
            "pkg/logic.py": """\
            from . import window  # <-


            def f(x):
                return x
            """,
        },
        False,
        path="pkg/logic.py",
        mentions="window",
    ),
    row(
        "blocked-import-pkg-mod-as",
        {
            "pkg/__init__.py": "",
            "pkg/window.py": _UI,
            "pkg/logic.py": """\
            import pkg.window as w  # <-


            def f(x):
                return x
            """,
        },
        False,
        path="pkg/logic.py",
        mentions="window",
    ),
    row(
        "blocked-star-import-of-mixed-module",
        {
            "pkg/__init__.py": "",
            "pkg/report.py": _MIXED,
            "pkg/logic.py": """\
            from .report import *  # <-


            def f(x):
                return add(x, 1)
            """,
        },
        False,
        path="pkg/logic.py",
        mentions="report",
    ),
    row(
        "blocked-transitive-chain",
        {
            "a.py": """\
            import b  # <-


            def fa(x):
                return b.fb(x)
            """,
            "b.py": "import c\n\n\ndef fb(x):\n    return c.fc(x)\n",
            "c.py": "import d\n\n\ndef fc(x):\n    return x\n",
            "d.py": _UI,
        },
        False,
        path="a.py",
        mentions="d.py",
    ),
    row(
        "blocked-function-level-import-of-ui-module",
        {
            "window.py": _UI,
            "mod.py": """\
            def show(x):
                from window import Window  # <-

                return Window
            """,
        },
        False,
        mentions="window",
    ),
    row(
        "blocked-imports-module-that-does-not-parse",
        {
            "old.py": 'print "python 2"\n',
            "mod.py": """\
            import old  # <-


            def f(x):
                return x
            """,
        },
        False,
        mentions="old",
    ),
    row(
        "blocked-imports-module-using-desktop-api",
        {
            "storage.py": "import os\n\n\ndef open_in_editor(path):\n    os.startfile(path)\n",
            "mod.py": """\
            from storage import open_in_editor  # <-


            def f(p):
                return p
            """,
        },
        False,
        mentions="storage",
    ),
    # --- desktop-only APIs
    row(
        "desktop-ctypes-windll",
        """\
        import ctypes


        def hide_console():
            ctypes.windll.user32.ShowWindow(0, 0)  # <-
        """,
        False,
    ),
    row(
        "desktop-from-ctypes-import-windll",
        """\
        from ctypes import windll  # <-


        def hide_console():
            windll.user32.ShowWindow(0, 0)  # <-
        """,
        False,
    ),
    row(
        "desktop-win32api",
        """\
        import win32api  # <-


        def beep():
            win32api.Beep(440, 100)  # <-
        """,
        False,
    ),
    row(
        "desktop-win32gui",
        """\
        import win32gui  # <-


        def title(hwnd):
            return win32gui.GetWindowText(hwnd)  # <-
        """,
        False,
    ),
    row(
        "desktop-os-startfile",
        """\
        import os


        def open_in_editor(path):
            os.startfile(path)  # <-
        """,
        False,
    ),
    row(
        "desktop-from-os-import-startfile",
        """\
        from os import startfile  # <-


        def open_in_editor(path):
            startfile(path)  # <-
        """,
        False,
    ),
    row(
        "desktop-input",
        """\
        def ask(prompt):
            return input(prompt)  # <-
        """,
        False,
    ),
    row(
        "desktop-input-at-module-level",
        """\
        NAME = input("name? ")  # <-
        """,
        False,
    ),
    row(
        "desktop-msvcrt",
        """\
        import msvcrt  # <-


        def key():
            return msvcrt.getch()  # <-
        """,
        False,
    ),
    row(
        "desktop-winreg",
        """\
        import winreg  # <-


        def read():
            return winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Software")  # <-
        """,
        False,
    ),
    row(
        "desktop-pyserial",
        """\
        import serial  # <-


        def read():
            return serial.Serial("/dev/ttyUSB0", 9600)  # <-
        """,
        False,
        mentions="pyserial",
    ),
    row(
        "desktop-pyusb",
        """\
        import usb.core  # <-


        def read():
            return usb.core.find(idVendor=0x1234)  # <-
        """,
        False,
        mentions="usb",
    ),
    row(
        "desktop-hid",
        """\
        import hid  # <-


        def read():
            return hid.enumerate()  # <-
        """,
        False,
        mentions="hid",
    ),
    row(
        "desktop-bluetooth",
        """\
        import bluetooth  # <-


        def read():
            return bluetooth.discover_devices()  # <-
        """,
        False,
        mentions="bluetooth",
    ),
    row(
        "desktop-smbus",
        """\
        import smbus  # <-


        def read():
            return smbus.SMBus(1)  # <-
        """,
        False,
        mentions="smbus",
    ),
    row(
        "desktop-rpi-gpio",
        """\
        import RPi.GPIO as GPIO  # <-


        def read():
            return GPIO.input(17)  # <-
        """,
        False,
        mentions="RPi.GPIO",
    ),
    row(
        "desktop-dbus",
        """\
        import dbus  # <-


        def read():
            return dbus.SessionBus()  # <-
        """,
        False,
        mentions="D-Bus",
    ),
    row(
        "desktop-xlib",
        """\
        from Xlib import display  # <-


        def read():
            return display.Display()  # <-
        """,
        False,
        mentions="X11",
    ),
    row(
        "desktop-evdev",
        """\
        import evdev  # <-


        def read():
            return evdev.list_devices()  # <-
        """,
        False,
        mentions="evdev",
    ),
    row(
        "desktop-automation-pywinauto",
        """\
        from pywinauto.application import Application  # <-


        def start():
            return Application().start("notepad.exe")  # <-
        """,
        False,
        mentions="pywinauto",
    ),
    row(
        "desktop-monitors-screeninfo",
        """\
        import screeninfo  # <-


        def widest():
            return max(m.width for m in screeninfo.get_monitors())  # <-
        """,
        False,
        mentions="monitors",
    ),
    row(
        "desktop-opencv-window",
        """\
        import cv2


        def preview(img):
            cv2.imshow("preview", img)  # <-
        """,
        False,
    ),
    row(
        "opencv-image-processing-is-web-ready",
        """\
        import cv2


        def gray(img):
            return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        """,
        True,
    ),
    row(
        "desktop-screen-capture",
        """\
        from PIL import ImageGrab  # <-


        def read():
            return ImageGrab.grab()  # <-
        """,
        False,
        mentions="screen capture",
    ),
    row(
        "desktop-libnotify",
        """\
        from gi.repository import Notify  # <-


        def read():
            return Notify.init("app")  # <-
        """,
        False,
        mentions="libnotify",
    ),
    row(
        "desktop-audio-device",
        """\
        import sounddevice  # <-


        def read():
            return sounddevice.rec(10)  # <-
        """,
        False,
        mentions="audio",
    ),
    row(
        "desktop-android-bridge",
        """\
        from jnius import autoclass  # <-


        def read():
            return autoclass("android.os.Build")  # <-
        """,
        False,
        mentions="Android",
    ),
    row(
        "desktop-pywin32-file",
        """\
        import win32file  # <-


        def read():
            return win32file.GetDriveType("C:")  # <-
        """,
        False,
        mentions="win32file",
    ),
    # PIL's image work is not the screen: only `ImageGrab` is desktop-only
    row(
        "ready-pil-image",
        """\
        from PIL import Image


        def thumb(path):
            return Image.open(path).resize((8, 8))
        """,
        True,
    ),
    # A branch only Windows or macOS takes never runs on a web backend (Linux): its desktop-only uses do not block.
    row(
        "platform-darwin-branch-in-function",
        """\
        import ctypes
        import os
        import platform
        import sys


        def language():
            if sys.platform == "darwin":
                from Cocoa import NSUserDefaults

                return NSUserDefaults.standardUserDefaults().objectForKey_("AppleLanguages")[0]
            return "en"
        """,
        True,
    ),
    row(
        "platform-win32-module-level-import",
        """\
        import ctypes
        import os
        import platform
        import sys


        if sys.platform == "win32":
            import winreg


        def double(x):
            return x * 2
        """,
        True,
    ),
    row(
        "platform-os-name-nt",
        """\
        import ctypes
        import os
        import platform
        import sys


        def free():
            if os.name == "nt":
                return ctypes.windll.kernel32.GetTickCount()
            return 0
        """,
        True,
    ),
    row(
        "platform-startswith-win",
        """\
        import ctypes
        import os
        import platform
        import sys


        def free():
            if sys.platform.startswith(("win", "cygwin")):
                return ctypes.windll.kernel32.GetTickCount()
            return 0
        """,
        True,
    ),
    row(
        "platform-in-tuple",
        """\
        import ctypes
        import os
        import platform
        import sys


        def free():
            if sys.platform in ("win32", "darwin"):
                import win32api

                return win32api.GetTickCount()
            return 0
        """,
        True,
    ),
    row(
        "platform-system-call",
        """\
        import ctypes
        import os
        import platform
        import sys


        def free():
            if platform.system() == "Windows":
                import winreg

                return winreg.HKEY_CURRENT_USER
            return 0
        """,
        True,
    ),
    row(
        "platform-else-of-not-darwin",
        """\
        import ctypes
        import os
        import platform
        import sys


        def app():
            if sys.platform != "darwin":
                return None
            else:
                from AppKit import NSApp

                return NSApp
        """,
        True,
    ),
    row(
        "platform-else-of-linux",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key():
            if sys.platform.startswith("linux"):
                return None
            else:
                import winreg

                return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    row(
        "platform-not-win-else",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key():
            if not sys.platform.startswith("win"):
                return None
            import winreg

            return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    row(
        "platform-win-substring",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key():
            if "win" in sys.platform:
                import winreg

                return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    row(
        "platform-and-with-windows",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key(force):
            if force and sys.platform == "win32":
                import winreg

                return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    row(
        "platform-nested-inside-windows-branch",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key(force):
            if sys.platform == "win32":
                if force:
                    import winreg

                    return winreg.HKEY_CURRENT_USER
            return None
        """,
        True,
    ),
    row(
        "platform-kivy-android",
        """\
        import ctypes
        import os
        import platform
        import sys


        from kivy_platform import platform


        def vibrate():
            if platform == "android":
                from jnius import autoclass

                return autoclass("android.os.Vibrator")
        """,
        True,
    ),
    row(
        "platform-module-guard-clause-raises",
        """\
        import ctypes
        import os
        import platform
        import sys


        if sys.platform != "win32":
            raise ImportError("Windows only")

        import winreg


        def key():
            return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    # ... but a branch Linux may take does, and a test the engine cannot read counts both branches.
    row(
        "platform-guard-that-does-not-leave",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key():
            if sys.platform != "win32":
                print("not Windows")
            import winreg  # <-

            return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    row(
        "platform-guard-marks-only-its-own-body",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key(xs):
            for x in xs:
                if sys.platform != "win32":
                    continue
                print(x)
            import winreg  # <-

            return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    row(
        "platform-linux-branch-runs-on-a-server",
        """\
        import ctypes
        import os
        import platform
        import sys


        def bus():
            if sys.platform == "linux":
                import dbus  # <-

                return dbus.SessionBus()  # <-
        """,
        False,
        mentions="D-Bus",
    ),
    row(
        "platform-or-may-run-on-linux",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key(force):
            if sys.platform == "win32" or force:
                import winreg  # <-

                return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    row(
        "platform-name-bound-to-a-test-is-not-read",
        """\
        import ctypes
        import os
        import platform
        import sys


        IS_WINDOWS = sys.platform == "win32"


        def key():
            if IS_WINDOWS:
                import winreg  # <-

                return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    row(
        "platform-elif-chain-else-runs-on-linux",
        """\
        import ctypes
        import os
        import platform
        import sys


        def notifier():
            if sys.platform == "win32":
                import winreg

                return winreg
            elif sys.platform == "darwin":
                from AppKit import NSApp

                return NSApp
            else:
                import dbus  # <-

                return dbus.SessionBus()  # <-
        """,
        False,
        mentions="D-Bus",
    ),
    row(
        "platform-after-the-windows-branch",
        """\
        import ctypes
        import os
        import platform
        import sys


        def key():
            if sys.platform == "win32":
                pass
            import winreg  # <-

            return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    # A branch only Python 2 takes never runs on a web backend (Python 3) either; a test on the minor version does.
    row(
        "python-2-branch-by-six-flag",
        """\
        import six


        def key():
            if six.PY2:
                import winreg

                return winreg.HKEY_CURRENT_USER
            return None
        """,
        True,
    ),
    row(
        "python-2-branch-by-version-info-item",
        """\
        import sys


        def key():
            if not sys.version_info[0] < 3:
                return None
            import winreg

            return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    row(
        "python-3-branch-by-version-tuple-runs-on-a-server",
        """\
        import sys


        def key():
            if sys.version_info >= (3,):
                import winreg  # <-

                return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    row(
        "version-test-the-backend-decides",
        """\
        import sys


        def key():
            if sys.version_info >= (3, 10):
                import winreg  # <-

                return winreg.HKEY_CURRENT_USER  # <-
        """,
        False,
        mentions="winreg",
    ),
    row(
        "constant-false-branch-never-runs",
        """\
        def key():
            if 0:
                import winreg

                return winreg.HKEY_CURRENT_USER
        """,
        True,
    ),
    # Mutation rows (issue 12 item 6): which project modules an import runs (`solve._imports_of`).
    row(
        # a name the package re-exports: its own module is imported directly, not only through the package
        "blocked-from-package-import-re-exported-ui-class",
        {
            "pkg/__init__.py": "from pkg.win import Window\n",
            "pkg/win.py": _UI,
            "mod.py": "from pkg import Window  # <-\n\n\ndef f():\n    return 1\n",
        },
        False,
        path="mod.py",
        mentions="imports pkg/win.py, which is UI",
    ),
    row(
        # `from pkg import calc` runs the package's `__init__` first
        "blocked-from-ui-package-import-logic-submodule",
        {
            "pkg/__init__.py": _UI,
            "pkg/calc.py": _LOGIC,
            "mod.py": "from pkg import calc  # <-\n\n\ndef f():\n    return calc.double(1)\n",
        },
        False,
        path="mod.py",
        mentions="imports pkg/__init__.py, which is UI",
    ),
    row(
        "blocked-function-level-from-dot-import-of-ui-submodule",
        {
            "pkg/__init__.py": "",
            "pkg/win.py": _UI,
            "pkg/mod.py": "def f():\n    from . import win  # <-\n    return win\n",
        },
        False,
        path="pkg/mod.py",
        mentions="imports pkg/win.py, which is UI",
    ),
    row(
        # the blocker is at the first import of the module
        "blocked-ui-module-imported-twice",
        {
            "win.py": _UI,
            "mod.py": "import win  # <-\nfrom win import Window\n",
        },
        False,
        path="mod.py",
        mentions="imports win.py",
    ),
    row(
        # a name imported for the type checker only, and at run time from another module: that one counts
        "blocked-runtime-import-beside-a-type-checking-one",
        {
            "ui_a.py": _UI,
            "ui_b.py": _UI,
            "mod.py": """\
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from ui_a import Window
            else:
                from ui_b import Window  # <-
            """,
        },
        False,
        path="mod.py",
        mentions="imports ui_b.py, which is UI",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): `_web_readiness`'s walk over imports and its wording.
    row(
        "blocked-importing-a-file-that-does-not-parse",
        {"broken.py": "def f(:\n", "mod.py": "import broken  # <-\n"},
        False,
        path="mod.py",
        mentions="imports broken.py, which does not parse",
    ),
    row(
        "blocked-importing-a-logic-file-that-uses-a-desktop-only-api",
        {
            "win.py": "import ctypes\n\n\ndef beep():\n    ctypes.windll.user32.MessageBeep(0)\n",
            "mod.py": "import win  # <-\n",
        },
        False,
        path="mod.py",
        mentions="imports win.py, which uses a desktop-only API (",
    ),
    # after a module it has already met (c.py, through a.py), the walk goes on to what is left (e.py)
    row(
        "blocked-two-hops-down-past-a-module-already-met",
        {
            "a.py": "import c\n",
            "b.py": "import e\nimport c\n",
            "c.py": "X = 1\n",
            "e.py": _UI,
            "mod.py": "import a\nimport b  # <-\n",
        },
        False,
        path="mod.py",
        mentions="imports b.py -> e.py, which is UI",
    ),
    # A module no current Python has (`rules.REMOVED_FROM_PYTHON`): a web backend cannot import the file, unless the
    # import is a fallback (a `try` catching a failed import, a branch on the Python version).
    row(
        "blocked-importing-a-module-python-3-12-removed",
        "import imp  # <-\n\n\ndef load(path):\n    return path\n",
        False,
        mentions="imports imp, gone since Python 3.12",
    ),
    row(
        "blocked-importing-from-a-removed-package",
        "from distutils.version import LooseVersion  # <-\n\n\ndef newer(a, b):\n    return a > b\n",
        False,
        mentions="imports distutils, gone since Python 3.12",
    ),
    row(
        "blocked-importing-an-abc-alias-collections-lost",
        "from collections import Mapping  # <-\n\n\ndef is_map(x):\n    return isinstance(x, Mapping)\n",
        False,
        mentions="imports collections.Mapping, gone since Python 3.10",
    ),
    row(
        "blocked-importing-a-python-2-module-in-a-function",
        "def fetch(url):\n    import urllib2  # <-\n\n    return urllib2.urlopen(url)\n",
        False,
        mentions="imports urllib2, gone since Python 3",
    ),
    row(
        "blocked-a-try-that-does-not-catch-a-failed-import",
        "try:\n    import imp  # <-\nexcept ValueError:\n    imp = None\n",
        False,
        mentions="imp",
    ),
    row(
        "blocked-through-a-project-module-importing-a-removed-one",
        {"old.py": "import asyncore\n", "mod.py": "import old  # <-\n"},
        False,
        path="mod.py",
        mentions="imports old.py, which imports asyncore, gone since Python 3.12",
    ),
    row(
        "ready-importing-a-python-2-module-of-the-project-in-a-python-2-branch",
        {
            "types2.py": "from collections import Mapping\n",
            "types3.py": "from collections.abc import Mapping\n",
            "mod.py": "import sys\n\nif sys.version_info[0] == 2:\n    from types2 import Mapping\nelse:\n"
            "    from types3 import Mapping\n",
        },
        True,
        path="mod.py",
    ),
    row(
        "ready-importing-a-windows-module-of-the-project-in-a-windows-branch",
        {
            "win.py": "import ctypes\n\n\ndef beep():\n    ctypes.windll.user32.MessageBeep(0)\n",
            "mod.py": "import sys\n\nif sys.platform == 'win32':\n    import win\n",
        },
        True,
        path="mod.py",
    ),
    row(
        "blocked-importing-a-windows-module-of-the-project-in-a-linux-branch",
        {
            "win.py": "import ctypes\n\n\ndef beep():\n    ctypes.windll.user32.MessageBeep(0)\n",
            "mod.py": "import sys\n\nif sys.platform != 'win32':\n    import win  # <-\n",
        },
        False,
        path="mod.py",
        mentions="imports win.py, which uses a desktop-only API",
    ),
    row(
        "ready-a-removed-module-as-the-fallback-of-a-failed-import",
        """\
        try:
            from collections.abc import Mapping
        except ImportError:
            from collections import Mapping
        """,
        True,
    ),
    row(
        "ready-a-removed-module-tried-first",
        """\
        try:
            import urllib2 as request
        except (ValueError, ModuleNotFoundError):
            from urllib import request
        """,
        True,
    ),
    row(
        "ready-a-removed-module-under-a-bare-except",
        "try:\n    import cPickle as pickle\nexcept:\n    import pickle\n",
        True,
    ),
    row(
        "ready-a-removed-module-under-except-builtins-baseexception",
        "import builtins\n\ntry:\n    import imp\nexcept builtins.BaseException:\n    imp = None\n",
        True,
    ),
    row(
        "ready-a-removed-module-under-except-exception",
        "try:\n    import imp\nexcept Exception:\n    imp = None\n",
        True,
    ),
    row(
        "ready-a-removed-module-in-a-branch-on-the-minor-version",
        """\
        import sys

        if sys.version_info >= (3, 12):
            import importlib.util as loader
        else:
            import imp as loader
        """,
        True,
    ),
    row(
        "blocked-after-a-guarded-try-the-guard-ends",
        "try:\n    import imp\nexcept ImportError:\n    imp = None\nimport asynchat  # <-\n",
        False,
        mentions="asynchat",
    ),
    row(
        "blocked-after-a-branch-on-the-version-the-guard-ends",
        "import sys\n\nif sys.version_info < (3, 12):\n    import imp\nimport asynchat  # <-\n",
        False,
        mentions="asynchat",
    ),
    row(
        "ready-a-removed-module-in-a-branch-on-a-minor-version-flag",
        "from compat import PY38\n\nif not PY38:\n    import imp\n",
        True,
    ),
    row(
        "ready-a-removed-module-in-a-branch-on-a-py-flag",
        "from compat import PY3\n\nif not PY3:\n    import ConfigParser as configparser\n",
        True,
    ),
]


def _marked_lines(text: str) -> set[int]:
    return {i for i, line in enumerate(text.splitlines(), 1) if MARK in line}


@pytest.mark.parametrize(("sources", "path", "ready", "mentions"), ROWS)
def test_web_ready(sources: dict[str, str], path: str, ready: bool, mentions: str | None) -> None:
    f = file_result(analyze(sources), path)
    got = f"{f.classification}, web_ready={f.web_ready}, blockers={f.web_ready_blockers}"
    assert f.web_ready is ready, got
    if ready:
        assert f.web_ready_blockers == [], got
        return
    assert f.web_ready_blockers, got
    marked = _marked_lines(sources[path])
    at_marks = [b for b in f.web_ready_blockers if b.lineno in marked]
    assert at_marks, f"expected a blocker at line(s) {sorted(marked)}: {got}"
    if mentions is not None:
        assert any(mentions in b.detail for b in at_marks), f"expected {mentions!r} in a blocker: {got}"


def test_blockers_of_imports_come_in_line_order() -> None:
    """A star import is found after the named imports: the blockers are still sorted by their line."""
    sources = {"a.py": _UI, "b.py": _UI, "mod.py": "from a import *\nimport b\n"}
    f = file_result(analyze(sources), "mod.py")
    assert [(b.lineno, b.detail) for b in f.web_ready_blockers] == [
        (1, "imports a.py, which is UI"),
        (2, "imports b.py, which is UI"),
    ]


def test_a_failing_module_is_named_once_not_what_it_imports_in_turn() -> None:
    """Each import path is named up to its first failing module: what that module imports is its own blockers'
    business (Gooey's `__init__.py` listed 40 chains through one UI module for its one import line). A module also
    reached through passing modules is still named by that path."""
    sources = {
        "view.py": "import widgets\nimport dialogs\n" + _UI,
        "widgets.py": _UI,
        "dialogs.py": "import widgets\n" + _UI,
        "helpers.py": "import widgets\n",
        "mod.py": "import view\nimport helpers\n",
    }
    f = file_result(analyze(sources), "mod.py")
    assert [(b.lineno, b.detail) for b in f.web_ready_blockers] == [
        (1, "imports view.py, which is Mixed"),
        (2, "imports helpers.py -> widgets.py, which is UI"),
    ]


def test_every_blocker_has_a_line_and_a_reason() -> None:
    for param in ROWS:
        sources, path, _, _ = param.values
        f = file_result(analyze(sources), path)
        for b in f.web_ready_blockers:
            assert b.lineno >= 1 and b.detail.strip(), (param.id, b)


def test_example_app_web_readiness(example_app: Any) -> None:
    result = analyze_tree(read_path(example_app)).result
    by_path = {f.path: f for f in result.files}
    assert by_path["core/expression.py"].web_ready
    assert by_path["core/memory.py"].web_ready  # module state and impure functions are no blocker
    storage = by_path["core/storage.py"]
    assert not storage.web_ready
    assert [b.lineno for b in storage.web_ready_blockers] == [6, 50, 54], storage.web_ready_blockers
    assert "webbrowser" in storage.web_ready_blockers[0].detail
    assert "startfile" in storage.web_ready_blockers[1].detail
    assert not by_path["ui/window.py"].web_ready
    assert not by_path["ui/keypad.py"].web_ready
    assert "does not parse" in by_path["legacy_calc.py"].web_ready_blockers[0].detail
    launcher = by_path["__main__.py"]  # Logic itself, but it imports the UI
    assert launcher.classification == "Logic" and not launcher.web_ready
    assert "imports ui/window.py, which is UI" in launcher.web_ready_blockers[0].detail


def test_a_ui_file_says_so_before_its_own_desktop_only_uses() -> None:
    src = "import ctypes\nimport tkinter as tk\n\nroot = tk.Tk()\nctypes.windll.user32.MessageBeep(0)\n"
    f = file_result(analyze({"mod.py": src}), "mod.py")
    assert f.classification == "UI" and f.web_ready_blockers[0].detail.startswith("the file is UI (")
    assert len(f.web_ready_blockers) == 2, f.web_ready_blockers


def test_a_configured_desktop_only_module_blocks_web_readiness() -> None:
    # `extra_desktop_only` adds to the shipped table (mutation pass four: `rules.desktop_only` takes the table)
    sources = {"com.py": 'import vendorsdk.client\n\n\ndef word():\n    return vendorsdk.client.CreateObject("Word")\n'}
    assert file_result(analyze(sources), "com.py").web_ready
    config = EngineConfig.from_dict({"extra_desktop_only": {"vendorsdk": "the vendor's desktop SDK (vendorsdk)"}})
    f = file_result(analyze(sources, config), "com.py")
    assert not f.web_ready and any("vendor's desktop SDK" in b.detail for b in f.web_ready_blockers)
