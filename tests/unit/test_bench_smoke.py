"""`make bench` code cannot rot: its measuring functions run on a tiny in-memory project (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from purelift.analysis import SourceFile, SourceTree

from bench import engine

_FILES = {
    "shop/__init__.py": b"",
    "shop/prices.py": b"RATE = 0.2\n\n\ndef gross(net: float) -> float:\n    return net * (1 + RATE)\n",
    "shop/cart.py": (
        b"from shop.prices import gross\n\n\ndef total(items: list[float]) -> float:\n"
        b"    return sum(gross(i) for i in items)\n\n\ndef show(items: list[float]) -> None:\n    print(total(items))\n"
    ),
}


def _tree() -> SourceTree:
    files = [SourceFile(path, data) for path, data in sorted(_FILES.items())]
    return SourceTree(name="shop", files=files, skipped=[], root_package=None)


def test_measure_tree_runs_every_pass_on_a_small_project() -> None:
    # Given a 3-file project in memory
    tree = _tree()

    # When the engine section measures it
    figures = engine.measure_tree(tree, label="tiny", repeats=1, log=lambda _: None)

    # Then every pass ran and the table and verdicts can be printed
    assert (figures.files, figures.lines, figures.floor_failures, figures.parse_failures) == (3, 14, 0, 0)
    assert min(figures.floor, figures.engine_1, figures.engine_n) > 0
    assert figures.radon_cc is not None and figures.radon_raw is not None  # radon is a dev dependency
    table = engine.format_table(engine.tree_rows(figures))
    assert "tiny: floor" in table and "tiny: radon raw + cc" in table
    assert len(engine.verdicts([figures])) == 2


def test_measure_export_builds_the_zip_of_a_synthetic_project() -> None:
    figures = engine.measure_export(3, repeats=1, log=lambda _: None)

    assert figures.files == 3 and figures.units > 0 and figures.zip_bytes > 0
    assert "zip: to_zip per file" in engine.format_table(engine.export_rows(figures))


def test_the_floor_counts_files_that_do_not_parse() -> None:
    sources = [SourceFile("bad.py", b"print 'python 2'\n"), SourceFile("ok.py", b"x = 1\n")]

    assert engine.floor_pass(sources) == 1


def test_the_floor_counts_a_bad_encoding_declaration_as_a_failure() -> None:
    assert engine.floor_pass([SourceFile("cookie.py", b"# -*- coding: uft-8 -*-\nx = 1\n")]) == 1


def test_without_radon_the_peer_rows_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "radon_available", lambda: False)

    figures = engine.measure_tree(_tree(), label="tiny", repeats=1, log=lambda _: None)

    assert figures.radon_cc is None and figures.radon_raw is None
    assert "radon not installed" in engine.format_table(engine.tree_rows(figures))


def test_an_unknown_section_is_refused() -> None:
    from bench.__main__ import main

    assert main(["nope"]) == 2


def test_the_layer_rows_say_how_to_build_it_when_it_is_not_built(tmp_path: Path) -> None:
    from bench import backend

    assert backend.layer_rows(tmp_path / "missing")[0][1] == "not built: run `make build` (SAM, python3.12)"


def test_the_layer_rows_give_its_size_and_whether_it_ships_the_aws_sdk(tmp_path: Path) -> None:
    from bench import backend

    (tmp_path / "python" / "botocore").mkdir(parents=True)
    (tmp_path / "python" / "botocore" / "client.py").write_bytes(b"x" * 2_000_000)
    rows = dict(backend.layer_rows(tmp_path))

    assert rows["Lambda layer unpacked (.aws-sam/build/CommonLayer)"] == "2.0 MB in 1 files"
    assert rows["AWS SDK in the layer (the runtime provides it)"] == "botocore (shadows the runtime's)"
