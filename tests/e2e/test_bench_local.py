"""`make bench`'s local section cannot rot: it runs here on a tiny project and a few connections
(its own `purelift serve` child; no timing asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.e2e_support import pipeline_present

pytestmark = pytest.mark.skipif(not pipeline_present(), reason="template.yaml has no pipeline yet (issue 4)")


def test_bench_local_runs_small(tmp_path: Path) -> None:
    from bench import local

    project = tmp_path / "app"
    project.mkdir()
    (project / "calc.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    (project / "gui.py").write_text("import tkinter\n\nroot = tkinter.Tk()\n", encoding="utf-8")

    rows = local.run(folder=project, connections=5)

    measures = [measure for measure, _ in rows]
    assert any("pipeline overhead ratio" in m for m in measures)
    assert any("5 connections received `completed`" in m for m in measures)
    assert all(value.split()[0].rstrip("x").replace(".", "", 1).isdigit() for _, value in rows)
