"""The keypad: which keys there are and where they go. Only `build_keypad` touches Tkinter."""

from tkinter import ttk

LAYOUT = (
    "7 8 9 / C",
    "4 5 6 * (",
    "1 2 3 - )",
    "0 . ^ + =",
)
LABELS = {"*": "×", "/": "÷", "-": "−", "C": "Clear"}
OPERATOR_KEYS = frozenset("+-*/^%")


def key_rows(layout):  # expect: pure
    return [row.split() for row in layout]


def key_positions(rows):  # expect: pure
    return {key: (r, c) for r, row in enumerate(rows) for c, key in enumerate(row)}


def label_for(key):  # expect: pure
    return LABELS.get(key, key)


def is_operator(key):  # expect: pure
    return key in OPERATOR_KEYS


def next_text(current, key):  # expect: pure
    if key == "C":
        return ""
    if is_operator(key) and current[-1:] in OPERATOR_KEYS:
        return current[:-1] + key
    return current + key


def widest_label(rows):  # expect: pure
    return max(len(label_for(key)) for row in rows for key in row)


def build_keypad(parent, on_key):  # expect: impure(ui)
    frame = ttk.Frame(parent)
    rows = key_rows(LAYOUT)
    for key, (row, column) in key_positions(rows).items():
        button = ttk.Button(frame, text=label_for(key), width=widest_label(rows), command=lambda k=key: on_key(k))
        button.grid(row=row, column=column, sticky="nsew")
    return frame
