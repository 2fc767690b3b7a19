"""tkcalc: a small desktop calculator with a history, written with Tkinter.

Run it with `python -m tkcalc` from the `examples/` folder.
"""

__version__ = "1.3.0"
