"""What zip and tar.gz reading share: the entry gathering, the path checks and the expansion budget.

Every limit is enforced on the bytes actually read, while reading; entry headers are only trusted to refuse early.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import BinaryIO

from ..model import SkippedFile
from .errors import ArchiveTooLargeError, CompressionBombError, UnsafePathError
from .tree import (
    KIB,
    NAME_REASON,
    VENV_MARKER,
    Limits,
    SourceTree,
    apple_double,
    build_tree,
    human_size,
    is_left_out,
    is_python,
    is_utf8,
    printable_path,
    show,
    tree_stem,
)

CHUNK = 64 * KIB


class CountingReader(io.RawIOBase):
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
            raise ArchiveTooLargeError(archive_too_large_message(self._display, self._limits))
        return len(data)


class ArchiveContents:
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
        if parts[-1] == VENV_MARKER and not is_dir:
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
        self.left_out += is_python(parts[-1])
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
            if not is_utf8(relpath):
                skipped.append(SkippedFile(printable_path(relpath), NAME_REASON))
                continue
            if parts in self._duplicates:
                skipped.append(SkippedFile(relpath, "appears more than once in the archive; the last copy is used"))
            if isinstance(item, bytes):
                files[relpath] = item
            else:
                skipped.append(SkippedFile(relpath, item))
        name = printable_path(self._top) if self._top else tree_stem(filename)
        return build_tree(name, self._display, files, skipped, self.left_out)

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
        return in_venv or is_left_out(rel, self._exclude)


def _metadata(parts: tuple[str, ...]) -> bool:
    return parts[0] == "__MACOSX" or apple_double(parts[-1])


_DRIVE = re.compile(r"^[A-Za-z]:")


def entry_parts(name: str, display: str) -> tuple[str, ...]:
    """An entry name as normalised path components; refuses names that would escape the tree (zip slip).

    ``\\`` is read as ``/`` (old Windows archivers write it, and ``..\\x`` must not slip through).
    """
    posix = name.replace("\\", "/")
    if posix.startswith("/") or _DRIVE.match(posix) or "\x00" in posix:
        raise UnsafePathError(_unsafe_message(display, name))
    parts = tuple(part for part in posix.split("/") if part not in ("", "."))
    if ".." in parts:
        raise UnsafePathError(_unsafe_message(display, name))
    return parts


def _unsafe_message(display: str, name: str) -> str:
    return f"{display} holds an unsafe entry name '{show(name)}': absolute paths, drive letters and '..' are refused"


class Budget:
    """Bytes actually expanded from one archive, refused past the total size and the overall ratio.

    `framing` is the part of the expanded bytes that is tar structure rather than content (see
    `_tar_framing`): it counts toward the total but not toward the ratio. `exempt` is content judged on its own
    (an entry on trial, or one skipped for its ratio, see `skip_for_ratio`): it counts toward the total only.
    """

    def __init__(self, display: str, limits: Limits, compressed: Callable[[], int]) -> None:
        self._display = display
        self.limits = limits
        self._compressed = compressed
        self.expanded = 0
        self.framing = 0
        self.exempt = 0
        self.ratio_skips = 0

    def spend(self, count: int) -> None:
        self.expanded += count
        if self.expanded > self.limits.max_total_bytes:
            raise ArchiveTooLargeError(expands_too_much_message(self._display, self.limits))
        content = max(self.expanded - self.framing - self.exempt, 0)
        check_ratio(content, self._compressed(), self._display, self.limits, None)

    def skip_for_ratio(self, expanded: int, entry: str) -> None:
        """An entry that expands beyond `max_ratio` on its own: skipped when it could be a source file (at most
        `max_file_bytes`) and there are few such entries; otherwise the archive is a bomb."""
        limits = self.limits
        if expanded > limits.max_file_bytes:
            raise CompressionBombError(
                f"{self._display} looks like a compression bomb: entry '{show(entry)}' expands to "
                f"{human_size(expanded)}, more than {limits.max_ratio:g} times its compressed size"
            )
        self.ratio_skips += 1
        if self.ratio_skips > limits.max_ratio_skips:
            raise CompressionBombError(
                f"{self._display} looks like a compression bomb: more than {limits.max_ratio_skips} entries "
                f"expand more than {limits.max_ratio:g} times"
            )


def exceeds_ratio(expanded: int, compressed: int, limits: Limits) -> bool:
    """Whether content expands more than `max_ratio` times, once past `ratio_min_bytes`."""
    return expanded > limits.ratio_min_bytes and expanded > limits.max_ratio * max(compressed, 1)


def ratio_reason(limits: Limits) -> str:
    return f"compresses more than {limits.max_ratio:g} times, the limit that guards against compression bombs"


def check_ratio(expanded: int, compressed: int, display: str, limits: Limits, entry: str | None) -> None:
    """Refuse content that expands more than `max_ratio` times, once past `ratio_min_bytes`."""
    if not exceeds_ratio(expanded, compressed, limits):
        return
    what = f"entry '{show(entry)}'" if entry is not None else "its content"
    ratio = expanded / max(compressed, 1)
    raise CompressionBombError(
        f"{display} looks like a compression bomb: {what} expands {ratio:,.0f} times, "
        f"more than the limit of {limits.max_ratio:g}"
    )


def archive_too_large_message(display: str, limits: Limits) -> str:
    return f"{display} is larger than the {human_size(limits.max_archive_bytes)} limit for archives"


def expands_too_much_message(display: str, limits: Limits) -> str:
    return f"{display} expands to more than {human_size(limits.max_total_bytes)}, the limit for an archive's content"


def too_many_message(display: str, limits: Limits) -> str:
    return f"{display} holds more than {limits.max_entries:,} entries, the limit for an archive"
