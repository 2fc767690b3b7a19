"""Reading user input into Python sources: folders, single files, zip and tar.gz, under the limits of SPEC §8.

Every archive here is a real one, built in memory or in tmp_path with zipfile/tarfile; bombs are real too
(highly compressible zeros), kept fast by small `Limits` where the defaults would need big inputs.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import stat
import struct
import sys
import tarfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, cast

import pytest
from purelift.analysis import SkippedFile, sources
from purelift.analysis.sources import (
    DEFAULT_LIMITS,
    ArchiveTooLargeError,
    CompressionBombError,
    CorruptArchiveError,
    InputNotFoundError,
    InputUnreadableError,
    Limits,
    NoPythonFilesError,
    SourceError,
    SourceFile,
    SourceTree,
    TooManyEntriesError,
    UnsafePathError,
    UnsupportedInputError,
    is_excluded,
    read_archive,
    read_path,
)

KIB = 1024
MIB = 1024**2

DESKCALC = {
    "__init__.py": b"",
    "main.pyw": b"import tkinter\n",
    "core/__init__.py": b"",
    "core/units.py": b"def to_mm(inches):\n    return inches * 25.4\n",
    "README.md": b"# deskcalc\n",
    "data/table.json": b"{}\n",
}
DESKCALC_PY = ["__init__.py", "core/__init__.py", "core/units.py", "main.pyw"]


# ------------------------------------------------------------------------------------------------ builders


class _Pipe:
    """A one-way byte stream, like an S3 body: read() only, no seeking."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._inner.read(size)

    def seekable(self) -> bool:
        return False


def pipe(data: bytes) -> BinaryIO:
    return cast(BinaryIO, _Pipe(data))


def zip_bytes(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def tgz_bytes(
    entries: dict[str, bytes], extra: Sequence[tarfile.TarInfo] = (), *, fmt: int = tarfile.PAX_FORMAT
) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=fmt) as archive:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info in extra:
            archive.addfile(info)
    return buffer.getvalue()


def tar_entry(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def write_tree(root: Path, entries: dict[str, bytes]) -> Path:
    for name, data in entries.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    root.mkdir(parents=True, exist_ok=True)
    return root


FORMATS = ["folder", "zip", "zip-flat", "zip-bytes", "zip-stream", "tgz", "tgz-stream"]


def read_as(
    fmt: str, tmp_path: Path, entries: dict[str, bytes], exclude: Sequence[str] = (), limits: Limits = DEFAULT_LIMITS
) -> SourceTree:
    """Build `entries` as a folder or archive named deskcalc (with a top folder unless `-flat`) and read it."""
    nested = {f"deskcalc/{name}": data for name, data in entries.items()}
    if fmt == "folder":
        return read_path(write_tree(tmp_path / "deskcalc", entries), exclude=exclude, limits=limits)
    if fmt in ("zip", "zip-flat"):
        path = tmp_path / "deskcalc.zip"
        path.write_bytes(zip_bytes(entries if fmt == "zip-flat" else nested))
        return read_path(path, exclude=exclude, limits=limits)
    if fmt == "zip-bytes":
        return read_archive(zip_bytes(nested), "uploads/deskcalc.zip", exclude=exclude, limits=limits)
    if fmt == "zip-stream":
        return read_archive(pipe(zip_bytes(nested)), "deskcalc.zip", exclude=exclude, limits=limits)
    if fmt == "tgz":
        path = tmp_path / "deskcalc.tar.gz"
        path.write_bytes(tgz_bytes(nested))
        return read_path(path, exclude=exclude, limits=limits)
    assert fmt == "tgz-stream"
    return read_archive(pipe(tgz_bytes(nested)), "deskcalc.tgz", exclude=exclude, limits=limits)


def paths(tree: SourceTree) -> list[str]:
    return [source.path for source in tree.files]


def check_error(excinfo: pytest.ExceptionInfo[SourceError], kind: type[SourceError], code: str) -> str:
    """Every refusal: the right class, its stable code, and one human line of message."""
    error = excinfo.value
    assert type(error) is kind
    assert error.code == code == kind.code
    message = str(error)
    assert message.strip() == message and message
    assert "\n" not in message and "\r" not in message
    assert "Traceback" not in message and "purelift/" not in message
    return message


# --------------------------------------------------------------------------------------------- happy paths


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_same_tree(fmt: str, tmp_path: Path) -> None:
    # Given the same project as a folder and as every kind of archive
    # When it is read
    tree = read_as(fmt, tmp_path, DESKCALC)
    # Then the paths, bytes, name and root package agree: the archive's top folder is stripped
    assert paths(tree) == DESKCALC_PY
    assert tree.files[2] == SourceFile("core/units.py", DESKCALC["core/units.py"])
    assert tree.name == "deskcalc"
    assert tree.root_package == "deskcalc"
    assert tree.skipped == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_root_package_is_none_without_a_root_init(fmt: str, tmp_path: Path) -> None:
    entries = {name: data for name, data in DESKCALC.items() if name != "__init__.py"}
    tree = read_as(fmt, tmp_path, entries)
    assert tree.root_package is None
    assert paths(tree) == ["core/__init__.py", "core/units.py", "main.pyw"]


def test_zip_without_a_common_top_folder_is_named_after_the_archive() -> None:
    tree = read_archive(zip_bytes({"app.py": b"", "lib/util.py": b""}), "My Tool.v2.zip")
    assert tree.name == "My Tool.v2"
    assert paths(tree) == ["app.py", "lib/util.py"]
    assert tree.root_package is None


def test_a_single_file_at_the_archive_root_is_not_a_top_folder() -> None:
    tree = read_archive(zip_bytes({"setup.py": b"", "deskcalc/units.py": b""}), "bundle.zip")
    assert tree.name == "bundle"
    assert paths(tree) == ["deskcalc/units.py", "setup.py"]


@pytest.mark.parametrize("name", ["units.py", "units.pyw"])
def test_a_single_python_file_is_a_tree_of_one(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"print('hi')\n")
    tree = read_path(path)
    assert tree == SourceTree(name="units", files=[SourceFile(name, b"print('hi')\n")], skipped=[], root_package=None)


def test_a_single_python_file_can_be_uploaded() -> None:
    tree = read_archive(b"x = 1\n", "uploads/tool.py")
    assert paths(tree) == ["tool.py"]
    assert tree.name == "tool"


def test_the_format_is_judged_by_content_not_by_name(tmp_path: Path) -> None:
    path = tmp_path / "download.bin"
    path.write_bytes(zip_bytes({"deskcalc/units.py": b""}))
    assert paths(read_path(path)) == ["units.py"]
    assert paths(read_archive(tgz_bytes({"units.py": b""}), "archive.zip")) == ["units.py"]


def test_a_binary_file_object_is_read_from_its_current_position() -> None:
    stream = io.BytesIO(b"junk" + zip_bytes({"units.py": b"x = 1\n"}))
    stream.seek(4)
    assert read_archive(stream, "deskcalc.zip").files == [SourceFile("units.py", b"x = 1\n")]


def test_non_python_files_are_ignored_and_python_suffixes_are_case_insensitive(tmp_path: Path) -> None:
    tree = read_as("zip", tmp_path, {"Main.PY": b"", "notes.txt": b"", "units.py.bak": b"", "icon.png": b"\x89PNG"})
    assert paths(tree) == ["Main.PY"]
    assert tree.skipped == []


@pytest.mark.parametrize("fmt", ["zip-bytes", "tgz-stream"])
def test_paths_are_normalised(fmt: str, tmp_path: Path) -> None:
    entries = {"./core//units.py": b"", "./app.py": b""}
    tree = read_as(fmt, tmp_path, entries)
    assert paths(tree) == ["app.py", "core/units.py"]


def test_backslashes_from_windows_archivers_are_separators() -> None:
    tree = read_archive(zip_bytes({"deskcalc\\core\\units.py": b"", "deskcalc\\app.py": b""}), "w.zip")
    assert tree.name == "deskcalc"
    assert paths(tree) == ["app.py", "core/units.py"]


def test_macos_metadata_neither_blocks_the_top_folder_nor_gets_analysed() -> None:
    entries = {
        "deskcalc/units.py": b"x = 1\n",
        "deskcalc/._units.py": b"\x00\x05\x16\x07",
        "__MACOSX/deskcalc/._units.py": b"\x00\x05\x16\x07",
        "._deskcalc": b"\x00\x05\x16\x07",
    }
    tree = read_archive(zip_bytes(entries), "deskcalc.zip")
    assert tree.name == "deskcalc"
    assert paths(tree) == ["units.py"]
    assert tree.skipped == []


def test_a_hidden_top_folder_is_the_root_not_a_skipped_folder() -> None:
    tree = read_archive(zip_bytes({".deskcalc/units.py": b""}), "x.zip")
    assert (tree.name, paths(tree)) == (".deskcalc", ["units.py"])


def test_a_real_package_reads_the_same_as_folder_zip_and_tar_gz(idlelib_dir: Path, tmp_path: Path) -> None:
    # Given a real package of ~100 files (also a guard against false compression-bomb alarms on real code)
    folder = read_path(idlelib_dir)
    zipped = tmp_path / "idlelib.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in folder.files:
            archive.writestr(f"idlelib/{source.path}", source.data)
    tarred = tmp_path / "idlelib.tgz"
    with tarfile.open(tarred, "w:gz") as archive:
        archive.add(idlelib_dir, arcname="idlelib", filter=lambda info: None if "__pycache__" in info.name else info)
    # Then all three agree
    assert folder.root_package == "idlelib"
    assert len(folder.files) > 50
    assert read_path(zipped) == folder
    assert read_path(tarred) == folder


# ---------------------------------------------------------------------------------------------- skipping

DEFAULT_SKIPS = {
    "git": {".git/hooks/post_commit.py": b""},
    "pycache": {"core/__pycache__/units.py": b""},
    "venv by its pyvenv.cfg (seen after its files)": {"env/lib/mod.py": b"", "env/pyvenv.cfg": b"home = /usr\n"},
    "site-packages": {"lib/python3.11/site-packages/six.py": b""},
    "node_modules": {"web/node_modules/gyp/gyp_main.py": b""},
    "hidden folder": {".tox/py311/setup.py": b""},
    "nested hidden folder": {"core/.ipynb_checkpoints/units.py": b""},
    "macOS metadata": {"__MACOSX/units.py": b"", "core/._units.py": b""},
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("extra", DEFAULT_SKIPS.values(), ids=DEFAULT_SKIPS.keys())
def test_default_skips(fmt: str, extra: dict[str, bytes], tmp_path: Path) -> None:
    tree = read_as(fmt, tmp_path, {**DESKCALC, **extra})
    assert paths(tree) == DESKCALC_PY
    assert tree.skipped == []


def test_a_hidden_python_file_is_not_a_hidden_folder() -> None:
    assert paths(read_archive(zip_bytes({".pythonrc.py": b""}), "x.zip")) == [".pythonrc.py"]


EXCLUDE_CASES = [
    ("tests/test_units.py", ["tests"], True),
    ("src/tests/test_units.py", ["tests"], True),
    ("tests/unit/test_units.py", ["tests/*"], True),
    ("core/units_test.py", ["*_test.py"], True),
    ("build/lib/units.py", ["build"], True),
    ("core/legacy/old.py", ["core/legacy"], True),
    ("core/legacy/old.py", ["core/legacy/"], True),
    ("core/legacy/old.py", ["./core/legacy"], True),
    ("core/legacy/old.py", ["core\\legacy"], True),
    ("core/legacy/old.py", ["legacy/*"], False),
    ("core/legacy/old.py", ["**/legacy"], True),
    ("legacy/old.py", ["**/legacy"], True),
    ("core/sub/units.py", ["core/*.py"], True),
    ("Tests/test_units.py", ["tests"], False),
    ("contest.py", ["test*"], False),
    ("core/units.py", ["tests", "docs"], False),
    ("core/units.py", [], False),
    ("core/units.py", ["", ".", "/"], False),
]


@pytest.mark.parametrize(("relpath", "exclude", "expected"), EXCLUDE_CASES)
def test_is_excluded(relpath: str, exclude: list[str], expected: bool) -> None:
    assert is_excluded(relpath, exclude) is expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_exclude_globs_apply_to_paths_below_the_root(fmt: str, tmp_path: Path) -> None:
    entries = {**DESKCALC, "tests/test_units.py": b"", "core/units_test.py": b"", "build/lib/core.py": b""}
    tree = read_as(fmt, tmp_path, entries, exclude=["tests", "*_test.py", "build/*"])
    assert paths(tree) == DESKCALC_PY


def test_an_exclude_naming_the_top_folder_does_not_exclude_everything() -> None:
    tree = read_archive(zip_bytes({"deskcalc/units.py": b""}), "deskcalc.zip", exclude=["deskcalc/*"])
    assert paths(tree) == ["units.py"]


# ------------------------------------------------------------------------------------------------- links

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="POSIX links")


@needs_symlinks
def test_folder_links_are_listed_not_followed(tmp_path: Path) -> None:
    # Given a project with links to a file and to a folder outside it
    outside = write_tree(tmp_path / "outside", {"secret.py": b"TOKEN = 1\n"})
    root = write_tree(tmp_path / "deskcalc", DESKCALC)
    (root / "secret.py").symlink_to(outside / "secret.py")
    (root / "vendor").symlink_to(outside, target_is_directory=True)
    (root / "dangling.py").symlink_to(tmp_path / "missing.py")
    (root / ".venv").symlink_to(outside, target_is_directory=True)
    # When the folder is read
    tree = read_path(root)
    # Then nothing outside is read, and each link (but a default-skipped name) is reported
    assert paths(tree) == DESKCALC_PY
    assert [item.path for item in tree.skipped] == ["dangling.py", "secret.py", "vendor"]
    assert all("link" in item.reason for item in tree.skipped)


@needs_symlinks
def test_the_root_itself_may_be_a_link(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "deskcalc", DESKCALC)
    (tmp_path / "alias").symlink_to(root, target_is_directory=True)
    assert paths(read_path(tmp_path / "alias")) == DESKCALC_PY


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_listed_and_never_opened(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "deskcalc", DESKCALC)
    os.mkfifo(root / "pipe.py")
    tree = read_path(root)
    assert paths(tree) == DESKCALC_PY
    assert tree.skipped == [SkippedFile("pipe.py", "not a regular file (device, FIFO or socket)")]
    with pytest.raises(UnsupportedInputError) as excinfo:
        read_path(root / "pipe.py")
    check_error(excinfo, UnsupportedInputError, "unsupported_input")


def test_zip_link_entries_are_listed_not_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("deskcalc/units.py", b"x = 1\n")
        link = zipfile.ZipInfo("deskcalc/link.py")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        device = zipfile.ZipInfo("deskcalc/tty")
        device.create_system = 3
        device.external_attr = (stat.S_IFCHR | 0o666) << 16
        archive.writestr(device, b"")
    tree = read_archive(buffer.getvalue(), "deskcalc.zip")
    assert paths(tree) == ["units.py"]
    assert [(item.path, "link" in item.reason) for item in tree.skipped] == [("link.py", True), ("tty", False)]


def test_tar_links_and_devices_are_listed_not_read() -> None:
    extra = [
        tar_entry("deskcalc/link.py", tarfile.SYMTYPE, "/etc/passwd"),
        tar_entry("deskcalc/hard.py", tarfile.LNKTYPE, "deskcalc/units.py"),
        tar_entry("deskcalc/vendor", tarfile.SYMTYPE, "../../outside"),
        tar_entry("deskcalc/tty", tarfile.CHRTYPE),
        tar_entry("deskcalc/pipe.py", tarfile.FIFOTYPE),
        tar_entry("deskcalc/.git/link.py", tarfile.SYMTYPE, "x"),
    ]
    tree = read_archive(tgz_bytes({"deskcalc/units.py": b"x = 1\n"}, extra), "deskcalc.tgz")
    assert paths(tree) == ["units.py"]
    assert {item.path: item.reason.split(" ")[0] for item in tree.skipped} == {
        "link.py": "symbolic",
        "hard.py": "hard",
        "vendor": "symbolic",
        "tty": "not",
        "pipe.py": "not",
    }


# ------------------------------------------------------------------------------------------ unsafe paths

UNSAFE_NAMES = ["../evil.py", "/abs.py", "C:/x.py", "c:x.py", "deskcalc/../../evil.py", "..\\evil.py", "\\\\srv\\x.py"]


@pytest.mark.parametrize("name", UNSAFE_NAMES)
@pytest.mark.parametrize("fmt", ["zip", "tgz"])
def test_zip_slip_is_refused(fmt: str, name: str) -> None:
    entries = {"deskcalc/units.py": b"", name: b"import os\n"}
    data = zip_bytes(entries) if fmt == "zip" else tgz_bytes(entries)
    with pytest.raises(UnsafePathError) as excinfo:
        read_archive(data, f"deskcalc.{fmt}")
    message = check_error(excinfo, UnsafePathError, "unsafe_path")
    assert name in message


def test_an_unsafe_name_cannot_break_the_message_line() -> None:
    with pytest.raises(UnsafePathError) as excinfo:
        read_archive(zip_bytes({"evil\n\r/../../x.py": b""}), "deskcalc.zip")
    assert "evil\\n\\r" in check_error(excinfo, UnsafePathError, "unsafe_path")


def test_unsafe_names_are_refused_even_among_non_python_entries() -> None:
    with pytest.raises(UnsafePathError):
        read_archive(zip_bytes({"units.py": b"", "../../.bashrc": b""}), "deskcalc.zip")


# ---------------------------------------------------------------------------------------------- limits


def test_a_zip_bomb_is_refused_by_its_ratio_quickly_and_in_little_memory() -> None:
    # Given a real zip bomb: 64 MiB of zeros deflated to ~64 KiB, named like Python and like data
    bomb = zip_bytes({"deskcalc/units.py": b"x = 1\n", "deskcalc/bomb.py": bytes(64 * MIB)})
    other = zip_bytes({"deskcalc/units.py": b"x = 1\n", "deskcalc/bomb.txt": bytes(64 * MIB)})
    for data in (bomb, other):
        # When it is read with the default limits
        tracemalloc.start()
        started = time.perf_counter()
        with pytest.raises(CompressionBombError) as excinfo:
            read_archive(data, "deskcalc.zip")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        # Then it is refused before anything is expanded
        assert "bomb" in check_error(excinfo, CompressionBombError, "compression_bomb")
        assert elapsed < 2.0
        assert peak < 4 * MIB


def test_a_zip_whose_content_adds_up_past_the_total_is_refused() -> None:
    rng = random.Random(1)
    noise = {f"deskcalc/blob{index}.py": rng.randbytes(40 * KIB) for index in range(4)}
    with pytest.raises(ArchiveTooLargeError) as excinfo:
        read_archive(zip_bytes(noise), "deskcalc.zip", limits=Limits(max_total_bytes=100 * KIB))
    assert "100 KiB" in check_error(excinfo, ArchiveTooLargeError, "too_large")


def test_the_overall_ratio_is_bounded_too() -> None:
    # Each entry is just under the per-entry check, together they expand far beyond the archive
    entries = {f"deskcalc/part{index}.txt": bytes(60 * KIB) for index in range(40)}
    with pytest.raises(CompressionBombError) as excinfo:
        read_archive(zip_bytes(entries), "deskcalc.zip", limits=Limits(ratio_min_bytes=64 * KIB))
    assert "its content" in check_error(excinfo, CompressionBombError, "compression_bomb")


def test_a_tar_gz_bomb_is_refused_while_streaming_in_little_memory() -> None:
    data = tgz_bytes({"deskcalc/units.py": b"x = 1\n", "deskcalc/bomb.py": bytes(48 * MIB)})
    tracemalloc.start()
    with pytest.raises(CompressionBombError) as excinfo:
        read_archive(pipe(data), "deskcalc.tgz")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    check_error(excinfo, CompressionBombError, "compression_bomb")
    assert peak < 8 * MIB


def test_a_tar_gz_is_bounded_by_the_bytes_it_expands_not_by_its_headers() -> None:
    # 400 empty members declare 0 bytes, but their headers still expand to 400 * 512 bytes and more
    entries = {f"deskcalc/m{index}.txt": b"" for index in range(400)}
    with pytest.raises(ArchiveTooLargeError) as excinfo:
        read_archive(tgz_bytes(entries), "deskcalc.tgz", limits=Limits(max_total_bytes=64 * KIB))
    check_error(excinfo, ArchiveTooLargeError, "too_large")


def test_a_tar_member_declaring_more_than_the_total_is_refused_before_it_is_expanded() -> None:
    data = tgz_bytes({"deskcalc/blob.bin": random.Random(2).randbytes(300 * KIB)})
    with pytest.raises(ArchiveTooLargeError):
        read_archive(data, "deskcalc.tgz", limits=Limits(max_total_bytes=200 * KIB))


def test_many_tiny_files_are_not_a_bomb() -> None:
    # Tar headers and padding are mostly zeros: 5,000 one-line files expand ~150 times, honestly
    entries = {f"deskcalc/pkg{index // 100}/mod{index}.py": b"x = 1\n" for index in range(5000)}
    assert len(read_archive(tgz_bytes(entries, fmt=tarfile.GNU_FORMAT), "deskcalc.tgz").files) == 5000
    assert len(read_archive(zip_bytes(entries), "deskcalc.zip").files) == 5000


def test_a_git_archive_global_header_is_not_an_entry() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT, pax_headers={"comment": "c0ffee"}) as out:
        info = tarfile.TarInfo("deskcalc-1.0/units.py")
        out.addfile(info, io.BytesIO(b""))
    tree = read_archive(buffer.getvalue(), "deskcalc-1.0.tar.gz")
    assert (tree.name, paths(tree)) == ("deskcalc-1.0", ["units.py"])


@pytest.mark.parametrize("wrap", [bytearray, memoryview], ids=["bytearray", "memoryview"])
def test_any_bytes_like_upload(wrap: Callable[[bytes], bytes]) -> None:
    assert paths(read_archive(wrap(zip_bytes({"units.py": b""})), "d.zip")) == ["units.py"]


@pytest.mark.parametrize("fmt", ["zip", "zip-bytes", "zip-stream", "tgz", "tgz-stream"])
def test_an_archive_larger_than_the_limit_is_refused(fmt: str, tmp_path: Path) -> None:
    noise = {"blob.py": random.Random(3).randbytes(20 * KIB)}
    with pytest.raises(ArchiveTooLargeError) as excinfo:
        read_as(fmt, tmp_path, noise, limits=Limits(max_archive_bytes=10 * KIB))
    assert "10 KiB limit for archives" in check_error(excinfo, ArchiveTooLargeError, "too_large")


@pytest.mark.parametrize("fmt", ["zip-bytes", "tgz-stream"])
def test_too_many_entries(fmt: str, tmp_path: Path) -> None:
    entries = {f"m{index}.py": b"" for index in range(20)}
    with pytest.raises(TooManyEntriesError) as excinfo:
        read_as(fmt, tmp_path, entries, limits=Limits(max_entries=10))
    assert "more than 10 entries" in check_error(excinfo, TooManyEntriesError, "too_many_entries")


def test_too_many_entries_even_when_the_zip_under_declares_its_count() -> None:
    data = bytearray(zip_bytes({f"m{index}.py": b"" for index in range(20)}))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # the end record now claims one entry
    with pytest.raises(TooManyEntriesError):
        read_archive(bytes(data), "deskcalc.zip", limits=Limits(max_entries=10))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_python_file_over_the_limit_is_skipped_and_reported(fmt: str, tmp_path: Path) -> None:
    entries = {**DESKCALC, "core/tables.py": b"#" * 300}
    tree = read_as(fmt, tmp_path, entries, limits=Limits(max_file_bytes=200))
    assert paths(tree) == DESKCALC_PY
    assert tree.skipped == [SkippedFile("core/tables.py", "larger than the 200 bytes limit for one file")]


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Limits(max_entries=0)
    with pytest.raises(ValueError, match="max_ratio"):
        Limits(max_ratio=0.5)


# --------------------------------------------------------------------------------------------- zip oddities


def _set_central_flag(data: bytes, name: str, flag: int) -> bytes:
    """Set a general-purpose flag bit on `name`'s central directory record (what zipfile trusts)."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", patched, at + 28)
        if patched[at + 46 : at + 46 + length] == name.encode():
            (flags,) = struct.unpack_from("<H", patched, at + 8)
            struct.pack_into("<H", patched, at + 8, flags | flag)
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def test_encrypted_zip_entries_are_skipped_with_a_reason() -> None:
    data = _set_central_flag(
        zip_bytes({"deskcalc/units.py": b"", "deskcalc/secret.py": b"k = 1\n"}), "deskcalc/secret.py", 1
    )
    tree = read_archive(data, "deskcalc.zip")
    assert paths(tree) == ["units.py"]
    assert [item.path for item in tree.skipped] == ["secret.py"]
    assert "encrypted" in tree.skipped[0].reason


def test_bzip2_entries_are_skipped_because_their_expansion_is_unbounded() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("units.py", b"x = 1\n", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("other.py", b"y = 2\n", compress_type=zipfile.ZIP_BZIP2)
    tree = read_archive(buffer.getvalue(), "deskcalc.zip")
    assert paths(tree) == ["units.py"]
    assert "bzip2" in tree.skipped[0].reason


def test_stored_entries_are_read() -> None:
    tree = read_archive(zip_bytes({"units.py": b"x = 1\n"}, compression=zipfile.ZIP_STORED), "d.zip")
    assert tree.files == [SourceFile("units.py", b"x = 1\n")]


def test_a_duplicate_path_keeps_the_last_copy_and_says_so() -> None:
    buffer = io.BytesIO()
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("deskcalc/units.py", b"old = 1\n")
        archive.writestr("deskcalc/units.py", b"new = 1\n")
    tree = read_archive(buffer.getvalue(), "deskcalc.zip")
    assert tree.files == [SourceFile("units.py", b"new = 1\n")]
    assert tree.skipped[0].path == "units.py"
    assert "more than once" in tree.skipped[0].reason


def test_duplicates_in_a_tar_keep_the_last_copy() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for data in (b"old = 1\n", b"new = 1\n"):
            info = tarfile.TarInfo("units.py")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    tree = read_archive(buffer.getvalue(), "d.tgz")
    assert tree.files == [SourceFile("units.py", b"new = 1\n")]
    assert len(tree.skipped) == 1


def test_an_undecodable_tar_name_is_skipped_and_reported_printably() -> None:
    entries = {"deskcalc/units.py": b"", "deskcalc/caf\udce9.py": b""}
    tree = read_archive(tgz_bytes(entries, fmt=tarfile.GNU_FORMAT), "deskcalc.tgz")
    assert paths(tree) == ["units.py"]
    assert tree.skipped == [SkippedFile("caf\ufffd.py", "file name is not valid UTF-8")]


def test_an_oversized_tar_metadata_header_is_refused_before_it_is_read() -> None:
    info = tarfile.TarInfo("deskcalc/units.py")
    info.pax_headers = {"comment": random.Random(4).randbytes(600 * KIB).hex()}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as archive:
        archive.addfile(info, io.BytesIO(b""))
    with pytest.raises(CorruptArchiveError) as excinfo:
        read_archive(buffer.getvalue(), "deskcalc.tgz", limits=Limits(max_header_bytes=256 * KIB))
    assert "metadata header" in check_error(excinfo, CorruptArchiveError, "corrupt_archive")


# ----------------------------------------------------------------------------------------------- bad input


def _flip_stored_payload(data: bytes) -> bytes:
    return data.replace(b"x = 1234567", b"x = 7654321")


CORRUPT = {
    "truncated zip": lambda: zip_bytes({"deskcalc/units.py": random.Random(7).randbytes(4 * KIB)})[:2000],
    "zip with a bad CRC": lambda: _flip_stored_payload(
        zip_bytes({"units.py": b"x = 1234567\n"}, compression=zipfile.ZIP_STORED)
    ),
    "zip with a garbled index": lambda: zip_bytes({"units.py": b""})[:-30] + bytes(30),
    "truncated tar.gz": lambda: tgz_bytes({"units.py": random.Random(5).randbytes(20 * KIB)})[:4000],
    "gzip with a bad header": lambda: b"\x1f\x8b\x09\x00" + bytes(100),
    "gzip with a garbled body": lambda: tgz_bytes({"units.py": b"x = 1\n"})[:12] + b"\xff" * 200,
}


@pytest.mark.parametrize("make", CORRUPT.values(), ids=CORRUPT.keys())
@pytest.mark.parametrize("seekable", [True, False], ids=["bytes", "stream"])
def test_corrupt_archives(make: Callable[[], bytes], seekable: bool) -> None:
    data = make()
    with pytest.raises(CorruptArchiveError) as excinfo:
        read_archive(data if seekable else pipe(data), "deskcalc.zip")
    assert check_error(excinfo, CorruptArchiveError, "corrupt_archive").startswith("deskcalc.zip ")


UNSUPPORTED = {
    "random binary": (random.Random(6).randbytes(4 * KIB), "data.bin", "not a folder, a Python file"),
    "text file": (b"just some notes\n", "notes.txt", "not a folder, a Python file"),
    "text named like a zip": (b"just some notes\n", "deskcalc.zip", "not a folder, a Python file"),
    "empty upload": (b"", "deskcalc.zip", "is empty"),
    "7-Zip": (b"7z\xbc\xaf\x27\x1c" + bytes(30), "deskcalc.7z", "7-Zip"),
    "plain gzip, no tar inside": (gzip.compress(b"x = 1\n" * 10), "units.py.gz", "holds no tar"),
    "empty gzip": (gzip.compress(b""), "deskcalc.tgz", "holds no tar"),
}


@pytest.mark.parametrize(("data", "filename", "says"), UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_unsupported_input(data: bytes, filename: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedInputError) as excinfo:
        read_archive(data, filename)
    assert says in check_error(excinfo, UnsupportedInputError, "unsupported_input")
    path = tmp_path / filename
    path.write_bytes(data)
    with pytest.raises(UnsupportedInputError):
        read_path(path)


@pytest.mark.parametrize("name", ["missing", "missing.zip", "missing.py"])
def test_missing_input(name: str, tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as excinfo:
        read_path(tmp_path / name)
    assert check_error(excinfo, InputNotFoundError, "not_found").endswith(f"{name}: no such file or folder")


@needs_symlinks
def test_a_dangling_link_as_input_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "link.zip").symlink_to(tmp_path / "gone.zip")
    with pytest.raises(InputNotFoundError):
        read_path(tmp_path / "link.zip")


def test_unreadable_input_and_subfolders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a folder where the OS refuses a subfolder and a file (simulated: tests may run as root)
    root = write_tree(tmp_path / "deskcalc", {**DESKCALC, "private/x.py": b"", "locked.py": b""})
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: str) -> object:
        if path.endswith("private"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def os_open(path: str, flags: int) -> int:
        if path.endswith("locked.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags)

    def builtin_open(path: str, mode: str) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(sources, "open", builtin_open, raising=False)
    # Then the rest is read and both are reported
    tree = read_path(root)
    assert paths(tree) == DESKCALC_PY
    assert tree.skipped == [
        SkippedFile("locked.py", "cannot be read (Permission denied)"),
        SkippedFile("private", "folder cannot be read (Permission denied)"),
    ]
    # And an unreadable input is its own error
    with pytest.raises(InputUnreadableError) as excinfo:
        read_path(root / "locked.py")
    assert check_error(excinfo, InputUnreadableError, "unreadable").endswith("cannot be read (Permission denied)")


NO_PYTHON = {
    "nothing": ({"README.md": b"", "data/x.json": b""}, (), DEFAULT_LIMITS, "holds no Python file (*.py or *.pyw)"),
    "everything excluded": ({"tests/test_a.py": b"", ".venv/x.py": b""}, ["tests"], DEFAULT_LIMITS, "2 left out"),
    "everything too large": ({"big.py": b"#" * 50}, (), Limits(max_file_bytes=10), "1 skipped"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("entries", "exclude", "limits", "says"), NO_PYTHON.values(), ids=NO_PYTHON.keys())
def test_no_python_files(
    fmt: str, entries: dict[str, bytes], exclude: Sequence[str], limits: Limits, says: str, tmp_path: Path
) -> None:
    with pytest.raises(NoPythonFilesError) as excinfo:
        read_as(fmt, tmp_path, entries, exclude, limits)
    assert says in check_error(excinfo, NoPythonFilesError, "no_python_files")


def test_no_python_files_still_says_what_was_skipped(tmp_path: Path) -> None:
    path = tmp_path / "huge.py"
    path.write_bytes(b"#" * 50)
    with pytest.raises(NoPythonFilesError) as excinfo:
        read_path(path, limits=Limits(max_file_bytes=10))
    assert excinfo.value.skipped == [SkippedFile("huge.py", "larger than the 10 bytes limit for one file")]
    check_error(excinfo, NoPythonFilesError, "no_python_files")


def test_error_codes_are_stable_and_distinct() -> None:
    codes = {
        SourceError: "bad_input",
        InputNotFoundError: "not_found",
        InputUnreadableError: "unreadable",
        UnsupportedInputError: "unsupported_input",
        CorruptArchiveError: "corrupt_archive",
        ArchiveTooLargeError: "too_large",
        TooManyEntriesError: "too_many_entries",
        CompressionBombError: "compression_bomb",
        UnsafePathError: "unsafe_path",
        NoPythonFilesError: "no_python_files",
    }
    assert {kind: kind.code for kind in codes} == codes
    assert len(set(codes.values())) == len(codes)
    assert all(issubclass(kind, SourceError) for kind in codes)


# A generated table of two million bytes: honest Python that deflates ~900 times, far past `max_ratio`.
_COMPRESSIBLE = b"TABLE = [" + b"0, " * 700_000 + b"]\n"
_PACK = {"deskcalc/__init__.py": b"", "deskcalc/units.py": b"x = 1\n", "deskcalc/table.py": _COMPRESSIBLE}
_BUILD: dict[str, Callable[[dict[str, bytes]], bytes]] = {"zip": zip_bytes, "tar.gz": tgz_bytes}


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_one_highly_compressible_file_is_skipped_and_the_rest_analysed(kind: str) -> None:
    # Given an archive holding one Python file that compresses far beyond the limit, among ordinary ones
    assert len(_COMPRESSIBLE) > 100 * len(gzip.compress(_COMPRESSIBLE))
    # When it is read with the default limits
    tree = read_archive(_BUILD[kind](_PACK), f"deskcalc.{kind}")
    # Then that file alone is skipped, with the reason, and the others are analysed
    assert paths(tree) == ["__init__.py", "units.py"]
    assert [(s.path, "compresses more than 100 times" in s.reason) for s in tree.skipped] == [("table.py", True)]


_MANY = Limits(ratio_min_bytes=128 * KIB, max_ratio_skips=3)


@pytest.mark.parametrize(
    ("kind", "entries", "limits", "said"),
    [
        # More over-ratio entries than `max_ratio_skips`: a bomb spread over many files
        ("zip", {f"deskcalc/t{i}.py": bytes(512 * KIB) for i in range(4)}, _MANY, "more than 3 entries"),
        ("tar.gz", {f"deskcalc/t{i}.py": bytes(512 * KIB) for i in range(4)}, _MANY, "more than 3 entries"),
        ("zip", {f"deskcalc/t{i}.txt": bytes(512 * KIB) for i in range(4)}, _MANY, "more than 3 entries"),
        ("tar.gz", {f"deskcalc/t{i}.txt": bytes(512 * KIB) for i in range(4)}, _MANY, "more than 3 entries"),
        # One over-ratio entry larger than a source file may be: no source file looks like that
        ("zip", {"deskcalc/a.py": b"", "deskcalc/blob.py": bytes(8 * MIB)}, DEFAULT_LIMITS, "blob.py"),
        ("tar.gz", {"deskcalc/a.py": b"", "deskcalc/blob.py": bytes(8 * MIB)}, DEFAULT_LIMITS, "expands"),
    ],
    ids=["zip-many-py", "tgz-many-py", "zip-many-data", "tgz-many-data", "zip-one-huge", "tgz-one-huge"],
)
def test_a_real_bomb_is_still_refused(kind: str, entries: dict[str, bytes], limits: Limits, said: str) -> None:
    with pytest.raises(CompressionBombError) as excinfo:
        read_archive(_BUILD[kind](entries), f"deskcalc.{kind}", limits=limits)
    assert said in check_error(excinfo, CompressionBombError, "compression_bomb")


def test_a_few_compressible_entries_are_skipped_not_refused() -> None:
    entries = {"deskcalc/a.py": b"x = 1\n", **{f"deskcalc/t{i}.py": bytes(512 * KIB) for i in range(3)}}
    for kind in ("zip", "tar.gz"):
        tree = read_archive(_BUILD[kind](entries), f"deskcalc.{kind}", limits=_MANY)
        assert (paths(tree), [s.path for s in tree.skipped]) == (["a.py"], ["t0.py", "t1.py", "t2.py"])


class _UnflaggedName(zipfile.ZipInfo):
    """What the `zip` command-line tool writes: the name's UTF-8 bytes, without the UTF-8 flag (bit 11)."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("utf-8"), self.flag_bits & ~0x800


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("app/módulo.py", "módulo.py"),  # UTF-8 bytes, no flag: read as UTF-8, not `m├│dulo.py`
        ("app/数据.py", "数据.py"),
        ("app/plain.py", "plain.py"),
    ],
)
def test_zip_names_in_utf8_without_the_utf8_flag_are_read_as_utf8(name: str, expected: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_UnflaggedName(name), b"x = 1\n")
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as check:
        assert not check.infolist()[0].flag_bits & 0x800  # the archive really lacks the flag
    assert paths(read_archive(buffer.getvalue(), "app.zip")) == [expected]


def test_zip_names_that_are_not_utf8_stay_cp437() -> None:
    """Bytes that are not valid UTF-8 (an old DOS tool's `é` is 0x82) keep the zip default, cp437."""
    buffer = io.BytesIO()

    class Cp437Name(zipfile.ZipInfo):
        def _encodeFilenameFlags(self) -> tuple[bytes, int]:
            return self.filename.encode("cp437"), self.flag_bits & ~0x800

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(Cp437Name("app/caf\u00e9.py"), b"")
    assert paths(read_archive(buffer.getvalue(), "app.zip")) == ["café.py"]
