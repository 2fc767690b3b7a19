"""purelift: plan the move of a Python desktop GUI application to the web."""

__version__ = "0.1.0"
