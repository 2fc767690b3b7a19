"""The result schema (SPEC §2 "Result"), defined once as standard-library dataclasses.

These types *are* the schema: the JSON export is `dataclasses.asdict` of them, and the API validates and
documents them through pydantic `TypeAdapter`s built from these very classes, never from a second copy.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1
# Fields added to schema_version 1 after it shipped, by record: a result written before them lacks them (`from_dict`
# fills their defaults), so a reader must not count on them (the web app's types mark them optional:
# `scripts/web_types.py`). Every other field is always written.
ADDED_AFTER_FIRST_RELEASE: dict[str, tuple[str, ...]] = {
    "AnalysisResult": ("skipped", "warnings"),
    "FileResult": ("ui_line_ranges",),
    "FunctionResult": ("trivial",),
    "Summary": ("trivial_functions",),
}

ReasonKind = Literal[
    "io",
    "nondeterministic",
    "global_write",
    "global_read",
    "arg_mutation",
    "self_mutation",
    "ui",
    "calls_impure",
    "unknown",
]
REASON_KINDS: tuple[str, ...] = ReasonKind.__args__  # type: ignore[attr-defined]

Classification = Literal["UI", "Logic", "Mixed"]


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a function is not pure: one finding, at one line."""

    kind: ReasonKind
    lineno: int
    detail: str


@dataclass(frozen=True, slots=True)
class Blocker:
    """Why a file is not web ready."""

    lineno: int
    detail: str


@dataclass(frozen=True, slots=True)
class ParseError:
    """A file that could not be decoded or parsed; it is still reported."""

    lineno: int
    message: str


@dataclass(frozen=True, slots=True)
class FunctionResult:
    qualname: str
    lineno: int
    end_lineno: int
    pure: bool
    extractable: bool
    reasons: list[Reason] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    # An empty body, a docstring only, a constant return or only a raise (`padding`): `pure` stays as judged, but it is
    # never extracted and left out of the headline counts. Last, with a default: results stored before it read.
    trivial: bool = False


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    loc: int
    lloc: int
    sloc: int
    comments: int
    multi: int
    blank: int
    ui_lines: int
    ui_pct: float
    classification: Classification
    web_ready: bool
    web_ready_blockers: list[Blocker] = field(default_factory=list)
    toolkits: list[str] = field(default_factory=list)
    parse_error: ParseError | None = None
    functions: list[FunctionResult] = field(default_factory=list)
    # The UI lines themselves as [start, end] ranges, so a person (and the web app's code view) sees why.
    ui_line_ranges: list[list[int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was found but not analysed (too large, undecodable name, …)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class AnalysisWarning:
    """What the engine could not resolve and that may leave a verdict incomplete (a toolkit imported by a name
    chosen at run time, a toolkit named only in strings). `kind`: `dynamic_import` or `toolkit_in_strings`."""

    path: str
    lineno: int
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    parsed: int
    failed: int
    loc: int
    sloc: int
    ui_files: int
    logic_files: int
    mixed_files: int
    web_ready_files: int
    functions: int
    pure_functions: int
    extractable_functions: int
    ui_pct: float
    toolkits: dict[str, int] = field(default_factory=dict)
    # Trivial functions (`FunctionResult.trivial`), counted apart: `pure_functions` leaves them out.
    trivial_functions: int = 0


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    job_id: str
    name: str
    created_at: str
    processing_time: float
    summary: Summary
    files: list[FileResult] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[AnalysisWarning] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of SPEC §2, `schema_version` first."""
        data = plain(self)
        return {"schema_version": data.pop("schema_version"), **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnalysisResult:
        """Rebuild a result from its JSON shape (trusted input: our own stored results)."""
        files = [
            FileResult(
                **{
                    **f,
                    "web_ready_blockers": [Blocker(**b) for b in f.get("web_ready_blockers", [])],
                    "parse_error": ParseError(**f["parse_error"]) if f.get("parse_error") else None,
                    "ui_line_ranges": [[start, end] for start, end in f.get("ui_line_ranges", [])],
                    "functions": [
                        FunctionResult(**{**fn, "reasons": [Reason(**r) for r in fn.get("reasons", [])]})
                        for fn in f.get("functions", [])
                    ],
                }
            )
            for f in data.get("files", [])
        ]
        return cls(
            job_id=data["job_id"],
            name=data["name"],
            created_at=data["created_at"],
            processing_time=data["processing_time"],
            summary=Summary(**data["summary"]),
            files=files,
            skipped=[SkippedFile(**s) for s in data.get("skipped", [])],
            warnings=[AnalysisWarning(**w) for w in data.get("warnings", [])],
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def _fields(value: Any) -> dict[str, Any]:
    names = _field_names(type(value))
    if names is None:
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return {name: getattr(value, name) for name in names}


def dumps_plain(value: Any) -> str:
    """`json.dumps(plain(value))` without building `plain`'s copy first: json's C encoder walks the lists and
    dicts itself and asks only for each record's fields. The pipeline writes every summary this way (issue 9
    item 16: the copy was a third of a batch's serialisation)."""
    return json.dumps(value, default=_fields)


def plain(value: Any) -> Any:
    """Exactly `dataclasses.asdict`'s conversion of one value, about twice as fast: asdict deep-copies every
    string and number, and results and summaries are many small records (issue 9 item 16). Dataclasses become
    dicts; lists, tuples and dicts are rebuilt; anything else (an enum member) is deep-copied as asdict does."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [plain(item) for item in value]
    if kind is tuple:
        return tuple(plain(item) for item in value)
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    names = _field_names(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    return copy.deepcopy(value)
