"""Rows for `io`: the function reaches files, the console, the environment, processes or the network,
directly or through an alias."""

from __future__ import annotations

import pytest

from tests.unit.engine_helpers import verdict
from tests.unit.purity.table import FIELDS, assert_verdict, case

ROWS = [
    # a handler table's entry is judged as a call of it (it was a dynamic call, `unknown`)
    case(
        "io-module-level-handler-table",
        """\
        HANDLERS = {"a": print}

        def fire(k):
            HANDLERS[k]("x")  # <-
        """,
        "fire",
        "io",
    ),
    case(
        "io-calls-an-entry-of-a-table-one-entry-of-which-prints",
        """\
        import operator

        ACTIONS = {"add": operator.add, "show": print}


        def act(name, a, b):
            return ACTIONS[name](a, b)  # <-
        """,
        "act",
        "io",
    ),
    # logging libraries besides `logging` write to their handlers as it does (Pyfa logs through logbook: 350 reasons
    # were "not known to be pure")
    case(
        "io-logs-through-a-logbook-logger",
        """\
        from logbook import Logger

        pyfalog = Logger(__name__)


        def fit_name(fit):
            pyfalog.debug("naming {}", fit)  # <-
            return fit.upper()
        """,
        "fit_name",
        "io",
    ),
    case(
        "io-logs-through-loguru",
        """\
        from loguru import logger


        def parse(text):
            logger.info("parsing")  # <-
            return text.split()
        """,
        "parse",
        "io",
    ),
    case(
        "io-reads-the-process-s-original-streams",
        """\
        import sys

        def output_encoding():
            for stream in sys.__stdout__, sys.__stderr__:  # <-
                if stream is not None and stream.encoding:
                    return stream.encoding
            return None
        """,
        "output_encoding",
        "io",
        detail="sys.__stdout__",
    ),
    case(
        "io-waits-for-a-thread-the-class-holds",
        """\
        import threading

        class Worker:
            def __init__(self):
                self._thread = threading.Thread(target=self.run)

            def run(self):
                return None

            def wait(self):
                self._thread.join()  # <-
        """,
        "Worker.wait",
        "io",
        detail="threading.Thread.join",
    ),
    case(
        "io-starts-a-timer-the-class-holds",
        """\
        import threading

        class Timeout:
            def __init__(self, seconds):
                self._timer = threading.Timer(seconds, self.expire)

            def expire(self):
                return None

            def arm(self):
                self._timer.start()  # <-
        """,
        "Timeout.arm",
        "io",
        detail="threading.Timer.start",
    ),
    # ... the neighbour of pandas' and SciPy's pure predicates (test_pure.py): reading a file is io
    case(
        "io-pandas-reading-a-csv-file",
        """\
        import pandas as pd

        def load(path):
            if pd.isnull(path):
                return None
            return pd.read_csv(path)  # <-
        """,
        "load",
        "impure",
    ),
    case(
        "io-open-read",
        """\
        def load(path):
            with open(path) as fh:  # <-
                return fh.read()
        """,
        "load",
        "io",
    ),
    case(
        "io-print",
        """\
        def show(x):
            print(x)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-input",
        """\
        def ask():
            return input("? ")  # <-
        """,
        "ask",
        "io",
    ),
    case(
        "io-os-remove",
        """\
        import os

        def drop(path):
            os.remove(path)  # <-
        """,
        "drop",
        "io",
    ),
    case(
        "io-os-listdir",
        """\
        import os

        def names(folder):
            return sorted(os.listdir(folder))  # <-
        """,
        "names",
        "io",
    ),
    case(
        "io-os-path-exists",
        """\
        import os.path

        def exists(p):
            return os.path.exists(p)  # <-
        """,
        "exists",
        "io",
    ),
    case(
        "io-os-getcwd-from-import",
        """\
        from os import getcwd

        def here():
            return getcwd()  # <-
        """,
        "here",
        "io",
    ),
    case(
        "io-os-environ-get",
        """\
        import os

        def home():
            return os.environ.get("HOME")  # <-
        """,
        "home",
        "io",
    ),
    case(
        "io-os-environ-subscript",
        """\
        import os

        def home():
            return os.environ["HOME"]  # <-
        """,
        "home",
        "io",
    ),
    case(
        "io-environ-from-import",
        """\
        from os import environ

        def debug():
            return environ.get("DEBUG") == "1"  # <-
        """,
        "debug",
        "io",
    ),
    case(
        "io-os-environ-write",
        """\
        import os

        def set_debug():
            os.environ["DEBUG"] = "1"  # <-
        """,
        "set_debug",
        "io",
    ),
    case(
        "io-os-getenv",
        """\
        import os

        def user():
            return os.getenv("USER", "")  # <-
        """,
        "user",
        "io",
    ),
    case(
        "io-sys-argv",
        """\
        import sys

        def args():
            return sys.argv[1:]  # <-
        """,
        "args",
        "io",
    ),
    case(
        "io-sys-stdout-write",
        """\
        import sys

        def out(s):
            sys.stdout.write(s)  # <-
        """,
        "out",
        "io",
    ),
    case(
        "io-sys-exit",
        """\
        import sys

        def stop():
            sys.exit(1)  # <-
        """,
        "stop",
        "io",
    ),
    case(
        "io-subprocess-run",
        """\
        import subprocess

        def run(cmd):
            return subprocess.run(cmd, check=True).returncode  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-subprocess-alias",
        """\
        import subprocess as sp

        def run(cmd):
            return sp.call(cmd)  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-socket",
        """\
        import socket

        def ping(host):
            s = socket.create_connection((host, 80))  # <-
            s.close()
        """,
        "ping",
        "io",
    ),
    case(
        "io-shutil-copy",
        """\
        import shutil

        def backup(src, dst):
            shutil.copy(src, dst)  # <-
        """,
        "backup",
        "io",
    ),
    case(
        "io-pathlib-read-text",
        """\
        from pathlib import Path

        def read(p):
            return Path(p).read_text(encoding="utf-8")  # <-
        """,
        "read",
        "io",
    ),
    case(
        "io-pathlib-write-text",
        """\
        import pathlib

        def write(p, text):
            pathlib.Path(p).write_text(text)  # <-
        """,
        "write",
        "io",
    ),
    case(
        "io-pathlib-exists",
        """\
        from pathlib import Path

        def exists(p):
            return Path(p).exists()  # <-
        """,
        "exists",
        "io",
    ),
    case(
        "io-pathlib-cwd",
        """\
        from pathlib import Path

        def here():
            return Path.cwd()  # <-
        """,
        "here",
        "io",
    ),
    case(
        "io-logging-module",
        """\
        import logging

        def note(x):
            logging.info("x=%s", x)  # <-
            return x
        """,
        "note",
        "io",
    ),
    case(
        "io-logger-instance",
        """\
        import logging

        log = logging.getLogger(__name__)

        def note(x):
            log.warning("x=%s", x)  # <-
            return x
        """,
        "note",
        "io",
    ),
    case(
        "io-time-sleep",
        """\
        import time

        def wait():
            time.sleep(1)  # <-
        """,
        "wait",
        "io",
    ),
    case(
        "io-json-load",
        """\
        import json

        def read(fh):
            return json.load(fh)  # <-
        """,
        "read",
        "io",
    ),
    case(
        "io-json-dump",
        """\
        import json

        def write(data, fh):
            json.dump(data, fh)  # <-
        """,
        "write",
        "io",
    ),
    case(
        "io-exec",
        """\
        def run(code):
            exec(code)  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-eval",
        """\
        def calc(expr):
            return eval(expr)  # <-
        """,
        "calc",
        "io",
    ),
    case(
        "io-urlopen",
        """\
        from urllib.request import urlopen

        def fetch(url):
            return urlopen(url).read()  # <-
        """,
        "fetch",
        "io",
    ),
    case(
        "io-requests",
        """\
        import requests

        def fetch(url):
            return requests.get(url, timeout=5).json()  # <-
        """,
        "fetch",
        "io",
    ),
    case(
        "io-sqlite3",
        """\
        import sqlite3

        def rows(db):
            con = sqlite3.connect(db)  # <-
            return con.execute("select 1").fetchall()
        """,
        "rows",
        "io",
    ),
    case(
        "io-print-in-comprehension",
        """\
        def show_all(xs):
            return [print(x) for x in xs]  # <-
        """,
        "show_all",
        "io",
    ),
    case(
        "io-print-in-module-lambda",
        """\
        show = lambda x: print(x)  # <-
        """,
        "<lambda>",
        "io",
    ),
    case(
        "io-builtins-print",
        """\
        import builtins

        def show(x):
            builtins.print(x)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-map-print",
        """\
        def show_all(xs):
            return list(map(print, xs))  # <-
        """,
        "show_all",
        "io",
    ),
    case(
        "io-sorted-key-print",
        """\
        def noisy_sort(xs):
            return sorted(xs, key=print)  # <-
        """,
        "noisy_sort",
        "io",
    ),
    case(
        "io-async-sleep",
        """\
        import asyncio

        async def wait():
            await asyncio.sleep(1)  # <-
        """,
        "wait",
        "io",
    ),
    # Issue 12 item 3: the neighbours of the relaxations stay impure.
    case(
        "io-method-on-result-keeps-inner-call",
        """\
        import os

        def size_bits(p):
            return os.path.exists(p).bit_length()  # <-
        """,
        "size_bits",
        "io",
        detail="os.path.exists",
    ),
    case(
        "io-subprocess-run-beside-list2cmdline",
        """\
        import subprocess

        def run(args):
            return subprocess.run(subprocess.list2cmdline(args), shell=True)  # <-
        """,
        "run",
        "io",
        detail="subprocess.run",
    ),
    case(
        "io-marshal-load-from-file",
        """\
        import marshal

        def load(f):
            return marshal.load(f)  # <-
        """,
        "load",
        "io",
    ),
    case(
        "io-pathlib-method-on-result-still-judged-by-type",
        """\
        import pathlib

        def text(p):
            return pathlib.Path(p).read_text()  # <-
        """,
        "text",
        "io",
    ),
    case(
        "io-configparser-subclass-read",
        """\
        import configparser

        class Settings(configparser.ConfigParser):
            def load(self, path):
                return self.read(path)  # <-
        """,
        "Settings.load",
        "io",
    ),
    case(
        "io-numpy-save",
        """\
        import numpy as np

        def dump(a):
            np.save("a.npy", np.zeros(3) + a)  # <-
        """,
        "dump",
        "io",
    ),
    case(
        "io-numpy-load-and-tofile",
        """\
        import numpy as np

        def reload(path):
            a = np.loadtxt(path)  # <-
            return a
        """,
        "reload",
        "io",
    ),
    case(
        "io-function-imported-inside-the-body",
        """\
        def drop(path):
            from os import remove
            remove(path)  # <-
        """,
        "drop",
        "io",
        detail="calls os.remove()",
    ),
    case(
        "io-module-imported-inside-the-body",
        """\
        def save(x, f):
            import json as j
            j.dump(x, f)  # <-
        """,
        "save",
        "io",
        detail="calls json.dump()",
    ),
    case(
        "io-calling-a-partial-of-print",
        """\
        from functools import partial
        shout = partial(print, "!")

        def f(x):
            shout(x)  # <-
        """,
        "f",
        "io",
        detail="a partial of print",
    ),
    # A class a function defines runs its body each time the function runs: its effects are the function's.
    case(
        "io-in-the-body-of-a-class-a-function-defines",
        """\
        def make_plugin():
            class Plugin:
                print("registering")  # <-
            return Plugin
        """,
        "make_plugin",
        "io",
    ),
    case(
        "io-in-the-body-of-a-class-nested-in-a-class-a-function-defines",
        """\
        def make():
            class Outer:
                class Inner:
                    log = open("trace.log", "a")  # <-
            return Outer
        """,
        "make",
        "io",
    ),
    case(
        "io-environ-imported-by-name",
        """\
        from os import environ

        def home():
            return environ["HOME"]  # <-
        """,
        "home",
        "io",
    ),
    # Mutation rows (issue 12 item 6, fourth pass): a module-level object's type is what built it
    # (`Project.dotted_of_binding_value`).
    case(
        "io-a-method-of-a-module-level-library-object",
        """\
        import pathlib

        CONFIG = pathlib.Path("settings.ini")

        def settings():
            return CONFIG.read_text()  # <-
        """,
        "settings",
        "io",
    ),
    # ... and an alias is the module it names (`fs.rmtree` is `shutil.rmtree`).
    case(
        "io-a-function-of-a-module-level-alias-of-a-library-module",
        """\
        import shutil

        fs = shutil

        def wipe(path):
            fs.rmtree(path)  # <-
        """,
        "wipe",
        "io",
    ),
    # Mutation row (issue 12 item 6, fourth pass): an attribute of process state is process state
    # (`_prefix_lookup` over `EXTERNAL_STATE`).
    case(
        "io-reading-an-attribute-of-sys-stdout",
        """\
        import sys

        def encoding():
            return sys.stdout.encoding  # <-
        """,
        "encoding",
        "io",
        detail="sys.stdout.encoding",
    ),
    # `contextlib` is a pure module but for `chdir`, which changes the process's working directory.
    case(
        "io-contextlib-chdir",
        """\
        import contextlib

        def in_dir(path, f):
            with contextlib.chdir(path):  # <-
                return f
        """,
        "in_dir",
        "io",
    ),
    # `posixpath` and `ntpath` are what `os.path` is on each platform: their file-system functions are io too.
    case(
        "io-posixpath-exists",
        """\
        import posixpath

        def present(path):
            return posixpath.exists(path)  # <-
        """,
        "present",
        "io",
    ),
    case(
        "io-ntpath-expanduser",
        """\
        import ntpath

        def home(path):
            return ntpath.expanduser(path)  # <-
        """,
        "home",
        "io",
    ),
    # Pure modules' functions that print or move file data (the neighbours, `calendar.month` and
    # `base64.b64encode`, are in test_pure.py).
    case(
        "io-base64-encode-between-file-objects",
        """\
        import base64

        def dump(src, dst):
            base64.encode(src, dst)  # <-
        """,
        "dump",
        "io",
    ),
    case(
        "io-calendar-prmonth",
        """\
        import calendar

        def show(y, m):
            calendar.prmonth(y, m)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-a-text-calendars-pryear",
        """\
        import calendar

        def show(y):
            calendar.TextCalendar().pryear(y)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-hashlib-file-digest-reads-the-file",
        """\
        import hashlib

        def digest(f):
            return hashlib.file_digest(f, "sha256").hexdigest()  # <-
        """,
        "digest",
        "io",
    ),
    case(
        "io-array-tofile",
        """\
        import array

        def save(xs, f):
            a = array.array("d", xs)
            a.tofile(f)  # <-
        """,
        "save",
        "io",
    ),
    # `self.x` bound to one class's calls in the class's methods has that type in every method
    case(
        "io-starting-a-thread-held-by-self",
        """\
        import threading

        class Worker:
            def __init__(self):
                self._thread = threading.Thread(target=print)

            def launch(self):
                self._thread.start()  # <-
        """,
        "Worker.launch",
        "io",
    ),
    case(
        "io-logging-through-a-logger-held-by-self",
        """\
        import logging

        class Sync:
            def __init__(self):
                self._log = logging.getLogger("sync")

            def step(self, n):
                self._log.info("step %d", n)  # <-
                return n + 1
        """,
        "Sync.step",
        "io",
        detail="logging.getLogger.info",
    ),
    case(
        "io-logging-through-an-annotated-logger",
        """\
        import logging

        def step(n, log: logging.Logger):
            log.debug("step %d", n)  # <-
            return n + 1
        """,
        "step",
        "io",
    ),
    case(
        "io-method-of-a-parameter-annotated-with-a-library-class",
        """\
        from pathlib import Path

        def first_line(p: Path):
            return p.read_text().splitlines()[0]  # <-
        """,
        "first_line",
        "io",
        detail="pathlib.Path.read_text",
    ),
    case(
        "io-declared-field-of-a-library-class",
        """\
        from dataclasses import dataclass
        from pathlib import Path

        @dataclass
        class Doc:
            path: Path

            def text(self):
                return self.path.read_text()  # <-
        """,
        "Doc.text",
        "io",
    ),
    case(
        "io-pillow-opening-an-image-file",
        """\
        from PIL import Image

        def load(path):
            return Image.open(path)  # <-
        """,
        "load",
        "io",
        detail="Image.open",
    ),
    case(
        "io-starting-a-thread-the-function-built",
        """\
        import threading

        def run_async(job):
            t = threading.Thread(target=job, daemon=True)
            t.start()  # <-
            return t
        """,
        "run_async",
        "io",
    ),
    case(
        "io-gettext-reads-the-bound-catalogues",
        """\
        from gettext import gettext as _

        def greeting(name):
            return _("Hello, %s") % name  # <-
        """,
        "greeting",
        "io",
    ),
    case(
        "io-translation-function-gettext-installed-in-builtins",
        """\
        def label(count):
            return _("%d files") % count  # <-
        """,
        "label",
        "io",
        detail="calls _(), the translation function",
    ),
    case(
        "io-translation-function-bound-to-a-catalogue",
        """\
        import gettext

        _ = gettext.translation("app", localedir="locale", fallback=True).gettext

        def label(count):
            return _("%d files") % count  # <-
        """,
        "label",
        "io",
        detail="calls _(), the translation function",
    ),
    # ... the neighbours of the pure argparse and exception rows (test_pure.py)
    case(
        "io-parses-the-command-line",
        """\
        import argparse

        def options():
            parser = argparse.ArgumentParser(prog="calc")
            parser.add_argument("--digits", type=int, default=2)
            return parser.parse_args()  # <-
        """,
        "options",
        "io",
    ),
    case(
        "io-argument-parser-error-exits",
        """\
        import argparse

        def reject(message):
            parser = argparse.ArgumentParser(prog="calc")
            parser.error(message)  # <-
        """,
        "reject",
        "io",
    ),
    case(
        "io-a-function-named-like-an-exception-class",
        """\
        import ctypes

        def last_error():
            return ctypes.WinError()  # <-
        """,
        "last_error",
        "io",
    ),
    case(
        "io-writes-csv-into-a-stream",
        """\
        import csv

        def save(f, rows):
            csv.writer(f).writerows(rows)  # <-
        """,
        "save",
        "io",
    ),
    # A local holding a builtin or an imported function, called or handed to a higher-order call, is that function.
    case(
        "io-maps-a-local-holding-print",
        """\
        def show_all(xs):
            show = print
            return list(map(show, xs))  # <-
        """,
        "show_all",
        "io",
    ),
    case(
        "io-maps-a-local-holding-os-remove",
        """\
        import os


        def remove_all(paths):
            rm = os.remove
            return list(map(rm, paths))  # <-
        """,
        "remove_all",
        "io",
    ),
    case(
        "io-sorts-with-print-as-one-branch-of-the-key",
        """\
        def order(xs, loud):
            return sorted(xs, key=print if loud else abs)  # <-
        """,
        "order",
        "io",
    ),
    case(
        "io-maps-a-partial-of-print-written-in-place",
        """\
        import functools


        def show_all(xs):
            return list(map(functools.partial(print, end=""), xs))  # <-
        """,
        "show_all",
        "io",
    ),
    case(
        "io-sorts-with-print-as-the-other-branch-of-the-key",
        """\
        def order(xs, quiet):
            return sorted(xs, key=abs if quiet else print)  # <-
        """,
        "order",
        "io",
    ),
    case(
        "io-maps-a-local-holding-print-in-one-branch",
        """\
        def convert(xs, whole):
            conv = int if whole else print
            return list(map(conv, xs))  # <-
        """,
        "convert",
        "io",
    ),
    case(
        "io-inspect-reads-the-source-file-where-its-predicates-are-pure",
        """\
        import inspect


        def describe(obj):
            if inspect.isfunction(obj) or inspect.iscode(obj):
                return inspect.getsource(obj)  # <-
            return ""
        """,
        "describe",
        "io",
    ),
    case(
        "io-a-method-of-what-a-table-of-openers-returns",
        """\
        import gzip

        OPENERS = (open, gzip.open)


        def head(i, path):
            return OPENERS[i](path).readline()  # <-
        """,
        "head",
        "io",
    ),
    case(
        "io-loops-over-a-table-holding-print",
        """\
        HOOKS = (print, abs)


        def run_hooks(value):
            for hook in HOOKS:
                hook(value)  # <-
        """,
        "run_hooks",
        "io",
    ),
    case(
        "io-loops-over-the-items-of-a-table-holding-print",
        """\
        SINKS = {"screen": print, "none": len}


        def emit(value):
            return [sink(value) for _, sink in SINKS.items()]  # <-
        """,
        "emit",
        "io",
    ),
    case(
        "io-maps-an-entry-of-a-table-holding-print",
        """\
        import operator

        OPS = {"+": operator.add, "p": print}


        def combine(op, xs, ys):
            return list(map(OPS[op], xs, ys))  # <-
        """,
        "combine",
        "io",
    ),
    case(
        "io-a-nested-function-s-default-runs-when-the-encloser-does",
        """\
        def make(xs):
            def inner(x=print("hi")):  # <-
                return x
            return inner
        """,
        "make",
        "io",
    ),
    case(
        "io-a-lambda-s-default-runs-when-the-encloser-does",
        """\
        def make(xs):
            return lambda x=print("hi"): x  # <-
        """,
        "make",
        "io",
    ),
    case(
        "io-maps-a-local-holding-print-in-one-branch-of-an-if",
        """\
        import re


        def each(pattern, names, loud):
            if loud:
                check = print
            else:
                check = re.compile(pattern).match
            return list(map(check, names))  # <-
        """,
        "each",
        "io",
    ),
    case(
        "io-a-list-sort-calls-its-key",
        """\
        def order(xs):
            ys = list(xs)
            ys.sort(key=print)  # <-
            return ys
        """,
        "order",
        "io",
    ),
    case(
        "io-calls-an-entry-of-the-class-s-table-holding-print",
        """\
        import operator


        class Calc:
            OPS = {"+": operator.add, "p": print}

            def apply(self, op, a, b):
                return self.OPS[op](a, b)  # <-
        """,
        "Calc.apply",
        "io",
    ),
    # A local holding one of the callables a literal names is a call of each (`Effects.loop_callables`,
    # `literal_choice`): one printing is enough. The pure rows: test_pure.py.
    case(
        "io-loops-over-a-literal-tuple-naming-print",
        """\
        def _double(x):
            return 2 * x


        def both(x):
            for fn in (_double, print):
                x = fn(x)  # <-
            return x
        """,
        "both",
        "io",
    ),
    case(
        "io-loops-over-literal-pairs-whose-function-column-names-print",
        """\
        def show(s):
            for name, fn in (("size", len), ("echo", print)):
                fn(name)  # <-
        """,
        "show",
        "io",
    ),
    case(
        "io-a-comprehension-over-a-literal-list-naming-print",
        """\
        def run(x):
            return [f(x) for f in [str, print]]  # <-
        """,
        "run",
        "io",
    ),
    case(
        "io-calls-the-entry-a-literal-dict-gives-a-local-one-printing",
        """\
        def emit(kind, value):
            out = {"text": str, "say": print}[kind]
            return out(value)  # <-
        """,
        "emit",
        "io",
    ),
    case(
        "io-a-literal-dict-s-get-default-prints",
        """\
        def emit(kind, value):
            out = {"text": str}.get(kind, print)
            return out(value)  # <-
        """,
        "emit",
        "io",
    ),
    case(
        "io-calls-an-item-of-a-literal-tuple-in-place-one-printing",
        """\
        def pick(x, i):
            return (abs, print)[i](x)  # <-
        """,
        "pick",
        "io",
    ),
    case(
        "io-maps-an-entry-of-a-literal-dict-one-printing",
        """\
        def convert(xs, kind):
            return list(map({"int": int, "say": print}[kind], xs))  # <-
        """,
        "convert",
        "io",
    ),
    # Where the interpreter is installed and how it was started are the machine's, as `os.environ` is
    case(
        "io-reads-sys-executable",
        """\
        import sys


        def pip_command(package):
            return [sys.executable, "-m", "pip", "install", package]  # <-
        """,
        "pip_command",
        "io",
    ),
    case(
        "io-reads-sys-prefix",
        """\
        import os
        import sys


        def site_dir(name):
            return os.path.join(sys.prefix, "share", name)  # <-
        """,
        "site_dir",
        "io",
    ),
    case(
        "io-updates-os-environ",
        """\
        import os


        def set_locale(lang):
            os.environ.update({"LANG": lang})  # <-
        """,
        "set_locale",
        "io",
        detail="calls os.environ.update()",
    ),
    case(
        # a function's own `import os`: no module-level name whose read the solve reports
        "io-reads-os-environ-through-a-local-import",
        """\
        def desired_api():
            import os

            return os.environ.get("QT_API", "").lower()  # <-
        """,
        "desired_api",
        "io",
        detail="reads os.environ",
    ),
    # A name the function imports itself is read as a module-level one is (`Expressions.local_import_read`,
    # `Solver._reads`): each of these was pure.
    case(
        "io-reads-sys-argv-through-a-local-import",
        """\
        def args():
            import sys

            return sys.argv[1:]  # <-
        """,
        "args",
        "io",
        detail="reads sys.argv",
    ),
    case(
        "io-reads-argv-imported-from-sys-in-the-function",
        """\
        def args():
            from sys import argv

            return argv[1:]  # <-
        """,
        "args",
        "io",
        detail="reads sys.argv",
    ),
    case(
        "io-reads-os-environ-by-key-through-a-local-import",
        """\
        def setting(key):
            import os

            return os.environ[key]  # <-
        """,
        "setting",
        "io",
    ),
    # A module-level name bound to the interpreter's state itself is that state, read when the function runs
    # (`Solver._aliased_state`); a value computed from it at import is a constant (`PROG = sys.argv[0]`: test_pure.py)
    case(
        "io-reads-a-module-level-alias-of-sys-argv",
        """\
        import sys

        ARGS = sys.argv


        def options():
            return ARGS[1:]  # <-
        """,
        "options",
        "io",
        detail="sys.argv (as ARGS)",
    ),
    # `getattr(module, "name")` with a constant name reads that attribute as `module.name` does
    # (`Expressions.named_getattr`); how the program was packaged is the machine's (`sys.frozen`, `sys._MEIPASS`)
    case(
        "io-reads-sys-frozen-through-getattr",
        """\
        import sys


        def is_frozen():
            return getattr(sys, "frozen", False)  # <-
        """,
        "is_frozen",
        "io",
        detail="reads sys.frozen",
    ),
    case(
        "io-reads-sys-argv-through-getattr-on-a-local-import",
        """\
        def args():
            import sys

            return getattr(sys, "argv")[1:]  # <-
        """,
        "args",
        "io",
        detail="reads sys.argv",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


def test_the_same_reason_twice_is_reported_once_at_its_first_line() -> None:
    # Mutation test (issue 12 item 6, fourth pass): `_dedupe` keeps one reason per kind and detail.
    fn = verdict({"mod.py": "def f(x):\n    print(x)\n    print(x)\n    return x\n"}, "f")
    assert [(r.kind, r.lineno, r.detail) for r in fn.reasons] == [("io", 2, "calls print()")]
