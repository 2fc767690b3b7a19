"""`purelift analyze` as a user runs it: real files in, the three exports out, bad input refused in one line."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from purelift.cli import main


def _analyze(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    assert main(["analyze", *args, "--out", str(out), "--quiet"]) == 0
    return out


def _result(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    return data


def test_writes_the_three_exports_with_the_seed_names(example_app: Path, tmp_path: Path) -> None:
    out = _analyze(tmp_path, str(example_app))
    assert sorted(p.name for p in out.iterdir()) == ["analysis.csv", "analysis.json", "pure_functions.zip"]
    rows = list(csv.reader(io.StringIO((out / "analysis.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["File Path", "LOC", "UI %", "Pure Functions", "Classification", "Web Ready"]
    assert len(rows) - 1 == len(_result(out)["files"])  # type: ignore[arg-type]
    with zipfile.ZipFile(out / "pure_functions.zip") as archive:
        assert {"manifest.json", "README.md", "core/expression_pure.py"} <= set(archive.namelist())


def test_format_selects_the_exports(example_app: Path, tmp_path: Path) -> None:
    out = _analyze(tmp_path, str(example_app), "--format", "json")
    assert [p.name for p in out.iterdir()] == ["analysis.json"]


@pytest.mark.parametrize("kind", ["zip", "gztar"])
def test_archives_give_the_same_files_as_the_folder(example_app: Path, tmp_path: Path, kind: str) -> None:
    archive = shutil.make_archive(str(tmp_path / "tkcalc"), kind, example_app.parent, example_app.name)
    from_folder = _result(_analyze(tmp_path / "a", str(example_app)))
    from_archive = _result(_analyze(tmp_path / "b", archive))
    assert from_archive["files"] == from_folder["files"]
    assert from_archive["summary"] == from_folder["summary"]


def test_exclude_leaves_files_out(example_app: Path, tmp_path: Path) -> None:
    result = _result(_analyze(tmp_path, str(example_app), "--exclude", "ui"))
    paths = [f["path"] for f in result["files"]]  # type: ignore[attr-defined]
    assert paths and not any(p.startswith("ui/") for p in paths)


def test_summary_table_is_printed(example_app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(example_app), "--out", str(tmp_path)]) == 0
    shown = capsys.readouterr().out
    assert "ui/window.py" in shown and "UI" in shown
    assert "functions" in shown and "wrote" in shown


def _corrupt_zip(tmp_path: Path) -> Path:
    path = tmp_path / "broken.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.py", "x = 1\n" * 100)
    path.write_bytes(buffer.getvalue()[:60])
    return path


def _no_python(tmp_path: Path) -> Path:
    path = tmp_path / "docs.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = b"just text"
        info = tarfile.TarInfo("README.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(
    ("make", "extra", "needle"),
    [
        (lambda tmp: tmp / "missing", [], "no such file"),
        (_corrupt_zip, [], "broken.zip"),
        (_no_python, [], "no Python file"),
        (lambda tmp: tmp, ["--format", "pdf"], "unknown format pdf"),
        (lambda tmp: tmp, ["--jobs", "0"], "--jobs"),
        (lambda tmp: tmp, ["--ui-threshold", "0"], "threshold"),
    ],
    ids=["missing-path", "corrupt-archive", "no-python-file", "unknown-format", "bad-jobs", "bad-threshold"],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, extra: list[str], needle: str
) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    code = main(["analyze", str(target), "--out", str(tmp_path / "out"), *extra])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("purelift: error: ")
    assert needle in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_console_script_runs_from_a_shell(example_app: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("purelift")
    done = subprocess.run(
        [str(exe), "analyze", str(example_app), "--out", str(tmp_path), "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "analysis.csv").exists()


@pytest.mark.slow
def test_idlelib_every_file_reported_and_nothing_crashes(idlelib_dir: Path, tmp_path: Path) -> None:
    result = _result(_analyze(tmp_path, str(idlelib_dir), "--jobs", "2"))
    expected = sorted(
        p.relative_to(idlelib_dir).as_posix() for pattern in ("*.py", "*.pyw") for p in idlelib_dir.rglob(pattern)
    )
    assert "idle.pyw" in expected and "idle.py" in expected  # same module name: both must be reported
    assert sorted(f["path"] for f in result["files"]) == expected  # type: ignore[attr-defined]
    summary = result["summary"]
    assert summary["files"] == len(expected) and summary["toolkits"]["tkinter"] > 50  # type: ignore[index]
    assert summary["pure_functions"] > 0 and summary["extractable_functions"] > 0  # type: ignore[index]


def _padded_app(tmp_path: Path) -> Path:
    app = tmp_path / "padded"
    (app / "tests").mkdir(parents=True)
    (app / "core.py").write_text(
        "def area(w, h):\n    return w * h\n\n\ndef column_count():\n    return 4\n\n\ndef on_send():\n    pass\n",
        encoding="utf-8",
    )
    (app / "tests" / "test_core.py").write_text("def expected(w):\n    return w * w\n", encoding="utf-8")
    return app


def test_trivial_and_test_code_stay_out_of_the_headline_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _padded_app(tmp_path)
    out = tmp_path / "out"
    assert main(["analyze", str(app), "--out", str(out)]) == 0
    table = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.endswith(tuple("0123456789"))}
    assert rows["core.py"][-3:] == ["3", "1", "1"]  # functions, pure (stubs left out), extracted
    assert rows["tests/test_core.py"][-3:] == ["1", "1", "0"]  # pure, analysed, not extracted
    assert "4 functions, 2 pure, 1 extracted, 2 trivial (not counted)" in table
    summary = _result(out)["summary"]
    assert summary["pure_functions"] == 2 and summary["trivial_functions"] == 2  # type: ignore[index]
    csv_rows = {r[0]: r for r in csv.reader(io.StringIO((out / "analysis.csv").read_bytes().decode("utf-8-sig")))}
    assert csv_rows["core.py"][3] == "1"
    with zipfile.ZipFile(out / "pure_functions.zip") as archive:
        assert archive.namelist() and "tests/test_core_pure.py" not in archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert [u["qualname"] for u in manifest["units"]] == ["area"]
    why = {m["qualname"]: m["reason"] for m in manifest["not_extracted"]}
    assert why["column_count"] == why["on_send"] == "trivial: empty body / constant return / only raises"
    assert why["expected"].startswith("test code")


@pytest.mark.parametrize("how", ["flag", "config"])
def test_extract_tests_extracts_test_code_too(tmp_path: Path, how: str) -> None:
    app = _padded_app(tmp_path)
    if how == "flag":
        args = ["--extract-tests"]
    else:
        (tmp_path / "engine.json").write_text('{"extract_tests": true}', encoding="utf-8")
        args = ["--config", str(tmp_path / "engine.json")]
    out = _analyze(tmp_path, str(app), *args)
    with zipfile.ZipFile(out / "pure_functions.zip") as archive:
        assert "tests/test_core_pure.py" in archive.namelist()
    assert _result(out)["summary"]["extractable_functions"] == 2  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"extract_tests": "false"}', "extract_tests must be true or false"),
        ('{"ui_thresh": 40}', "unknown setting 'ui_thresh'"),  # a typo is never silently ignored
        ('{"ui_threshold": "40"}', "ui_threshold must be a number above 0 and at most 100, not '40'"),
        ('{"ui_threshold": 0}', "ui_threshold must be a number above 0 and at most 100, not 0"),
        ('{"ui_threshold": true}', "ui_threshold must be a number"),
        ('{"extra_pure": "mylib.*"}', "extra_pure must be a list of dotted names"),
        ('{"extra_impure": {"mylib.save": 1}}', "extra_impure must be an object mapping dotted names to strings"),
        ('{"extra_toolkits": ["mygui"]}', "extra_toolkits must be an object"),
        ('{"extra_desktop_only": {"x": null}}', "extra_desktop_only must be an object"),
        ("[1]", "must hold a JSON object"),
    ],
)
def test_a_bad_config_file_names_what_is_wrong(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "engine.json").write_text(text, encoding="utf-8")
    config, out = str(tmp_path / "engine.json"), str(tmp_path / "out")
    code = main(["analyze", str(_padded_app(tmp_path)), "--config", config, "--out", out, "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and not (tmp_path / "out").exists(), err


def test_a_good_config_file_is_applied(tmp_path: Path) -> None:
    (tmp_path / "engine.json").write_text('{"ui_threshold": 40, "extra_pure": ["mylib.*"]}', encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        ["analyze", str(_padded_app(tmp_path)), "--config", str(tmp_path / "engine.json"), "--out", str(out), "--quiet"]
    )
    assert code == 0 and (out / "analysis.json").exists()
