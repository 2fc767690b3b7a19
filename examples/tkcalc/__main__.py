"""`python -m tkcalc` opens the calculator window."""

from .ui.window import main

main()
