"""Read a tar.gz in one streamed pass, front to back, metered as tarfile pulls bytes through gzip."""

from __future__ import annotations

import gzip
import io
import tarfile
import zlib
from collections.abc import Sequence
from typing import BinaryIO

from .archive import (
    CHUNK,
    ArchiveContents,
    Budget,
    CountingReader,
    entry_parts,
    exceeds_ratio,
    expands_too_much_message,
    ratio_reason,
    too_many_message,
)
from .errors import ArchiveTooLargeError, CorruptArchiveError, TooManyEntriesError, UnsupportedInputError
from .tree import (
    HARDLINK_REASON,
    KIB,
    LINK_REASON,
    SPECIAL_REASON,
    Limits,
    SourceTree,
    error_detail,
    human_size,
    is_python,
    too_large_reason,
)

_TAR_METADATA = frozenset(
    {tarfile.XHDTYPE, tarfile.XGLTYPE, tarfile.SOLARIS_XHDTYPE, tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK}
)
_GZIP_ERRORS = (EOFError, OSError, zlib.error)
# Per member, header blocks up to this size are tar structure, not content (a pax header with times and a long
# name fits); beyond it they count as content, so that headers cannot smuggle a bomb past the ratio check.
_TAR_HEADER_ALLOWANCE = 4 * KIB


class _ExpandingReader(io.RawIOBase):
    """The decompressed side of a gzip stream, metered by a `Budget` as tarfile pulls bytes through it.

    gzip expands in steps bounded by the size asked for, so memory stays small and a bomb is refused as soon
    as the bytes expanded outgrow the compressed bytes consumed by `max_ratio`.
    """

    def __init__(self, inner: gzip.GzipFile, budget: Budget, display: str) -> None:
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
            raise CorruptArchiveError(f"{self._display} is corrupt or truncated ({error_detail(exc)})") from exc
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
                raise CorruptArchiveError(
                    f"{display} holds a tar metadata header of {human_size(info.size)}, "
                    f"more than the {human_size(limits.max_header_bytes)} allowed"
                )
            return info

    return _GuardedTarInfo


def read_tar_gz(
    stream: BinaryIO,
    counted: CountingReader,
    display: str,
    filename: str,
    exclude: Sequence[str],
    limits: Limits,
) -> SourceTree:
    """Stream a tar.gz once, front to back (the equivalent of tarfile's "r|gz"), under every limit."""
    budget = Budget(display, limits, lambda: counted.count)
    expanded = io.BufferedReader(_ExpandingReader(gzip.GzipFile(fileobj=stream, mode="rb"), budget, display), CHUNK)
    contents = ArchiveContents(display, exclude)
    members = 0
    try:
        with tarfile.open(fileobj=expanded, mode="r|", tarinfo=_guarded_tarinfo(display, limits)) as archive:
            declared_total = 0
            for member in archive:
                members += 1
                if members > limits.max_entries:
                    raise TooManyEntriesError(too_many_message(display, limits))
                declared_total += member.size
                if declared_total > limits.max_total_bytes:
                    raise ArchiveTooLargeError(expands_too_much_message(display, limits))
                budget.framing += _tar_framing(member)
                _take_tar_member(archive, member, contents, budget, display, limits)
    except tarfile.TarError as exc:
        if members == 0:
            raise UnsupportedInputError(f"{display} is gzip-compressed but holds no tar archive") from exc
        raise CorruptArchiveError(f"{display} is corrupt or truncated ({error_detail(exc)})") from exc
    return contents.finish(filename)


def _tar_framing(member: tarfile.TarInfo) -> int:
    """The bytes of a member that are tar structure: its header blocks and the zero padding after its data.

    They are mostly zeros and compress hundreds of times over, so an honest archive of many small files would
    otherwise look like a bomb; they still count toward `max_total_bytes`.
    """
    headers = min(member.offset_data - member.offset, _TAR_HEADER_ALLOWANCE)
    return headers + (-member.size) % tarfile.BLOCKSIZE


def _take_tar_member(
    archive: tarfile.TarFile,
    member: tarfile.TarInfo,
    contents: ArchiveContents,
    budget: Budget,
    display: str,
    limits: Limits,
) -> None:
    parts = entry_parts(member.name, display)
    if not parts:
        return
    contents.note(parts, member.isdir())
    if member.isreg() and limits.ratio_min_bytes < member.size <= limits.max_file_bytes:
        data = _read_on_trial(archive, member, budget)
        if data is None:
            budget.skip_for_ratio(member.size, member.name)
        if is_python(parts[-1]) and contents.wanted(parts):
            contents.add(parts, ratio_reason(limits) if data is None else data)
        return
    if member.isdir() or (member.isreg() and not is_python(parts[-1])) or not contents.wanted(parts):
        return
    if member.issym():
        contents.add(parts, LINK_REASON)
    elif member.islnk():
        contents.add(parts, HARDLINK_REASON)
    elif not member.isreg():
        contents.add(parts, SPECIAL_REASON)
    elif member.size > limits.max_file_bytes:
        contents.add(parts, too_large_reason(limits))
    else:
        handle = archive.extractfile(member)
        contents.add(parts, handle.read(limits.max_file_bytes + 1) if handle else SPECIAL_REASON)


def _read_on_trial(archive: tarfile.TarFile, member: tarfile.TarInfo, budget: Budget) -> bytes | None:
    """A member that may be judged on its own ratio (large enough to judge, small enough to be a source file):
    its bytes, or None when it expands beyond `max_ratio` by itself.

    A gzip stream has no per-member compressed size, so the member is exempt from the overall ratio while it
    expands (at most `max_file_bytes`) and its own ratio is measured by deflating it again. Kept, it rejoins
    the overall ratio at once; skipped, it stays out of it (it still counts toward the total).
    """
    budget.exempt += member.size
    handle = archive.extractfile(member)
    data = handle.read(member.size) if handle else b""
    if exceeds_ratio(len(data), len(zlib.compress(data)), budget.limits):
        return None
    budget.exempt -= member.size
    budget.spend(0)
    return data
