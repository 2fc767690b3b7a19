"""The qtnotes main window: the list of notes on the left, the editor and its preview on the right."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTextEdit,
)

from .highlight import SearchHighlighter, hit_summary
from .model import by_title, first_line, new_note, search
from .render import to_html
from .store import NoteStore


class NotesWindow(QMainWindow):
    def __init__(self, store):  # expect: impure(ui)
        super().__init__()
        self.store = store
        self.search_box = QLineEdit(placeholderText="Search notes")
        self.search_box.textChanged.connect(self.on_search)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self.on_select)
        self.editor = QTextEdit()
        self.editor.textChanged.connect(self.on_edit)
        self.preview = QTextBrowser()
        self.highlighter = SearchHighlighter(self.editor.document())
        splitter = QSplitter(Qt.Horizontal)
        for widget in (self.list, self.editor, self.preview):
            splitter.addWidget(widget)
        self.setCentralWidget(splitter)
        self.setWindowTitle("qtnotes")

    def show_notes(self, notes):  # expect: impure(ui)
        self.list.clear()
        for note in by_title(notes):
            item = QListWidgetItem(first_line(note.title))
            item.setData(Qt.UserRole, note.note_id)
            self.list.addItem(item)

    def on_search(self, query):  # expect: impure(ui)
        found = search(self.store.notes.values(), query)
        self.show_notes(found)
        self.highlighter.set_query(query)
        self.statusBar().showMessage(hit_summary(len(found)))

    def on_select(self, item):  # expect: impure(ui)
        note = self.store.notes[item.data(Qt.UserRole)]
        self.editor.setPlainText(note.body)

    def on_edit(self):  # expect: impure(ui)
        self.preview.setHtml(to_html(self.editor.toPlainText()))

    def on_new(self):  # expect: impure(calls_impure)
        note = new_note()
        self.store.save(note)
        self.show_notes(self.store.notes.values())


def main():  # expect: impure(ui)
    app = QApplication(sys.argv)
    store = NoteStore(NoteStore.default_folder())
    window = NotesWindow(store)
    window.show_notes(store.load())
    window.show()
    return app.exec()
