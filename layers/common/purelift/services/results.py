"""The result schema as pydantic sees it: built FROM the engine's dataclasses, never a second copy."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from purelift.analysis import AnalysisResult, Summary
from purelift.domain.errors import ServiceUnavailableError


@lru_cache(maxsize=1)
def result_adapter() -> TypeAdapter[AnalysisResult]:
    return TypeAdapter(AnalysisResult)


@lru_cache(maxsize=1)
def summary_adapter() -> TypeAdapter[Summary]:
    return TypeAdapter(Summary)


def normalise_result(raw: bytes) -> bytes:
    """Validate a stored result against the schema and serialise it canonically (what the API serves)."""
    adapter = result_adapter()
    try:
        return adapter.dump_json(adapter.validate_json(raw))
    except ValidationError as exc:
        raise ServiceUnavailableError("The stored result is damaged.") from exc


def parse_result(raw: bytes) -> AnalysisResult:
    return result_adapter().validate_json(raw)


def summary_dict(data: Any) -> dict[str, Any] | None:
    """A job's stored summary, validated and in its JSON shape (None when absent)."""
    if data is None:
        return None
    adapter = summary_adapter()
    dumped: dict[str, Any] = adapter.dump_python(adapter.validate_python(dict(data)), mode="json")
    return dumped
