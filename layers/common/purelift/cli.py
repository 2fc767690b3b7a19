"""The `purelift` command: one entry point, one module per subcommand under `purelift.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# subcommand -> module under purelift.commands exposing `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS: dict[str, str] = {
    "analyze": "Analyse a folder or archive and write the JSON, CSV and ZIP exports.",
    "token": "Mint a token for the local stack's signing key (prints the token alone).",
    "serve": "Run the whole service on this machine (no AWS account, no Docker): REST, WebSocket, pipeline.",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="purelift", description="Plan the move of a Python desktop app to the web.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in SUBCOMMANDS.items():
        module = importlib.import_module(f"purelift.commands.{name}")
        sp = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sp)
        sp.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args._module.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
