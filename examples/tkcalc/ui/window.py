"""The main window: a display, the keypad, the history list and a small menu."""

import tkinter as tk
from tkinter import messagebox, ttk

from ..core.expression import format_number
from ..core.memory import HISTORY, Memory, calculate, history_lines
from ..core.storage import default_folder, open_help, save_session
from .keypad import build_keypad, next_text

APP_NAME = "tkcalc"


def window_title(expression):  # expect: pure
    return f"{expression} - {APP_NAME}" if expression else APP_NAME


class CalculatorWindow(tk.Frame):
    def __init__(self, master=None):  # expect: impure(ui)
        super().__init__(master, padx=8, pady=8)
        self.memory = Memory()
        self.text = tk.StringVar()
        self.display = ttk.Entry(self, textvariable=self.text, justify=tk.RIGHT, font=("TkFixedFont", 16))
        self.display.grid(row=0, column=0, sticky="ew")
        self.display.bind("<Return>", lambda event: self.on_equals())
        build_keypad(self, self.on_key).grid(row=1, column=0)
        self.history = tk.Listbox(self, height=6)
        self.history.grid(row=2, column=0, sticky="nsew")

    def on_key(self, key):  # expect: impure(ui)
        if key == "=":
            self.on_equals()
        else:
            self.text.set(next_text(self.text.get(), key))

    def on_equals(self):  # expect: impure(ui)
        expression = self.text.get()
        try:
            value = calculate(expression)
        except ValueError as error:
            messagebox.showerror(APP_NAME, str(error))
            return
        self.text.set(self.display_text(value))
        self.history.delete(0, tk.END)
        self.history.insert(tk.END, *history_lines(HISTORY))
        self.master.title(window_title(expression))

    def on_memory_add(self):  # expect: impure(ui)
        self.memory.add(float(self.text.get() or 0))

    def on_quit(self):  # expect: impure(ui)
        save_session(default_folder())
        self.master.destroy()

    @staticmethod
    def display_text(value):  # expect: pure
        return format_number(value)

    def status_line(self, count):  # expect: pure
        return f"{count} calculation{'s' if count != 1 else ''} in this session"


def main():  # expect: impure(ui)
    root = tk.Tk()
    root.title(APP_NAME)
    window = CalculatorWindow(root)
    window.pack(fill=tk.BOTH, expand=True)
    menu = tk.Menu(root)
    menu.add_command(label="Help", command=open_help)
    menu.add_command(label="Quit", command=window.on_quit)
    root.config(menu=menu)
    root.mainloop()
