# The first tkcalc, from 2009: Python 2 and one window, kept for the record. It no longer runs.
import Tkinter


def main():
    root = Tkinter.Tk()
    root.title("tkcalc 0.1")
    print "starting tkcalc 0.1"
    root.mainloop()
