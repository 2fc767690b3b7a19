"""Where the notes live on disk: one JSON file per note in the user's notes folder."""

import json
import os
from dataclasses import asdict

from .model import Note, slugify


def note_file(folder, note):  # expect: pure
    return os.path.join(folder, f"{slugify(note.title)}-{note.note_id[:8]}.json")


def to_json(note):  # expect: pure
    return json.dumps(asdict(note), ensure_ascii=False, indent=2)


def from_json(text):  # expect: pure
    return Note(**json.loads(text))


class NoteStore:
    """The notes of one folder, loaded once and written back note by note."""

    def __init__(self, folder):  # expect: pure
        self.folder = folder
        self.notes = {}

    def load(self):  # expect: impure(io)
        for name in sorted(os.listdir(self.folder)):
            if name.endswith(".json"):
                with open(os.path.join(self.folder, name), encoding="utf-8") as fh:
                    note = from_json(fh.read())
                self.notes[note.note_id] = note
        return list(self.notes.values())

    def put(self, note):  # expect: impure(self_mutation)
        self.notes[note.note_id] = note

    def save(self, note):  # expect: impure(io)
        self.put(note)
        with open(note_file(self.folder, note), "w", encoding="utf-8") as fh:
            fh.write(to_json(note))

    def count(self):  # expect: pure
        return len(self.notes)

    @staticmethod
    def default_folder():  # expect: impure(io)
        return os.path.join(os.path.expanduser("~"), ".qtnotes")
