"""What every reader produces (`SourceTree`), what it may cost (`Limits`), and the rules they all share.

The skip rules, exclusion globs and one-line message helpers live here so that a folder, a zip and a tar.gz
give the same tree for the same content.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import SkippedFile
from .errors import NoPythonFilesError

KIB = 1024
MIB = 1024**2
GIB = 1024**3


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
    - `max_ratio_skips`: entries of at most `max_file_bytes` that compress beyond `max_ratio` (a generated
      table, a data literal) are skipped and listed, not fatal; more of them than this is a bomb spread over
      many entries, and the archive is refused. A larger entry beyond the ratio is always a bomb.
    - `max_header_bytes`: one tar metadata header (pax or GNU long name); tarfile holds such a header in memory
      whole, so an absurd one is refused before it is read.
    """

    max_archive_bytes: int = 200 * MIB
    max_total_bytes: int = GIB
    max_entries: int = 50_000
    max_file_bytes: int = 5 * MIB
    max_ratio: float = 100.0
    ratio_min_bytes: int = MIB
    max_ratio_skips: int = 10
    max_header_bytes: int = MIB

    def __post_init__(self) -> None:
        sizes = (
            self.max_archive_bytes,
            self.max_total_bytes,
            self.max_entries,
            self.max_file_bytes,
            self.ratio_min_bytes,
            self.max_header_bytes,
        )
        if self.max_ratio_skips < 0:
            raise ValueError("max_ratio_skips must not be negative")
        if min(sizes) < 1 or self.max_ratio < 1:
            raise ValueError("every limit must be positive, and max_ratio at least 1")


DEFAULT_LIMITS = Limits()


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


_PYTHON_SUFFIXES = (".py", ".pyw")
# Folders never analysed (SPEC §2): tooling, caches, installed third-party code, macOS archive metadata.
_SKIPPED_FOLDERS = frozenset({".git", "__pycache__", "site-packages", "node_modules", "__MACOSX"})
VENV_MARKER = "pyvenv.cfg"
LINK_REASON = "symbolic link (links are never followed)"
HARDLINK_REASON = "hard link (links are never followed)"
SPECIAL_REASON = "not a regular file (device, FIFO or socket)"
NAME_REASON = "file name is not valid UTF-8"


def is_python(name: str) -> bool:
    return name.lower().endswith(_PYTHON_SUFFIXES)


def skipped_folder(name: str) -> bool:
    """Default skips by folder name: the list above and hidden folders (``.venv``, ``.tox``, ``.idea``, …)."""
    return name in _SKIPPED_FOLDERS or name.startswith(".")


def apple_double(name: str) -> bool:
    """``._units.py``: macOS resource-fork metadata that archivers add beside each file; binary, never Python."""
    return name.startswith("._")


def is_left_out(rel: Sequence[str], exclude: Sequence[str]) -> bool:
    """Default skips and the user's globs, for a file (or link) at `rel` below the tree root."""
    return (
        any(skipped_folder(part) for part in rel[:-1]) or apple_double(rel[-1]) or is_excluded("/".join(rel), exclude)
    )


def too_large_reason(limits: Limits) -> str:
    return f"larger than the {human_size(limits.max_file_bytes)} limit for one file"


def build_tree(
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
        raise NoPythonFilesError(_no_python_message(display, skipped, left_out), skipped)
    root_package = name if package_root and "__init__.py" in files else None
    ordered = [SourceFile(path, files[path]) for path in sorted(files)]
    return SourceTree(name=name, files=ordered, skipped=skipped, root_package=root_package)


def _no_python_message(display: str, skipped: Sequence[SkippedFile], left_out: int) -> str:
    if skipped:
        first = skipped[0]
        return (
            f"{display} holds no Python file that can be read "
            f"({len(skipped)} skipped, e.g. {show(first.path)}: {first.reason})"
        )
    if left_out:
        return f"{display} holds no Python file outside the skipped folders and exclusion rules ({left_out} left out)"
    return f"{display} holds no Python file (*.py or *.pyw)"


def human_size(count: int) -> str:
    for unit, label in ((GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")):
        if count >= unit:
            return f"{count / unit:.1f}".removesuffix(".0") + f" {label}"
    return f"{count} bytes"


def show(text: str, limit: int = 160) -> str:
    """Text fit for a one-line message: control characters and undecodable bytes escaped, length capped."""
    shown = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def error_detail(exc: BaseException) -> str:
    return show(str(exc) or type(exc).__name__, 120)


def os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_path(text: str) -> str:
    """A path that JSON can carry: undecodable bytes (surrogate escapes) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def base_name(filename: str) -> str:
    return re.split(r"[\\/]", filename)[-1]


_NAME_SUFFIXES = (".tar.gz", ".tgz", ".zip", ".gz", ".pyw", ".py")


def tree_stem(filename: str) -> str:
    """The tree's name from a file name: `deskcalc.tar.gz` -> `deskcalc`."""
    base = printable_path(base_name(filename))
    lower = base.lower()
    for suffix in _NAME_SUFFIXES:
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return posixpath.splitext(base)[0] or base or "upload"
