"""The web app's types come from the API's own OpenAPI document (`scripts/web_types.py`): one definition of each
shape. The committed `web/src/api/schema.gen.ts` must be what the API says today, and the translation of each
JSON Schema construct must be the TypeScript a reader of the API expects."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from purelift.analysis import AnalysisResult, FileResult, FunctionResult, Summary
from purelift.analysis.model import ADDED_AFTER_FIRST_RELEASE

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "web_types.py"


@pytest.fixture(scope="module")
def web_types() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_types", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["web_types"] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_types_are_what_the_api_says(web_types: ModuleType) -> None:
    text = web_types.render(web_types.components())
    assert web_types.TARGET.read_text(encoding="utf-8") == text, "web/src/api/schema.gen.ts is stale: `make web-types`"


def test_check_mode_fails_on_a_stale_file(
    web_types: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "schema.gen.ts"
    stale.write_text(web_types.TARGET.read_text(encoding="utf-8").replace("pure: boolean;", "pure: string;"))
    monkeypatch.setattr(web_types, "TARGET", stale)
    assert web_types.main(["web_types.py", "--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert web_types.main(["web_types.py"]) == 0
    assert web_types.main(["web_types.py", "--check"]) == 0


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"$ref": "#/components/schemas/Summary"}, "Summary"),
        ({"type": "string", "enum": ["UI", "Logic"]}, '"UI" | "Logic"'),
        ({"const": "ok"}, '"ok"'),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "string | null"),
        ({"anyOf": [{"$ref": "#/x/JobOut"}, {"$ref": "#/x/JobNameOut"}]}, "JobOut | JobNameOut"),
        ({"type": "integer"}, "number"),
        ({"type": "number"}, "number"),
        ({"type": "boolean"}, "boolean"),
        ({"type": ["string", "null"]}, "string | null"),
        ({"type": "array", "items": {"type": "integer"}}, "number[]"),
        ({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "null"}]}}, "(string | null)[]"),
        ({"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}]}, "[number, string]"),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, "Record<string, number>"),
        ({"type": "object"}, "Record<string, unknown>"),
        ({"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}, "{\n  a: number;\n}"),
        ({}, "unknown"),
    ],
)
def test_json_schema_to_typescript(web_types: ModuleType, schema: dict[str, Any], expected: str) -> None:
    assert web_types.type_of(schema) == expected


def test_what_the_server_always_sends_is_required(web_types: ModuleType) -> None:
    schemas = {
        "ThingOut": {
            "type": "object",
            "description": "A thing.",
            "properties": {"a": {"type": "integer"}, "b": {"type": "integer", "default": 0}, "c": {"type": "string"}},
            "required": ["a"],
        },
        "ThingIn": {
            "type": "object",
            "properties": {"a": {"type": "integer"}, "b": {"type": "integer", "default": 0}},
            "required": ["a"],
        },
    }
    text = web_types.render(schemas, {"ThingOut": ("c",)})
    assert "/** A thing. */\nexport interface ThingOut {\n  a: number;\n  b: number;\n  c?: string;\n}" in text
    assert "export interface ThingIn {\n  a: number;\n  b?: number;\n}" in text  # a request may leave b out


def test_the_fields_added_after_the_first_release_exist() -> None:
    records = {"AnalysisResult": AnalysisResult, "FileResult": FileResult, "FunctionResult": FunctionResult}
    records["Summary"] = Summary
    for name, fields in ADDED_AFTER_FIRST_RELEASE.items():
        assert set(fields) <= set(records[name].__dataclass_fields__), name
