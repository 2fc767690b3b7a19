"""The engine's rule tables: UI toolkits, known-pure and known-impure calls, mutating methods, desktop-only APIs.

Rules are data. Each table is a plain mapping or set keyed by dotted names as written after import
resolution (`os.path.join`, `datetime.datetime.now`); a key ending in `.*` covers a whole module.
`EngineConfig` (config.py) extends them without code changes.
"""

from __future__ import annotations

import builtins
import re
import sys
from typing import Final

# --- UI toolkits: module prefix -> the toolkit name reported in results ---------------------------------
UI_TOOLKITS: Final[dict[str, str]] = {
    "tkinter": "tkinter",
    "Tkinter": "tkinter",
    "ttk": "tkinter",
    "tkMessageBox": "tkinter",
    "tkFileDialog": "tkinter",
    "tkSimpleDialog": "tkinter",
    "tkColorChooser": "tkinter",
    "tkFont": "tkinter",
    "ScrolledText": "tkinter",
    "_tkinter": "tkinter",
    "tkinterdnd2": "tkinter",
    "tkcalendar": "tkinter",  # Tk widgets shipped apart from tkinter: the project need not import tkinter itself
    "tksheet": "tkinter",
    "ttkwidgets": "tkinter",
    "guizero": "guizero",  # Tk behind a simpler API
    "appJar": "appJar",
    "customtkinter": "customtkinter",
    "ttkbootstrap": "ttkbootstrap",
    "ttkthemes": "tkinter",
    "Pmw": "tkinter",  # Python megawidgets, built on Tk
    "pygubu": "tkinter",  # Tk UI builder: `pygubu.Builder` loads a .ui file into Tk widgets
    "tkinterweb": "tkinter",
    "tkhtmlview": "tkinter",
    "tkintermapview": "tkinter",
    "tktooltip": "tkinter",
    "awesometkinter": "tkinter",  # the widget libraries pygubu's plugins wrap
    "tkintertable": "tkinter",
    "TKinterModernThemes": "tkinter",
    "tkfilebrowser": "tkinter",
    "tkscrolledframe": "tkinter",
    "turtle": "turtle",
    "PyQt4": "PyQt4",
    "PyQt5": "PyQt5",
    "PyQt6": "PyQt6",
    "PySide": "PySide",
    "PySide2": "PySide2",
    "PySide6": "PySide6",
    "qtpy": "qtpy",
    "AnyQt": "AnyQt",  # Orange's Qt shim (PyQt5/6, PySide2/6 behind one name)
    "pyqtgraph": "pyqtgraph",
    "qtawesome": "qtawesome",  # icons as QIcon (needs a QApplication)
    "sip": "PyQt",
    "shiboken2": "PySide2",  # PySide's `sip`: `shiboken6.isValid(widget)`, `wrapInstance`
    "shiboken6": "PySide6",
    "traitsui": "traitsui",  # Enthought's declarative UI (Qt or wx behind it)
    "pyface": "pyface",
    "enaml": "enaml",
    "wx": "wx",
    "kivy": "kivy",
    "kivymd": "kivymd",
    "kivy_garden": "kivy",  # the garden's widgets (`kivy_garden.graph`, `.mapview`)
    "gi.repository.Gtk": "gtk",
    "gi.repository.Gdk": "gtk",
    "gi.repository.GdkPixbuf": "gtk",
    "gi.repository.GtkSource": "gtk",
    "gi.repository.Adw": "gtk",
    "gi.repository.Handy": "gtk",
    "gi.repository.Vte": "gtk",
    "gi.repository.WebKit2": "gtk",
    "gi.repository.WebKit": "gtk",  # WebKitGTK 6 (GTK 4)
    "gi.repository.AppIndicator3": "gtk",  # tray icons and their menus
    "gi.repository.AyatanaAppIndicator3": "gtk",
    "gi.repository.Wnck": "gtk",
    "gi.repository.Keybinder": "gtk",
    "gaphas.view": "gtk",  # gaphas' GTK canvas widget and its tools (its geometry and solver are plain Python)
    "gaphas.tool": "gtk",
    "gtk": "gtk",
    "gobject": "gtk",
    "pygtk": "gtk",
    "pygame": "pygame",
    "PySimpleGUI": "PySimpleGUI",
    "PySimpleGUIQt": "PySimpleGUI",
    "PySimpleGUIWx": "PySimpleGUI",
    "PySimpleGUIWeb": "PySimpleGUI",
    "FreeSimpleGUI": "PySimpleGUI",
    "dearpygui": "dearpygui",
    "toga": "toga",
    "flet": "flet",
    "easygui": "easygui",
    "pyglet": "pyglet",
    "arcade": "arcade",
    "pystray": "pystray",
    "webview": "pywebview",  # pywebview: a native desktop window around a web view
    # Windows, input and drawing for OpenGL apps and games: a web backend has no window or GL context
    "glfw": "glfw",
    "sdl2": "sdl2",  # PySDL2
    "OpenGL": "opengl",  # PyOpenGL: GL, GLU, GLUT
    "moderngl_window": "moderngl-window",
    "vispy": "vispy",
    "napari": "napari",
    "ursina": "ursina",
    "panda3d": "panda3d",
    "direct.showbase": "panda3d",
    "direct.gui": "panda3d",
    "direct.task": "panda3d",
    "Tix": "tkinter",
    # Pillow's bridges to the toolkits: `ImageTk.PhotoImage` needs a Tk root, `ImageQt` a Qt application
    "PIL.ImageTk": "tkinter",
    "PIL.ImageQt": "Qt",
    # OpenCV's HighGUI: its own windows, trackbars and key loop (the rest of cv2 is image processing)
    **{
        f"cv2.{name}": "opencv-highgui"
        for name in (
            "imshow namedWindow destroyWindow destroyAllWindows waitKey waitKeyEx pollKey moveWindow resizeWindow "
            "setWindowTitle setWindowProperty getWindowProperty getWindowImageRect createTrackbar getTrackbarPos "
            "setTrackbarPos setTrackbarMin setTrackbarMax setMouseCallback selectROI selectROIs startWindowThread "
            "createButton displayOverlay displayStatusBar"
        ).split()
    },
    "matplotlib.backends.backend_tkagg": "matplotlib-tk",
    "matplotlib.backends.backend_qtagg": "matplotlib-qt",
    "matplotlib.backends.backend_qt5agg": "matplotlib-qt",
    "matplotlib.backends.backend_qt4agg": "matplotlib-qt",
    "matplotlib.backends.backend_wxagg": "matplotlib-wx",
    "matplotlib.backends.backend_gtk3agg": "matplotlib-gtk",
    # the canvases' and toolbars' other modules (matplotlib 3.5+ names the Qt one `backend_qt`)
    "matplotlib.backends.backend_tk": "matplotlib-tk",
    "matplotlib.backends.backend_tkcairo": "matplotlib-tk",
    "matplotlib.backends.backend_qt": "matplotlib-qt",
    "matplotlib.backends.backend_qt5": "matplotlib-qt",
    "matplotlib.backends.backend_qtcairo": "matplotlib-qt",
    "matplotlib.backends.backend_qt5cairo": "matplotlib-qt",
    "matplotlib.backends.backend_wx": "matplotlib-wx",
    "matplotlib.backends.backend_wxcairo": "matplotlib-wx",
    "matplotlib.backends.backend_gtk3": "matplotlib-gtk",
    "matplotlib.backends.backend_gtk3cairo": "matplotlib-gtk",
    "matplotlib.backends.backend_gtk4": "matplotlib-gtk",
    "matplotlib.backends.backend_gtk4agg": "matplotlib-gtk",
    "matplotlib.backends.backend_gtk4cairo": "matplotlib-gtk",
    "matplotlib.backends.backend_macosx": "matplotlib-macosx",
}

# --- Toolkits loaded at run time (issue 10) --------------------------------------------------------------------
# The leaf of a module name folded from a dynamic import (`importlib.import_module(API + ".QtWidgets")`): the
# binding is chosen at run time, the toolkit is not.
DYNAMIC_TOOLKIT_LEAVES: Final[dict[str, str]] = {
    "QtWidgets": "Qt",
    "QtCore": "Qt",
    "QtGui": "Qt",
    "QtPrintSupport": "Qt",
    "QtSvg": "Qt",
    "QtWebEngineWidgets": "Qt",
    "wx": "wx",
    "tkinter": "tkinter",
    "Tkinter": "tkinter",
}
# Toolkit families: a string naming one member is resolved when the project imports any member.
TOOLKIT_FAMILIES: Final[dict[str, str]] = {
    "tkinter": "tk",
    "customtkinter": "tk",
    "ttkbootstrap": "tk",
    "PyQt4": "qt",
    "PyQt5": "qt",
    "PyQt6": "qt",
    "PySide": "qt",
    "PySide2": "qt",
    "PySide6": "qt",
    "qtpy": "qt",
    "AnyQt": "qt",
    "pyqtgraph": "qt",
    "qtawesome": "qt",
    "guizero": "tk",
    "appJar": "tk",
    "PyQt": "qt",
    "Qt": "qt",
    "wx": "wx",
    "kivy": "kivy",
    "kivymd": "kivy",
    "gtk": "gtk",
}
# Module names that, written as a string constant, are evidence of a toolkit the code may load at run time.
TOOLKIT_STRINGS: Final[frozenset[str]] = frozenset(
    {"tkinter", "Tkinter", "PyQt4", "PyQt5", "PyQt6", "PySide", "PySide2", "PySide6", "qtpy", "wx", "kivy"}
)
TOOLKIT_STRING_HEADS: Final[frozenset[str]] = frozenset(name[:2] for name in TOOLKIT_STRINGS)  # a cheap first test

# --- Methods only widgets have (issue 10) ---------------------------------------------------------------------
# Called on an object of unknown type (a parameter, `self.x`) in a project that uses the toolkit, they say the
# object is a widget. Names other objects also have (`get`, `index`, `bind`, `after`, `config`, `show`, `connect`)
# are left out: alone they prove nothing.
WIDGET_METHODS: Final[dict[str, str]] = {
    **dict.fromkeys(
        (
            "tag_add tag_remove tag_configure tag_config tag_bind tag_ranges tag_nextrange tag_prevrange "
            "tag_raise tag_lower mark_set mark_unset mark_gravity pack pack_forget pack_propagate grid "
            "grid_forget grid_remove grid_rowconfigure grid_columnconfigure rowconfigure columnconfigure place "
            "place_forget focus_set focus_force event_generate create_line create_rectangle create_oval "
            "create_text create_window create_polygon create_image create_arc itemconfig itemconfigure "
            "update_idletasks after_idle after_cancel bind_all unbind_all xview_moveto yview_moveto "
            "selection_set selection_clear edit_modified edit_undo edit_redo"
        ).split(),
        "tk",
    ),
    **dict.fromkeys(
        (
            "setText setPlainText toPlainText setWindowTitle setLayout addWidget addLayout addStretch "
            "setCentralWidget setToolTip setStatusTip setStyleSheet setSizePolicy setFixedSize setFixedWidth "
            "setFixedHeight setMinimumWidth setMinimumHeight setMaximumWidth setMaximumHeight setContentsMargins "
            "setShortcut setTextCursor textCursor setPixmap setIconSize setAcceptDrops setReadOnly setAlignment "
            "setHorizontalHeaderLabels resizeColumnsToContents setCurrentWidget setWidget addTab setTabText "
            "setFocusPolicy setContextMenuPolicy setWindowIcon setMenuBar setStatusBar"
        ).split(),
        "qt",
    ),
    **dict.fromkeys(
        (
            "Bind Unbind SetSizer SetSizerAndFit SetLabel SetBackgroundColour SetForegroundColour SetToolTip "
            "SetStatusText SetMenuBar AppendText SetInsertionPoint SetMinSize SetScrollbars SetTitle "
            "SetSelection GetSizer SetFocus SetCursor"
        ).split(),
        "wx",
    ),
    **dict.fromkeys("add_widget remove_widget clear_widgets collide_point to_window to_widget".split(), "kivy"),
    **dict.fromkeys(
        "pack_start pack_end show_all set_sensitive set_tooltip_text set_halign set_valign set_child".split(), "gtk"
    ),
}
# The last word of an attribute name a widget's part is usually called by (`editwin.text`, `self.main_window`,
# `dlg.ok_button`, `w.children`): an attribute of a widget is a widget only under such a name — `settings.key` of a
# main window is data.
WIDGET_ATTRIBUTE_WORDS: Final[frozenset[str]] = frozenset(
    (
        "text canvas frame window win widget widgets label button btn entry listbox tree treeview view menu menubar "
        "toolbar statusbar panel dialog dlg editor edit scrollbar root master parent top toplevel notebook tab tabs "
        "layout sizer combo combobox spinbox slider checkbox radio children container pane splitter viewport"
    ).split()
)


# Capitalised toolkit *functions* (wx names its functions as it names its classes: `wx.GetTextFromUser`,
# `wx.MessageBox`, `wx.CallAfter`): they return data, not a widget.
_FUNCTION_VERBS: Final[tuple[str, ...]] = (
    "Get", "Set", "Is", "Has", "Call", "Begin", "End", "Launch", "Safe", "Yield", "Post", "Wake", "Find", "Load",
    "Save", "Execute", "Shell", "Bell", "Sleep", "MilliSleep", "MicroSleep", "Exit", "Init", "Translate",
)  # fmt: skip


def looks_like_class(name: str) -> bool:
    """`Toplevel`, `QLabel`, `BoxSizer`: a name a toolkit gives a class (calling it builds a widget)."""
    if not name[:1].isupper() or name.isupper() or name == "MessageBox" or name.endswith(("Selector", "FromUser")):
        return False
    return not any(
        name.startswith(verb) and (len(name) == len(verb) or name[len(verb)].isupper()) for verb in _FUNCTION_VERBS
    )


def is_widget_attribute(name: str) -> bool:
    """`text`, `main_window`, `textEdit`, `okButton`: the name's last word names a widget part."""
    words = re.findall(r"[a-z]+|[A-Z][a-z]*", name)
    return bool(words) and words[-1].lower() in WIDGET_ATTRIBUTE_WORDS


WIDGET_METHOD_PREFIXES: Final[dict[str, str]] = {"winfo_": "tk", "wm_": "tk"}


def widget_method_family(method: str) -> str | None:
    """The toolkit family whose widgets alone have `method`, or None."""
    family = WIDGET_METHODS.get(method)
    if family is None and "_" in method:
        family = WIDGET_METHOD_PREFIXES.get(method[: method.index("_") + 1])
    return family


# --- Desktop-only APIs: they block web readiness (prefix match on the resolved dotted name) ---------------
DESKTOP_ONLY: Final[dict[str, str]] = {
    "ctypes.windll": "Windows DLL access (ctypes.windll)",
    "ctypes.WinDLL": "Windows DLL access (ctypes.WinDLL)",
    "ctypes.oledll": "Windows OLE DLL access (ctypes.oledll)",
    "ctypes.wintypes": "Windows types (ctypes.wintypes)",
    "win32api": "pywin32 (win32api)",
    "win32con": "pywin32 (win32con)",
    "win32gui": "pywin32 (win32gui)",
    "win32com": "pywin32 (win32com)",
    "win32clipboard": "pywin32 (win32clipboard)",
    "win32process": "pywin32 (win32process)",
    "win32print": "pywin32 (win32print)",
    "win32ui": "pywin32 (win32ui)",
    "pywintypes": "pywin32 (pywintypes)",
    "pythoncom": "pywin32 (pythoncom)",
    "winreg": "Windows registry (winreg)",
    "_winreg": "Windows registry (_winreg)",
    "msvcrt": "Windows console (msvcrt)",
    "winsound": "Windows sound (winsound)",
    "os.startfile": "opens a file with the desktop (os.startfile)",
    "input": "console input (input())",
    "raw_input": "console input (raw_input())",
    "getpass.getpass": "console input (getpass)",
    "webbrowser": "opens a local browser (webbrowser)",
    "pyautogui": "desktop automation (pyautogui)",
    "pynput": "desktop input hooks (pynput)",
    "keyboard": "desktop keyboard hooks (keyboard)",
    "mouse": "desktop mouse hooks (mouse)",
    "pyperclip": "desktop clipboard (pyperclip)",
    "plyer": "desktop notifications (plyer)",
    "AppKit": "macOS AppKit",
    "Foundation": "macOS Foundation",
    "objc": "macOS PyObjC",
    "Cocoa": "macOS Cocoa",
    "CoreFoundation": "macOS CoreFoundation",
    "Quartz": "macOS Quartz (screen and window services)",
    "win32file": "pywin32 (win32file)",
    "win32event": "pywin32 (win32event)",
    "win32pipe": "pywin32 (win32pipe)",
    "win32service": "pywin32 (win32service)",
    "winshell": "Windows shell (winshell)",
    "comtypes": "Windows COM (comtypes)",
    "wmi": "Windows Management Instrumentation (wmi)",
    # The user's desktop session: its display, bus, notifications, screen and sound devices.
    "Xlib": "X11 display access (python-xlib)",
    "dbus": "the desktop's D-Bus (dbus-python)",
    "pydbus": "the desktop's D-Bus (pydbus)",
    "gi.repository.Notify": "desktop notifications (libnotify)",
    "notify2": "desktop notifications (notify2)",
    "PIL.ImageGrab": "screen capture (PIL.ImageGrab)",
    "mss": "screen capture (mss)",
    "pyaudio": "local audio devices (pyaudio)",
    "sounddevice": "local audio devices (sounddevice)",
    "simpleaudio": "local audio playback (simpleaudio)",
    "playsound": "local audio playback (playsound)",
    "pyttsx3": "local text-to-speech (pyttsx3)",
    # A phone's platform: the Android Java bridge and iOS's Objective-C bridge (Kivy apps).
    "jnius": "Android Java bridge (pyjnius)",
    "android": "Android platform API (python-for-android)",
    "pyobjus": "iOS Objective-C bridge (pyobjus)",
    # Local hardware: a web backend has no serial port, USB/HID device, Bluetooth radio, I2C bus or GPIO pins.
    "serial": "serial-port access (pyserial)",
    "usb": "USB device access (pyusb)",
    "hid": "USB HID device access (hid)",
    "bluetooth": "Bluetooth radio access (bluetooth)",
    "smbus": "I2C bus access (smbus)",
    "smbus2": "I2C bus access (smbus2)",
    "RPi.GPIO": "Raspberry Pi GPIO pins (RPi.GPIO)",
    "evdev": "Linux input devices (evdev)",
    "pyudev": "device events (pyudev)",
    "picamera": "Raspberry Pi camera (picamera)",
    "picamera2": "Raspberry Pi camera (picamera2)",
    "pywinauto": "desktop automation (pywinauto)",
    "pygetwindow": "desktop windows (pygetwindow)",
    "screeninfo": "the local monitors (screeninfo)",
    "clipboard": "desktop clipboard (clipboard)",
    "win10toast": "desktop notifications (win10toast)",
    "win11toast": "desktop notifications (win11toast)",
    "winotify": "desktop notifications (winotify)",
    "pync": "macOS notifications (pync)",
}

# --- Calls with a known effect: dotted name (or `module.*`) -> reason kind -------------------------------
KNOWN_IMPURE: Final[dict[str, str]] = {
    # builtins
    "print": "io",
    "input": "io",
    "raw_input": "io",
    "open": "io",
    "exec": "io",
    "eval": "io",
    "execfile": "io",
    "breakpoint": "io",
    "exit": "io",
    "quit": "io",
    "help": "io",
    "__import__": "io",
    "id": "nondeterministic",
    "globals": "global_read",
    "vars": "unknown",
    "locals": "unknown",
    # processes, files, environment, network
    "os.*": "io",
    "nt.*": "io",
    "posix.*": "io",
    # what `os.path` is on each platform: the same file-system functions (`exists`, `realpath`, `expanduser`)
    "posixpath.*": "io",
    "ntpath.*": "io",
    "sys.*": "io",
    "subprocess.*": "io",
    "socket.*": "io",
    "ssl.*": "io",
    "select.*": "io",
    "selectors.*": "io",
    "shutil.*": "io",
    # Pillow: files, fonts and the desktop's image viewer (its image processing is KNOWN_PURE)
    **dict.fromkeys(
        (
            "PIL.Image.open",
            "PIL.Image.Image.save",
            "PIL.Image.Image.show",
            "PIL.ImageFont.truetype",
            "PIL.ImageFont.load",
            "PIL.ImageFont.load_path",
            "PIL.ImageFont.load_default",
        ),
        "io",
    ),
    "PIL.ImageOps.exif_transpose": "unknown",  # `in_place=True` changes the image it is given
    # OpenCV's files, cameras and videos (its image processing is CV2_PURE)
    **dict.fromkeys(
        (
            f"cv2.{name}"
            for name in (
                "imread imreadmulti imwrite imwritemulti haveImageReader haveImageWriter VideoCapture VideoWriter "
                "CascadeClassifier FileStorage dnn.readNet dnn.readNetFromCaffe dnn.readNetFromTensorflow "
                "dnn.readNetFromONNX dnn.readNetFromDarknet"
            ).split()
        ),
        "io",
    ),
    "tempfile.*": "io",
    "glob.*": "io",
    "fileinput.*": "io",
    "io.open": "io",
    "io.open_code": "io",
    "codecs.open": "io",
    "zipfile.*": "io",
    "tarfile.*": "io",
    "gzip.open": "io",
    "bz2.open": "io",
    "lzma.open": "io",
    "shelve.*": "io",
    "dbm.*": "io",
    "sqlite3.*": "io",
    "mmap.*": "io",
    "signal.*": "io",
    "atexit.*": "global_write",
    "platform.*": "io",
    "getpass.*": "io",
    "pwd.*": "io",
    "grp.*": "io",
    "resource.*": "io",
    "ctypes.*": "io",
    "threading.*": "io",
    "_thread.*": "io",
    "multiprocessing.*": "io",
    "concurrent.*": "io",
    "asyncio.*": "io",
    "sched.*": "io",
    "logging.*": "io",
    # a logger's methods, on a logger held as `self.log = logging.getLogger(…)` or annotated `log: logging.Logger`
    "logging.getLogger.*": "io",
    "logging.Logger.*": "io",
    "logging.LoggerAdapter.*": "io",
    # the other logging libraries: their loggers write to their handlers (Pyfa's `pyfalog = logbook.Logger(…)`)
    "logbook.*": "io",
    "loguru.*": "io",
    "structlog.*": "io",
    # argparse: parsing reads sys.argv when given no list, and on an error or `--help` prints and exits
    **dict.fromkeys(
        (
            f"argparse.ArgumentParser.{m}"
            for m in (
                "parse_args",
                "parse_known_args",
                "parse_intermixed_args",
                "parse_known_intermixed_args",
                "error",
                "exit",
                "print_help",
                "print_usage",
            )
        ),
        "io",
    ),
    # functions named like exception classes (`constructs_exception`): they read the thread's last OS error
    "ctypes.WinError": "io",
    "ctypes.FormatError": "io",
    "warnings.warn": "io",
    "warnings.simplefilter": "global_write",
    "warnings.filterwarnings": "global_write",
    "warnings.resetwarnings": "global_write",
    "faulthandler.*": "io",
    "threading.Thread.start": "io",
    "threading.Timer.start": "io",
    "threading.Thread.join": "io",  # waits for another thread: a backend request would block on it
    "threading.Timer.join": "io",
    # a translation is looked up in the catalogues the process bound (files on disk) for the language its
    # environment names (LANGUAGE, LC_*): what a web backend returns is not what the desktop showed
    **dict.fromkeys(
        (f"gettext.{f}" for f in ("gettext", "ngettext", "pgettext", "npgettext", "dgettext", "dngettext")), "io"
    ),
    "locale.format_string": "global_read",  # formats by the locale `setlocale` set for the whole process
    "locale.currency": "global_read",
    "locale.str": "global_read",
    # a queue is a channel between threads: what get() returns another thread put (and it may wait for it)
    **{
        f"queue.{cls}.{method}": "unknown"
        for cls in ("Queue", "LifoQueue", "PriorityQueue", "SimpleQueue")
        for method in ("get", "get_nowait", "join")
    },  # exact, so a project subclass calling `self.start()` is judged by it too
    "traceback.print_exc": "io",
    "traceback.print_exception": "io",
    "traceback.print_stack": "io",
    "pdb.*": "io",
    "webbrowser.*": "io",
    "urllib.request.*": "io",
    "urllib2.*": "io",
    "urllib.urlopen": "io",
    "http.client.*": "io",
    "http.server.*": "io",
    "httplib.*": "io",
    "ftplib.*": "io",
    "smtplib.*": "io",
    "poplib.*": "io",
    "imaplib.*": "io",
    "telnetlib.*": "io",
    "xmlrpc.*": "io",
    "socketserver.*": "io",
    "requests.*": "io",
    "httpx.*": "io",
    "aiohttp.*": "io",
    "urllib3.*": "io",
    "psycopg2.*": "io",
    "psycopg.*": "io",
    "pymysql.*": "io",
    "MySQLdb.*": "io",
    "mysql.*": "io",
    "pymongo.*": "io",
    "redis.*": "io",
    "sqlalchemy.*": "io",
    "boto3.*": "io",
    "paramiko.*": "io",
    "serial.*": "io",
    "usb.*": "io",
    "winsound.*": "io",
    "winreg.*": "io",
    "_winreg.*": "io",
    "msvcrt.*": "io",
    "win32api.*": "io",
    "win32gui.*": "io",
    "win32com.*": "io",
    "win32clipboard.*": "io",
    "pyautogui.*": "io",
    "pyperclip.*": "io",
    "playsound.*": "io",
    "pickle.load": "io",
    "pickle.dump": "io",
    # Unpickling calls whatever its data names (a class's constructor and `__setstate__`, any importable callable
    # through `__reduce__`: `os.system` as well): what runs is not in the code, and a backend handed such bytes
    # runs it. Pickling stays pure (it reads the objects).
    "pickle.loads": "unknown",
    "pickle.Unpickler": "unknown",
    "_pickle.loads": "unknown",
    "cPickle.loads": "unknown",
    "dill.loads": "unknown",
    "cloudpickle.loads": "unknown",
    "cPickle.load": "io",
    "cPickle.dump": "io",
    "marshal.load": "io",
    "marshal.dump": "io",
    "json.load": "io",
    "json.dump": "io",
    "csv.*": "io",
    "configparser.ConfigParser.read": "io",
    "configparser.RawConfigParser.read": "io",
    "importlib.*": "io",
    "imp.*": "io",
    "runpy.*": "io",
    "time.sleep": "io",
    "pathlib.Path.cwd": "io",
    "pathlib.Path.home": "io",
    **{
        f"pathlib.Path.{method}": "io"
        for method in (
            "read_text read_bytes write_text write_bytes open exists is_file is_dir is_symlink is_mount mkdir "
            "rmdir unlink iterdir glob rglob stat lstat touch rename replace resolve absolute expanduser samefile "
            "chmod lchmod owner group readlink symlink_to hardlink_to walk"
        ).split()
    },
    "locale.setlocale": "global_write",
    "gc.*": "io",
    # nondeterminism
    "random.*": "nondeterministic",
    "secrets.*": "nondeterministic",
    "uuid.uuid1": "nondeterministic",
    "uuid.uuid4": "nondeterministic",
    "os.urandom": "nondeterministic",
    "os.getpid": "nondeterministic",
    "time.time": "nondeterministic",
    "time.time_ns": "nondeterministic",
    "time.monotonic": "nondeterministic",
    "time.monotonic_ns": "nondeterministic",
    "time.perf_counter": "nondeterministic",
    "time.perf_counter_ns": "nondeterministic",
    "time.process_time": "nondeterministic",
    "time.thread_time": "nondeterministic",
    "time.localtime": "nondeterministic",
    "time.gmtime": "nondeterministic",
    "time.ctime": "nondeterministic",
    "time.asctime": "nondeterministic",
    "time.strftime": "nondeterministic",
    "time.clock": "nondeterministic",
    "time.*": "nondeterministic",
    "datetime.datetime.now": "nondeterministic",
    "datetime.datetime.today": "nondeterministic",
    "datetime.datetime.utcnow": "nondeterministic",
    "datetime.datetime.fromtimestamp": "nondeterministic",
    "datetime.date.today": "nondeterministic",
    "datetime.date.fromtimestamp": "nondeterministic",
    "numpy.random.*": "nondeterministic",
    # numpy: uninitialised memory, and files (`np.save`, `np.loadtxt`, `np.fromfile`, `arr.tofile()`…)
    "numpy.empty": "nondeterministic",
    "numpy.empty_like": "nondeterministic",
    **{
        f"numpy.{name}": "io"
        for name in (
            "save savez savez_compressed savetxt load loadtxt genfromtxt fromfile fromregex memmap "
            "ndarray.tofile ndarray.dump"
        ).split()
    },
    "tracemalloc.*": "io",
    "kivy.logger.*": "io",
    "kivy.clock.*": "io",
    "inspect.*": "io",
    "traceback.*": "io",
}

# --- Process control: what ends the process an extracted function would run in (a web backend's) ------
# Raising is pure, except for these exceptions: nothing a web framework catches (`except Exception`) stops
# them, so raising one (the class or an instance, a project subclass too) is `io`.
EXIT_EXCEPTIONS: Final[frozenset[str]] = frozenset({"SystemExit", "KeyboardInterrupt", "GeneratorExit"})
# Calls that end the process: `io` like the rest of `os.*`/`sys.*`, with a detail that says so.
EXIT_CALLS: Final[frozenset[str]] = frozenset(
    {"sys.exit", "os._exit", "os.abort", "exit", "quit", "_thread.exit", "_thread.interrupt_main"}
)

# --- numpy: what is pure, and where each pure function takes the array it writes into -------------------
# `np.add(a, b, out=a)` or `np.add(a, b, a)` writes into `a`: the engine records a call with `out=` (or a
# positional argument at or after the index below) as a mutation of that argument. Functions absent from
# the index have no output parameter. Arrays the call returns are new, except NUMPY_ALIASING's.
NUMPY_OUT_POSITION: Final[dict[str, int]] = {
    # ufuncs: the positional out follows the inputs
    **{
        name: 1
        for name in (
            "sqrt cbrt square sin cos tan arcsin arccos arctan sinh cosh tanh arcsinh arccosh arctanh exp exp2 "
            "expm1 log log10 log2 log1p abs absolute fabs sign floor ceil trunc rint negative positive reciprocal "
            "degrees radians deg2rad rad2deg isnan isinf isfinite signbit logical_not invert conj conjugate fix "
            "isneginf isposinf spacing"
        ).split()
    },
    **{
        name: 2
        for name in (
            "add subtract multiply divide true_divide floor_divide power mod remainder fmod arctan2 hypot maximum "
            "minimum fmax fmin greater greater_equal less less_equal equal not_equal logical_and logical_or "
            "logical_xor bitwise_and bitwise_or bitwise_xor matmul copysign heaviside logaddexp logaddexp2 "
            "float_power gcd lcm nextafter ldexp left_shift right_shift"
        ).split()
    },
    # reductions and friends: (a, axis, dtype, out) or (a, axis, out)
    **{name: 3 for name in "sum mean prod cumsum cumprod nansum nanmean std var nanstd nanvar trace".split()},
    **{
        name: 2
        for name in "min max amin amax nanmin nanmax argmin argmax median all any round around round_ ptp nanargmin "
        "nanargmax".split()
    },
    **{name: 3 for name in "nancumsum nancumprod nanprod".split()},
    "clip": 3,
    "dot": 2,
    "outer": 2,
    "concatenate": 2,
    "concat": 2,  # numpy 2's name for concatenate
    "stack": 2,
    "take": 3,  # take(a, indices, axis, out)
}
NUMPY_ALIASING: Final[frozenset[str]] = frozenset(
    # may return the very array they are given (or a view of it): what they return is that argument
    "asarray asanyarray ascontiguousarray asfortranarray reshape ravel transpose squeeze expand_dims "
    "atleast_1d atleast_2d atleast_3d swapaxes moveaxis broadcast_to flip fliplr flipud diagonal "
    "rot90 diag split array_split hsplit vsplit dsplit broadcast_arrays frombuffer real imag asmatrix".split()
)
# numpy functions that write into the array they are given (its position): pure on an array the function built
NUMPY_CHANGES_ARGUMENT: Final[frozenset[str]] = frozenset("copyto fill_diagonal put place putmask".split())
NUMPY_PURE: Final[frozenset[str]] = frozenset(
    {
        *(name for name in NUMPY_OUT_POSITION),
        *NUMPY_ALIASING,
        *(
            "array zeros ones full zeros_like ones_like full_like arange linspace logspace geomspace eye identity "
            "matrix bmat "  # a new matrix (numpy.matrix copies by default; `asmatrix` does not: NUMPY_ALIASING)
            "copy where cross vstack hstack column_stack dstack diff sort argsort unique isclose allclose "
            "array_equal nonzero "
            "count_nonzero shape ndim size meshgrid roll tile repeat interp polyfit polyval histogram "
            "float64 float32 int64 int32 int16 int8 uint8 uint16 uint32 uint64 bool_ "
            "linalg.norm linalg.det linalg.inv linalg.solve linalg.eig linalg.eigh linalg.eigvals linalg.svd "
            "linalg.qr linalg.pinv linalg.matrix_rank linalg.cholesky "
            "average convolve correlate percentile quantile nanpercentile nanquantile nanmedian digitize "
            "searchsorted bincount argwhere flatnonzero append insert delete pad isin in1d intersect1d union1d "
            "setdiff1d setxor1d lexsort partition argpartition gradient ediff1d cov corrcoef histogram2d "
            "histogram_bin_edges kron tensordot inner vdot trapz trapezoid unwrap angle einsum triu tril "
            "nan_to_num ravel_multi_index unravel_index indices array_equiv isscalar iscomplex isreal "
            "result_type promote_types can_cast finfo iinfo dtype float16 complex64 complex128 "
            "linalg.lstsq linalg.eigvalsh linalg.matrix_power linalg.slogdet linalg.cond "
            "fft.fft fft.ifft fft.rfft fft.irfft fft.fft2 fft.ifft2 fft.rfft2 fft.fftn fft.ifftn fft.fftfreq "
            "fft.rfftfreq fft.fftshift fft.ifftshift fromiter compress choose select piecewise ptp trace outer "
            "hanning hamming blackman bartlett kaiser sinc resize "
            "iscomplexobj isrealobj real_if_close i0 polyder polyint polyadd polysub polymul polydiv roots poly vander "
            "tri diagflat block row_stack trim_zeros diag_indices tril_indices triu_indices array2string array_repr "
            "array_str binary_repr base_repr format_float_positional format_float_scientific "
            "issubdtype issubsctype "
            "char.add char.multiply char.mod char.capitalize char.center char.ljust char.rjust char.zfill char.lower "
            "char.upper char.title char.swapcase char.strip char.lstrip char.rstrip char.replace char.split "
            "char.rsplit char.join char.partition char.rpartition char.startswith char.endswith char.find char.rfind "
            "char.count char.equal char.not_equal char.str_len char.isdigit char.isalpha char.isspace char.encode "
            "char.decode char.array char.asarray "
            "errstate"  # a context manager: floating-point error handling inside the block, restored after it
        ).split(),
        *NUMPY_CHANGES_ARGUMENT,
    }
)

# SciPy's signal processing (`scipy.signal`): filter design, filtering, spectra and windows compute new arrays from
# their arguments, none takes an output array or works in place. `detrend` is left out (`overwrite_data=True`
# changes its argument), as is everything that calls a function it is given or reads a file.
SCIPY_SIGNAL_PURE: Final[frozenset[str]] = frozenset(
    (
        "butter buttord cheby1 cheb1ord cheby2 cheb2ord ellip ellipord bessel iirfilter iirdesign iirnotch iirpeak "
        "iircomb firwin firwin2 firls remez minimum_phase kaiserord kaiser_beta kaiser_atten freqz freqs freqz_zpk "
        "freqs_zpk sosfreqz group_delay tf2zpk zpk2tf tf2sos sos2tf zpk2sos sos2zpk tf2ss ss2tf zpk2ss ss2zpk "
        "normalize bilinear bilinear_zpk lp2lp lp2hp lp2bp lp2bs lp2lp_zpk lp2hp_zpk lp2bp_zpk lp2bs_zpk buttap "
        "cheb1ap cheb2ap ellipap besselap residue residuez invres invresz unique_roots lfilter lfilter_zi lfiltic "
        "filtfilt sosfilt sosfilt_zi sosfiltfilt convolve correlate fftconvolve oaconvolve convolve2d correlate2d "
        "medfilt medfilt2d wiener savgol_filter savgol_coeffs hilbert hilbert2 decimate resample resample_poly "
        "upfirdn deconvolve periodogram welch csd coherence spectrogram stft istft chirp gausspulse sawtooth square "
        "sweep_poly unit_impulse get_window find_peaks peak_prominences peak_widths argrelmax argrelmin "
        "argrelextrema windows.hann windows.hamming windows.blackman windows.kaiser windows.bartlett windows.tukey "
        "windows.gaussian windows.chebwin windows.get_window windows.blackmanharris windows.nuttall windows.flattop "
        "windows.parzen windows.bohman windows.cosine windows.exponential windows.triang windows.barthann "
        "windows.boxcar windows.general_cosine windows.general_hamming windows.general_gaussian windows.taylor "
        "windows.lanczos windows.dpss windows.kaiser_bessel_derived"
    ).split()
)

_SCIPY_SIGNAL_SUBMODULES = (
    "filter_design",
    "fir_filter_design",
    "signaltools",
    "spectral",
    "waveforms",
    "peak_finding",
)

# The builtin exception and warning classes.
BUILTIN_EXCEPTIONS: Final[frozenset[str]] = frozenset(
    name
    for name in dir(builtins)
    if isinstance(getattr(builtins, name), type) and issubclass(getattr(builtins, name), BaseException)
)

# --- OpenCV (`cv2`): image processing on arrays, pure unless it is given the array to write into -----------
# `cv2.cvtColor(img, code)` returns a new image; `cv2.cvtColor(img, code, out)` or `dst=out` writes into `out`.
# The position is the output parameter's in the positional signature (OpenCV's `dst`, `edges`, `hull`…); a
# `None` there asks for a new array. Drawing functions (`CV2_DRAWS_ON`) draw into the image they are given.
# `cv2.imshow` and HighGUI's other window functions are a UI toolkit (UI_TOOLKITS); reading and writing files
# and devices are `io` (KNOWN_IMPURE); anything else of cv2 stays unknown.
CV2_OUTPUT_POSITION: Final[dict[str, tuple[int, str]]] = {
    f"cv2.{name}": (position, keyword)
    for names, position, keyword in (
        ("bitwise_not medianBlur equalizeHist pyrDown pyrUp transpose convertScaleAbs", 1, "dst"),
        ("normalize", 1, "dst"),
        ("merge", 1, "dst"),
        ("split", 1, "mv"),
        ("convexHull", 1, "hull"),
        ("boxPoints", 1, "points"),
        ("connectedComponents connectedComponentsWithStats", 1, "labels"),
        ("cvtColor resize blur erode dilate flip rotate bitwise_and bitwise_or bitwise_xor add subtract", 2, "dst"),
        ("multiply divide absdiff Laplacian", 2, "dst"),
        ("GaussianBlur warpAffine warpPerspective morphologyEx inRange filter2D distanceTransform", 3, "dst"),
        ("Canny", 3, "edges"),
        ("approxPolyDP", 3, "approxCurve"),
        ("matchTemplate", 3, "result"),
        ("findContours", 3, "contours"),
        ("bilateralFilter threshold Sobel Scharr", 4, "dst"),
        ("HoughLines HoughLinesP", 4, "lines"),
        ("HoughCircles", 4, "circles"),
        ("addWeighted", 5, "dst"),
        ("calcHist", 5, "hist"),
        ("adaptiveThreshold copyMakeBorder", 6, "dst"),
    )
    for name in names.split()
}
CV2_DRAWS_ON: Final[frozenset[str]] = frozenset(
    f"cv2.{name}"
    for name in (
        "rectangle circle line arrowedLine ellipse polylines fillPoly fillConvexPoly drawContours putText drawMarker"
    ).split()
)
CV2_PURE: Final[frozenset[str]] = frozenset(
    {
        *CV2_OUTPUT_POSITION,
        *CV2_DRAWS_ON,
        *(
            f"cv2.{name}"
            for name in (
                "getRotationMatrix2D getAffineTransform getPerspectiveTransform getStructuringElement contourArea "
                "arcLength boundingRect minAreaRect minEnclosingCircle moments HuMoments pointPolygonTest "
                "isContourConvex fitEllipse countNonZero mean meanStdDev minMaxLoc sumElems getTextSize "
                "imencode imdecode"
            ).split()
        ),
    }
)

# --- Threads' locks: taking and releasing one changes nothing a caller sees ---------------------------------
# `with self._lock:` around a read keeps the read pure; what a lock guards is judged on its own.
THREAD_LOCKS: Final[frozenset[str]] = frozenset(
    {
        "threading.Lock",
        "threading.RLock",
        "threading.Condition",
        "threading.Semaphore",
        "threading.BoundedSemaphore",
        "_thread.allocate_lock",
    }
)
LOCK_METHODS: Final[frozenset[str]] = frozenset({"__enter__", "__exit__", "acquire", "release", "locked"})

# --- Calls known to be pure (no effect, result depends only on the arguments) ----------------------------
# What reads an ElementTree element (`KNOWN_PURE`, on what fromstring/XML/Element/SubElement build).
_ELEMENT_READS: Final[tuple[str, ...]] = (
    "find",
    "findall",
    "findtext",
    "iter",
    "iterfind",
    "itertext",
    "get",
    "keys",
    "items",
)

KNOWN_PURE: Final[frozenset[str]] = frozenset(
    {
        # building a parser and its arguments only builds objects (parsing is in KNOWN_IMPURE)
        "argparse.ArgumentParser",
        "argparse.Namespace",
        "argparse.FileType",
        "argparse.ArgumentError",
        "argparse.ArgumentTypeError",
        *(
            f"argparse.ArgumentParser.{m}"
            for m in (
                "add_argument",
                "add_argument_group",
                "add_mutually_exclusive_group",
                "set_defaults",
                "get_default",
                "format_help",
                "format_usage",
            )
        ),
        # csv reading iterates what it is given, as a `for` loop would (a file it was handed, lines, a StringIO);
        # writing stays io (`csv.*`): the writer writes into the stream it holds
        "csv.reader",
        "csv.DictReader",
        "csv.Sniffer",
        "csv.Sniffer.sniff",
        "csv.Sniffer.has_header",
        # base initialisers that only set the object's own fields (`super().__init__(…)` in a subclass)
        "abc.ABC.__init__",
        "logging.Formatter.__init__",
        "logging.Filter.__init__",
        # builtins
        *[
            "abs",
            "all",
            "any",
            "ascii",
            "bin",
            "bool",
            "bytearray",
            "bytes",
            "callable",
            "chr",
            "classmethod",
            "complex",
            "dict",
            "divmod",
            "enumerate",
            "filter",
            "float",
            "format",
            "frozenset",
            "hasattr",
            "hash",
            "hex",
            "int",
            "isinstance",
            "issubclass",
            "iter",
            "len",
            "list",
            "map",
            "max",
            "memoryview",
            "min",
            "next",
            "object",
            "oct",
            "ord",
            "pow",
            "property",
            "range",
            "repr",
            "reversed",
            "round",
            "set",
            "slice",
            "sorted",
            "staticmethod",
            "str",
            "sum",
            "super",
            "tuple",
            "type",
            "zip",
            "getattr",
            "compile",
            "NotImplemented",
            "Ellipsis",
            "unicode",
            "long",
            "basestring",
            "xrange",
        ],
        # whole modules of pure functions
        *(
            f"{m}.*"
            for m in [
                "math",
                "cmath",
                "operator",
                "itertools",
                "functools",
                "string",
                "re",
                "regex",  # PyPI's drop-in `re` (`import regex as re`)
                "sre_compile",
                "textwrap",
                "unicodedata",
                "base64",
                "binascii",
                "hashlib",
                "hmac",
                "struct",
                "zlib",
                "difflib",
                "keyword",
                "colorsys",
                "html",
                "bisect",
                "copy",
                "collections",
                "collections.abc",
                "dataclasses",
                "enum",
                "typing",
                "typing_extensions",
                "abc",
                "decimal",
                "fractions",
                "numbers",
                "statistics",
                "ipaddress",
                "calendar",
                "shlex",
                "fnmatch",
                "array",
                "heapq",
                "contextlib",
                "types",
                "stat",
                "codecs",
                "unittest.mock",
            ]
        ),
        # unbound methods of builtin types (`str.join(sep, xs)`, `dict.fromkeys(...)`); a mutating one
        # (`list.append(xs, x)`) is recorded by the engine as a mutation of its first argument
        *(f"{t}.*" for t in "str bytes bytearray list dict set frozenset tuple int float complex object".split()),
        # constants of os and sys: reading them and calling their (string) methods is pure
        *(
            f"{c}.*"
            for c in (
                "os.sep os.altsep os.extsep os.pathsep os.linesep os.curdir os.pardir os.devnull os.name "
                "os.path.sep os.path.altsep os.path.extsep os.path.pathsep os.path.curdir os.path.pardir "
                "sys.maxsize sys.maxunicode sys.byteorder sys.platform sys.version sys.version_info "
                "sys.float_info sys.int_info sys.hexversion sys.implementation"
            ).split()
        ),
        # every builtin exception and warning class: building and raising them is pure
        *(
            form.format(name)
            for name in BUILTIN_EXCEPTIONS
            for form in ("{}", "{}.*")  # `Exception.__init__(self, msg)` in a subclass is pure too
        ),
        "dir",
        "setattr",  # the mutation of its first argument is recorded by the engine
        "delattr",
        "ast.*",
        # every `inspect.is…` predicate: a type or flag test of its argument (spyder's object explorer loops over them)
        *(
            f"inspect.{name}"
            for name in (
                "isabstract isasyncgen isasyncgenfunction isawaitable isbuiltin isclass iscode iscoroutine "
                "iscoroutinefunction isdatadescriptor isframe isfunction isgenerator isgeneratorfunction "
                "isgetsetdescriptor ismemberdescriptor ismethod ismethoddescriptor ismethodwrapper ismodule isroutine "
                "istraceback"
            ).split()
        ),
        "inspect.getmro",
        "inspect.cleandoc",
        "inspect.getfullargspec",
        "inspect.signature",
        "inspect.Parameter",
        "inspect.Signature",
        "traceback.format_exception_only",
        "traceback.format_exception",
        "traceback.format_tb",
        "traceback.format_list",
        "gzip.compress",
        "gzip.decompress",
        "bz2.compress",
        "bz2.decompress",
        "lzma.compress",
        "lzma.decompress",
        "tomllib.loads",
        "locale.normalize",
        "xml.sax.saxutils.quoteattr",
        "weakref.ref",
        "weakref.WeakValueDictionary",
        "weakref.WeakKeyDictionary",
        "weakref.WeakSet",
        "dis.findlinestarts",
        "configparser.ConfigParser",
        "configparser.RawConfigParser",
        "shlex.split",
        "json.loads",
        "json.dumps",
        "orjson.loads",
        "orjson.dumps",  # its `default=` is judged as json's (CALLBACK_KEYWORDS)
        "packaging.version.Version",  # a version string parsed and compared (psychopy's, vorta's)
        "packaging.version.parse",
        "json.JSONDecoder",
        "json.JSONEncoder",
        "pickle.dumps",
        "marshal.loads",
        "marshal.dumps",
        "pprint.pformat",  # a string; `pprint.pprint` prints
        "pprint.saferepr",
        "pprint.isreadable",
        "pprint.isrecursive",
        "subprocess.list2cmdline",  # a string function in an io module
        "io.UnsupportedOperation",  # an exception class of an io module (not named `…Error`)
        # SciPy's and pandas' predicates and distance functions build new values from their arguments
        "scipy.sparse.issparse",
        "scipy.sparse.isspmatrix",
        "scipy.spatial.distance.cdist",
        "scipy.spatial.distance.pdist",
        "scipy.spatial.distance.squareform",
        *(f"pandas.{name}" for name in "isnull isna notnull notna".split()),
        *(f"scipy.signal.{name}" for name in SCIPY_SIGNAL_PURE),
        # the same names through the submodules older SciPy made public (friture: `from scipy.signal.filter_design
        # import ellip`); a name a submodule lacks is never met there
        *(
            f"scipy.signal.{sub}.{name}"
            for sub in _SCIPY_SIGNAL_SUBMODULES
            for name in SCIPY_SIGNAL_PURE
            if not name.startswith("windows.")
        ),
        *(f"scipy.special.{name}" for name in "comb perm factorial factorial2 factorialk".split()),
        # the checks a project test case inherits from unittest's: they compare what they are handed and raise on a
        # mismatch (`assertRaises`, `assertWarns`, `assertLogs` call or patch something, `addCleanup` stores: not these)
        *(
            f"{case}.{method}"
            for case in ("unittest.TestCase", "unittest.case.TestCase")
            for method in (
                "assertEqual assertNotEqual assertTrue assertFalse assertIs assertIsNot assertIsNone assertIsNotNone "
                "assertIn assertNotIn assertIsInstance assertNotIsInstance assertAlmostEqual assertNotAlmostEqual "
                "assertGreater assertGreaterEqual assertLess assertLessEqual assertRegex assertNotRegex "
                "assertCountEqual assertMultiLineEqual assertSequenceEqual assertListEqual assertTupleEqual "
                "assertSetEqual assertDictEqual fail skipTest"
            ).split()
        ),
        # reads a project subclass of a config parser inherits: they only read `self` (`read`/`set` do not)
        *(
            f"configparser.{cls}.{method}"
            for cls in ("RawConfigParser", "ConfigParser", "SafeConfigParser")
            for method in (
                "has_option has_section get getint getfloat getboolean options sections items defaults".split()
            )
        ),
        # numpy functions that build a new array from their arguments (see NUMPY_OUT_POSITION for `out`)
        *(f"numpy.{name}" for name in NUMPY_PURE),
        *CV2_PURE,
        "ast.literal_eval",
        "ast.parse",
        "ast.dump",
        "ast.walk",
        "ast.iter_child_nodes",
        "urllib.parse.*",
        "urlparse.*",
        "html.escape",
        "html.unescape",
        "xml.sax.saxutils.escape",
        "xml.sax.saxutils.unescape",
        # ElementTree and lxml build and serialise trees in memory; SubElement, indent and lxml's strip_* change
        # their first argument (CHANGES_ARGUMENT). Not listed: `parse`, `write`, `ElementTree(file=…)` (files),
        # and lxml's parsing (its default parser resolves external entities, local files included)
        *(
            f"{m}.{f}"
            for m in ("xml.etree.ElementTree", "xml.etree.cElementTree")
            for f in "fromstring tostring Element SubElement XML QName Comment iselement".split()
        ),
        "xml.etree.ElementTree.indent",
        # reads of the element those build (`ET.fromstring(s).findtext(…)`; a subclass's `self.iter()`); its changes
        # are local work only in the function that built it (`FRESH_OBJECT_METHODS`)
        *(
            f"{m}.{f}.{method}"
            for m in ("xml.etree.ElementTree", "xml.etree.cElementTree")
            for f in "fromstring XML Element SubElement".split()
            for method in _ELEMENT_READS
        ),
        *(
            f"lxml.etree.{f}"
            for f in "tostring Element SubElement QName Comment CDATA iselement strip_tags strip_elements "
            "strip_attributes".split()
        ),
        "datetime.datetime",
        "datetime.date",
        "datetime.time",
        "datetime.timedelta",
        "datetime.timezone",
        "datetime.datetime.strptime",
        "datetime.datetime.fromisoformat",
        "datetime.datetime.combine",
        "datetime.date.fromisoformat",
        "datetime.date.fromordinal",
        "datetime.datetime.fromordinal",
        "uuid.UUID",
        "uuid.uuid3",
        "uuid.uuid5",
        "os.path.join",
        "os.path.basename",
        "os.path.dirname",
        "os.path.splitext",
        "os.path.split",
        "os.path.normpath",
        "os.path.normcase",
        "os.path.isabs",
        "os.path.commonprefix",
        "os.path.commonpath",
        "os.path.splitdrive",
        # the same string functions and constants under the platform modules' own names
        *(
            f"{m}.{f}"
            for m in ("posixpath", "ntpath")
            for f in (
                "join basename dirname splitext split normpath normcase isabs commonprefix commonpath splitdrive "
                "sep.* altsep.* extsep.* pathsep.* curdir.* pardir.*"
            ).split()
        ),
        "os.fspath",
        "os.fsencode",
        "os.fsdecode",
        "pathlib.PurePath",
        "pathlib.PurePosixPath",
        "pathlib.PureWindowsPath",
        "pathlib.Path",
        "sys.intern",
        "sys.getsizeof",
        "time.struct_time",
        "time.strptime",  # parses its argument, as `datetime.datetime.strptime` does (the clock is not read)
        # Pillow: new images from values, and the modules whose functions return new images or values
        *(
            f"PIL.Image.{name}"
            for name in "new fromarray frombytes frombuffer merge blend composite alpha_composite".split()
        ),
        "PIL.ImageOps.*",
        "PIL.ImageFilter.*",
        "PIL.ImageChops.*",
        "PIL.ImageColor.*",
        "PIL.ImageEnhance.*",
        "PIL.ImageStat.*",
        # what a `typing.NamedTuple` subclass inherits: a tuple's reads and the record helpers, which build new ones
        *(
            f"typing.NamedTuple.{m}"
            for m in "_replace _asdict _make count index __getitem__ __len__ __iter__ __contains__".split()
        ),
        # building a thread's synchronisation objects, or a thread or timer not yet started (`start` is io)
        *(
            f"threading.{cls}"
            for cls in "Lock RLock Condition Semaphore BoundedSemaphore Event Barrier local Thread Timer".split()
        ),
        "queue.Queue",
        "queue.SimpleQueue",
        "queue.LifoQueue",
        "queue.PriorityQueue",
        "io.StringIO",
        "io.BytesIO",
        "string.Template",
        "types.SimpleNamespace",
        "html.parser.HTMLParser",  # the parser's state (its `feed` stays unknown: it runs the subclass's handle_*)
        # common exception types (raising is pure; building one is too)
        *[
            "BaseException",
            "Exception",
            "ArithmeticError",
            "AssertionError",
            "AttributeError",
            "EOFError",
            "ImportError",
            "IndexError",
            "KeyError",
            "LookupError",
            "MemoryError",
            "NameError",
            "NotImplementedError",
            "OSError",
            "IOError",
            "OverflowError",
            "RecursionError",
            "RuntimeError",
            "StopIteration",
            "StopAsyncIteration",
            "SyntaxError",
            "SystemError",
            "TypeError",
            "UnboundLocalError",
            "UnicodeError",
            "UnicodeDecodeError",
            "UnicodeEncodeError",
            "ValueError",
            "ZeroDivisionError",
            "FileNotFoundError",
            "PermissionError",
            "TimeoutError",
            "KeyboardInterrupt",
            "SystemExit",
            "Warning",
            "UserWarning",
            "DeprecationWarning",
            "RuntimeWarning",
            "LookupError",
            "GeneratorExit",
        ],
    }
)

# Exceptions to the pure modules above: these module members have effects after all.
_COLLECTIONS_ABCS = (
    "AsyncGenerator AsyncIterable AsyncIterator Awaitable Buffer ByteString Callable Collection Container Coroutine "
    "Generator Hashable ItemsView Iterable Iterator KeysView Mapping MappingView MutableMapping MutableSequence "
    "MutableSet Reversible Sequence Set Sized ValuesView"
).split()
IMPURE_EXCEPTIONS_IN_PURE_MODULES: Final[dict[str, str]] = {
    "types.ModuleType": "",
    "re.purge": "global_write",
    "regex.purge": "global_write",
    "regex.cache_all": "global_write",  # turns the module's pattern cache on or off
    "functools.partial": "",  # pure itself; the wrapped callable is what matters (handled by the engine)
    "base64.encode": "io",  # reads one file object, writes the other
    "base64.decode": "io",
    "calendar.prcal": "io",  # print the calendar
    "calendar.prmonth": "io",
    "calendar.TextCalendar.prmonth": "io",
    "calendar.TextCalendar.pryear": "io",
    "calendar.TextCalendar.prweek": "io",
    "codecs.open": "io",
    "contextlib.redirect_stdout": "io",
    "contextlib.redirect_stderr": "io",
    "unittest.mock.patch": "global_write",
    # process-wide settings a pure module keeps: reading them is reading state, setting them changes every caller
    "decimal.getcontext": "global_read",  # the thread's context, one mutable object (`getcontext().prec = 6`)
    "decimal.setcontext": "global_write",
    "calendar.firstweekday": "global_read",
    "calendar.setfirstweekday": "global_write",
    "codecs.register": "global_write",
    "codecs.unregister": "global_write",
    # numpy's floating-point error handling and print options are the process's (pyfda's `H_mag` saves, sets and
    # restores them: every thread sees the change meanwhile)
    "numpy.geterr": "global_read",
    "numpy.seterr": "global_write",
    "numpy.geterrcall": "global_read",
    "numpy.seterrcall": "global_write",
    "numpy.get_printoptions": "global_read",
    "numpy.set_printoptions": "global_write",
    "codecs.register_error": "global_write",
    "contextlib.chdir": "io",  # changes the process's working directory, as `os.chdir` does
    "statistics.NormalDist.samples": "nondeterministic",  # draws from `random` unless given a seed
    "hashlib.file_digest": "io",  # reads the file object it is given
    "array.array.tofile": "io",  # writes to the file object it is given
    "array.array.fromfile": "io",  # reads from it
    # an exit stack runs what it is handed when the block ends: callbacks and other context managers' __exit__
    **dict.fromkeys(
        (
            *(f"contextlib.ExitStack.{m}" for m in ("callback", "push", "enter_context")),
            *(
                f"contextlib.AsyncExitStack.{m}"
                for m in (
                    "callback",
                    "push",
                    "enter_context",
                    "push_async_callback",
                    "push_async_exit",
                    "enter_async_context",
                )
            ),
        ),
        "unknown",
    ),
    # registering a virtual subclass changes what `isinstance` answers in the whole process
    **dict.fromkeys(
        (
            *(f"collections.abc.{name}.register" for name in _COLLECTIONS_ABCS),
            *(f"numbers.{name}.register" for name in ("Number", "Complex", "Real", "Rational", "Integral")),
            "abc.ABC.register",
            "abc.ABCMeta.register",
        ),
        "global_write",
    ),
}

# Standard modules and names a current Python no longer has, and the release that dropped them: an extracted module
# importing one would not import in a web backend (issue 12 item 4: "extraction that always imports"). Python 2's
# own modules first; then the "dead batteries" (PEP 594) and friends; then the ABC aliases `collections` lost.
REMOVED_FROM_PYTHON: Final[dict[str, str]] = {
    **dict.fromkeys(
        (
            "UserDict UserList UserString StringIO cStringIO cPickle urllib2 urlparse httplib ConfigParser Queue "
            "SocketServer HTMLParser htmlentitydefs commands sets md5 sha new exceptions __builtin__ copy_reg repr "
            "anydbm dbhash whichdb cookielib Cookie thread dummy_thread xmlrpclib SimpleXMLRPCServer "
            "SimpleHTTPServer BaseHTTPServer CGIHTTPServer robotparser markupbase Tkinter tkMessageBox "
            "tkFileDialog ttk Tix ScrolledText tkSimpleDialog tkFont Dialog FileDialog"
        ).split(),
        "Python 3",
    ),
    **dict.fromkeys("formatter parser symbol".split(), "Python 3.10"),
    **dict.fromkeys("binhex".split(), "Python 3.11"),
    **dict.fromkeys("asynchat asyncore distutils imp smtpd".split(), "Python 3.12"),
    **dict.fromkeys(
        (
            "aifc audioop cgi cgitb chunk crypt imghdr mailcap msilib nis nntplib ossaudiodev pipes sndhdr spwd "
            "sunau telnetlib uu xdrlib lib2to3"
        ).split(),
        "Python 3.13",
    ),
    **dict.fromkeys(
        (
            f"collections.{name}"
            for name in (
                "Awaitable Coroutine AsyncIterable AsyncIterator AsyncGenerator Hashable Iterable Iterator "
                "Generator Reversible Sized Container Callable Collection Set MutableSet Mapping MutableMapping "
                "MappingView KeysView ItemsView ValuesView Sequence MutableSequence ByteString"
            ).split()
        ),
        "Python 3.10 (it is in collections.abc)",
    ),
    "types.ClassType": "Python 3",
    "string.maketrans": "Python 3",
    "string.letters": "Python 3",
    "string.lowercase": "Python 3",
    "string.uppercase": "Python 3",
    "os.getcwdu": "Python 3",
    "itertools.izip": "Python 3",
    "itertools.imap": "Python 3",
    "itertools.ifilter": "Python 3",
    "itertools.izip_longest": "Python 3",
}

# Library functions that change one of their arguments in place and do nothing else: which positional argument.
# The engine judges the call as that argument's own mutating method (`heapq.heappush(h, x)` as `h.append(x)`):
# nothing when `h` is built in the function, `arg_mutation` for a parameter, `self_mutation` for self's data,
# `global_write` for module state. The functions themselves are pure (their modules are in KNOWN_PURE, or they
# are listed there); handed to another callable (`map(heapq.heappush, …)`, a `functools.partial`), what they
# change is not known: `unknown`.
CHANGES_ARGUMENT: Final[dict[str, int]] = {
    **dict.fromkeys(("heapq.heappush", "heapq.heappop", "heapq.heapify", "heapq.heappushpop", "heapq.heapreplace"), 0),
    **dict.fromkeys(("bisect.insort", "bisect.insort_left", "bisect.insort_right"), 0),
    **dict.fromkeys(("operator.setitem", "operator.delitem"), 0),
    # in-place operators change a mutable first argument (a list, a set, a Counter)
    **dict.fromkeys((f"operator.i{op}" for op in "add concat mul or and xor sub".split()), 0),
    **dict.fromkeys(("ast.fix_missing_locations", "ast.copy_location", "ast.increment_lineno"), 0),
    **dict.fromkeys(CV2_DRAWS_ON, 0),  # `cv2.rectangle(img, …)` draws into `img`
    **dict.fromkeys((f"numpy.{name}" for name in NUMPY_CHANGES_ARGUMENT), 0),  # `np.copyto(dst, src)`
    "struct.pack_into": 1,  # (format, buffer, offset, *values)
    "struct.Struct.pack_into": 0,  # (buffer, offset, *values), a method of a struct.Struct
    # decorators' helpers that set attributes on the function or class they are given
    "functools.update_wrapper": 0,
    "typing.no_type_check": 0,
    "abc.update_abstractmethods": 0,
    "unittest.mock.seal": 0,
    # a new element appended to its parent; a tree indented in place
    **dict.fromkeys((f"{m}.SubElement" for m in ("xml.etree.ElementTree", "xml.etree.cElementTree", "lxml.etree")), 0),
    "xml.etree.ElementTree.indent": 0,
    **dict.fromkeys((f"lxml.etree.{f}" for f in "strip_tags strip_elements strip_attributes".split()), 0),
}

# Library calls whose result holds their arguments' own objects, not copies: what is changed through it changes
# what the caller was given (`for node in ast.walk(tree): node.lineno = 1` changes `tree`). The engine already
# assumes so of a call through a plain name (`walk(tree)`); these are the ones called through their module.
RESULT_HOLDS_ARGUMENTS: Final[frozenset[str]] = frozenset(
    {
        "csv.reader",
        "csv.DictReader",
        "ast.walk",
        "ast.iter_child_nodes",
        "ast.iter_fields",
        "heapq.nlargest",
        "heapq.nsmallest",
        "heapq.merge",
        "collections.deque",
        "collections.OrderedDict",
        "collections.defaultdict",
        "collections.UserList",
        "collections.UserDict",
        "dataclasses.replace",  # a new record whose fields are the old one's objects
        "types.MappingProxyType",
        "functools.reduce",
        "itertools.*",
    }
)
# Library calls that return one of their arguments itself, or a view of it (which one): `cast(list, items).append(x)`
# changes `items`, and so does `ChainMap(settings)[k] = v`.
RETURNS_ARGUMENT: Final[dict[str, int]] = {
    "typing.cast": 1,
    "typing_extensions.cast": 1,
    "contextlib.closing": 0,
    "weakref.proxy": 0,
    "operator.getitem": 0,  # a part of it
    "collections.ChainMap": 0,  # a view: writes go to its first mapping
    # one of the elements it is given (`reduce`'s function may return either argument)
    "functools.reduce": 1,
    "statistics.mode": 0,
    "statistics.median_low": 0,
    "statistics.median_high": 0,
}

# Class factories whose class a class statement may take as its base (`class Version(namedtuple("VersionBase",
# "major minor")):`), and the builtin that class is: its own methods (`_replace`, `_asdict`, `_make`) are pure as the
# builtin's are, and the extraction may carry such a class (the call is pure, its arguments checked as a constant's).
RECORD_FACTORIES: Final[dict[str, str]] = {
    "collections.namedtuple": "tuple",
    "typing.NamedTuple": "tuple",
    "typing.TypedDict": "dict",
}

# Library bases a class copied into an extracted module behaves the same with: the class statement builds plain
# records or enumerations from the body (deterministic, nothing else runs), `class Point(NamedTuple)`, `class
# Color(Enum)`. Any other library base may act on subclassing or construction unseen (`threading.Thread`).
CARRIABLE_LIBRARY_BASES: Final[frozenset[str]] = frozenset(
    {
        "typing.NamedTuple",
        "typing.TypedDict",
        "typing_extensions.NamedTuple",
        "typing_extensions.TypedDict",
        "enum.Enum",
        "enum.IntEnum",
        "enum.StrEnum",
        "enum.Flag",
        "enum.IntFlag",
    }
)

# Calls returning a class: what they return builds plain records (namedtuple, enum, TypedDict).
CLASS_FACTORIES: Final[frozenset[str]] = frozenset(
    {
        "collections.namedtuple",
        "typing.NamedTuple",
        "typing.TypedDict",
        "typing.NewType",
        "typing.TypeVar",
        "enum.Enum",
        "enum.IntEnum",
        "enum.Flag",
        "enum.IntFlag",
        "dataclasses.make_dataclass",
    }
)

# Submodules of UI toolkits that are not UI: their calls are judged like any library call.
NOT_UI: Final[dict[str, str]] = {
    "kivy.logger": "io",
    "kivy.clock": "io",
    # OpenGL's scalar types, ctypes types under the bindings' names: `np.zeros(n, dtype=GLfloat)` is array work
    # (Printrun's `gl/actors.py`), not drawing; the calls beside them (`glVertex3f`) stay the toolkit's
    **{
        f"{gl}.{name}": "pure"
        for gl in ("pyglet.gl", "OpenGL.GL")
        for name in (
            "GLenum GLboolean GLbitfield GLbyte GLshort GLint GLsizei GLubyte GLushort GLuint GLfloat GLclampf"
            " GLdouble GLclampd GLchar GLint64 GLuint64 GLintptr GLsizeiptr"
        ).split()
    },
}

# Higher-order callables: which positional argument (or keyword) is called by them.
CALLS_ITS_ARGUMENT: Final[dict[str, tuple[int | None, str | None]]] = {
    "map": (0, None),
    "filter": (0, None),
    "sorted": (None, "key"),
    "min": (None, "key"),
    "max": (None, "key"),
    "functools.reduce": (0, None),
    "itertools.starmap": (0, None),
    "itertools.takewhile": (0, None),
    "itertools.dropwhile": (0, None),
    "itertools.filterfalse": (0, None),
    "itertools.groupby": (None, "key"),
    "itertools.accumulate": (1, "func"),
    "functools.cmp_to_key": (0, None),
    "re.sub": (1, "repl"),  # a function as the replacement is called for each match
    "re.subn": (1, "repl"),
    "regex.sub": (1, "repl"),
    "regex.subn": (1, "repl"),
    "regex.subf": (1, "format"),  # a function as the format is called for each match too
    "regex.subfn": (1, "format"),
    "heapq.nlargest": (None, "key"),
    "heapq.nsmallest": (None, "key"),
    "heapq.merge": (None, "key"),
    "collections.defaultdict": (0, "default_factory"),  # called for each missing key
}

# Library calls building a callable that does nothing but read what it is called with (`sorted(xs,
# key=operator.itemgetter(1))`): handed to a higher-order call, or held by a local that is, nothing more is called
# (`functools.cmp_to_key`'s function is judged as its own argument, CALLS_ITS_ARGUMENT).
PURE_CALLABLE_FACTORIES: Final[frozenset[str]] = frozenset(
    {"operator.itemgetter", "operator.attrgetter", "functools.cmp_to_key"}
)

# Keywords whose value a library call calls (json's hooks), and keywords naming a class whose methods it runs
# (`cls=`): a project callable is judged, a class other than the library's own is `unknown`.
CALLBACK_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "json.dumps": ("default",),
    "orjson.dumps": ("default",),
    "json.loads": ("object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"),
    "json.JSONEncoder": ("default",),
    "json.JSONDecoder": ("object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"),
}
CLASS_KEYWORDS: Final[dict[str, tuple[str, str]]] = {
    "json.dumps": ("cls", "json.JSONEncoder"),
    "json.loads": ("cls", "json.JSONDecoder"),
}

# Module-level objects whose mere reading is an effect (attribute reads, not calls).
EXTERNAL_STATE: Final[dict[str, str]] = {
    "os.environ": "io",
    "os.environb": "io",
    "sys.argv": "io",
    "sys.stdin": "io",
    "sys.stdout": "io",
    "sys.stderr": "io",
    "sys.__stdin__": "io",  # the process's original streams, as the current ones
    "sys.__stdout__": "io",
    "sys.__stderr__": "io",
    "sys.path": "global_read",
    "sys.modules": "global_read",
    "sys.exc_info": "global_read",
    # the machine's timezone (the TZ setting), judged as `time.localtime()` is: an extracted function reading it
    # answers with the server's zone, not the user's
    "time.timezone": "nondeterministic",
    "time.altzone": "nondeterministic",
    "time.daylight": "nondeterministic",
    "time.tzname": "nondeterministic",
    # month and day names in the machine's language (the LC_TIME locale), as `time.strftime("%B")` is
    "calendar.month_name": "nondeterministic",
    "calendar.month_abbr": "nondeterministic",
    "calendar.day_name": "nondeterministic",
    "calendar.day_abbr": "nondeterministic",
    # where this interpreter is installed and how it was started: the machine's, as `os.environ` and `sys.argv` are
    "sys.executable": "io",
    "sys.prefix": "io",
    "sys.exec_prefix": "io",
    "sys.base_prefix": "io",
    "sys.base_exec_prefix": "io",
    "sys.orig_argv": "io",
    "sys.flags": "io",
    "sys.warnoptions": "io",
    "sys._xoptions": "io",
    # how the program was packaged (PyInstaller, cx_Freeze): a web backend is not (`getattr(sys, "frozen", False)`)
    "sys.frozen": "io",
    "sys._MEIPASS": "io",
    # module variables their own module (or any code) sets: `tempfile.gettempdir()` fills `tempdir`
    "tempfile.tempdir": "global_read",
    "sys.meta_path": "global_read",
    "sys.path_hooks": "global_read",
    "sys.path_importer_cache": "global_read",
    "sys.dont_write_bytecode": "global_read",
    "sys.last_type": "global_read",
    "sys.last_value": "global_read",
    "sys.last_traceback": "global_read",
}

# Those of them that are objects changing as the program runs (a list, a mapping, a stream): a module-level name bound
# to one (`ARGS = sys.argv`) holds it, not a value taken at import as `TZ = time.timezone` or `PROG = sys.argv[0]` do.
LIVE_STATE: Final[frozenset[str]] = frozenset(
    "os.environ os.environb sys.argv sys.orig_argv sys.path sys.modules sys.meta_path sys.path_hooks "
    "sys.path_importer_cache sys.warnoptions sys._xoptions sys.stdin sys.stdout sys.stderr sys.__stdin__ "
    "sys.__stdout__ sys.__stderr__".split()
)

# Decorators that leave the decorated function's behaviour as it is (or only cache it).
PURE_DECORATORS: Final[frozenset[str]] = frozenset(
    {
        "staticmethod",
        "classmethod",
        "property",
        "functools.*",
        "abc.abstractmethod",
        "abc.abstractproperty",
        "typing.*",
        "dataclasses.dataclass",
        "contextlib.contextmanager",
        # a test's marks (`@pytest.mark.parametrize(…)`, `skipif`, `xfail`) are data pytest reads when it collects; a
        # fixture is wrapped so that pytest calls it, and calling it directly raises: neither runs anything
        "pytest.mark.*",
        "pytest.fixture",
    }
)

# --- Methods -----------------------------------------------------------------------------------------------
# A stream's output, input and positioning, of `MUTATING_METHODS`: on a module-level object a field holds, such a call
# is the stream's operation, not a change of shared data (`summary.stream_operation`: pyglossary's readers hold the
# null sink `nullBinaryIO` until a file is opened, and `readline()` through the field was a write of it). Reading
# advances a stream: on a fresh `io.BytesIO(data)` that is local work, on a parameter's or a field's stream a change
# of the caller's or the instance's object (and on an open file the `open` is io)
STREAM_OPERATIONS: Final[frozenset[str]] = frozenset(
    {"write", "writelines", "seek", "truncate", "send", "throw", "read", "read1", "readinto", "readline", "readlines"}
)

# Methods that end or flush an in-memory stream: local work on one the function built (git-cola's
# `extract_diff_header` closes its `StringIO()` after `getvalue()`); on one handed in they stay unknown (`close()` of a
# parameter may be a socket's or a database's)
FRESH_OBJECT_METHODS: Final[frozenset[str]] = frozenset(
    [
        *(f"{stream}.{method}" for stream in ("io.StringIO", "io.BytesIO") for method in ("close", "flush")),
        # changes of the element ElementTree built in this function (`e = ET.Element("item"); e.set("id", i)`; a
        # SubElement's is part of the tree it was handed, a change of which that call already is). Not in the pure
        # table: a subclass's `self.set(…)` changes self
        *(
            f"{m}.{f}.{method}"
            for m in ("xml.etree.ElementTree", "xml.etree.cElementTree")
            for f in "fromstring XML Element SubElement".split()
            for method in "set append extend insert remove clear".split()
        ),
    ]
)

MUTATING_METHODS: Final[frozenset[str]] = frozenset(
    [
        "append",
        "extend",
        "insert",
        "remove",
        "pop",
        "popitem",
        "clear",
        "update",
        "setdefault",
        "add",
        "discard",
        "sort",
        "reverse",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
        "appendleft",
        "extendleft",
        "popleft",
        "rotate",
        "__setitem__",
        "__delitem__",
        "__setattr__",
        "__delattr__",
        "__iadd__",
        "__isub__",
        "move_to_end",
        "put",
        "put_nowait",
        *STREAM_OPERATIONS,
    ]
)

# Methods of a numpy array that read it or return a new array or a view of it: pure on what a pure numpy or SciPy
# function returned (`np.array(xs).mean()`, `cdist(a, b).argmin(axis=1)`), an array nobody else holds. Not here:
# `sort`, `partition`, `fill`, `put`, `resize`, `setflags`, `itemset` (they change it: pure on that fresh array
# too, as `MUTATING_METHODS` on a fresh receiver), `tofile`/`dump` (io).
NDARRAY_METHODS: Final[frozenset[str]] = frozenset(
    (
        "all any argmax argmin argpartition argsort astype choose clip compress conj conjugate copy cumprod cumsum "
        "diagonal dot flatten item max mean min nonzero prod ptp ravel repeat reshape round searchsorted squeeze "
        "std sum swapaxes take tobytes tolist trace transpose var view"
    ).split()
)

# The array methods of `NDARRAY_METHODS` that numeric code calls on its parameters and on arithmetic of them
# (`edge = v2 - v1; edge.dot(n)`, `pts.mean(axis=0)`): in a file that imports numpy, called on an object of
# unknown type, they read it. Left out are the names other objects have for a change or I/O: `item` (a ttk
# Treeview's `item(iid, text=…)` sets options), `all` (an ORM query's rows), `take`, `view`, `repeat`, `choose`,
# `compress`, `trace`.
ARRAY_READS_BY_NAME: Final[frozenset[str]] = NDARRAY_METHODS - frozenset(
    "all item take view repeat choose compress trace".split()
)

# Methods that only read their object, whatever its type: calling one on an object of unknown type is pure.
READ_ONLY_METHODS: Final[frozenset[str]] = frozenset(
    (
        # str / bytes
        "capitalize casefold center count decode encode endswith expandtabs find format format_map index "
        "isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle "
        "isupper join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex "
        "rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill "
        "hex fromhex "
        # numpy / pandas conversions that return a new object
        "astype tolist tobytes "
        # dict / list / set / tuple reads
        "get keys values items copy union intersection difference symmetric_difference issubset issuperset "
        "isdisjoint most_common elements "
        # numbers
        "bit_length bit_count to_bytes from_bytes is_integer as_integer_ratio conjugate real imag "
        "quantize normalize "
        # regex patterns and matches
        "match search fullmatch findall finditer sub subn group groups groupdict start end span expand "
        # dates
        "isoformat strftime weekday isoweekday isocalendar date time timetuple toordinal total_seconds "
        "astimezone utcoffset tzname "
        # paths (pure path manipulation only)
        "with_suffix with_name with_stem joinpath relative_to is_relative_to as_posix is_absolute "
        # namedtuple / dataclass helpers
        "_replace _asdict _make getvalue "
        # a threading or asyncio event's flag: a read of the object, as of a field (whoever sets it is judged there)
        "is_set isSet "
        # the dunders behind str(), repr(), hash(), len(), ==, <, `in`…, which the engine judges pure when written
        # as the builtin or operator: `obj.__str__()` is `str(obj)`
        "__str__ __repr__ __format__ __hash__ __len__ __bool__ __eq__ __ne__ __lt__ __le__ __gt__ __ge__ "
        "__contains__ __getitem__ __iter__ __reversed__ __getnewargs__ __sizeof__ "
        "__unicode__"  # Python 2's `unicode(obj)`, still called by code kept alive from then (RIDE's vendored robot)
    ).split()
)

# What `x[k]`, `k in x`, `for v in x`, `len(x)`, `x[k] = v` and `del x[k]` run on `x`: the walk judges each as that
# method of `x` when `x`'s type is known; a field typed two ways (a subclass binding it too) or a library object is
# judged as without a type (a read, or the change the statement itself makes).
IMPLICIT_DUNDERS: Final[frozenset[str]] = frozenset(
    {"__getitem__", "__contains__", "__iter__", "__len__", "__setitem__", "__delitem__"}
)

# `start`, `end` and `span` read a regex match's positions, but start or end a thread, a timer, a looping call or a
# painter: a read only on a match (`reads_only`).
MATCH_POSITION_METHODS: Final[frozenset[str]] = frozenset({"start", "end", "span"})
# What code names a regex match, or a call giving one (`m`, `m2`, `mo`, `match`, `name_match`, `matched`).
MATCH_NAME: Final = re.compile(r"m\d*|mo\d*|mat|hit|found|\w*match(es|ed)?|match\w*")


def reads_only(method: str, owner: str) -> bool:
    """`owner.method(…)` only reads the object: a read-only name (`READ_ONLY_METHODS`), but `start`, `end` and `span`
    only on a regex match. `owner` says what the object is: a library type or the call that built it (`re.match`,
    `threading.Timer`), or how the code names it (`m`, `self.worker`)."""
    if method not in READ_ONLY_METHODS:
        return False
    if method not in MATCH_POSITION_METHODS:
        return True
    if owner.split(".", 1)[0] in ("re", "regex"):
        return True
    return MATCH_NAME.fullmatch(owner.rsplit(".", 1)[-1].lower()) is not None


# --- Names a module reads without binding them ---------------------------------------------------------
# Module attributes that exist in every module: `dir(builtins)` already lists some of them (`__name__`,
# `__doc__`, `__spec__`, `__loader__`, `__package__`) because the builtins module has its own.
MODULE_DUNDERS: Final[frozenset[str]] = frozenset(
    {
        "__name__",
        "__file__",
        "__doc__",
        "__spec__",
        "__loader__",
        "__package__",
        "__path__",
        "__cached__",
        "__builtins__",
        "__dict__",
        "__annotations__",
    }
)
# The module dunders the import system sets in every module and that code commonly reads.
_ALWAYS_SET_DUNDERS: Final[frozenset[str]] = frozenset({"__file__", "__name__", "__doc__", "__spec__"})


def builtin_names(*, in_generated_module: bool) -> frozenset[str]:
    """The names a module can read without binding them, from the one table `dir(builtins)`.

    The two readers differ on purpose, in the module dunders only. The per-file pass and the solve look at the
    *original* module, where `__file__`, `__name__`, `__doc__` and `__spec__` are always bound and hold no
    project state, so they count as builtins (`in_generated_module=False`). Extraction writes *new* modules,
    where every module dunder would be the generated module's, not the original's: none of them counts as a
    builtin there, so a unit that reads one is refused rather than silently changing meaning.
    """
    names = frozenset(dir(builtins))
    return names - MODULE_DUNDERS if in_generated_module else names | _ALWAYS_SET_DUNDERS


def method_changes_receiver(method: str, *, unknown_changes: bool) -> bool:
    """Whether `obj.method()` counts as changing `obj`, a module-level object: the one rule behind both answers
    to "is this module state changed elsewhere" (the solve's state map and the extraction's changed names).

    A method in `MUTATING_METHODS` always changes it, one in `READ_ONLY_METHODS` never does, nor `__new__` (a class's
    `__new__` builds another object: `UStr.__new__` calling `ustr.__new__(cls, s)`). An unknown method is
    where the callers differ, on purpose, through `unknown_changes`:

    - the solve (`unknown_changes=True`) turns a call in a function into module *state*, which makes every
      reader of the name impure: an unknown method must be assumed to write, or a reader would pass as pure;
    - extraction, for a call inside a function (`unknown_changes=False`), counts only known mutating methods:
      the solve has already weighed that call (its readers are not pure, so never units), and refusing to
      carry the constant as well would only lose units;
    - extraction, for module-level code (`unknown_changes=True`): nothing else judges code that runs at import,
      so an unknown method counts as a change.
    """
    if method in MUTATING_METHODS:
        return True
    if method in READ_ONLY_METHODS or method == "__new__":  # `ustr.__new__(cls, s)` builds another object
        return False
    return unknown_changes


_EXCEPTION_CLASS = re.compile(r"[A-Z]\w*(?:Error|Exception)")


def constructs_exception(dotted: str) -> bool:
    """`argparse.ArgumentTypeError(…)`, `yaml.YAMLError(…)`, or the `__init__` of one (`super().__init__(…)` in a
    subclass): by the name, a library's exception class, whose building only stores its arguments. Functions named
    so are in `KNOWN_IMPURE` by exact name (`ctypes.WinError`), which the lookup checks first."""
    parts = dotted.split(".")
    if len(parts) > 1 and parts[-1] == "__init__":
        parts.pop()
    return _EXCEPTION_CLASS.fullmatch(parts[-1]) is not None


def in_set(names: frozenset[str], dotted: str) -> bool:
    """Membership in a set of exact names and `module.*` prefixes."""
    if dotted in names:
        return True
    parts = dotted.split(".")
    return any(".".join(parts[:end]) + ".*" in names for end in range(len(parts) - 1, 0, -1))


def toolkit_of(dotted: str, toolkits: dict[str, str] | None = None) -> str | None:
    """The UI toolkit a dotted module/attribute name belongs to, by longest matching prefix."""
    table = toolkits if toolkits is not None else UI_TOOLKITS
    parts = dotted.split(".")
    prefixes = [".".join(parts[:end]) for end in range(len(parts), 0, -1)]
    if any(prefix in NOT_UI for prefix in prefixes):  # by lookup: the table grew, and this runs for every name
        return None
    for prefix in prefixes:
        hit = table.get(prefix)
        if hit is not None:
            return hit
    return None


# The standard library's top-level modules, the same on every interpreter the engine runs on (3.11-3.13): what
# this one ships, and what a later or earlier release removed (`REMOVED_FROM_PYTHON`'s module names).
STDLIB_MODULES: Final[frozenset[str]] = frozenset(sys.stdlib_module_names) | frozenset(
    name for name in REMOVED_FROM_PYTHON if "." not in name
)


# Top-level packages that are regular packages of a library, never a namespace (PEP 420) around the project nor the
# project's own: the standard library's and those the tables above name. `kivy.app` is Kivy's module even where the
# project has a package `app`. The garden is a namespace its widgets live in: `kivy_garden.mapview` may be the project.
NAMESPACE_PACKAGES: Final[frozenset[str]] = frozenset({"kivy_garden"})
LIBRARY_PACKAGES: Final[frozenset[str]] = (
    (
        STDLIB_MODULES
        | frozenset(name.split(".")[0] for name in UI_TOOLKITS)
        | frozenset(
            name.split(".")[0]
            for table in (DESKTOP_ONLY, KNOWN_IMPURE, KNOWN_PURE)
            for name in table
            if "." in name  # a module's attribute, not a builtin
        )
    )
    - NAMESPACE_PACKAGES
    - frozenset(dir(builtins))
)


def removed_from_python(dotted: str) -> tuple[str, str] | None:
    """(the name, the release that removed it) when `dotted` is or lies in something `REMOVED_FROM_PYTHON` lists."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        gone = REMOVED_FROM_PYTHON.get(name)
        if gone is not None:
            return name, gone
    return None


def desktop_only(dotted: str, table: dict[str, str] | None = None) -> str | None:
    """Why a dotted name is a desktop-only API, or None."""
    table = table if table is not None else DESKTOP_ONLY
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        hit = table.get(".".join(parts[:end]))
        if hit is not None:
            return hit
    return None
