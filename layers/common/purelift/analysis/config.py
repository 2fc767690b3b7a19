"""Engine configuration: thresholds and extensions of the rule tables, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from . import rules


@dataclass(frozen=True)
class EngineConfig:
    """What a team may tune without touching code.

    `ui_threshold`: a file whose UI lines reach this percentage of its source lines is `UI` (default 50);
    below it, a file that references any UI name is `Mixed`. The extra tables extend (never replace) the
    shipped ones: `extra_toolkits` maps module prefixes to toolkit names, `extra_pure` lists dotted names
    known to be pure, `extra_impure` maps dotted names to a reason kind, `extra_desktop_only` maps dotted
    names to why they block web readiness. `extract_tests` (default False) extracts test code too (`tests/`,
    `test/`, `test_*.py`, `*_test.py`, `conftest.py`): it is always analysed and reported, but a team migrates
    the application, not its tests.
    """

    ui_threshold: float = 50.0
    extra_toolkits: dict[str, str] = field(default_factory=dict)
    extra_pure: frozenset[str] = frozenset()
    extra_impure: dict[str, str] = field(default_factory=dict)
    extra_desktop_only: dict[str, str] = field(default_factory=dict)
    extract_tests: bool = False

    # The merged tables are built once per configuration (cached on the instance, outside the fields: equality
    # and `to_dict` see only the fields): the solve and the extraction consult them for every call they judge.
    @cached_property
    def toolkits(self) -> dict[str, str]:
        return {**rules.UI_TOOLKITS, **self.extra_toolkits}

    @cached_property
    def known_pure(self) -> frozenset[str]:
        return rules.KNOWN_PURE | self.extra_pure

    @cached_property
    def known_impure(self) -> dict[str, str]:
        return {**rules.KNOWN_IMPURE, **self.extra_impure}

    @cached_property
    def desktop_only(self) -> dict[str, str]:
        return {**rules.DESKTOP_ONLY, **self.extra_desktop_only}

    def to_dict(self) -> dict[str, Any]:
        return {
            "ui_threshold": self.ui_threshold,
            "extra_toolkits": dict(self.extra_toolkits),
            "extra_pure": sorted(self.extra_pure),
            "extra_impure": dict(self.extra_impure),
            "extra_desktop_only": dict(self.extra_desktop_only),
            "extract_tests": self.extract_tests,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EngineConfig:
        """Build a configuration from its JSON shape (a `--config` file, a job's stored options), checking it: a
        misspelt setting or a value of the wrong type is an error naming the setting, never silently ignored."""
        unknown = sorted(str(key) for key in data if key not in _SETTINGS)
        if unknown:
            raise ValueError(f"unknown setting {unknown[0]!r} (the settings: {', '.join(_SETTINGS)})")
        return cls(
            ui_threshold=_threshold(data.get("ui_threshold", 50.0)),
            extra_toolkits=_text_map(data.get("extra_toolkits", {}), "extra_toolkits"),
            extra_pure=frozenset(_texts(data.get("extra_pure", []), "extra_pure")),
            extra_impure=_text_map(data.get("extra_impure", {}), "extra_impure"),
            extra_desktop_only=_text_map(data.get("extra_desktop_only", {}), "extra_desktop_only"),
            extract_tests=_flag(data.get("extract_tests", False), "extract_tests"),
        )


_SETTINGS = tuple(f.name for f in fields(EngineConfig))


def _flag(value: Any, name: str) -> bool:
    """A JSON boolean, strictly: `"false"` in a configuration file must not turn a switch on."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value


def valid_ui_threshold(value: Any) -> bool:
    """A UI threshold is a number (not a boolean) above 0 and at most 100 (the CLI's `--ui-threshold` too)."""
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 < value <= 100


def _threshold(value: Any) -> float:
    if not valid_ui_threshold(value):
        raise ValueError(f"ui_threshold must be a number above 0 and at most 100, not {value!r}")
    return float(value)


def _texts(value: Any, name: str) -> list[str]:
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of dotted names (strings), not {value!r}")
    return list(value)


def _text_map(value: Any, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(f"{name} must be an object mapping dotted names to strings, not {value!r}")
    return dict(value)
