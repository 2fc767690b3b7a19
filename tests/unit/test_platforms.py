"""Which branch of an `if` a web backend (Python 3 on Linux) never takes (`fileinfo.platforms`).

A decided test makes a branch's desktop-only uses not block web readiness (`test_web_ready`) and lets the
extraction carry the names the other branch binds (`test_extract`); an undecided one leaves both branches
counted, which is always safe. So every row that decides is a claim about every Python 3 a backend may run.
"""

from __future__ import annotations

import ast

import pytest
from purelift.analysis.fileinfo.platforms import BACKEND_VERSIONS, backend_runs_the_handler, other_platform_branch

# (test, the branch never taken: "body", "orelse" or None when a backend may take either)
ROWS = [
    # the platform, read as on Linux
    ('sys.platform == "win32"', "body"),
    ('sys.platform != "win32"', "orelse"),
    ('sys.platform.startswith(("win", "cygwin"))', "body"),
    ('sys.platform.startswith("linux")', "orelse"),
    ('"win" in sys.platform', "body"),
    ('"darwin" == sys.platform', "body"),
    ('sys.platform in ("win32", "darwin")', "body"),
    ('sys.platform[:3] == "win"', "body"),
    ('os.name == "nt"', "body"),
    ('platform.system() == "Windows"', "body"),
    ('platform == "android"', "body"),  # Kivy's `platform`
    ('sys.platform == "win32" and force', "body"),
    ('sys.platform == "win32" or force', None),
    ('not sys.platform == "darwin"', "orelse"),
    # Python 2 against 3, however it is asked
    ("PY2", "body"),
    ("six.PY2", "body"),
    ("not six.PY3", "body"),
    ("PY3", "orelse"),
    ("compat.IS_PY3", "orelse"),
    ("PY3K", "orelse"),
    ("sys.version_info[0] == 2", "body"),
    ("sys.version_info[0] >= 3", "orelse"),
    ("sys.version_info.major < 3", "body"),
    ("sys.version_info < (3,)", "body"),
    ("sys.version_info >= (3, 0)", "orelse"),
    ("sys.version_info[:2] < (3, 0)", "body"),
    ("3 > sys.version_info[0] >= 2", "body"),
    ('sys.version < "3"', "body"),
    ('sys.version.startswith("2")', "body"),
    ('sys.version[0] == "3"', "orelse"),
    ('platform.python_version_tuple()[0] == "2"', "body"),
    ('platform.python_version().startswith("3.")', "orelse"),
    ("sys.version_info < (3, 6)", "body"),  # older than every backend
    ('os.name == "nt" or PY2', "body"),
    # dead code
    ("0", "body"),
    ("False", "body"),
    ("1", "orelse"),
    # what a backend decides, or what cannot be read: both branches may run
    ("sys.version_info >= (3, 10)", None),
    ("sys.version_info[:2] == (3, 12)", None),
    ("sys.version_info.minor >= 9", None),
    ("IS_WINDOWS", None),
    ("x == 1", None),
    ("PY2 or foo", None),
    ('os.environ.get("FAST")', None),
    ('sys.version_info < "3"', None),  # a TypeError on every backend: not a test it would pass
    ("sys.version_info[7] == 1", None),  # no such item
    ("sys.platform.startswith(prefix)", None),
    ("platform.release() == '10'", None),
]


@pytest.mark.parametrize(("test", "never"), ROWS, ids=[row[0] for row in ROWS])
def test_branch_a_web_backend_never_takes(test: str, never: str | None) -> None:
    node = ast.parse(test, mode="eval").body
    assert other_platform_branch(node) == never


def test_backend_versions_are_every_python_3_from_3_8() -> None:
    # The extraction targets what a backend may run: a narrower range would decide tests it must not
    assert BACKEND_VERSIONS[0] == (3, 8) and (3, 13) in BACKEND_VERSIONS


# (a `try` statement, whether a backend always runs its one handler: the `try` starts by importing what no Python 3.8+
# has, `platforms.backend_runs_the_handler`)
TRIES = [
    ("try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n", True),
    ("try:\n    from StringIO import StringIO\nexcept ImportError:\n    from io import StringIO\n", True),
    ("try:\n    from collections import Mapping\nexcept ImportError:\n    from collections.abc import Mapping\n", True),
    ("try:\n    import urlparse\nexcept (ImportError, AttributeError):\n    import urllib.parse as urlparse\n", True),
    ("try:\n    import cPickle\nexcept:\n    import pickle as cPickle\n", True),
    ("try:\n    import cPickle\nexcept ModuleNotFoundError as e:\n    import pickle as cPickle\n", True),
    # what a backend's Python may still have, or a `try` that may bind something first or run on
    ("try:\n    import imp\nexcept ImportError:\n    imp = None\n", False),  # gone in 3.12 only
    ("try:\n    import json\nexcept ImportError:\n    json = None\n", False),
    ("try:\n    from collections import OrderedDict, Mapping\nexcept ImportError:\n    pass\n", False),
    ("try:\n    import os, cPickle\nexcept ImportError:\n    pass\n", False),
    ("try:\n    x = 1\n    import cPickle\nexcept ImportError:\n    pass\n", False),
    ("try:\n    import cPickle\nexcept ValueError:\n    import pickle as cPickle\n", False),
    ("try:\n    import cPickle\nexcept ImportError:\n    import pickle\nelse:\n    done = 1\n", False),
    ("try:\n    import cPickle\nexcept ImportError:\n    import pickle\nfinally:\n    done = 1\n", False),
    ("try:\n    import cPickle\nexcept ImportError:\n    pass\nexcept ValueError:\n    pass\n", False),
    ("try:\n    from .cPickle import dumps\nexcept ImportError:\n    from pickle import dumps\n", False),
    ("try:\n    import cPickle\nexcept* ImportError:\n    import pickle as cPickle\n", False),
]


@pytest.mark.parametrize(("code", "handler"), TRIES, ids=[row[0].split("\n")[1].strip() for row in TRIES])
def test_a_try_importing_what_no_backend_has_runs_its_handler(code: str, handler: bool) -> None:
    node = ast.parse(code).body[0]
    assert isinstance(node, (ast.Try, ast.TryStar))
    assert backend_runs_the_handler(node) is handler
