"""The analysis engine: standard library only (a test enforces it).

Source text in, findings out. Two halves meet through plain, serialisable per-file summaries: a per-file
pass (line counts, toolkit imports, UI lines, per-function local effects and call edges) and a
whole-project solve (UI taint across files, the purity fixpoint, classification, web readiness, extraction).
"""
