"""Why an input cannot be analysed: one `SourceError` subclass per refusal, each with a stable `code`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from ..model import SkippedFile


class SourceError(Exception):
    """Input that cannot be analysed. `code` is stable (the API and the CLI map it); the message is one line."""

    code: ClassVar[str] = "bad_input"

    def __init__(self, message: str) -> None:
        # One line whatever a hostile entry name holds: callers print it as is.
        self.message = " ".join(message.splitlines())
        super().__init__(self.message)


class InputNotFoundError(SourceError):
    code: ClassVar[str] = "not_found"


class InputUnreadableError(SourceError):
    """The path exists but the operating system refuses to read it (permissions, I/O error)."""

    code: ClassVar[str] = "unreadable"


class UnsupportedInputError(SourceError):
    """Not a folder, a Python file, a zip or a tar.gz (judged by content, not by file name)."""

    code: ClassVar[str] = "unsupported_input"


class CorruptArchiveError(SourceError):
    code: ClassVar[str] = "corrupt_archive"


class ArchiveTooLargeError(SourceError):
    code: ClassVar[str] = "too_large"


class TooManyEntriesError(SourceError):
    code: ClassVar[str] = "too_many_entries"


class CompressionBombError(SourceError):
    code: ClassVar[str] = "compression_bomb"


class UnsafePathError(SourceError):
    """An archive entry that would land outside the tree if extracted (zip slip): refused, whole archive."""

    code: ClassVar[str] = "unsafe_path"


class NoPythonFilesError(SourceError):
    """Nothing to analyse. `skipped` still says what was found and why it was not read."""

    code: ClassVar[str] = "no_python_files"

    def __init__(self, message: str, skipped: Sequence[SkippedFile] = ()) -> None:
        super().__init__(message)
        self.skipped = list(skipped)
