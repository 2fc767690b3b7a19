"""`purelift serve` (`make dev`): the whole service on this machine, no AWS account, no Docker (SPEC §9).

Prints the URLs (the web app's first), two dev tokens and a walkthrough that works when pasted into a shell at
the repository root (it uploads the example app, `examples/tkcalc`), then serves until Ctrl-C (or SIGTERM), and
stops everything it started. See docs/local.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from purelift.domain.model import Role

if TYPE_CHECKING:
    from purelift.local.stack import LocalStack

WALKTHROUGH_START = "# --- walkthrough: paste into bash from the repository root (needs curl) ---"
WALKTHROUGH_END = "# --- end of walkthrough ---"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8000, help="REST API port on 127.0.0.1 (8000; 0 = any free)")
    parser.add_argument("--ws-port", type=int, default=8001, help="WebSocket API port on 127.0.0.1 (8001; 0 = any)")
    parser.add_argument("--aws-port", type=int, default=0, help="embedded AWS (moto) port (default: any free)")
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        help="keep tables and buckets in DIR across restarts (saved on a clean stop); default: in memory",
    )
    parser.add_argument(
        "--parameter",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="override a template parameter, e.g. BatchSize=10 (repeatable)",
    )
    parser.add_argument(
        "--web-dist",
        metavar="DIR",
        type=Path,
        help="the built web app served at / (default: web/dist of the checkout)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="use this Redis as the cache (default: $REDIS_URL, else an in-process cache)",
    )


def run(args: argparse.Namespace) -> int:
    from purelift.local.aws import DataDirError
    from purelift.local.stack import LocalStack, StackConfig, StackError
    from purelift.settings import DEV_JWT_SECRET

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("purelift.local").setLevel(logging.INFO)
    secret = os.environ.get("LOCAL_JWT_SECRET") or DEV_JWT_SECRET
    parameters: dict[str, str] = {}
    for item in args.parameter:
        key, sep, value = item.partition("=")
        if not key or not sep:
            print(f"purelift: error: --parameter takes KEY=VALUE, not {item!r}", file=sys.stderr)
            return 2
        parameters[key] = value
    config = StackConfig(
        port=args.port,
        ws_port=args.ws_port,
        aws_port=args.aws_port,
        data_dir=args.data.resolve() if args.data else None,
        redis_url=args.redis_url,
        jwt_secret=secret,
        parameters=parameters,
        web_dist=args.web_dist.resolve() if args.web_dist else None,
    )
    stack = LocalStack(config)
    stopping = threading.Event()

    def on_term(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, on_term)
    # Ctrl-C stops the stack even when the shell started it with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        stack.start()
        print(banner(stack, secret), flush=True)
        while not stopping.wait(0.5):
            pass
    except (StackError, DataDirError) as exc:
        print(f"purelift: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    print("purelift: local stack stopped" + (f"; data saved in {config.data_dir}" if config.data_dir else ""))
    # A function still running on one of moto's threads (a long Aggregate) would hold the process open:
    # end it now, as Lambda ends a sandbox. Everything that needed closing was closed by stop().
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def banner(stack: LocalStack, secret: str) -> str:
    """What a developer needs to start: URLs (the web app's first), tokens, and a walkthrough that runs when
    pasted."""
    from purelift.auth.tokens import mint_token
    from purelift.local.devauth import DEV_TEAM_MEMBERS, DEV_TEAM_NAME, IDENTITIES

    ep = stack.endpoints
    admin = mint_token("admin", Role.ADMIN, "admin@example.com", secret=secret)
    user = mint_token("alice", Role.USER, "alice@example.com", secret=secret)
    data = f"{stack.config.data_dir} ({stack.restored} items restored)" if stack.config.data_dir else "in memory"
    lines = [
        "purelift local stack: the deployed handlers on this machine, no AWS account, no Docker. Ctrl-C stops it.",
        "",
        f"  Web app       {ep.web}",
    ]
    if stack.site is not None and not stack.site.built:
        lines.append(f"                (not built: no {stack.site.dist}/index.html; Node.js 20+ and make dev build it)")
    lines += [
        f"  REST API      {ep.rest}/api/v1",
        f"  Swagger UI    {ep.rest}/api/docs",
        f"  WebSocket     {ep.websocket or '(none: template.yaml has no WebSocket API yet)'}",
    ]
    if ep.management:
        lines.append(f"  @connections  {ep.management}/@connections/{{connection_id}}")
    lines += [
        f"  AWS (moto)    {ep.aws}",
        f"  cache         {ep.cache}",
        f"  data          {data}",
        *(f"  warning: {w}" for w in stack.warnings),
        "",
        f"Sign in on the web app as {', '.join(i.user_id for i in IDENTITIES)} "
        f"(team '{DEV_TEAM_NAME}': {', '.join(DEV_TEAM_MEMBERS)}).",
        "Dev tokens (12 h; more with: purelift token --user ID --role User|TeamLead|Admin):",
        f"  Admin 'admin'  {admin}",
        f"  User  'alice'  {user}",
        "",
        walkthrough(ep.rest, ep.websocket, user, admin),
    ]
    return "\n".join(lines)


def walkthrough(rest: str, websocket: str, user: str, admin: str) -> str:
    py = shlex.quote(sys.executable)
    auth = '-H "Authorization: Bearer $TOKEN"'
    head = [
        WALKTHROUGH_START,
        'export EXAMPLE="$PWD/examples/tkcalc"; '
        '[ -d "$EXAMPLE" ] || echo "no $EXAMPLE: paste from the repository root"',
        'cd "$(mktemp -d)"',
        f"export API={rest}/api/v1 WS={websocket or 'none'} PY={py}",
        f"export TOKEN={user} ADMIN={admin}",
        "curl -s $API/health; echo",
        f"curl -s $API/me {auth}; echo",
        "# a Tkinter application to analyse: the project's example calculator (examples/tkcalc), zipped",
        '"$PY" -m zipfile -c tkcalc.zip "$EXAMPLE"',
        "# upload it (multipart, up to 4 MB; larger archives: POST {name} for a presigned S3 POST, then /start)",
        f"export JOB=$(curl -s -F file=@tkcalc.zip -F name=tkcalc $API/analysis {auth}"
        ' | "$PY" -c \'import json, sys; print(json.load(sys.stdin)["job_id"])\')',
        'echo "job $JOB"',
    ]
    if websocket:
        follow = [
            "# follow it live over the WebSocket until it completes",
            "\"$PY\" - <<'EOF'",
            "import json, os",
            "from websockets.sync.client import connect",
            'with connect(os.environ["WS"] + "?token=" + os.environ["TOKEN"]) as ws:',
            '    ws.send(json.dumps({"action": "subscribe", "job_id": os.environ["JOB"]}))',
            "    while True:",
            "        message = json.loads(ws.recv(timeout=300))",
            "        print(message)",
            '        if message["type"] in ("completed", "error"):',
            "            break",
            "EOF",
        ]
    else:
        follow = [
            "# follow it (no WebSocket API in template.yaml yet: poll)",
            "for i in $(seq 60); do",
            f"  STATUS=$(curl -s $API/analysis/$JOB {auth}"
            ' | "$PY" -c \'import json, sys; print(json.load(sys.stdin)["status"])\')',
            '  echo "$STATUS"; case "$STATUS" in completed|failed) break;; esac; sleep 1',
            "done",
        ]
    tail = [
        f"curl -s $API/analysis/$JOB {auth}; echo",
        "# the exports: 307 to a presigned S3 URL, which curl -L follows",
        f'curl -sL "$API/analysis/$JOB/download?format=csv" {auth} | head -5',
        f'curl -sL -o pure_functions.zip "$API/analysis/$JOB/download?format=zip" {auth}',
        '"$PY" -m zipfile -l pure_functions.zip',
        f"curl -s $API/analysis/history {auth}; echo",
        WALKTHROUGH_END,
    ]
    return "\n".join(head + follow + tail)
