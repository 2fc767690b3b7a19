"""The whole local stack in one process: embedded AWS, the cache, the local Lambda runtime and both
gateways, wired from template.yaml; `start()` brings it up, `stop()` takes it down in reverse order.

The functions see an environment like Lambda's: their template variables (Globals + their own, the
union over all functions since they share this process), fake credentials, `AWS_ENDPOINT_URL` at the
embedded moto server (every boto3 client goes there without a code change), the management API of the
local WebSocket gateway through `AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI` and through any execute-api
URL the template builds, and `REDIS_URL` at the cache. The cache is `REDIS_URL` when it is set, else an
in-process Redis-protocol server (fakeredis) on a loopback port with real TTLs: the API and pipeline
functions then run their deployed Redis adapter unchanged and share one cache, as they do in AWS.

The REST port also serves the web app (`web/dist`, `/config.json`) and the dev sign-in (`local.front`); the
bucket's CORS origin (`WebOrigin`) is that port's origin, and the dev team is seeded (`local.devauth`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from purelift.local.aws import FAKE_CREDENTIALS, EmbeddedAws, check_data_dir
from purelift.local.cfn import ROOT, LocalTemplate, WebSocketApiSpec
from purelift.local.devauth import DevSignIn, seed_dev_team
from purelift.local.front import LocalFront
from purelift.local.lambda_runtime import LambdaRuntime
from purelift.local.moto_seams import lambda_invoke
from purelift.local.rest import RestGateway
from purelift.local.web import WebSite
from purelift.local.websocket import WebSocketGateway
from purelift.settings import DEV_JWT_SECRET

log = logging.getLogger("purelift.local")
HOST = "127.0.0.1"


class StackError(RuntimeError):
    """The local stack cannot start (a port in use, a bad data folder, a broken template or handler)."""


@dataclass
class StackConfig:
    port: int = 8000
    ws_port: int = 8001
    aws_port: int = 0
    data_dir: Path | None = None
    redis_url: str = ""
    jwt_secret: str = DEV_JWT_SECRET
    workers: int = 64  # threads running functions for the gateways
    parameters: dict[str, str] = field(default_factory=dict)
    # Another template and code root than the repository's (tests of the gateways with small handlers).
    template: Mapping[str, Any] | None = None
    root: Path | None = None
    # The built web app served at `/` (default: `web/dist` of the code root).
    web_dist: Path | None = None


@dataclass
class Endpoints:
    rest: str = ""
    web: str = ""
    websocket: str = ""
    management: str = ""
    aws: str = ""
    cache: str = ""


class LocalStack:
    """`LocalStack(config).start()` ... `.stop()`; also a context manager."""

    def __init__(self, config: StackConfig | None = None) -> None:
        self.config = config or StackConfig()
        self.endpoints = Endpoints()
        self.websocket_api: WebSocketApiSpec | None = None
        self.runtime: LambdaRuntime | None = None
        self.websocket: WebSocketGateway | None = None
        self.site: WebSite | None = None
        self.warnings: list[str] = []
        self.restored = 0
        self._aws: EmbeddedAws | None = None
        self._redis: Any = None
        self._seams = ExitStack()
        self._servers: list[Any] = []
        self._sockets: list[socket.socket] = []
        self._thread: threading.Thread | None = None
        self._executor = ThreadPoolExecutor(self.config.workers, thread_name_prefix="lambda")
        self._saved_env = dict(os.environ)

    def __enter__(self) -> LocalStack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> Endpoints:
        try:
            self._start()
        except BaseException:
            self.stop(snapshot=False)
            raise
        return self.endpoints

    def _start(self) -> None:
        cfg = self.config
        if cfg.data_dir is not None:
            check_data_dir(cfg.data_dir)
        root = cfg.root or ROOT
        if cfg.template is None and not (root / "template.yaml").is_file():
            raise StackError(f"no template.yaml in {root}: purelift serve runs from a checkout of the project")
        probe = LocalTemplate(template=cfg.template, root=root)
        unknown = sorted(set(cfg.parameters) - set(probe.parameters))
        if unknown:
            raise StackError(f"template.yaml has no parameter {', '.join(unknown)}")
        rest_socket = _listen(cfg.port, "--port")
        self._sockets.append(rest_socket)
        ws_socket = _listen(cfg.ws_port, "--ws-port")
        self._sockets.append(ws_socket)
        rest_port, ws_port = rest_socket.getsockname()[1], ws_socket.getsockname()[1]
        rest_lids = probe.of_type("AWS::Serverless::Api")
        ws_lid = probe.websocket_api_logical_id()
        endpoints = {lid: f"{HOST}:{rest_port}" for lid in rest_lids}
        if ws_lid:
            endpoints[ws_lid] = f"{HOST}:{ws_port}"
        parameters = {"LocalJwtSecret": cfg.jwt_secret} if "LocalJwtSecret" in probe.parameters else {}
        if "WebOrigin" in probe.parameters:  # the bucket's CORS origin: the web app served on the REST port
            parameters["WebOrigin"] = f"http://{HOST}:{rest_port}"
        if "AllowedOrigin" in probe.parameters:  # the API's CORS origin: any, a Vite dev server may ask too
            parameters["AllowedOrigin"] = "*"
        template = LocalTemplate(
            parameters={**parameters, **cfg.parameters}, endpoints=endpoints, template=cfg.template, root=root
        )
        self.websocket_api = template.websocket_api()
        self._environment_base()
        self._aws = EmbeddedAws(template, cfg.aws_port, cfg.data_dir)
        self.endpoints.aws = self._aws.start()
        os.environ["AWS_ENDPOINT_URL"] = self.endpoints.aws
        self.endpoints.cache = cfg.redis_url or self._start_cache()
        self.endpoints.rest = f"http://{HOST}:{rest_port}"
        self.endpoints.web = f"{self.endpoints.rest}/"
        if self.websocket_api is not None:
            self.endpoints.websocket = f"ws://{HOST}:{ws_port}/{self.websocket_api.stage}"
            self.endpoints.management = f"http://{HOST}:{ws_port}/{self.websocket_api.stage}"
        functions = template.functions()
        self._function_environment(functions)
        self._aws.create_resources()
        self.restored = self._aws.restore()
        self._seed_dev_team()
        self.runtime = LambdaRuntime(functions)
        self.runtime.load_all()
        self._seams.enter_context(lambda_invoke(self.runtime))
        self.site = WebSite(
            cfg.web_dist or root / "web" / "dist",
            {"api_url": f"{self.endpoints.rest}/api/v1", "ws_url": self.endpoints.websocket or None, "auth": "local"},
        )
        gateway = RestGateway(template.rest_api(), self.runtime, self._executor)
        apps: list[tuple[Any, socket.socket]] = [
            (LocalFront(gateway, self.site, DevSignIn(cfg.jwt_secret)), rest_socket)
        ]
        if self.websocket_api is not None:
            self.websocket = WebSocketGateway(self.websocket_api, self.runtime, self._executor)
            apps.append((self.websocket, ws_socket))
        self._serve(apps)

    def _seed_dev_team(self) -> None:
        """The dev identities' team (`local.devauth`), in the table the API reads, unless it is there already."""
        table = os.environ.get("TABLE_NAME")
        if not table or self._aws is None:
            return
        from purelift.adapters.dynamodb.sharing import DynamoSharing
        from purelift.adapters.dynamodb.table import Table
        from purelift.domain.model import utcnow

        seed_dev_team(DynamoSharing(Table(table, client=self._aws.client("dynamodb"))), utcnow())

    def _environment_base(self) -> None:
        for key in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI"):
            os.environ.pop(key, None)
        os.environ.update(FAKE_CREDENTIALS)
        os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
        os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")  # no X-Ray daemon here

    def _function_environment(self, functions: dict[str, Any]) -> None:
        overrides = {
            "REDIS_URL": self.endpoints.cache,
            "JWKS_URL": "",  # no Cognito locally: RS256 tokens are refused without a network call
        }
        merged: dict[str, str] = {}
        for spec in functions.values():
            for key, value in spec.environment.items():
                if key in merged and merged[key] != value and key not in overrides:
                    self.warnings.append(f"{key} differs between functions; they share one process, {value!r} wins")
                merged[key] = value
        merged.update(overrides)
        # The developer's own Powertools settings (log level, …) win over the template's.
        merged.update({k: v for k, v in self._saved_env.items() if k.startswith("POWERTOOLS_")})
        if self.endpoints.management:
            merged["AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI"] = self.endpoints.management
        os.environ.update(merged)

    def _start_cache(self) -> str:
        from fakeredis import TcpFakeServer

        server = TcpFakeServer((HOST, 0))
        server.daemon_threads = True
        server.block_on_close = False
        threading.Thread(target=server.serve_forever, name="cache", daemon=True).start()
        self._redis = server
        return f"redis://{HOST}:{server.server_address[1]}/0"

    def _serve(self, apps: list[tuple[Any, socket.socket]]) -> None:
        import uvicorn

        for app, _ in apps:
            config = uvicorn.Config(
                app,
                log_level="warning",
                access_log=False,
                lifespan="off",
                ws="websockets-sansio",
                ws_ping_interval=None,
                timeout_graceful_shutdown=2,
                backlog=2048,
            )
            self._servers.append(uvicorn.Server(config))

        async def main() -> None:
            await asyncio.gather(*(s.serve(sockets=[sock]) for s, (_, sock) in zip(self._servers, apps, strict=True)))

        self._thread = threading.Thread(target=asyncio.run, args=(main(),), name="gateways", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not all(s.started for s in self._servers):
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise StackError("the gateways did not start")
            time.sleep(0.02)

    def stop(self, snapshot: bool = True) -> None:
        """Snapshot (with `--data`), then stop gateways, functions' dispatch, cache and moto. Idempotent."""
        if snapshot and self._aws is not None and self._aws.server is not None and self.config.data_dir:
            try:
                self._aws.snapshot()
            except Exception as exc:  # the stop must go on; say what was not saved
                log.error("could not save the data to %s: %s", self.config.data_dir, exc)
        for server in self._servers:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._servers = []
        for sock in self._sockets:
            sock.close()
        self._sockets = []
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._seams.close()
        if self._redis is not None:
            self._redis.shutdown()
            self._redis.server_close()
            self._redis = None
        if self._aws is not None:
            self._aws.stop()
            self._aws = None
        os.environ.clear()
        os.environ.update(self._saved_env)


def _listen(port: int, option: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise StackError(f"port {port} on {HOST} is in use ({exc.strerror}): choose another with {option}") from exc
    sock.listen(2048)
    sock.setblocking(False)
    return sock
