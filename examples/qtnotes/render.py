"""Turning a note's text into HTML for the preview pane: a tiny subset of Markdown.

Pure text in, text out: this module is what the web version serves unchanged.
"""

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"\*(.+?)\*")
_CODE = re.compile(r"`([^`]+)`")


def inline(text):  # expect: pure
    text = html.escape(text)
    text = _CODE.sub(r"<code>\1</code>", text)
    text = _BOLD.sub(r"<b>\1</b>", text)
    return _ITALIC.sub(r"<i>\1</i>", text)


def heading_level(line):  # expect: pure
    level = len(line) - len(line.lstrip("#"))
    return level if 0 < level <= 6 and line[level : level + 1] == " " else 0


def render_line(line):  # expect: pure
    level = heading_level(line)
    if level:
        return f"<h{level}>{inline(line[level + 1 :])}</h{level}>"
    if line.startswith(("- ", "* ")):
        return f"<li>{inline(line[2:])}</li>"
    return f"<p>{inline(line)}</p>" if line.strip() else ""


def to_html(text):  # expect: pure
    return "\n".join(part for part in map(render_line, text.splitlines()) if part)
