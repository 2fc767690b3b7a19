"""Turn what a user hands in into the Python sources to analyse, safely.

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

import fnmatch
import gzip
import io
import os
import posixpath
import re
import stat
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, ClassVar

from .model import SkippedFile

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveTooLarge",
    "CompressionBomb",
    "CorruptArchive",
    "InputNotFound",
    "InputUnreadable",
    "Limits",
    "NoPythonFiles",
    "SourceError",
    "SourceFile",
    "SourceTree",
    "TooManyEntries",
    "UnsafePath",
    "UnsupportedInput",
    "is_excluded",
    "read_archive",
    "read_path",
]

_KIB = 1024
_MIB = 1024**2
_GIB = 1024**3


# --------------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One Python file to analyse: its posix path relative to the tree root and its raw bytes."""

    path: str
    data: bytes


@dataclass(slots=True)
class SourceTree:
    """Everything found in one input.

    `files` holds only ``*.py``/``*.pyw`` files, sorted by path. `skipped` lists what was found but not analysed
    (too large, a link, encrypted, a duplicate, …) with a human reason, so nothing is silently lost.
    `root_package` is the tree's name when the root itself holds ``__init__.py`` (the tree is a package, and
    absolute imports inside it start with that name), else None.
    """

    name: str
    files: list[SourceFile]
    skipped: list[SkippedFile]
    root_package: str | None


@dataclass(frozen=True, slots=True)
class Limits:
    """What one input may cost, with the defaults of SPEC §8.

    - `max_archive_bytes`: size of the archive as received (compressed).
    - `max_total_bytes`: uncompressed size of the archive's content (declared by a zip's headers, or actually
      expanded while reading); for a folder, the Python bytes kept in memory.
    - `max_entries`: entries in an archive (files, folders and links alike).
    - `max_file_bytes`: one Python file; a larger one is skipped and reported, not an error.
    - `max_ratio`: uncompressed / compressed size, per zip entry and over the whole archive (zip bombs).
    - `ratio_min_bytes`: ratios are only judged past this many uncompressed bytes: small files compress
      unpredictably (a page of blank lines is 200:1) and below this size they cannot hurt.
    - `max_header_bytes`: one tar metadata header (pax or GNU long name); tarfile holds such a header in memory
      whole, so an absurd one is refused before it is read.
    """

    max_archive_bytes: int = 200 * _MIB
    max_total_bytes: int = _GIB
    max_entries: int = 50_000
    max_file_bytes: int = 5 * _MIB
    max_ratio: float = 100.0
    ratio_min_bytes: int = _MIB
    max_header_bytes: int = _MIB

    def __post_init__(self) -> None:
        sizes = (
            self.max_archive_bytes,
            self.max_total_bytes,
            self.max_entries,
            self.max_file_bytes,
            self.ratio_min_bytes,
            self.max_header_bytes,
        )
        if min(sizes) < 1 or self.max_ratio < 1:
            raise ValueError("every limit must be positive, and max_ratio at least 1")


DEFAULT_LIMITS = Limits()


# ---------------------------------------------------------------------------------------------------- errors


class SourceError(Exception):
    """Input that cannot be analysed. `code` is stable (the API and the CLI map it); the message is one line."""

    code: ClassVar[str] = "bad_input"

    def __init__(self, message: str) -> None:
        # One line whatever a hostile entry name holds: callers print it as is.
        self.message = " ".join(message.splitlines())
        super().__init__(self.message)


class InputNotFound(SourceError):
    code: ClassVar[str] = "not_found"


class InputUnreadable(SourceError):
    """The path exists but the operating system refuses to read it (permissions, I/O error)."""

    code: ClassVar[str] = "unreadable"


class UnsupportedInput(SourceError):
    """Not a folder, a Python file, a zip or a tar.gz (judged by content, not by file name)."""

    code: ClassVar[str] = "unsupported_input"


class CorruptArchive(SourceError):
    code: ClassVar[str] = "corrupt_archive"


class ArchiveTooLarge(SourceError):
    code: ClassVar[str] = "too_large"


class TooManyEntries(SourceError):
    code: ClassVar[str] = "too_many_entries"


class CompressionBomb(SourceError):
    code: ClassVar[str] = "compression_bomb"


class UnsafePath(SourceError):
    """An archive entry that would land outside the tree if extracted (zip slip): refused, whole archive."""

    code: ClassVar[str] = "unsafe_path"


class NoPythonFiles(SourceError):
    """Nothing to analyse. `skipped` still says what was found and why it was not read."""

    code: ClassVar[str] = "no_python_files"

    def __init__(self, message: str, skipped: Sequence[SkippedFile] = ()) -> None:
        super().__init__(message)
        self.skipped = list(skipped)


# ------------------------------------------------------------------------------------------- public helpers


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
    display = _show(text)
    if os.path.isdir(text):
        return _read_folder(text, display, exclude, limits)
    if not os.path.exists(text):
        raise InputNotFound(f"{display}: no such file or folder")
    if not os.path.isfile(text):
        # A FIFO or a device: opening it could block forever, so it is never opened.
        raise UnsupportedInput(f"{display} is not a regular file or folder")
    try:
        handle = open(text, "rb")  # noqa: SIM115 - closed by the `with` below, after the error mapping
    except OSError as exc:
        raise InputUnreadable(f"{display} cannot be read ({_os_reason(exc)})") from exc
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
    base = _basename(filename)
    return _read_stream(stream, _show(base) if base else "the upload", base, exclude, limits)


def is_excluded(relpath: str, exclude: Sequence[str]) -> bool:
    """Whether the user's ``--exclude`` globs leave out `relpath` (posix, relative to the tree root).

    Globs use `fnmatch` syntax, case-sensitively on every platform (so the CLI and the Lambda agree):

    - a glob without ``/`` is matched against each component of the path, so ``tests`` or ``build`` leave out
      every folder (or file) of that name at any depth, and ``*_test.py`` every such file;
    - a glob with ``/`` is matched against the whole path and against each of its leading folders, anchored at
      the root: ``tests/*`` and ``core/legacy`` leave out everything below them. fnmatch's ``*`` also crosses
      ``/``, so ``core/*.py`` reaches ``core/sub/x.py`` too. A leading ``**/`` also matches at the root;
    - a leading ``./`` or ``/`` and a trailing ``/`` are ignored, and ``\\`` is read as ``/``.
    """
    parts = [part for part in relpath.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or not exclude:
        return False
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for raw in exclude:
        pattern = raw.replace("\\", "/").strip("/")
        while pattern.startswith("./"):
            pattern = pattern[2:]
        if pattern in ("", "."):
            continue
        if "/" not in pattern:
            if any(fnmatch.fnmatchcase(part, pattern) for part in parts):
                return True
            continue
        patterns = (pattern, pattern[3:]) if pattern.startswith("**/") else (pattern,)
        if any(fnmatch.fnmatchcase(prefix, glob) for prefix in prefixes for glob in patterns):
            return True
    return False


# --------------------------------------------------------------------------------------------- shared rules

_PYTHON_SUFFIXES = (".py", ".pyw")
# Folders never analysed (SPEC §2): tooling, caches, installed third-party code, macOS archive metadata.
_SKIPPED_FOLDERS = frozenset({".git", "__pycache__", "site-packages", "node_modules", "__MACOSX"})
_VENV_MARKER = "pyvenv.cfg"
_LINK_REASON = "symbolic link (links are never followed)"
_HARDLINK_REASON = "hard link (links are never followed)"
_SPECIAL_REASON = "not a regular file (device, FIFO or socket)"
_NAME_REASON = "file name is not valid UTF-8"


def _is_python(name: str) -> bool:
    return name.lower().endswith(_PYTHON_SUFFIXES)


def _skipped_folder(name: str) -> bool:
    """Default skips by folder name: the list above and hidden folders (``.venv``, ``.tox``, ``.idea``, …)."""
    return name in _SKIPPED_FOLDERS or name.startswith(".")


def _apple_double(name: str) -> bool:
    """``._units.py``: macOS resource-fork metadata that archivers add beside each file; binary, never Python."""
    return name.startswith("._")


def _left_out(rel: Sequence[str], exclude: Sequence[str]) -> bool:
    """Default skips and the user's globs, for a file (or link) at `rel` below the tree root."""
    return (
        any(_skipped_folder(part) for part in rel[:-1]) or _apple_double(rel[-1]) or is_excluded("/".join(rel), exclude)
    )


def _too_large_reason(limits: Limits) -> str:
    return f"larger than the {_size(limits.max_file_bytes)} limit for one file"


def _build_tree(
    name: str,
    display: str,
    files: dict[str, bytes],
    skipped: list[SkippedFile],
    left_out: int,
    *,
    package_root: bool = True,
) -> SourceTree:
    """The common end of every reader: sort, detect the root package, refuse an empty tree."""
    skipped.sort(key=lambda item: (item.path, item.reason))
    if not files:
        raise NoPythonFiles(_no_python_message(display, skipped, left_out), skipped)
    root_package = name if package_root and "__init__.py" in files else None
    ordered = [SourceFile(path, files[path]) for path in sorted(files)]
    return SourceTree(name=name, files=ordered, skipped=skipped, root_package=root_package)


def _no_python_message(display: str, skipped: Sequence[SkippedFile], left_out: int) -> str:
    if skipped:
        first = skipped[0]
        return (
            f"{display} holds no Python file that can be read "
            f"({len(skipped)} skipped, e.g. {_show(first.path)}: {first.reason})"
        )
    if left_out:
        return f"{display} holds no Python file outside the skipped folders and exclusion rules ({left_out} left out)"
    return f"{display} holds no Python file (*.py or *.pyw)"


# --------------------------------------------------------------------------------------------------- folders


def _read_folder(root: str, display: str, exclude: Sequence[str], limits: Limits) -> SourceTree:
    files: dict[str, bytes] = {}
    skipped: list[SkippedFile] = []
    left_out = 0
    total = 0
    pruned: list[str] = []
    for rel, entry in _walk_folder(root, display, exclude, skipped, pruned):
        relpath = "/".join(rel)
        if _left_out(rel, exclude) or (_is_link(entry) and _skipped_folder(entry.name)):
            left_out += _is_python(entry.name)
            continue
        if _is_link(entry):
            skipped.append(SkippedFile(_printable_path(relpath), _LINK_REASON))
        elif not entry.is_file(follow_symlinks=False):
            skipped.append(SkippedFile(_printable_path(relpath), _SPECIAL_REASON))
        elif not _is_python(entry.name):
            continue
        elif not _utf8(relpath):
            skipped.append(SkippedFile(_printable_path(relpath), _NAME_REASON))
        else:
            data = _read_regular_file(entry.path, limits)
            if isinstance(data, str):
                skipped.append(SkippedFile(relpath, data))
                continue
            total += len(data)
            if total > limits.max_total_bytes:
                raise ArchiveTooLarge(
                    f"the Python files in {display} add up to more than {_size(limits.max_total_bytes)}"
                )
            files[relpath] = data
    name = os.path.basename(os.path.abspath(root)) or display
    return _build_tree(_printable_path(name), display, files, skipped, left_out + len(pruned))


def _walk_folder(
    root: str, display: str, exclude: Sequence[str], skipped: list[SkippedFile], pruned: list[str]
) -> Iterator[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """Every non-folder entry below `root` (links included, never followed).

    Skipped and excluded folders are pruned, not walked (a venv or node_modules can hold more files than the
    project): they are recorded in `pruned`, and folders that cannot be listed in `skipped`.
    """
    pending: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while pending:
        path, parts = pending.pop()
        try:
            with os.scandir(path) as scan:
                entries = sorted(scan, key=lambda item: item.name)
        except OSError as exc:
            if not parts:
                raise InputUnreadable(f"{display} cannot be read ({_os_reason(exc)})") from exc
            skipped.append(SkippedFile(_printable_path("/".join(parts)), f"folder cannot be read ({_os_reason(exc)})"))
            continue
        for entry in entries:
            rel = (*parts, entry.name)
            if _is_link(entry) or not entry.is_dir(follow_symlinks=False):
                yield rel, entry
            elif (
                _skipped_folder(entry.name)
                or is_excluded("/".join(rel), exclude)
                or os.path.lexists(os.path.join(entry.path, _VENV_MARKER))
            ):
                pruned.append("/".join(rel))
            else:
                pending.append((entry.path, rel))


def _is_link(entry: os.DirEntry[str]) -> bool:
    """A symbolic link, or on Windows any reparse point (junctions are links in all but name)."""
    if entry.is_symlink():
        return True
    try:
        attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attributes & stat.FILE_ATTRIBUTE_REPARSE_POINT)


def _read_regular_file(path: str, limits: Limits) -> bytes | str:
    """The file's bytes, or why it was not read. Opened without following links and without blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        return f"cannot be read ({_os_reason(exc)})"
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            return _SPECIAL_REASON
        if status.st_size > limits.max_file_bytes:
            return _too_large_reason(limits)
        try:
            data = handle.read(limits.max_file_bytes + 1)
        except OSError as exc:
            return f"cannot be read ({_os_reason(exc)})"
    return _too_large_reason(limits) if len(data) > limits.max_file_bytes else data


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
_CHUNK = 64 * _KIB


class _CountingReader(io.RawIOBase):
    """The user's bytes as received, counted: refuses to read past `max_archive_bytes`.

    Used where the size is not known up front (a non-seekable upload) and to measure how much compressed data
    a gzip stream has consumed, for the ratio check.
    """

    def __init__(self, inner: BinaryIO, display: str, limits: Limits) -> None:
        super().__init__()
        self._inner = inner
        self._display = display
        self._limits = limits
        self.count = 0

    def readable(self) -> bool:
        return True

    # The stub types `buffer` as the buffer protocol, whose name needs Python 3.12 or typing_extensions; io only
    # ever passes a memoryview or a bytearray.
    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        data = self._inner.read(len(view))
        view[: len(data)] = data
        self.count += len(data)
        if self.count > self._limits.max_archive_bytes:
            raise ArchiveTooLarge(_archive_too_large(self._display, self._limits))
        return len(data)


def _read_stream(stream: BinaryIO, display: str, filename: str, exclude: Sequence[str], limits: Limits) -> SourceTree:
    """Judge the format by its first bytes and hand over to the matching reader."""
    counted = _CountingReader(stream, display, limits)
    if _seekable(stream):
        start = stream.tell()
        size = stream.seek(0, io.SEEK_END) - start
        stream.seek(start)
        if size > limits.max_archive_bytes:
            raise ArchiveTooLarge(_archive_too_large(display, limits))
        magic = stream.read(_MAGIC_LEN)
        stream.seek(start)
        if magic.startswith(_ZIP_MAGICS):
            return _read_zip(stream, size, display, filename, exclude, limits)
        buffered = io.BufferedReader(counted, _CHUNK)
    else:
        buffered = io.BufferedReader(counted, _CHUNK)
        magic = buffered.peek(_MAGIC_LEN)[:_MAGIC_LEN]
        if magic.startswith(_ZIP_MAGICS):
            # A zip's index is at its end: random access is needed, so the upload is spooled (bounded by the
            # counting reader, which refuses past max_archive_bytes).
            whole = buffered.read()
            return _read_zip(io.BytesIO(whole), len(whole), display, filename, exclude, limits)
    if magic.startswith(_GZIP_MAGIC):
        return _read_tar_gz(buffered, counted, display, filename, exclude, limits)
    if _is_python(filename):
        return _read_single(buffered, display, filename, limits)
    if not magic:
        raise UnsupportedInput(f"{display} is empty")
    other = next((kind for prefix, kind in _OTHER_FORMATS.items() if magic.startswith(prefix)), None)
    if other:
        raise UnsupportedInput(f"{display} is {other}; purelift reads a folder, a Python file, a .zip or a .tar.gz")
    raise UnsupportedInput(f"{display} is not a folder, a Python file, a .zip or a .tar.gz archive")


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError, OSError):
        return False


def _read_single(stream: BinaryIO, display: str, filename: str, limits: Limits) -> SourceTree:
    """A lone Python file is a tree of one file, named after the file."""
    data = stream.read(limits.max_file_bytes + 1)
    name = _printable_path(filename)
    if len(data) > limits.max_file_bytes:
        skipped = [SkippedFile(name, _too_large_reason(limits))]
        raise NoPythonFiles(f"{display} is {_too_large_reason(limits)}", skipped)
    if not _utf8(filename):
        raise NoPythonFiles(f"{display}: {_NAME_REASON}", [SkippedFile(name, _NAME_REASON)])
    return _build_tree(_stem(filename), display, {filename: data}, [], 0, package_root=False)


# ---------------------------------------------------------------------------------------- archive contents


class _ArchiveContents:
    """What an archive holds, gathered entry by entry, and the rules that turn it into a tree.

    Whether the archive has one common top folder (stripped, so that a zip of a folder gives the same paths as
    the folder) is only known once every entry has been seen. A zip's index gives all names up front, so
    `settle` is called before reading; a tar is streamed, so until `finish` an entry is dropped early only when
    it would be left out both with and without the top folder stripped, and the rest is filtered at the end.
    """

    def __init__(self, display: str, exclude: Sequence[str]) -> None:
        self._display = display
        self._exclude = exclude
        self._tops: set[str] = set()
        self._flat = False
        self._venvs: set[tuple[str, ...]] = set()
        self._items: dict[tuple[str, ...], bytes | str] = {}
        self._duplicates: set[tuple[str, ...]] = set()
        self._settled = False
        self._top: str | None = None
        self.left_out = 0

    def note(self, parts: tuple[str, ...], is_dir: bool) -> None:
        """Record an entry's name (every entry, read or not): it decides the top folder and the venvs."""
        if _metadata(parts):
            return
        self._tops.add(parts[0])
        if len(parts) == 1 and not is_dir:
            self._flat = True
        if parts[-1] == _VENV_MARKER and not is_dir:
            self._venvs.add(parts[:-1])

    def settle(self) -> None:
        """Every name is known: fix the top folder."""
        self._settled = True
        self._top = next(iter(self._tops)) if len(self._tops) == 1 and not self._flat else None

    def wanted(self, parts: tuple[str, ...]) -> bool:
        """Whether an entry may end up in the tree (False: it is skipped by default or excluded)."""
        views = self._views(parts)
        if views and not all(self._view_left_out(parts, depth, rel) for depth, rel in views):
            return True
        self.left_out += _is_python(parts[-1])
        return False

    def add(self, parts: tuple[str, ...], data_or_reason: bytes | str) -> None:
        """Keep a file's bytes, or the reason it was not read. A later entry of the same name wins."""
        if parts in self._items:
            self._duplicates.add(parts)
            del self._items[parts]
        self._items[parts] = data_or_reason

    def finish(self, filename: str) -> SourceTree:
        self.settle()
        files: dict[str, bytes] = {}
        skipped: list[SkippedFile] = []
        for parts, item in self._items.items():
            if not self.wanted(parts):
                continue
            rel = parts[1:] if self._top else parts
            relpath = "/".join(rel)
            if not _utf8(relpath):
                skipped.append(SkippedFile(_printable_path(relpath), _NAME_REASON))
                continue
            if parts in self._duplicates:
                skipped.append(SkippedFile(relpath, "appears more than once in the archive; the last copy is used"))
            if isinstance(item, bytes):
                files[relpath] = item
            else:
                skipped.append(SkippedFile(relpath, item))
        name = _printable_path(self._top) if self._top else _stem(filename)
        return _build_tree(name, self._display, files, skipped, self.left_out)

    def _views(self, parts: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
        """(depth of the tree root, path below it) for each way `parts` may end up in the tree."""
        if self._settled:
            if self._top is None:
                return [(0, parts)]
            if parts[0] != self._top or len(parts) == 1:
                return []  # metadata beside the top folder: outside the tree
            return [(1, parts[1:])]
        views = [(0, parts)]
        if len(parts) > 1:
            views.append((1, parts[1:]))
        return views

    def _view_left_out(self, parts: tuple[str, ...], depth: int, rel: tuple[str, ...]) -> bool:
        if _metadata(parts):
            return True
        # A folder holding pyvenv.cfg is a virtual environment, unless it is the tree root itself.
        in_venv = any(depth < len(venv) < len(parts) and parts[: len(venv)] == venv for venv in self._venvs)
        return in_venv or _left_out(rel, self._exclude)


def _metadata(parts: tuple[str, ...]) -> bool:
    return parts[0] == "__MACOSX" or _apple_double(parts[-1])


_DRIVE = re.compile(r"^[A-Za-z]:")


def _entry_parts(name: str, display: str) -> tuple[str, ...]:
    """An entry name as normalised path components; refuses names that would escape the tree (zip slip).

    ``\\`` is read as ``/`` (old Windows archivers write it, and ``..\\x`` must not slip through).
    """
    posix = name.replace("\\", "/")
    if posix.startswith("/") or _DRIVE.match(posix) or "\x00" in posix:
        raise UnsafePath(_unsafe_message(display, name))
    parts = tuple(part for part in posix.split("/") if part not in ("", "."))
    if ".." in parts:
        raise UnsafePath(_unsafe_message(display, name))
    return parts


def _unsafe_message(display: str, name: str) -> str:
    return f"{display} holds an unsafe entry name '{_show(name)}': absolute paths, drive letters and '..' are refused"


# ------------------------------------------------------------------------------------------------------- zip

_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
# Deflate expands in steps bounded by what is asked for; zipfile calls bzip2 and LZMA without such a bound, so
# a few KiB of them could expand to gigabytes in one call. They are skipped, not read.
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_ZIP_METHOD_NAMES = {
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "LZMA",
    9: "Deflate64",
    93: "Zstandard",
    95: "xz",
    98: "PPMd",
}
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, struct.error)
_ZIP_ENCRYPTED = 0x1
_ZIP_CHUNK = 4 * _KIB


def _read_zip(
    stream: BinaryIO, size: int, display: str, filename: str, exclude: Sequence[str], limits: Limits
) -> SourceTree:
    declared = _zip_declared_entries(stream)
    if declared is not None and declared > limits.max_entries:
        raise TooManyEntries(_too_many(display, limits))
    try:
        archive = zipfile.ZipFile(stream)
    except _ZIP_ERRORS as exc:
        raise CorruptArchive(f"{display} is not a readable zip archive ({_detail(exc)})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise TooManyEntries(_too_many(display, limits))
        contents = _ArchiveContents(display, exclude)
        entries = _survey_zip(infos, size, contents, display, limits)
        contents.settle()
        budget = _Budget(display, limits, lambda: size)
        for info, parts, kind in entries:
            if kind == "dir" or (kind == "file" and not _is_python(parts[-1])) or not contents.wanted(parts):
                continue
            if kind != "file":
                contents.add(parts, kind)
                continue
            refusal = _zip_refusal(info, limits)
            contents.add(parts, refusal or _read_zip_entry(archive, info, budget, display, limits))
    return contents.finish(filename)


def _survey_zip(
    infos: list[zipfile.ZipInfo], size: int, contents: _ArchiveContents, display: str, limits: Limits
) -> list[tuple[zipfile.ZipInfo, tuple[str, ...], str]]:
    """Check every name and declared size before reading a byte: bad archives are refused fast.

    Returns (info, path parts, kind) where kind is "dir", "file", or the reason a link or special entry is
    skipped. Declared sizes are only used to refuse; reading is bounded again on the bytes actually expanded.
    """
    entries: list[tuple[zipfile.ZipInfo, tuple[str, ...], str]] = []
    declared_total = 0
    for info in infos:
        parts = _entry_parts(info.filename, display)
        if not parts:
            continue
        mode = info.external_attr >> 16
        kind = _zip_kind(info, mode)
        contents.note(parts, kind == "dir")
        entries.append((info, parts, kind))
        if kind != "file":
            continue
        declared_total += info.file_size
        _check_ratio(info.file_size, info.compress_size, display, limits, info.filename)
    if declared_total > limits.max_total_bytes:
        raise ArchiveTooLarge(_expands_too_much(display, limits))
    _check_ratio(declared_total, size, display, limits, None)
    return entries


def _zip_kind(info: zipfile.ZipInfo, mode: int) -> str:
    if info.is_dir() or stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return _LINK_REASON
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return _SPECIAL_REASON
    return "file"


def _zip_refusal(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why a Python entry is not read at all, or None."""
    if info.flag_bits & _ZIP_ENCRYPTED:
        return "encrypted (password-protected); purelift never asks for passwords"
    if info.compress_type not in _ZIP_METHODS:
        method = _ZIP_METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return f"compressed with {method}, which purelift does not read (use deflate)"
    if info.file_size > limits.max_file_bytes:
        return _too_large_reason(limits)
    return None


def _read_zip_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, display: str, limits: Limits
) -> bytes | str:
    """An entry's bytes, read in small steps so that every limit trips as soon as it is passed."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(_ZIP_CHUNK):
                size += len(chunk)
                budget.spend(len(chunk))
                _check_ratio(size, info.compress_size, display, limits, info.filename)
                if size > limits.max_file_bytes:
                    return _too_large_reason(limits)
                chunks.append(chunk)
    except _ZIP_ERRORS as exc:
        raise CorruptArchive(f"{display} is corrupt: entry '{_show(info.filename)}': {_detail(exc)}") from exc
    return b"".join(chunks)


def _zip_declared_entries(stream: BinaryIO) -> int | None:
    """The entry count the end-of-central-directory record claims, or None when it cannot be found.

    zipfile builds an object per entry before anyone can count them; reading the claim first refuses an index
    of millions of entries without building it. (An archive may lie here: the real count is checked after.)
    """
    try:
        start = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        tail_size = min(end - start, _EOCD.size + 0xFFFF + _EOCD64_LOCATOR.size + _EOCD64.size)
        stream.seek(end - tail_size)
        tail = stream.read(tail_size)
        stream.seek(start)
    except (OSError, ValueError):
        return None
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        return None
    count = int(_EOCD.unpack_from(tail, at)[4])
    if count != 0xFFFF:
        return count
    locator = at - _EOCD64_LOCATOR.size
    record = locator - _EOCD64.size
    if record >= 0 and tail[locator : locator + 4] == b"PK\x06\x07" and tail[record : record + 4] == b"PK\x06\x06":
        return int(_EOCD64.unpack_from(tail, record)[7])
    return None


# --------------------------------------------------------------------------------------------------- tar.gz

_TAR_METADATA = frozenset(
    {tarfile.XHDTYPE, tarfile.XGLTYPE, tarfile.SOLARIS_XHDTYPE, tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK}
)
_GZIP_ERRORS = (EOFError, OSError, zlib.error)
# Per member, header blocks up to this size are tar structure, not content (a pax header with times and a long
# name fits); beyond it they count as content, so that headers cannot smuggle a bomb past the ratio check.
_TAR_HEADER_ALLOWANCE = 4 * _KIB


class _Budget:
    """Bytes actually expanded from one archive, refused past the total size and the overall ratio.

    `framing` is the part of the expanded bytes that is tar structure rather than content (see
    `_tar_framing`): it counts toward the total but not toward the ratio.
    """

    def __init__(self, display: str, limits: Limits, compressed: Callable[[], int]) -> None:
        self._display = display
        self._limits = limits
        self._compressed = compressed
        self.expanded = 0
        self.framing = 0

    def spend(self, count: int) -> None:
        self.expanded += count
        if self.expanded > self._limits.max_total_bytes:
            raise ArchiveTooLarge(_expands_too_much(self._display, self._limits))
        _check_ratio(max(self.expanded - self.framing, 0), self._compressed(), self._display, self._limits, None)


class _ExpandingReader(io.RawIOBase):
    """The decompressed side of a gzip stream, metered by a `_Budget` as tarfile pulls bytes through it.

    gzip expands in steps bounded by the size asked for, so memory stays small and a bomb is refused as soon
    as the bytes expanded outgrow the compressed bytes consumed by `max_ratio`.
    """

    def __init__(self, inner: gzip.GzipFile, budget: _Budget, display: str) -> None:
        super().__init__()
        self._inner = inner
        self._budget = budget
        self._display = display

    def readable(self) -> bool:
        return True

    # The stub types `buffer` as the buffer protocol, whose name needs Python 3.12 or typing_extensions; io only
    # ever passes a memoryview or a bytearray.
    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        try:
            data = self._inner.read(len(view))
        except _GZIP_ERRORS as exc:
            raise CorruptArchive(f"{self._display} is corrupt or truncated ({_detail(exc)})") from exc
        view[: len(data)] = data
        self._budget.spend(len(data))
        return len(data)


def _guarded_tarinfo(display: str, limits: Limits) -> type[tarfile.TarInfo]:
    """A TarInfo that refuses an oversized pax or GNU long-name header before tarfile reads it whole."""

    class _GuardedTarInfo(tarfile.TarInfo):
        @classmethod
        def frombuf(cls, buf: bytes | bytearray, encoding: str, errors: str) -> _GuardedTarInfo:
            info = super().frombuf(buf, encoding, errors)
            if info.type in _TAR_METADATA and info.size > limits.max_header_bytes:
                raise CorruptArchive(
                    f"{display} holds a tar metadata header of {_size(info.size)}, "
                    f"more than the {_size(limits.max_header_bytes)} allowed"
                )
            return info

    return _GuardedTarInfo


def _read_tar_gz(
    stream: BinaryIO,
    counted: _CountingReader,
    display: str,
    filename: str,
    exclude: Sequence[str],
    limits: Limits,
) -> SourceTree:
    """Stream a tar.gz once, front to back (the equivalent of tarfile's "r|gz"), under every limit."""
    budget = _Budget(display, limits, lambda: counted.count)
    expanded = io.BufferedReader(_ExpandingReader(gzip.GzipFile(fileobj=stream, mode="rb"), budget, display), _CHUNK)
    contents = _ArchiveContents(display, exclude)
    members = 0
    try:
        with tarfile.open(fileobj=expanded, mode="r|", tarinfo=_guarded_tarinfo(display, limits)) as archive:
            declared_total = 0
            for member in archive:
                members += 1
                if members > limits.max_entries:
                    raise TooManyEntries(_too_many(display, limits))
                declared_total += member.size
                if declared_total > limits.max_total_bytes:
                    raise ArchiveTooLarge(_expands_too_much(display, limits))
                budget.framing += _tar_framing(member)
                _take_tar_member(archive, member, contents, display, limits)
    except tarfile.TarError as exc:
        if members == 0:
            raise UnsupportedInput(f"{display} is gzip-compressed but holds no tar archive") from exc
        raise CorruptArchive(f"{display} is corrupt or truncated ({_detail(exc)})") from exc
    return contents.finish(filename)


def _tar_framing(member: tarfile.TarInfo) -> int:
    """The bytes of a member that are tar structure: its header blocks and the zero padding after its data.

    They are mostly zeros and compress hundreds of times over, so an honest archive of many small files would
    otherwise look like a bomb; they still count toward `max_total_bytes`.
    """
    headers = min(member.offset_data - member.offset, _TAR_HEADER_ALLOWANCE)
    return headers + (-member.size) % tarfile.BLOCKSIZE


def _take_tar_member(
    archive: tarfile.TarFile, member: tarfile.TarInfo, contents: _ArchiveContents, display: str, limits: Limits
) -> None:
    parts = _entry_parts(member.name, display)
    if not parts:
        return
    contents.note(parts, member.isdir())
    if member.isdir() or (member.isreg() and not _is_python(parts[-1])) or not contents.wanted(parts):
        return
    if member.issym():
        contents.add(parts, _LINK_REASON)
    elif member.islnk():
        contents.add(parts, _HARDLINK_REASON)
    elif not member.isreg():
        contents.add(parts, _SPECIAL_REASON)
    elif member.size > limits.max_file_bytes:
        contents.add(parts, _too_large_reason(limits))
    else:
        handle = archive.extractfile(member)
        contents.add(parts, handle.read(limits.max_file_bytes + 1) if handle else _SPECIAL_REASON)


# ----------------------------------------------------------------------------------------- limits, messages


def _check_ratio(expanded: int, compressed: int, display: str, limits: Limits, entry: str | None) -> None:
    """Refuse content that expands more than `max_ratio` times, once past `ratio_min_bytes`."""
    if expanded <= limits.ratio_min_bytes or expanded <= limits.max_ratio * max(compressed, 1):
        return
    what = f"entry '{_show(entry)}'" if entry is not None else "its content"
    ratio = expanded / max(compressed, 1)
    raise CompressionBomb(
        f"{display} looks like a compression bomb: {what} expands {ratio:,.0f} times, "
        f"more than the limit of {limits.max_ratio:g}"
    )


def _archive_too_large(display: str, limits: Limits) -> str:
    return f"{display} is larger than the {_size(limits.max_archive_bytes)} limit for archives"


def _expands_too_much(display: str, limits: Limits) -> str:
    return f"{display} expands to more than {_size(limits.max_total_bytes)}, the limit for an archive's content"


def _too_many(display: str, limits: Limits) -> str:
    return f"{display} holds more than {limits.max_entries:,} entries, the limit for an archive"


def _size(count: int) -> str:
    for unit, label in ((_GIB, "GiB"), (_MIB, "MiB"), (_KIB, "KiB")):
        if count >= unit:
            return f"{count / unit:.1f}".removesuffix(".0") + f" {label}"
    return f"{count} bytes"


def _show(text: str, limit: int = 160) -> str:
    """Text fit for a one-line message: control characters and undecodable bytes escaped, length capped."""
    shown = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _detail(exc: BaseException) -> str:
    return _show(str(exc) or type(exc).__name__, 120)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable_path(text: str) -> str:
    """A path that JSON can carry: undecodable bytes (surrogate escapes) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _basename(filename: str) -> str:
    return re.split(r"[\\/]", filename)[-1]


_NAME_SUFFIXES = (".tar.gz", ".tgz", ".zip", ".gz", ".pyw", ".py")


def _stem(filename: str) -> str:
    """The tree's name from a file name: `deskcalc.tar.gz` -> `deskcalc`."""
    base = _printable_path(_basename(filename))
    lower = base.lower()
    for suffix in _NAME_SUFFIXES:
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return posixpath.splitext(base)[0] or base or "upload"
