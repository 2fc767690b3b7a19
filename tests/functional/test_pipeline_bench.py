"""`make bench`'s pipeline section cannot rot: its measuring functions run on tiny inputs (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

from bench import pipeline


def test_pipeline_and_cli_are_measured_on_the_same_archive(example_app: Path) -> None:
    seconds, cli, files = pipeline.pipeline_vs_cli(example_app, batch_size=3)
    assert seconds > 0 and cli > 0 and files == 10


def test_fan_out_is_measured() -> None:
    seconds, delivered = pipeline.fanout(connections=20)
    assert seconds > 0 and delivered == 20
