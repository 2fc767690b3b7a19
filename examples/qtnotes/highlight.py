"""Search hits painted in the editor. Finding the hits is plain text work; painting them is Qt."""

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat


def find_spans(text, query):  # expect: pure
    spans = []
    needle = query.lower()
    if not needle:
        return spans
    start = text.lower().find(needle)
    while start >= 0:
        spans.append((start, len(needle)))
        start = text.lower().find(needle, start + len(needle))
    return spans


def merge_spans(spans):  # expect: pure
    merged = []
    for start, length in sorted(spans):
        if merged and start <= merged[-1][0] + merged[-1][1]:
            last_start, last_length = merged[-1]
            merged[-1] = (last_start, max(last_length, start + length - last_start))
        else:
            merged.append((start, length))
    return merged


def hit_summary(count):  # expect: pure
    return "no match" if count == 0 else f"{count} match{'es' if count > 1 else ''}"


def spans_for_words(text, words):  # expect: pure
    return merge_spans([span for word in words for span in find_spans(text, word)])


class SearchHighlighter(QSyntaxHighlighter):
    """Paints every hit of the current search in the note being edited."""

    def __init__(self, document):  # expect: impure(ui)
        super().__init__(document)
        self.words = []

    def set_query(self, query):  # expect: impure(ui)
        self.words = query.split()
        self.rehighlight()

    def highlightBlock(self, text):  # expect: impure(ui)
        hit = QTextCharFormat()
        hit.setBackground(QColor("#fff59d"))
        for start, length in spans_for_words(text, self.words):
            self.setFormat(start, length, hit)
