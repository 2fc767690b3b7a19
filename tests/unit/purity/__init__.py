"""Purity verdicts as tables, one module per reason kind; `table` holds the row format and the check."""
