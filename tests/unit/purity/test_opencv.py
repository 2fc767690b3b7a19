"""Rows for OpenCV (`rules.CV2_PURE`, `CV2_OUTPUT_POSITION`, `CV2_DRAWS_ON`): image processing on arrays is pure
unless the call is handed the array to write into; drawing changes the image it is given; files and cameras are
`io`; HighGUI's windows are UI; the rest of cv2 stays unknown. Each relaxation has its impure neighbour."""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, assert_verdict, case

ROWS = [
    case(
        "cv2-pure-colour-conversion",
        """\
        import cv2

        def gray(img):
            return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)  # <-
        """,
        "gray",
        "pure",
    ),
    case(
        "cv2-pure-resize-with-none-for-the-size",
        """\
        import cv2

        def half(img):
            return cv2.resize(img, None, fx=0.5, fy=0.5)  # <-
        """,
        "half",
        "pure",
    ),
    case(
        "cv2-pure-options-after-the-output-position",
        """\
        import cv2

        def half(img, size):
            return cv2.resize(img, size, None, 0.5, 0.5, cv2.INTER_AREA)  # <-
        """,
        "half",
        "pure",
    ),
    case(
        "cv2-pure-normalize-into-a-new-array",
        """\
        import cv2

        def stretch(img):
            return cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX)  # <-
        """,
        "stretch",
        "pure",
    ),
    case(
        "cv2-pure-pipeline-through-module-alias",
        """\
        import cv2 as cv

        def boxes(img):
            gray = cv.cvtColor(img, cv.COLOR_BGR2GRAY)
            _, th = cv.threshold(cv.GaussianBlur(gray, (5, 5), 0), 127, 255, cv.THRESH_BINARY)
            contours, _ = cv.findContours(th, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE)  # <-
            return [cv.boundingRect(c) for c in contours if cv.contourArea(c) > 10]
        """,
        "boxes",
        "pure",
    ),
    case(
        "cv2-pure-drawing-on-a-copy",
        """\
        import cv2

        def annotated(img, rects):
            canvas = img.copy()
            for x, y, w, h in rects:
                cv2.rectangle(canvas, (x, y), (x + w, y + h), (0, 255, 0), 2)  # <-
            return canvas
        """,
        "annotated",
        "pure",
    ),
    case(
        "cv2-argmut-positional-output",
        """\
        import cv2

        def gray_into(img, out):
            cv2.cvtColor(img, cv2.COLOR_BGR2GRAY, out)  # <-
        """,
        "gray_into",
        "arg_mutation",
        detail="out",
    ),
    case(
        "cv2-argmut-output-keyword",
        """\
        import cv2

        def edges_into(img, out):
            cv2.Canny(img, 50, 150, edges=out)  # <-
        """,
        "edges_into",
        "arg_mutation",
        detail="out",
    ),
    case(
        "cv2-argmut-normalize-into-a-parameter",
        """\
        import cv2

        def stretch_into(img, out):
            cv2.normalize(img, out, 0, 255, cv2.NORM_MINMAX)  # <-
        """,
        "stretch_into",
        "arg_mutation",
        detail="out",
    ),
    case(
        "cv2-argmut-starred-arguments-may-hold-the-output",
        """\
        import cv2

        def gray_into(args):
            cv2.cvtColor(*args)  # <-
        """,
        "gray_into",
        "arg_mutation",
    ),
    case(
        "cv2-argmut-drawing-on-a-parameter",
        """\
        import cv2

        def annotate(img, rects):
            for x, y, w, h in rects:
                cv2.rectangle(img, (x, y), (x + w, y + h), (0, 255, 0), 2)  # <-
        """,
        "annotate",
        "arg_mutation",
        detail="img",
    ),
    case(
        "cv2-self-mutation-drawing-on-an-attribute",
        """\
        import cv2

        class Overlay:
            def stamp(self, text):
                cv2.putText(self.frame, text, (10, 30), cv2.FONT_HERSHEY_SIMPLEX, 1, (255, 255, 255))  # <-
        """,
        "Overlay.stamp",
        "self_mutation",
    ),
    case(
        "cv2-io-reading-an-image-file",
        """\
        import cv2

        def load(path):
            return cv2.imread(path)  # <-
        """,
        "load",
        "io",
        detail="cv2.imread",
    ),
    case(
        "cv2-io-reading-a-camera",
        """\
        import cv2

        def grab():
            cap = cv2.VideoCapture(0)  # <-
            ok, frame = cap.read()
            return frame
        """,
        "grab",
        "io",
        detail="cv2.VideoCapture",
    ),
    case(
        "cv2-ui-showing-a-window",
        """\
        import cv2

        def preview(img):
            cv2.imshow("preview", img)  # <-
            cv2.waitKey(0)
        """,
        "preview",
        "ui",
        detail="cv2.imshow",
    ),
    case(
        "cv2-unknown-a-function-the-table-does-not-list",
        """\
        import cv2

        def paint(img):
            return cv2.xphoto.oilPainting(img, 7, 1)  # <-
        """,
        "paint",
        "unknown",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
