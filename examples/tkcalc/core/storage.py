"""Keeping the history between sessions: a JSON file next to the user's documents."""

import json
import logging
import os
import webbrowser

from .memory import HISTORY

log = logging.getLogger(__name__)

FILE_NAME = "tkcalc-history.json"
HELP_URL = "https://docs.python.org/3/library/tkinter.html"


def history_path(folder):  # expect: pure
    return os.path.join(folder, FILE_NAME)


def encode(entries):  # expect: pure
    return json.dumps([list(entry) for entry in entries], indent=1)


def decode(text):  # expect: pure
    return [tuple(entry) for entry in json.loads(text)]


def save(path, entries):  # expect: impure(io)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(encode(entries))
    log.info("saved %d entries to %s", len(entries), path)


def load(path):  # expect: impure(io)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return decode(fh.read())


def save_session(folder):  # expect: impure(calls_impure)
    save(history_path(folder), HISTORY)


def default_folder():  # expect: impure(io)
    return os.environ.get("TKCALC_HOME") or os.path.expanduser("~")


def show_folder(folder):  # expect: impure(io)
    os.startfile(folder)


def open_help():  # expect: impure(io)
    webbrowser.open(HELP_URL)
