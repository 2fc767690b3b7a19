"""The Tkinter windows of tkcalc."""
