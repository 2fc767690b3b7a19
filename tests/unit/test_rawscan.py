"""The fused pass (`rawscan.scan`): the general path's counts and code lines, or no answer.

It is Python 3.11's tokenizer loop doing the counting itself there, and the C tokenizer's tuples counted in one
loop under 3.12+ (`rawscan.C_TOKENS`). `test_rawmetrics` holds it equal to the general path on every text of its
tables (idlelib, turtledemo, the standard-library sample, edge cases, random mixes) on every interpreter. Here:
which texts it must take (a fast path that bails out on ordinary code is only slower, which no equality check
sees), which it must leave to the general path, and that `summarize_file` gives the same summary either way.
"""

from __future__ import annotations

import random
import sys

import pytest
from purelift.analysis import rawscan
from purelift.analysis.fileinfo import _TokenStream, summarize_file
from purelift.analysis.rawmetrics import RawCounts, raw_counts

needs_311 = pytest.mark.skipif(not rawscan.AVAILABLE, reason="Python 3.11's tokenizer loop")
needs_c_tokens = pytest.mark.skipif(rawscan.C_TOKENS is None, reason="3.12+'s C tokenizer")


def _general(source: str) -> tuple[RawCounts, list[int]]:
    stream = _TokenStream(source)
    counts = raw_counts(source, stream)
    stream.drain()
    return counts, stream.code_lines


# (name, text, code lines): ordinary code the fused pass must count itself, each with the rows holding code
TAKEN = [
    ("statements", "x = 1\ny = x + 1\n", [1, 2]),
    ("no final newline", "x = 1", [1, 1]),
    ("comment line, blank line", "# head\n\nx = 1  # tail\n", [3, 3]),
    ("docstring over rows", 'def f():\n    """One.\n\n    Two."""\n    return 1\n', [1, 5]),
    ("brackets over rows with a blank row", "x = [\n    1,\n\n    2,\n]\n", [1, 2, 4, 5]),
    ("backslash continuation", "x = 1 + \\\n    2\n", [1, 2]),
    ("continuation row at an indentation of no block", "if x:\n    y = 1 + \\\n  2\n", [1, 3]),
    ("semicolons and colons", "if x: y = 1; z = {1: 2}\n", [1, 1]),
    ("dedent to an outer level", "if x:\n    if y:\n        a = 1\nb = 2\n", [1, 4]),
    ("continued single-quoted string", "s = 'a\\\nb'\nt = 1\n", [1, 3]),
    ("backslash then blank rows", "\\\n\n\n", []),
    ("CRLF line ends", "x = 1\r\n\r\ny = 2\r\n", [1, 1, 3, 3]),
    # rows of names, numbers, operators and brackets only, counted a row at a time
    ("a dict display's colon, a walrus, an ending colon", "x = {a: b}\nif (y := 2) != 3:\n    pass\n", [1, 3]),
    ("slice colons", "y = x[1::2]\nz = x[:]\n", [1, 2]),
    ("plain rows inside brackets, one blank", "x = f(a,\n\n      b)\n", [1, 1, 3, 3]),
    ("numbers of every form", "x = 0x1f + 1_000 + 0o7 + 0b1\nz = 1.e5j + .5\n", [1, 2]),
    # rows with strings or comments: the stretches of code between them counted whole, the rest a token at a time
    ("code around strings and a comment", 'x = f(a, "b") != g(c) + rb"d"  # e\ny = {"k": 1}\n', [1, 2]),
    ("a prefixed docstring (the prefix is the string's)", 'def f():\n    rb"""One.\n\n    Two."""\n', [1, 4]),
    ("a prefixed one-row string alone in brackets", 'x = (\n    Rb"one"\n)\n', [1, 3]),
    ("a non-ASCII name after code", "x = y + caf\u00e9\n", [1, 1]),
    ("a string ending a part whose colon comes first", 'if x: y = "a"\nlambda: "b"\n', [1, 2]),
]

# (name, text): what the fused pass leaves to the general path on every interpreter
LEFT = [
    ("dedent to no outer level", "if x:\n    a = 1\n  b = 2\n"),
    ("bracket never closed", "x = (1,\n"),
    ("string never closed", "s = '''abc\n"),
    ("unmatched closing bracket", "x = )\n"),
    ("single-quoted string continued without a backslash", "s = 'abc\\\ndef\n"),
    ("last row whitespace only, no final newline", "x = 1\n   "),
    ("form feed", "x = 1\x0c\ny = 2\n"),
    ("lone carriage return", "x = 1\ry = 2\n"),
    ("backslash, one blank row, end (radon's statement never ends)", "\\\n\n"),
    ("backslash continuation into a blank last row", "x = 1 \\\n\n"),
]
# (name, text): what 3.11's loop leaves to the general path (the C tokenizer's tuples count them as it does)
LEFT_BY_311 = [
    ("a character 3.11 cannot read (3.12+: an operator)", "$x = 1\n"),
    ("a lone exclamation mark (3.11: no such operator)", "x = !y\n"),
    # a `;` after a row counted whole in the same part: whether the colon is second to last decides lloc
    ("a `;` inside brackets after a row with a colon", "x = (a: b.c\n; d)\n"),
    ("a `;` after brackets closed on a later row", "d = {1: 2,\n     3}; e = 5\n"),
    ("a `;` after a row with a string, its code counted whole", 'x = f("a",\n      b); y = 2\n'),
]
# (name, text, code lines): PEP 701 f-strings, which only 3.12+ reads as one string: the fused pass counts them
PEP_701 = [
    ("the f-string's own quote in a field", 'x = f"{d["k"]}"\ny = 1\n', [1, 2]),
    ("a field over rows with a comment and a blank row", 's = f"""{\n  a  # note\n\n  + b}"""\n', [1, 2, 4, 4]),
    ("a backslash in a field", "t = f\"{'\\n'.join(xs)}\"\n", [1, 1]),
    ("format specs nested in a field", 'u = f"{x:{w}.{p}}"; v = {1: 2}\n', [1, 1]),
]


@pytest.mark.parametrize(("name", "source", "code"), TAKEN, ids=[row[0] for row in TAKEN])
def test_fused_pass_counts_ordinary_code_itself(name: str, source: str, code: list[int]) -> None:
    scanned = rawscan.scan(source)
    assert scanned is not None, f"{name}: left to the general path"
    assert scanned == _general(source)
    assert scanned[1] == code


@pytest.mark.parametrize(("name", "source"), LEFT, ids=[row[0] for row in LEFT])
def test_fused_pass_leaves_the_rest_to_the_general_path(name: str, source: str) -> None:
    assert rawscan.scan(source) is None, name


@needs_311
@pytest.mark.parametrize(("name", "source"), LEFT_BY_311, ids=[row[0] for row in LEFT_BY_311])
def test_python_3_11_loop_leaves_what_it_cannot_cut_to_the_general_path(name: str, source: str) -> None:
    assert rawscan.scan(source) is None, name


@needs_c_tokens
@pytest.mark.parametrize(("name", "source", "code"), PEP_701, ids=[row[0] for row in PEP_701])
def test_fused_pass_counts_pep_701_fstrings_as_the_general_path(name: str, source: str, code: list[int]) -> None:
    scanned = rawscan.scan(source)
    assert scanned is not None, f"{name}: left to the general path"
    assert scanned == _general(source)
    assert scanned[1] == code


@pytest.mark.skipif(rawscan.AVAILABLE, reason="3.11 has its own loop")
def test_the_c_tokenizer_is_counted_directly_from_3_12_on() -> None:
    # The private interface is checked when the module loads (`_c_tokens`); these interpreters have it.
    assert sys.version_info >= (3, 12)
    assert rawscan.C_TOKENS is not None


def _no_fused_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rawscan, "AVAILABLE", False)
    monkeypatch.setattr(rawscan, "C_TOKENS", None)


_ALL = TAKEN + [(name, source, []) for name, source in LEFT + LEFT_BY_311] + (PEP_701 if rawscan.C_TOKENS else [])


@pytest.mark.parametrize("source", [row[1] for row in _ALL], ids=[row[0] for row in _ALL])
def test_summaries_are_the_same_on_either_path(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fused = summarize_file("m.py", source.encode())
    _no_fused_pass(monkeypatch)
    assert summarize_file("m.py", source.encode()) == fused


# Pieces of text that exercise every branch of the fused pass: brackets over rows, `;` after rows counted whole,
# colons and walruses, strings of every kind (continued, triple-quoted over rows, prefixed), comments, backslashes.
_PIECES = (
    *("x", "y1", "lambda", "if", "else", "1", "0x1f", "1.5e-3", " ", "  ", "\t"),
    *("(", ")", "[", "]", "{", "}", ":", ";", ",", "=", ":=", "+", "-", ".", "...", "!=", "->", "@", "**=", "//", "~"),
    *("'s'", '"t"', "'''a\nb'''", '"""\n\n"""', "f'{x}'", "rb'z'", "u'q'", "'a\\\nb'", "# c", "\\"),
    # f-strings: format specs, and PEP 701's (3.12+ reads them as one string; 3.11 as token soup)
    *('f"{x:>3}"', 'f"{d["k"]}"', 'f"""{\n# c\n\nb}"""', "F'{a!r:{w}}'"),
)


def _soup(rng: random.Random) -> str:
    rows = [
        rng.choice(["", "", "    ", "  ", "\t"]) + " ".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 7)))
        for _ in range(rng.randint(1, 8))
    ]
    return rng.choice(["\n", "\r\n"]).join(rows) + rng.choice(["\n", "", "\n\n"])


def test_fused_pass_equals_the_general_path_on_random_token_soup() -> None:
    # 200,000 seeds were run once (45,358 texts taken, no difference); these stay in the suite.
    taken = 0
    for seed in range(3000):
        source = _soup(random.Random(seed))
        scanned = rawscan.scan(source)
        if scanned is not None:
            taken += 1
            assert scanned == _general(source), repr(source)
    assert taken > 500  # the fused pass does take much of it
