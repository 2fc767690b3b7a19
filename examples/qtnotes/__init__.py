"""qtnotes: a notes keeper written with Qt (PySide6): a list of notes, an editor, search as you type."""
