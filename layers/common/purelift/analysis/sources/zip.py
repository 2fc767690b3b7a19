"""Read a zip archive: every name and declared size checked before a byte is read, then entries in small steps."""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import BinaryIO

from .archive import (
    ArchiveContents,
    Budget,
    check_ratio,
    entry_parts,
    exceeds_ratio,
    expands_too_much_message,
    ratio_reason,
    too_many_message,
)
from .errors import ArchiveTooLargeError, CorruptArchiveError, TooManyEntriesError
from .tree import KIB, LINK_REASON, SPECIAL_REASON, Limits, SourceTree, error_detail, is_python, show, too_large_reason

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
_ZIP_UTF8 = 0x800
_ZIP_CHUNK = 4 * KIB


def read_zip(
    stream: BinaryIO, size: int, display: str, filename: str, exclude: Sequence[str], limits: Limits
) -> SourceTree:
    declared = _zip_declared_entries(stream)
    if declared is not None and declared > limits.max_entries:
        raise TooManyEntriesError(too_many_message(display, limits))
    try:
        archive = zipfile.ZipFile(stream)
    except _ZIP_ERRORS as exc:
        raise CorruptArchiveError(f"{display} is not a readable zip archive ({error_detail(exc)})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise TooManyEntriesError(too_many_message(display, limits))
        contents = ArchiveContents(display, exclude)
        budget = Budget(display, limits, lambda: size)
        entries = _survey_zip(infos, size, contents, budget, display, limits)
        contents.settle()
        for info, parts, kind in entries:
            content = kind in ("file", ratio_reason(limits))
            if kind == "dir" or (content and not is_python(parts[-1])) or not contents.wanted(parts):
                continue
            if kind != "file":
                contents.add(parts, kind)
                continue
            refusal = _zip_refusal(info, limits)
            contents.add(parts, refusal or _read_zip_entry(archive, info, budget, display, limits))
    return contents.finish(filename)


def _survey_zip(
    infos: list[zipfile.ZipInfo], size: int, contents: ArchiveContents, budget: Budget, display: str, limits: Limits
) -> list[tuple[zipfile.ZipInfo, tuple[str, ...], str]]:
    """Check every name and declared size before reading a byte: bad archives are refused fast.

    Returns (info, path parts, kind) where kind is "dir", "file", or the reason an entry is skipped (a link, a
    special file, one that expands beyond `max_ratio` on its own). Declared sizes are only used to refuse or
    skip; reading is bounded again on the bytes actually expanded. Entries skipped for their ratio are left
    out of the overall ratio (they are never expanded) but not out of the total.
    """
    entries: list[tuple[zipfile.ZipInfo, tuple[str, ...], str]] = []
    declared_total = 0
    kept_total = 0
    for info in infos:
        parts = entry_parts(member_name(info), display)
        if not parts:
            continue
        mode = info.external_attr >> 16
        kind = _zip_kind(info, mode)
        contents.note(parts, kind == "dir")
        if kind == "file":
            declared_total += info.file_size
            if exceeds_ratio(info.file_size, info.compress_size, limits):
                budget.skip_for_ratio(info.file_size, member_name(info))
                kind = ratio_reason(limits)
            else:
                kept_total += info.file_size
        entries.append((info, parts, kind))
    if declared_total > limits.max_total_bytes:
        raise ArchiveTooLargeError(expands_too_much_message(display, limits))
    check_ratio(kept_total, size, display, limits, None)
    return entries


def member_name(info: zipfile.ZipInfo) -> str:
    """An entry's name as its author wrote it.

    Without the UTF-8 flag, `zipfile` decodes a name as cp437 (the zip default), but the `zip` command-line
    tool and most tools since write UTF-8 bytes without setting the flag: `módulo.py` would come out as
    `m├│dulo.py` in the result, the CSV and the extraction. The bytes (the cp437 name encoded back) are read
    as UTF-8 when they are valid UTF-8 (ASCII names are unchanged), as cp437 otherwise.
    """
    name = info.filename
    if info.flag_bits & _ZIP_UTF8 or name.isascii():
        return name
    try:
        return name.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _zip_kind(info: zipfile.ZipInfo, mode: int) -> str:
    if info.is_dir() or stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return LINK_REASON
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return SPECIAL_REASON
    return "file"


def _zip_refusal(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why a Python entry is not read at all, or None."""
    if info.flag_bits & _ZIP_ENCRYPTED:
        return "encrypted (password-protected); purelift never asks for passwords"
    if info.compress_type not in _ZIP_METHODS:
        method = _ZIP_METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return f"compressed with {method}, which purelift does not read (use deflate)"
    if info.file_size > limits.max_file_bytes:
        return too_large_reason(limits)
    return None


def _read_zip_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, display: str, limits: Limits
) -> bytes | str:
    """An entry's bytes, read in small steps so that every limit trips as soon as it is passed."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(_ZIP_CHUNK):
                size += len(chunk)
                budget.spend(len(chunk))
                check_ratio(size, info.compress_size, display, limits, member_name(info))
                if size > limits.max_file_bytes:
                    return too_large_reason(limits)
                chunks.append(chunk)
    except _ZIP_ERRORS as exc:
        raise CorruptArchiveError(
            f"{display} is corrupt: entry '{show(member_name(info))}': {error_detail(exc)}"
        ) from exc
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
