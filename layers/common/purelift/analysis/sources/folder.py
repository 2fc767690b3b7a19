"""Read a folder on disk without following links: skipped folders are pruned, not walked."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence

from ..model import SkippedFile
from .errors import ArchiveTooLargeError, InputUnreadableError
from .tree import (
    LINK_REASON,
    NAME_REASON,
    SPECIAL_REASON,
    VENV_MARKER,
    Limits,
    SourceTree,
    build_tree,
    human_size,
    is_excluded,
    is_left_out,
    is_python,
    is_utf8,
    os_reason,
    printable_path,
    skipped_folder,
    too_large_reason,
)


def read_folder(root: str, display: str, exclude: Sequence[str], limits: Limits) -> SourceTree:
    files: dict[str, bytes] = {}
    skipped: list[SkippedFile] = []
    left_out = 0
    total = 0
    pruned: list[str] = []
    for rel, entry in _walk_folder(root, display, exclude, skipped, pruned):
        relpath = "/".join(rel)
        if is_left_out(rel, exclude) or (_is_link(entry) and skipped_folder(entry.name)):
            left_out += is_python(entry.name)
            continue
        if _is_link(entry):
            skipped.append(SkippedFile(printable_path(relpath), LINK_REASON))
        elif not entry.is_file(follow_symlinks=False):
            skipped.append(SkippedFile(printable_path(relpath), SPECIAL_REASON))
        elif not is_python(entry.name):
            continue
        elif not is_utf8(relpath):
            skipped.append(SkippedFile(printable_path(relpath), NAME_REASON))
        else:
            data = _read_regular_file(entry.path, limits)
            if isinstance(data, str):
                skipped.append(SkippedFile(relpath, data))
                continue
            total += len(data)
            if total > limits.max_total_bytes:
                raise ArchiveTooLargeError(
                    f"the Python files in {display} add up to more than {human_size(limits.max_total_bytes)}"
                )
            files[relpath] = data
    name = os.path.basename(os.path.abspath(root)) or display
    return build_tree(printable_path(name), display, files, skipped, left_out + len(pruned))


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
                raise InputUnreadableError(f"{display} cannot be read ({os_reason(exc)})") from exc
            skipped.append(SkippedFile(printable_path("/".join(parts)), f"folder cannot be read ({os_reason(exc)})"))
            continue
        for entry in entries:
            rel = (*parts, entry.name)
            if _is_link(entry) or not entry.is_dir(follow_symlinks=False):
                yield rel, entry
            elif (
                skipped_folder(entry.name)
                or is_excluded("/".join(rel), exclude)
                or os.path.lexists(os.path.join(entry.path, VENV_MARKER))
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
        return f"cannot be read ({os_reason(exc)})"
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            return SPECIAL_REASON
        if status.st_size > limits.max_file_bytes:
            return too_large_reason(limits)
        try:
            data = handle.read(limits.max_file_bytes + 1)
        except OSError as exc:
            return f"cannot be read ({os_reason(exc)})"
    return too_large_reason(limits) if len(data) > limits.max_file_bytes else data
