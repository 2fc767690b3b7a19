"""Line counts equal radon 6.0.1's `radon raw` (SPEC §2 "Line counts"), checked against radon itself.

radon is the reference: every comparison runs `radon.raw.analyze` on the same text. It is quadratic in the
length of a statement, so the standard-library sample leaves out the few files with statements of
hundreds of lines (see `_stdlib_sample`); `rawmetrics` itself has no such limit.
"""

from __future__ import annotations

import functools
import io
import random
import sys
import sysconfig
import tokenize
from pathlib import Path

import pytest
from purelift.analysis import rawmetrics, rawscan
from purelift.analysis.fileinfo import _TokenStream
from purelift.analysis.rawmetrics import RawCounts, fallback_counts, raw_counts
from radon.raw import analyze  # type: ignore[import-untyped]  # radon ships no type information

FIELDS = ("loc", "lloc", "sloc", "comments", "multi", "blank")
STDLIB = Path(sysconfig.get_paths()["stdlib"])
SAMPLE_SIZE = 200
SAMPLE_SEED = 20240611
# radon re-tokenizes a statement (a string standing alone too) once per line it spans: a 300-line one costs
# it about half a second (the 256-entry tables of encodings/cp*.py), locale.py's 900-line dict seconds and
# pydoc_data/topics.py minutes. The sample skips such files (with this seed: test_generators.py,
# encodings/aliases.py, test_extcall.py, test_pep646_syntax.py, whose doctest strings are that long).
LONGEST_STATEMENT_FOR_RADON = 300


def _read(path: Path) -> str:
    """Decode a file the way the engine does: PEP 263 encoding, no newline translation."""
    data = path.read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def _radon(source: str) -> dict[str, int] | None:
    """radon's counts, or None where radon raises (it cannot count the text).

    The reference is radon on Python 3.11: radon counts with the running interpreter's tokenizer, and from
    3.12 on that one splits f-strings (a format spec's `:` becomes a statement's colon) and raises where
    3.11's yielded tokens (`$`, an unmatched `)`), so radon's own numbers change. rawmetrics keeps 3.11's
    on every interpreter; under 3.12+ the comparisons skip and the rows with fixed numbers below still run.
    """
    if sys.version_info >= (3, 12):
        pytest.skip("radon's reference numbers are Python 3.11's (radon uses the interpreter's tokenizer)")
    try:
        module = analyze(source)
    except SyntaxError:
        return None
    return {field: getattr(module, field) for field in FIELDS}


def _as_dict(counts: RawCounts) -> dict[str, int]:
    return {field: getattr(counts, field) for field in FIELDS}


def _tokens(source: str) -> list[tokenize.TokenInfo] | None:
    try:
        return list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return None


def _radon_rejects(source: str) -> bool:
    """Whether our radon-exact path refuses the text (the public functions then fall back, never raise)."""
    try:
        rawmetrics._count_lines(source, lenient=False)
    except (tokenize.TokenError, SyntaxError):
        return True
    return False


def _check_against_radon(source: str, name: str) -> None:
    """Given a text, when both count it, then every field is radon's, with or without the caller's tokens; and
    the fused pass (`rawscan.scan`) gives what the general path gives, or leaves it the text; under 3.12+, where
    radon's numbers are not the reference (`_radon`), the latter still holds."""
    _check_fused_scan(source, name)
    expected = _radon(source)
    tokens = _tokens(source)
    ours = {"raw_counts(source)": _as_dict(raw_counts(source))}
    if tokens is not None:
        ours["raw_counts(source, tokens)"] = _as_dict(raw_counts(source, tokens))
    if expected is None:
        # radon raises: the text still gets counts, the best-effort ones, and never an exception.
        assert _radon_rejects(source), f"{name}: radon rejects it, the radon-exact path of rawmetrics does not"
        for how, counts in ours.items():
            assert counts == _as_dict(fallback_counts(source)), f"{name}: {how} is not fallback_counts"
        return
    assert not _radon_rejects(source), f"{name}: radon counts it, rawmetrics rejects it"
    ours["fallback_counts(source)"] = _as_dict(fallback_counts(source))
    for how, counts in ours.items():
        wrong = {field: (expected[field], counts[field]) for field in FIELDS if counts[field] != expected[field]}
        assert not wrong, f"{name}: {how} differs from radon in {wrong} (field: (radon, ours))"


def _check_fused_scan(source: str, name: str) -> None:
    """`rawscan.scan` is the general path's counts and code lines (`summarize_file` takes either), or None."""
    scanned = rawscan.scan(source)
    if scanned is None:
        return
    stream = _TokenStream(source)
    counts = raw_counts(source, stream)
    stream.drain()
    assert stream.error is None, f"{name}: the fused scan counted text the tokenizer rejects ({stream.error})"
    assert scanned == (counts, stream.code_lines), f"{name}: the fused scan differs from the general path"


def _python_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.py"))


def _longest_statement(source: str) -> int:
    """Rows spanned by the longest logical line; all the rows when the text does not tokenize."""
    longest, first = 0, 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NEWLINE and first:
                longest = max(longest, token.start[0] - first + 1)
                first = 0
            elif not first and token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                first = token.start[0]
    except (tokenize.TokenError, SyntaxError):
        return source.count("\n") + 1
    return longest


@functools.cache
def _stdlib_sample() -> tuple[str, ...]:
    """A fixed random sample of standard-library files that radon counts in reasonable time.

    Undecodable files (test data with broken encoding declarations) are left out: there is no text to
    count. Files radon rejects stay in: `_check_against_radon` then checks that rawmetrics rejects them too.
    """
    covered = ("idlelib", "turtledemo", "site-packages", "dist-packages")
    candidates = [name for name in _python_files(STDLIB) if not name.startswith(covered)]
    random.Random(SAMPLE_SEED).shuffle(candidates)
    sample: list[str] = []
    for name in candidates:
        try:
            source = _read(STDLIB / name)
        except (SyntaxError, UnicodeDecodeError, LookupError):
            continue
        if (
            source.count("\n") > LONGEST_STATEMENT_FOR_RADON
            and _longest_statement(source) > LONGEST_STATEMENT_FOR_RADON
        ):
            continue
        sample.append(name)
        if len(sample) == SAMPLE_SIZE:
            break
    return tuple(sorted(sample))


@pytest.mark.parametrize("name", _python_files(STDLIB / "idlelib"))
def test_idlelib_counts_equal_radon(idlelib_dir: Path, name: str) -> None:
    _check_against_radon(_read(idlelib_dir / name), f"idlelib/{name}")


@pytest.mark.parametrize("name", _python_files(STDLIB / "turtledemo"))
def test_turtledemo_counts_equal_radon(turtledemo_dir: Path, name: str) -> None:
    _check_against_radon(_read(turtledemo_dir / name), f"turtledemo/{name}")


@pytest.mark.slow
@pytest.mark.parametrize("name", _stdlib_sample())
def test_stdlib_sample_counts_equal_radon(stdlib_dir: Path, name: str) -> None:
    _check_against_radon(_read(stdlib_dir / name), name)


def test_stdlib_sample_is_full_size() -> None:
    assert len(_stdlib_sample()) == SAMPLE_SIZE


EDGE_CASES: dict[str, str] = {
    "empty file": "",
    "one empty line": "\n",
    "only blank lines": "\n\n   \n\t\n",
    "only comments": "# one\n# two\n",
    "comment without final newline": "# one",
    "indented comment": "x = 1\n    # indented\n",
    "comment after code": "x = 1  # one\n",
    "one-line docstring": '"""Doc."""\n',
    "single-quoted docstring": "'doc'\n",
    "docstring with a comment after it": '"""Doc."""  # one\n',
    "multi-line docstring with an empty line": '"""Doc.\n\nMore.\n"""\n',
    "multi-line docstring, blank line of spaces": "'''a\n   \nb'''\n",
    "raw and byte docstrings": "r'''a\nb'''\nb'''c\nd'''\n",
    "f-string standing alone": "f'''{x}\n'''\n",
    "function docstring": 'def f():\n    """Doc.\n\n    More.\n    """\n    return 1\n',
    "class docstring": 'class A:\n    """Doc."""\n\n    x = 1\n',
    "multi-line string assigned": 'x = """a\nb\n"""\n',
    "multi-line string as an argument": 'f("""a\nb""")\n',
    "multi-line string in the middle of code": "x = 1\n'''not\na docstring'''\ny = 2\n",
    "implicit concatenation in brackets": "x = (\n    'a'\n    'b'\n)\n",
    "string continued by backslash": "x = 'a\\\nb'\n",
    "semicolons": "a = 1; b = 2\n",
    "trailing semicolon": "a = 1;\n",
    "colon statement then semicolon": "if x: a; b\n",
    "colon last before semicolon": "if x: a; b; c\n",
    "semicolon after a comment-like string": "'a'; 'b'\n",
    "if with body on the line": "if x: return\n",
    "try on one line": "try: pass\nexcept: pass\n",
    "annotation": "x: int = 1\n",
    "dict literal": "d = {1: 2}\n",
    "lambda": "f = lambda: 0\n",
    "slice": "y = x[1:2]\n",
    "walrus": "if (n := 1):\n    pass\n",
    "while block": "while x:\n    pass\nelse:\n    pass\n",
    "backslash continuation": "x = 1 + \\\n    2\n",
    "backslash then one empty line": "x = \\\n\ny = 2\n",
    "backslash then two empty lines": "x = \\\n\n\ny = 2\n",
    "string, backslash, two empty lines": "'doc' \\\n\n\nx = 1\n",
    "backslash alone before a docstring": "\\\n'doc'\n",
    "backslash alone before a comment": "\\\n# one\n",
    "no final newline": "x = 1",
    "no final newline after a block": "def f():\n    return 1",
    "no final newline after a docstring": "'''a\nb'''",
    "whitespace-only last line": "x = 1\n   ",
    "CRLF": "x = 1\r\ny = 2\r\n",
    "CRLF docstring": '"""a\r\n\r\nb"""\r\nx = 1\r\n',
    "CRLF continuation": "x = 1 + \\\r\n    2\r\n",
    "lone CR": "x = 1\ry = 2\n",
    "form feed line": "\f\nx = 1\n",
    "form feed between defs": "x = 1\n\f\ndef f():\n    pass\n",
    "form feed inside a comment": "# a\fb\n",
    "form feed inside a docstring": "'''a\fb'''\n",
    "vertical tab and separators": "x = 1\v\x1c\ny = 2\n",
    "tabs": "if x:\n\ty = 1\n\tz = 2\n",
    "inconsistent dedent (tokenize fails, radon does not)": "if x:\n    a = 1\n  b = 2\n",
    "no-break space around code": "x = 1\u00a0\n\u00a0y = 2\n",
    "decorators": "@dec\n@dec2(1,\n      2)\ndef f():\n    pass\n",
    "nested defs": "def f():\n    def g():\n        def h(): return 1\n        return h\n    return g\n",
    "async def": "async def f():\n    await g()\n",
    "comments inside brackets": "x = [\n    1,  # one\n    # alone\n\n    2,\n]\n",
    "comment ending a backslash line": "x = 1 + \\\n    2  # two\n",
    "unbalanced closing then opening bracket": ")\n(\n",
    "python 2 print": 'print "x"\n',
    "python 2 exec": 'exec "code"\n',
    "python 2 octal and ur prefix": "x = 0777\ny = ur'a'\n",
}


@pytest.mark.parametrize("source", list(EDGE_CASES.values()), ids=list(EDGE_CASES))
def test_edge_case_counts_equal_radon(source: str) -> None:
    assert _radon(source) is not None, "this table holds texts radon can count"
    _check_against_radon(source, repr(source))


RADON_REJECTS: dict[str, str] = {
    "backticks": "x = `a`\n",
    "unclosed bracket": "x = (\n1,\n",
    "unterminated docstring": 'def f():\n    """Doc.\n\n    return 1\n',
    "unterminated string": "x = 'a\ny = 2\n",
    "dollar": "x = $\n",
    "backslash at the very end": "x = 1 + \\",
    "backslash then empty last line": "x = 1 + \\\n\n",
    "backslash then whitespace-only last line": "x = 1 + \\\n   ",
}


@pytest.mark.parametrize("source", list(RADON_REJECTS.values()), ids=list(RADON_REJECTS))
def test_text_radon_rejects_is_counted_best_effort(source: str) -> None:
    assert _radon(source) is None, "this table holds texts radon raises on"
    _check_against_radon(source, repr(source))
    counts = fallback_counts(source)
    assert counts.loc == len(source.splitlines())
    assert counts.blank == sum(1 for line in source.splitlines() if not line.strip())


# Lines chosen to hit every rule and quirk above; random mixes of them find what a table forgets.
PIECES = (
    *("x = 1", "if x: y", "if x:", "  return 2", "'''doc'''", '"""a', 'b"""', "'''", "# c", "   # indented"),
    *("", "   ", "\t", "x = (", "1,", ")", "]", "(", "\\", "y = 2 \\", "a; b", "a;", "if a: b; c", "x = 'a\\"),
    *("b'", "f(x)  # c", "d = {1: 2}", "lambda: 0", "class A: pass", "\f", "x\fy", "\v", "'s'", "'s' \\"),
    *("\u00a0x", "x\u00a0", "$", "`a`", "print 'x'", "   '''indented doc'''", "'a' 'b'", "x[1:2]", "\r"),
    *("def f(): # c", "try: pass", "x = 1\r", "@dec", "  def g():", "rb'x'", "f'{x}'", "x = \\ ", "' open"),
    *("x = [1, # c", "    x = 1", "  y = 2", "\tz = 3", "\u3000", "\x1f", "\x85", "a\u2028b", "# c \\", "x = {"),
    *("}", "a: int = 1", "x := 1", "\\ ", "  \\", "'''\\", "r'''x", "else:", "x = 1;", ";", "if x: y  # c"),
)


@pytest.mark.parametrize("seed", range(20))
def test_random_line_mixes_count_as_radon(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        newline = rng.choice(("\n", "\n", "\r\n"))
        source = newline.join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        source += rng.choice(("", newline, newline + "  "))
        _check_against_radon(source, repr(source))


def test_both_token_streams_agree_where_radon_is_too_slow() -> None:
    # pydoc_data/topics.py is one dict of 15,000 lines: minutes for radon. Counted from the file's own
    # tokens and from radon's view of it (stripped lines, re-tokenized), the two paths must agree.
    source = _read(STDLIB / "pydoc_data" / "topics.py")
    tokens = _tokens(source)
    assert tokens is not None
    counts = raw_counts(source, tokens)
    assert counts == rawmetrics._count_lines(source, lenient=False)
    assert counts.loc == len(source.splitlines())
    assert counts.sloc + counts.blank + counts.multi <= counts.loc


PYTHON_2 = {
    "print statement": 'import sys\nprint "x"\nprint >>sys.stderr, "y"\n',
    "exec statement": 'exec "code"\nexec "code" in ns\n',
    "old except and backticks": "try:\n    x = `a`\nexcept Exception, e:\n    pass\n",
    "long and octal literals": "x = 10L\ny = 0777\n",
    "tabs and spaces mixed": "if x:\n\ta = 1\n        b = 2\n",
}


@pytest.mark.parametrize("source", list(PYTHON_2.values()), ids=list(PYTHON_2))
def test_fallback_counts_python_2_code(source: str) -> None:
    counts = fallback_counts(source)
    assert counts.loc == len(source.splitlines())
    assert counts.blank == sum(1 for line in source.splitlines() if not line.strip())
    assert counts.sloc == counts.loc - counts.blank
    expected = _radon(source)
    if expected is not None:  # radon reads most Python 2 (it only tokenizes); then the numbers are its own
        assert _as_dict(counts) == expected


GARBAGE = {
    "control characters": "\x00\x01\x02\n\n\x7f\n",
    "replacement characters": "\ufffd\ufffd abc\n\n\ufffd\n",
    "latin-1 bytes": bytes(range(256)).decode("latin-1"),
    "surrogate escapes": b"x = '\xff\xfe'\n\n\xc3(\n".decode("utf-8", "surrogateescape"),
    "unterminated docstring": "def f(:\n    ''' open\n\n   x = 1\n",
    "unclosed brackets": "x = ((((\n\n  1,\n",
    "unmatched closing brackets": ")))\n# c\n\nx = 1\n",
    "only a backslash": "\\",
    "binary-looking text": "PK\x03\x04\x14\x00\x08\x00\n\x00\x00\n",
}


@pytest.mark.parametrize("source", list(GARBAGE.values()), ids=list(GARBAGE))
def test_fallback_counts_garbage_without_raising(source: str) -> None:
    counts = fallback_counts(source)
    assert counts.loc == len(source.splitlines())
    assert counts.blank == sum(1 for line in source.splitlines() if not line.strip())
    assert min(_as_dict(counts).values()) >= 0
    assert counts.sloc + counts.blank + counts.multi <= counts.loc
    assert raw_counts(source) == counts


@pytest.mark.parametrize("seed", range(5))
def test_fallback_counts_random_bytes_without_raising(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = b"\n\n\n   \t\\'\"#()[]{}:;`$xy01\r\f\x00\xff"
    for _ in range(200):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        source = data.decode("utf-8", "replace")
        counts = fallback_counts(source)
        assert min(_as_dict(counts).values()) >= 0, repr(source)
        assert counts.loc <= len(source.splitlines()), repr(source)
        assert counts.sloc + counts.blank + counts.multi <= counts.loc, repr(source)
        assert raw_counts(source) == counts, repr(source)


# radon 6.0.1's numbers under Python 3.11, where an f-string is one STRING token. Python 3.12+ tokenizes it
# into parts whose format-spec `:` must not count as a colon of the statement (issue 12, item 6: `lloc`
# differed on idlelib's colorizer.py and configdialog.py). Fixed numbers, not radon, because radon itself
# runs on the interpreter's tokenizer: this row is what keeps 3.11, 3.12 and 3.13 equal.
FSTRINGS = (
    'x = f"{a:>3}"\nif x: y = f"{b!r:{w}}"\nf"""\n{c:d} {f\'{d:2}\'}\n\n"""\nz = {k: f"{v:.2f}" for k, v in x}; w = 1\n'
)


def test_fstring_format_specs_count_as_on_python_3_11() -> None:
    expected = RawCounts(loc=7, lloc=7, sloc=3, comments=0, multi=3, blank=1)
    assert raw_counts(FSTRINGS) == expected
    assert raw_counts(FSTRINGS, _tokens(FSTRINGS)) == expected
    assert rawscan.scan(FSTRINGS) is not None  # the fused pass takes it, on every interpreter
    _check_fused_scan(FSTRINGS, "format specs")
