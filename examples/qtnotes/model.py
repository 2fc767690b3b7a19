"""Notes and what can be asked of them. No Qt here: this is the part a web version keeps."""

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

_WORD = re.compile(r"\w+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
UNTITLED = "Untitled note"


@dataclass
class Note:
    note_id: str
    title: str
    body: str = ""
    tags: list = field(default_factory=list)
    modified: str = ""


def new_note(title=""):  # expect: impure(nondeterministic)
    return Note(uuid.uuid4().hex, title or UNTITLED, modified=datetime.now().isoformat(timespec="seconds"))


def slugify(title):  # expect: pure
    return _SLUG_JUNK.sub("-", title.lower()).strip("-") or "note"


def word_count(text):  # expect: pure
    return len(_WORD.findall(text))


def first_line(text, width=40):  # expect: pure
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def matches(note, query):  # expect: pure
    words = query.lower().split()
    haystack = f"{note.title}\n{note.body}".lower()
    return all(word in haystack for word in words)


def search(notes, query):  # expect: pure
    return [note for note in notes if matches(note, query)]


def by_title(notes):  # expect: pure
    return sorted(notes, key=lambda note: note.title.lower())


def all_tags(notes):  # expect: pure
    return sorted({tag for note in notes for tag in note.tags})


def add_tag(note, tag):  # expect: impure(arg_mutation)
    if tag not in note.tags:
        note.tags.append(tag)


def rename(note, title):  # expect: impure(arg_mutation)
    note.title = title.strip() or UNTITLED
