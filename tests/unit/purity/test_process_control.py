"""Rows for process control (issue 12 item 1): ending the process, signals, exit hooks, threads, interpreter
switches. Raising is pure, except for the exceptions whose whole purpose is to end the process
(`SystemExit`, `KeyboardInterrupt`, `GeneratorExit`): an extracted copy called from a web backend would stop the
server. The counter-rows prove the neighbours keep their verdict: other exceptions, catching `SystemExit`, a
project function that happens to be called `exit`, reading `sys` constants."""

from __future__ import annotations

import pytest
from purelift.analysis import analyze_tree

from tests.unit.engine_helpers import file_result, make_tree
from tests.unit.purity.table import FIELDS, assert_verdict, case

_EXIT_RAISES = [
    case(
        "proc-raise-systemexit-instance",
        """\
        class App:
            def quit(self):
                raise SystemExit()  # <-
        """,
        "App.quit",
        "io",
        detail="raises SystemExit: ends the process",
    ),
    case(
        "proc-raise-systemexit-class",
        """\
        def stop():
            raise SystemExit  # <-
        """,
        "stop",
        "io",
        detail="raises SystemExit",
    ),
    case(
        "proc-raise-systemexit-with-code",
        """\
        def fail(message):
            if message:
                raise SystemExit(f"error: {message}")  # <-
            return 0
        """,
        "fail",
        "io",
        detail="raises SystemExit",
    ),
    case(
        "proc-raise-keyboardinterrupt",
        """\
        def interrupt():
            raise KeyboardInterrupt()  # <-
        """,
        "interrupt",
        "io",
        detail="raises KeyboardInterrupt",
    ),
    case(
        "proc-raise-generatorexit",
        """\
        def close_it():
            raise GeneratorExit  # <-
        """,
        "close_it",
        "io",
        detail="raises GeneratorExit",
    ),
    case(
        "proc-raise-builtins-systemexit",
        """\
        import builtins

        def stop():
            raise builtins.SystemExit(2)  # <-
        """,
        "stop",
        "io",
        detail="raises builtins.SystemExit: ends the process",
    ),
    case(
        "proc-raise-from-systemexit",
        """\
        def stop(err):
            raise SystemExit(1) from err  # <-
        """,
        "stop",
        "io",
        detail="raises SystemExit",
    ),
    case(
        "proc-raise-project-subclass-of-systemexit",
        """\
        class Quit(SystemExit):
            pass

        def stop():
            raise Quit()  # <-
        """,
        "stop",
        "io",
        detail="raises Quit",
    ),
    case(
        "proc-raise-in-nested-function",
        """\
        def outer():
            def bail():
                raise SystemExit(3)  # <-
            return bail
        """,
        "outer.<locals>.bail",
        "io",
    ),
    case(
        "proc-raise-in-the-body-of-a-class-a-function-defines",
        """\
        def make():
            class Bail:
                raise SystemExit(1)  # <-
            return Bail
        """,
        "make",
        "io",
    ),
    case(
        "proc-raise-a-project-subclass-of-builtins-systemexit",
        """\
        import builtins

        class Quit(builtins.SystemExit):
            pass

        def stop():
            raise Quit()  # <-
        """,
        "stop",
        "io",
        detail="raises Quit",
    ),
]

_EXIT_CALLS = [
    case(
        "proc-sys-exit",
        """\
        import sys

        def stop(code):
            sys.exit(code)  # <-
        """,
        "stop",
        "io",
        detail="sys.exit",
    ),
    case(
        "proc-sys-exit-imported-name",
        """\
        from sys import exit as leave

        def stop():
            leave(0)  # <-
        """,
        "stop",
        "io",
        detail="calls leave() (sys.exit): ends the process",
    ),
    case(
        "proc-os-exit",
        """\
        import os

        def stop():
            os._exit(1)  # <-
        """,
        "stop",
        "io",
        detail="os._exit",
    ),
    case(
        "proc-os-abort",
        """\
        import os

        def crash():
            os.abort()  # <-
        """,
        "crash",
        "io",
        detail="os.abort",
    ),
    case(
        "proc-builtin-exit",
        """\
        def stop():
            exit()  # <-
        """,
        "stop",
        "io",
        detail="exit",
    ),
    case(
        "proc-builtin-quit",
        """\
        def stop():
            quit(0)  # <-
        """,
        "stop",
        "io",
        detail="quit",
    ),
]


def _call_row(case_id: str, module: str, call: str, expect: str) -> object:
    """`import module` and one call in a function: the family of switches that change the whole process."""
    return case(
        case_id,
        f"""\
        import {module}

        def setup(handler):
            {call}  # <-
        """,
        "setup",
        expect,
        detail=call.split("(")[0],
    )


_PROCESS_SWITCHES = [
    _call_row("proc-signal-signal", "signal", "signal.signal(signal.SIGTERM, handler)", "io"),
    _call_row("proc-signal-alarm", "signal", "signal.alarm(5)", "io"),
    _call_row("proc-signal-pause", "signal", "signal.pause()", "io"),
    _call_row("proc-os-kill", "os", "os.kill(handler, 9)", "io"),
    _call_row("proc-atexit-register", "atexit", "atexit.register(handler)", "global_write"),
    _call_row("proc-atexit-unregister", "atexit", "atexit.unregister(handler)", "global_write"),
    _call_row("proc-thread-start-chained", "threading", "threading.Thread(target=handler).start()", "io"),
    _call_row("proc-thread-start-new-thread", "_thread", "_thread.start_new_thread(handler, ())", "io"),
    _call_row("proc-gc-disable", "gc", "gc.disable()", "io"),
    _call_row("proc-gc-enable", "gc", "gc.enable()", "io"),
    _call_row("proc-gc-collect", "gc", "gc.collect()", "io"),
    _call_row("proc-gc-set-threshold", "gc", "gc.set_threshold(handler)", "io"),
    _call_row("proc-sys-setrecursionlimit", "sys", "sys.setrecursionlimit(handler)", "io"),
    _call_row("proc-sys-settrace", "sys", "sys.settrace(handler)", "io"),
    _call_row("proc-sys-setprofile", "sys", "sys.setprofile(handler)", "io"),
    _call_row("proc-sys-setswitchinterval", "sys", "sys.setswitchinterval(handler)", "io"),
    _call_row("proc-os-chdir", "os", "os.chdir(handler)", "io"),
    _call_row("proc-os-umask", "os", "os.umask(handler)", "io"),
    _call_row("proc-os-nice", "os", "os.nice(handler)", "io"),
    _call_row("proc-locale-setlocale", "locale", "locale.setlocale(locale.LC_ALL, handler)", "global_write"),
    _call_row("proc-warnings-simplefilter", "warnings", "warnings.simplefilter(handler)", "global_write"),
    _call_row("proc-warnings-filterwarnings", "warnings", "warnings.filterwarnings(handler)", "global_write"),
    _call_row("proc-warnings-resetwarnings", "warnings", "warnings.resetwarnings()", "global_write"),
    _call_row("proc-faulthandler-enable", "faulthandler", "faulthandler.enable()", "io"),
    _call_row("proc-resource-setrlimit", "resource", "resource.setrlimit(handler, (1, 1))", "io"),
    case(
        "proc-thread-start-on-a-built-thread",
        """\
        from threading import Thread

        def spawn(work):
            worker = Thread(target=work)
            worker.start()  # <-
        """,
        "spawn",
        "io",
    ),
    case(
        "proc-thread-subclass-start",
        """\
        import threading

        class Worker(threading.Thread):
            def launch(self):
                self.start()  # <-
        """,
        "Worker.launch",
        "io",
        detail="Thread.start",
    ),
]

_NEIGHBOURS = [
    case(
        "proc-raise-valueerror-stays-pure",
        """\
        def check(x):
            if x < 0:
                raise ValueError("negative")
            return x
        """,
        "check",
        "pure",
    ),
    case(
        "proc-raise-project-exception-stays-pure",
        """\
        class ParseError(Exception):
            pass

        def parse(text):
            if not text:
                raise ParseError("empty")
            return text.split()
        """,
        "parse",
        "pure",
    ),
    case(
        "proc-catching-systemexit-stays-pure",
        """\
        def to_int(text):
            try:
                return int(text)
            except (SystemExit, KeyboardInterrupt):
                return 0
            except SystemExit:
                return 1
        """,
        "to_int",
        "pure",
    ),
    case(
        "proc-isinstance-systemexit-stays-pure",
        """\
        def is_exit(err):
            return isinstance(err, SystemExit)
        """,
        "is_exit",
        "pure",
    ),
    case(
        "proc-reraise-stays-pure",
        """\
        def to_int(text):
            try:
                return int(text)
            except SystemExit:
                raise
        """,
        "to_int",
        "pure",
    ),
    case(
        "proc-sys-maxsize-stays-pure",
        """\
        import sys

        def clamp(n):
            return min(n, sys.maxsize)
        """,
        "clamp",
        "pure",
    ),
    case(
        "proc-project-exit-judged-by-its-body",
        """\
        def exit(code):
            return code + 1

        def run(code):
            return exit(code)
        """,
        "run",
        "pure",
    ),
    case(
        "proc-project-quit-method-judged-by-its-body",
        """\
        class Menu:
            def quit(self, label):
                return label.title()

        def label_of(menu, text):
            return Menu().quit(text)
        """,
        "label_of",
        "pure",
    ),
    case(
        "proc-project-exit-that-exits-is-calls-impure",
        """\
        import sys

        def exit(code):
            sys.exit(code)

        def run(code):
            exit(code)  # <-
        """,
        "run",
        "calls_impure",
        detail="mod.exit",
    ),
    case(
        "proc-raise-local-shadowing-systemexit-stays-pure",
        """\
        class SystemExit(Exception):
            pass

        def fail():
            raise SystemExit("not the builtin")
        """,
        "fail",
        "pure",
    ),
    case(
        "proc-raise-what-a-project-function-builds-stays-pure",
        """\
        def bad_value(x):
            return ValueError(f"bad: {x}")

        def check(x):
            if x < 0:
                raise bad_value(x)
            return x
        """,
        "check",
        "pure",
    ),
]

ROWS = [*_EXIT_RAISES, *_EXIT_CALLS, *_PROCESS_SWITCHES, *_NEIGHBOURS]


@pytest.mark.parametrize(FIELDS, ROWS)
def test_verdict(sources: dict[str, str], qualname: str, expect: str, path: str, detail: str | None) -> None:
    assert_verdict(sources, qualname, expect, path, detail)


def test_what_ends_the_process_is_never_extracted() -> None:
    """The dangerous verdict of issue 12: `quit` raising SystemExit was marked pure and shipped in the ZIP."""
    sources = {
        "app.py": """\
            import sys

            class App:
                @staticmethod
                def quit():
                    raise SystemExit()

            def stop(code):
                sys.exit(code)

            def leave():
                return App.quit()

            def check(x):
                if x < 0:
                    raise ValueError("negative")
                return x
            """
    }
    analysis = analyze_tree(make_tree(sources))
    verdicts = {fn.qualname: fn for fn in file_result(analysis.result, "app.py").functions}
    assert {q for q, fn in verdicts.items() if fn.pure} == {"check"}
    assert not any(fn.extractable for q, fn in verdicts.items() if q != "check")
    assert {u.qualname for u in analysis.extraction.units} == {"check"}
    shipped = "".join(analysis.extraction.modules.values())
    assert "SystemExit" not in shipped and "sys.exit" not in shipped
