"""The tables together: every reason kind has a row, and a row id names one row only."""

from __future__ import annotations

from purelift.analysis.model import REASON_KINDS

from tests.unit.purity import (
    test_arg_mutation,
    test_calls_impure,
    test_global_read,
    test_global_write,
    test_io,
    test_nondeterministic,
    test_process_control,
    test_pure,
    test_self_mutation,
    test_traps,
    test_ui,
    test_unknown,
)

TABLES = (
    test_io,
    test_process_control,
    test_nondeterministic,
    test_global_write,
    test_global_read,
    test_arg_mutation,
    test_self_mutation,
    test_ui,
    test_calls_impure,
    test_unknown,
    test_pure,
    test_traps,
)
ROWS = [row for table in TABLES for row in table.ROWS]


def test_every_reason_kind_has_a_row() -> None:
    kinds = {p.values[2] for p in ROWS}
    assert set(REASON_KINDS) <= kinds
    assert kinds <= {*REASON_KINDS, "pure", "impure"}
    assert "pure" in kinds


def test_row_ids_are_unique() -> None:
    ids = [p.id for p in ROWS]
    assert len(ids) == len(set(ids))
