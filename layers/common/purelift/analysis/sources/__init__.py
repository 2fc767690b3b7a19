"""Turn what a user hands in into the Python sources to analyse, safely.

The package's face: `read_path` and `read_archive`, which judge the input's kind by its first bytes and hand
over to `folder`, `zip` or `tar`; `tree` holds the result types and the rules every reader shares, `errors` the
refusals.

Input is a folder, a single ``.py``/``.pyw`` file, a ``.zip`` or a ``.tar.gz``/``.tgz`` archive, given as a path
(the CLI) or as bytes or a file object (the Lambda that reads uploads from S3). The result is a `SourceTree`: the
raw bytes of every Python file, keyed by a normalised posix path relative to the tree root. Decoding (PEP 263)
happens later, in the engine.

Uploaded code is never imported or executed: this module only reads bytes, never writes to disk and never
extracts anything. Archives are hostile until proven otherwise (SPEC §8), so every limit in `Limits` is
enforced on the bytes actually read, while reading, and entry headers are only trusted to refuse early. Each
refusal is a `SourceError` with a stable `code` and a one-line message fit to show the user.

Only the standard library is used: the engine must run anywhere (a test enforces it).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import BinaryIO

from ..model import SkippedFile
from .archive import CHUNK, CountingReader, archive_too_large_message
from .errors import (
    ArchiveTooLargeError,
    CompressionBombError,
    CorruptArchiveError,
    InputNotFoundError,
    InputUnreadableError,
    NoPythonFilesError,
    SourceError,
    TooManyEntriesError,
    UnsafePathError,
    UnsupportedInputError,
)
from .folder import read_folder
from .tar import read_tar_gz
from .tree import (
    DEFAULT_LIMITS,
    NAME_REASON,
    Limits,
    SourceFile,
    SourceTree,
    base_name,
    build_tree,
    is_excluded,
    is_python,
    is_utf8,
    os_reason,
    printable_path,
    show,
    too_large_reason,
    tree_stem,
)
from .zip import read_zip

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveTooLargeError",
    "CompressionBombError",
    "CorruptArchiveError",
    "InputNotFoundError",
    "InputUnreadableError",
    "Limits",
    "NoPythonFilesError",
    "SourceError",
    "SourceFile",
    "SourceTree",
    "TooManyEntriesError",
    "UnsafePathError",
    "UnsupportedInputError",
    "is_excluded",
    "read_archive",
    "read_path",
]


def read_path(
    path: str | os.PathLike[str],
    *,
    exclude: Sequence[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> SourceTree:
    """Read a folder, a single Python file or an archive on disk.

    The kind of a file is judged by its first bytes (zip, gzip), never by its extension; a file that is neither
    is taken as one Python file when its name ends in ``.py``/``.pyw``. A folder is walked without following
    links (each link is listed in `skipped`), so the walk never leaves it; `exclude` is described in
    `is_excluded`. Raises a `SourceError` subclass for anything that cannot be analysed.
    """
    text = os.fspath(path)
    display = show(text)
    if os.path.isdir(text):
        return read_folder(text, display, exclude, limits)
    if not os.path.exists(text):
        raise InputNotFoundError(f"{display}: no such file or folder")
    if not os.path.isfile(text):
        # A FIFO or a device: opening it could block forever, so it is never opened.
        raise UnsupportedInputError(f"{display} is not a regular file or folder")
    try:
        handle = open(text, "rb")  # noqa: SIM115 - closed by the `with` below, after the error mapping
    except OSError as exc:
        raise InputUnreadableError(f"{display} cannot be read ({os_reason(exc)})") from exc
    with handle:
        return _read_stream(handle, display, os.path.basename(text), exclude, limits)


def read_archive(
    data: bytes | BinaryIO,
    filename: str,
    *,
    exclude: Sequence[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> SourceTree:
    """Read an uploaded archive (or a single uploaded Python file) from bytes or a binary file object.

    `filename` is the name the user gave the upload: it names the tree and appears in messages, but the
    format is judged by content. A file object need not be seekable (an S3 body): a tar.gz is streamed, a zip
    (which needs random access) is first read into memory, at most `limits.max_archive_bytes`.
    """
    stream: BinaryIO = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    base = base_name(filename)
    return _read_stream(stream, show(base) if base else "the upload", base, exclude, limits)


# --------------------------------------------------------------------------------------------------- streams

_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_GZIP_MAGIC = b"\x1f\x8b"
# Formats people try: named in the refusal so the user knows what to do instead.
_OTHER_FORMATS = {
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\xfd7zX": "an xz file",
    b"BZh": "a bzip2 file",
    b"(\xb5/\xfd": "a Zstandard file",
}
_MAGIC_LEN = 4


def _read_stream(stream: BinaryIO, display: str, filename: str, exclude: Sequence[str], limits: Limits) -> SourceTree:
    """Judge the format by its first bytes and hand over to the matching reader."""
    counted = CountingReader(stream, display, limits)
    if _seekable(stream):
        start = stream.tell()
        size = stream.seek(0, io.SEEK_END) - start
        stream.seek(start)
        if size > limits.max_archive_bytes:
            raise ArchiveTooLargeError(archive_too_large_message(display, limits))
        magic = stream.read(_MAGIC_LEN)
        stream.seek(start)
        if magic.startswith(_ZIP_MAGICS):
            return read_zip(stream, size, display, filename, exclude, limits)
        buffered = io.BufferedReader(counted, CHUNK)
    else:
        buffered = io.BufferedReader(counted, CHUNK)
        magic = buffered.peek(_MAGIC_LEN)[:_MAGIC_LEN]
        if magic.startswith(_ZIP_MAGICS):
            # A zip's index is at its end: random access is needed, so the upload is spooled (bounded by the
            # counting reader, which refuses past max_archive_bytes).
            whole = buffered.read()
            return read_zip(io.BytesIO(whole), len(whole), display, filename, exclude, limits)
    if magic.startswith(_GZIP_MAGIC):
        return read_tar_gz(buffered, counted, display, filename, exclude, limits)
    if is_python(filename):
        return _read_single(buffered, display, filename, limits)
    if not magic:
        raise UnsupportedInputError(f"{display} is empty")
    other = next((kind for prefix, kind in _OTHER_FORMATS.items() if magic.startswith(prefix)), None)
    if other:
        raise UnsupportedInputError(
            f"{display} is {other}; purelift reads a folder, a Python file, a .zip or a .tar.gz"
        )
    raise UnsupportedInputError(f"{display} is not a folder, a Python file, a .zip or a .tar.gz archive")


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError, OSError):
        return False


def _read_single(stream: BinaryIO, display: str, filename: str, limits: Limits) -> SourceTree:
    """A lone Python file is a tree of one file, named after the file."""
    data = stream.read(limits.max_file_bytes + 1)
    name = printable_path(filename)
    if len(data) > limits.max_file_bytes:
        skipped = [SkippedFile(name, too_large_reason(limits))]
        raise NoPythonFilesError(f"{display} is {too_large_reason(limits)}", skipped)
    if not is_utf8(filename):
        raise NoPythonFilesError(f"{display}: {NAME_REASON}", [SkippedFile(name, NAME_REASON)])
    return build_tree(tree_stem(filename), display, {filename: data}, [], 0, package_root=False)
