"""Rows for `nondeterministic`: the result depends on the clock, a random source or a fresh identifier."""

from __future__ import annotations

import pytest

from tests.unit.purity.table import FIELDS, assert_verdict, case

ROWS = [
    case(
        "nondet-random-random",
        """\
        import random

        def jitter(x):
            return x + random.random()  # <-
        """,
        "jitter",
        "nondeterministic",
    ),
    case(
        "nondet-random-from-import",
        """\
        from random import choice

        def pick(items):
            return choice(items)  # <-
        """,
        "pick",
        "nondeterministic",
    ),
    case(
        "nondet-random-shuffle-param",
        """\
        import random

        def shuffle(items):
            random.shuffle(items)  # <-
        """,
        "shuffle",
        "nondeterministic",
    ),
    case(
        "nondet-secrets",
        """\
        import secrets

        def token():
            return secrets.token_hex(8)  # <-
        """,
        "token",
        "nondeterministic",
    ),
    case(
        "nondet-uuid4",
        """\
        import uuid

        def new_id():
            return str(uuid.uuid4())  # <-
        """,
        "new_id",
        "nondeterministic",
    ),
    case(
        "nondet-uuid1",
        """\
        from uuid import uuid1

        def new_id():
            return uuid1().hex  # <-
        """,
        "new_id",
        "nondeterministic",
    ),
    case(
        "nondet-time-time",
        """\
        import time

        def now():
            return time.time()  # <-
        """,
        "now",
        "nondeterministic",
    ),
    # `time.strptime` parses what it is given (test_pure.py); `time.strftime` without a time formats the clock's
    case(
        "nondet-time-strftime-of-now",
        "import time\n\ndef stamp():\n    return time.strftime('%Y')  # <-\n",
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-time-monotonic",
        """\
        from time import monotonic

        def tick():
            return monotonic()  # <-
        """,
        "tick",
        "nondeterministic",
    ),
    case(
        "nondet-time-perf-counter",
        """\
        import time

        def tick():
            return time.perf_counter()  # <-
        """,
        "tick",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-now-class",
        """\
        from datetime import datetime

        def stamp():
            return datetime.now().isoformat()  # <-
        """,
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-module-now",
        """\
        import datetime

        def stamp():
            return datetime.datetime.now()  # <-
        """,
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-utcnow",
        """\
        from datetime import datetime as dt

        def stamp():
            return dt.utcnow()  # <-
        """,
        "stamp",
        "nondeterministic",
    ),
    case(
        "nondet-date-today",
        """\
        import datetime

        def today():
            return datetime.date.today()  # <-
        """,
        "today",
        "nondeterministic",
    ),
    case(
        "nondet-datetime-today",
        """\
        from datetime import datetime

        def today():
            return datetime.today()  # <-
        """,
        "today",
        "nondeterministic",
    ),
    case(
        "nondet-default-argument-evaluated-at-def",
        """\
        import time

        def age(x, started=time.time()):
            return x - started
        """,
        "age",
        "nondeterministic",
    ),
    case(
        "nondet-os-urandom",
        """\
        import os

        def salt():
            return os.urandom(16)  # <-
        """,
        "salt",
        "nondeterministic",
    ),
    # Issue 12 item 3: numpy's random generators and uninitialised arrays beside the pure numpy table.
    case(
        "nondeterministic-numpy-random",
        """\
        import numpy as np

        def noise(n):
            return np.zeros(n) + np.random.rand(n)  # <-
        """,
        "noise",
        "nondeterministic",
    ),
    case(
        "nondeterministic-numpy-empty",
        """\
        import numpy as np

        def scratch(n):
            return np.empty(n)  # <-
        """,
        "scratch",
        "nondeterministic",
    ),
    # `statistics` is a pure module but for `NormalDist.samples`, which draws from `random`.
    case(
        "nondet-normaldist-samples",
        """\
        import statistics

        def draw(n):
            return statistics.NormalDist(0, 1).samples(n)  # <-
        """,
        "draw",
        "nondeterministic",
    ),
    # The machine's timezone, read as a value (thonny's `_system_time_to_posix_time` adds `time.timezone`): the
    # server's zone, as `time.localtime()` is (`rules.EXTERNAL_STATE`)
    case(
        "nondeterministic-reads-time-timezone",
        """\
        import time


        def to_utc(local_seconds):
            return local_seconds + time.timezone  # <-
        """,
        "to_utc",
        "nondeterministic",
    ),
    case(
        "nondeterministic-reads-tzname-imported-by-name",
        """\
        from time import tzname


        def zone_label(dst):
            return tzname[1 if dst else 0]  # <-
        """,
        "zone_label",
        "nondeterministic",
    ),
    case(
        "nondeterministic-reads-time-timezone-through-a-local-import",
        """\
        def to_utc(local_seconds):
            import time

            return local_seconds + time.timezone  # <-
        """,
        "to_utc",
        "nondeterministic",
    ),
    case(
        # the month's name in the machine's language: LC_TIME, as strftime("%B")
        "nondeterministic-reads-calendar-s-month-names",
        """\
        import calendar


        def month_label(month):
            return calendar.month_name[month]  # <-
        """,
        "month_label",
        "nondeterministic",
    ),
]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)
