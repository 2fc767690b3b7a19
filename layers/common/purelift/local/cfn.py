"""template.yaml read once and resolved for a machine with no AWS: the one loader of the template (its
short tags `!Ref`, `!Sub`, `!GetAtt`, … turned into their long forms) and the one resolver of its intrinsic
functions, with the functions, REST routes and WebSocket API it declares. The tests, the benchmarks and the
local stack all read the template through here, so none of them can drift from what is deployed.

Nothing here knows the project's resources by name: functions are every `AWS::Serverless::Function`,
REST routes are their `Api` events, the WebSocket API is any `AWS::ApiGatewayV2::Api` whose
`ProtocolType` is `WEBSOCKET`, with its routes, integrations, authorizer and stage. A resource added to
the template appears locally without a change here.

Physical names: a function is named after its logical id (`FunctionName` when the template sets one) and
its ARN is `arn:aws:lambda:{region}:{account}:function:{name}`; an API's id is its logical id in lower
case. Every `https://{api-id}.execute-api.{region}.amazonaws.com` the template builds (a management
endpoint handed to a function, say) is rewritten to the local gateway serving that API.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[4]  # layers/common/purelift/local/ -> the repository
TEMPLATE = ROOT / "template.yaml"
_SHORT_TAGS = ("Ref", "Condition")


class CfnLoader(yaml.SafeLoader):
    """A YAML loader that understands CloudFormation intrinsic function tags."""


def _intrinsic_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    key = suffix if suffix in _SHORT_TAGS else f"Fn::{suffix}"
    return {key: value}


CfnLoader.add_multi_constructor("!", _intrinsic_tag)


@lru_cache(maxsize=1)
def load_template() -> dict[str, Any]:
    """The repository's template.yaml, parsed once per process (callers must not mutate it)."""
    data: dict[str, Any] = yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=CfnLoader)
    return data


def resource(logical_id: str) -> dict[str, Any]:
    """One resource of the repository's template, as written (intrinsics unresolved)."""
    return load_template()["Resources"][logical_id]  # type: ignore[no-any-return]


REGION = "us-east-1"
ACCOUNT = "123456789012"
NO_VALUE = object()  # `AWS::NoValue`: the property is dropped

_FUNCTION_TYPES = {"AWS::Serverless::Function", "AWS::Lambda::Function"}
_STATE_MACHINE_TYPES = {"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"}


class TemplateError(ValueError):
    """template.yaml uses something the local stack cannot reproduce."""


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """One Lambda function of the template, as the local runtime runs it."""

    logical_id: str
    name: str
    arn: str
    code_dir: Path
    handler: str
    timeout: int
    memory: int
    environment: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RestAuthorizer:
    function: str  # logical id
    header: str  # identity source (REQUEST authorizer on a header)
    ttl: int


@dataclass(frozen=True, slots=True)
class RestRoute:
    """An `Api` event of a function: `Path` (with `{param}` and `{proxy+}`), `Method` (or ANY), auth."""

    path: str
    method: str
    function: str
    authorizer: RestAuthorizer | None
    pattern: re.Pattern[str] = field(compare=False)
    literal_segments: int = 0


@dataclass(frozen=True, slots=True)
class RestApiSpec:
    api_id: str
    stage: str
    routes: list[RestRoute]
    binary_media_types: list[str]
    cors: Mapping[str, str]
    gateway_responses: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class WebSocketApiSpec:
    api_id: str
    stage: str
    selection_key: str  # `action` for `$request.body.action`
    routes: Mapping[str, str]  # route key -> function logical id
    two_way: frozenset[str]  # route keys whose integration's answer goes back to the client
    connect_authorizer: str | None  # function logical id
    identity_query: str | None  # `token` for `route.request.querystring.token`


class LocalTemplate:
    """template.yaml with its parameters (defaults, then overrides) and local physical names."""

    def __init__(
        self,
        parameters: Mapping[str, str] | None = None,
        endpoints: Mapping[str, str] | None = None,
        template: Mapping[str, Any] | None = None,
        root: Path = ROOT,
    ) -> None:
        """`endpoints` maps an API's logical id to the local `host:port` serving it."""
        self.doc: Mapping[str, Any] = template if template is not None else load_template()
        self.root = root
        self.resources: Mapping[str, Any] = self.doc.get("Resources", {})
        self.parameters = {
            key: str(spec.get("Default", "")) for key, spec in (self.doc.get("Parameters") or {}).items()
        }
        self.parameters.update(parameters or {})
        self.endpoints = dict(endpoints or {})
        self.names: dict[str, str] = {}

    # --- physical names ---
    def of_type(self, *types: str) -> list[str]:
        return [lid for lid, res in self.resources.items() if res.get("Type") in types and self.included(lid)]

    def included(self, logical_id: str) -> bool:
        condition = self.resources[logical_id].get("Condition")
        return condition is None or self.condition(condition)

    def function_name(self, logical_id: str) -> str:
        props = self.resources[logical_id].get("Properties") or {}
        return str(self.resolve(props["FunctionName"])) if "FunctionName" in props else logical_id

    def function_arn(self, logical_id: str) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name(logical_id)}"

    def ref(self, logical_id: str) -> str:
        if logical_id in self.names:
            return self.names[logical_id]
        if logical_id in self.parameters:
            return self.parameters[logical_id]
        pseudo = {
            "AWS::Region": REGION,
            "AWS::AccountId": ACCOUNT,
            "AWS::StackName": "purelift-local",
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        if logical_id in pseudo:
            return pseudo[logical_id]
        if logical_id not in self.resources:
            raise TemplateError(f"!Ref to an unknown name: {logical_id}")
        kind = self.resources[logical_id].get("Type", "")
        if kind in _FUNCTION_TYPES:
            return self.function_name(logical_id)
        if kind in _STATE_MACHINE_TYPES:
            return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{logical_id}"
        if kind == "AWS::S3::Bucket":
            return f"purelift-local-{logical_id.lower()}"
        if kind == "AWS::DynamoDB::Table":
            return f"purelift-local-{logical_id}"
        if kind.startswith(("AWS::ApiGateway", "AWS::Serverless::Api")):
            return logical_id.lower() if kind.endswith("Api") else logical_id
        return logical_id

    def get_att(self, logical_id: str, attribute: str) -> str:
        key = f"{logical_id}.{attribute}"
        if key in self.names:
            return self.names[key]
        kind = self.resources.get(logical_id, {}).get("Type", "")
        if kind in _FUNCTION_TYPES and attribute == "Arn":
            return self.function_arn(logical_id)
        if kind in _STATE_MACHINE_TYPES and attribute == "Name":
            return logical_id
        if kind == "AWS::S3::Bucket" and attribute == "Arn":
            return f"arn:aws:s3:::{self.ref(logical_id)}"
        if kind == "AWS::DynamoDB::Table" and attribute == "Arn":
            return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{self.ref(logical_id)}"
        if attribute == "Arn":
            return self.ref(logical_id) if self.ref(logical_id).startswith("arn:") else f"arn:local:{logical_id}"
        return f"{self.ref(logical_id)}-{attribute.lower()}"

    # --- intrinsic functions ---
    def condition(self, name: str) -> bool:
        return bool(self.resolve((self.doc.get("Conditions") or {})[name]))

    def resolve(self, value: Any) -> Any:
        """Resolve every intrinsic function in `value`; `AWS::NoValue` properties disappear."""
        if isinstance(value, list):
            return [item for item in (self.resolve(v) for v in value) if item is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref" or key.startswith("Fn::") or key == "Condition":
                return self._intrinsic(key, arg)
        out = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not NO_VALUE}

    def _intrinsic(self, key: str, arg: Any) -> Any:
        if key == "Ref":
            return NO_VALUE if arg == "AWS::NoValue" else self.ref(str(arg))
        if key == "Condition":
            return self.condition(str(arg))
        if key == "Fn::GetAtt":
            logical_id, attribute = arg if isinstance(arg, list) else str(arg).split(".", 1)
            return self.get_att(str(logical_id), str(attribute))
        if key == "Fn::Sub":
            return self._sub(arg)
        if key == "Fn::If":
            name, yes, no = arg
            return self.resolve(yes if self.condition(name) else no)
        if key == "Fn::Equals":
            left, right = (self.resolve(v) for v in arg)
            return str(left) == str(right)
        if key == "Fn::Not":
            return not self.resolve(arg[0])
        if key == "Fn::And":
            return all(self.resolve(v) for v in arg)
        if key == "Fn::Or":
            return any(self.resolve(v) for v in arg)
        if key == "Fn::Join":
            separator, items = arg
            return str(separator).join(str(v) for v in self.resolve(items))
        if key == "Fn::Select":
            index, items = arg
            return self.resolve(items)[int(self.resolve(index))]
        if key == "Fn::Split":
            separator, text = arg
            return str(self.resolve(text)).split(separator)
        if key == "Fn::ImportValue":
            raise TemplateError("Fn::ImportValue (another stack's output) has no local equivalent")
        raise TemplateError(f"unsupported intrinsic function {key}")

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if "." in name and name.split(".", 1)[0] in self.resources:
                logical_id, attribute = name.split(".", 1)
                return self.get_att(logical_id, attribute)
            return str(self.ref(name))

        return self.localize(re.sub(r"\$\{([^}]+)\}", one, str(text)))

    def localize(self, text: str) -> str:
        """`https://{api-id}.execute-api.{region}.amazonaws.com` -> the local gateway of that API."""
        for logical_id, host in self.endpoints.items():
            api_id = re.escape(self.ref(logical_id))
            for secure, plain in (("https", "http"), ("wss", "ws")):
                text = re.sub(
                    rf"{secure}://{api_id}\.execute-api\.[a-z0-9-]+\.amazonaws\.com", f"{plain}://{host}", text
                )
        return text

    # --- functions ---
    def functions(self) -> dict[str, FunctionSpec]:
        """Every function of the template with its merged (Globals + own) and resolved environment."""
        globals_ = ((self.doc.get("Globals") or {}).get("Function")) or {}
        out = {}
        for logical_id in self.of_type(*_FUNCTION_TYPES):
            props = self.resources[logical_id].get("Properties") or {}
            env: dict[str, Any] = dict((globals_.get("Environment") or {}).get("Variables") or {})
            env.update((props.get("Environment") or {}).get("Variables") or {})
            resolved = self.resolve(env)
            code_uri = props.get("CodeUri") or globals_.get("CodeUri") or "."
            if not isinstance(code_uri, str):
                raise TemplateError(f"{logical_id}: CodeUri must be a local folder")
            handler = str(props.get("Handler") or globals_.get("Handler") or "")
            out[logical_id] = FunctionSpec(
                logical_id=logical_id,
                name=self.function_name(logical_id),
                arn=self.function_arn(logical_id),
                code_dir=self.root / code_uri,
                handler=handler,
                timeout=int(self.resolve(props.get("Timeout", globals_.get("Timeout", 3)))),
                memory=int(self.resolve(props.get("MemorySize", globals_.get("MemorySize", 128)))),
                environment={k: _env_text(v) for k, v in resolved.items()},
            )
        return out

    def function_of_arn(self, text: str) -> str:
        """The logical id of the function an ARN, an integration URI or a name designates."""
        for logical_id in self.of_type(*_FUNCTION_TYPES):
            name = self.function_name(logical_id)
            if text in (name, logical_id) or text.endswith(f":function:{name}") or f":function:{name}/" in text:
                return logical_id
        raise TemplateError(f"no function of the template matches {text!r}")

    # --- state machines ---
    def state_machines(self) -> list[str]:
        return self.of_type(*_STATE_MACHINE_TYPES)

    def substitutions(self, logical_id: str) -> dict[str, str]:
        props = self.resources[logical_id].get("Properties") or {}
        return {k: str(self.resolve(v)) for k, v in (props.get("DefinitionSubstitutions") or {}).items()}

    # --- REST API ---
    def rest_api(self) -> RestApiSpec:
        apis = self.of_type("AWS::Serverless::Api")
        api = apis[0] if apis else None
        props = self.resolve(self.resources[api].get("Properties") or {}) if api else {}
        auth = props.get("Auth") or {}
        authorizers = {
            name: RestAuthorizer(
                function=self.function_of_arn(str(spec["FunctionArn"])),
                header=str(((spec.get("Identity") or {}).get("Headers") or ["Authorization"])[0]),
                ttl=int((spec.get("Identity") or {}).get("ReauthorizeEvery", 300)),
            )
            for name, spec in (auth.get("Authorizers") or {}).items()
        }
        default = auth.get("DefaultAuthorizer")
        routes = []
        for logical_id in self.of_type(*_FUNCTION_TYPES):
            events = (self.resources[logical_id].get("Properties") or {}).get("Events") or {}
            for event in events.values():
                if event.get("Type") != "Api":
                    continue
                ev = self.resolve(event.get("Properties") or {})
                chosen = (ev.get("Auth") or {}).get("Authorizer", default)
                path, method = str(ev["Path"]), str(ev.get("Method", "ANY")).upper()
                pattern, literals = _path_pattern(path)
                routes.append(
                    RestRoute(
                        path=path,
                        method="ANY" if method in ("ANY", "X-AMAZON-APIGATEWAY-ANY-METHOD") else method,
                        function=logical_id,
                        authorizer=None if chosen in (None, "NONE") else authorizers[str(chosen)],
                        pattern=pattern,
                        literal_segments=literals,
                    )
                )
        cors = props.get("Cors") or {}
        if isinstance(cors, str):
            cors = {"AllowOrigin": cors}
        return RestApiSpec(
            api_id=self.ref(api) if api else "restapi",
            stage=str(props.get("StageName", "prod")),
            routes=routes,
            binary_media_types=[str(t).replace("~1", "/") for t in props.get("BinaryMediaTypes") or []],
            cors={k: str(v).strip("'") for k, v in cors.items()},
            gateway_responses=props.get("GatewayResponses") or {},
        )

    # --- WebSocket API ---
    def websocket_api(self) -> WebSocketApiSpec | None:
        """The template's WebSocket API (`AWS::ApiGatewayV2::*`), or None while it has none."""
        apis = [
            lid
            for lid in self.of_type("AWS::ApiGatewayV2::Api")
            if str(self.resolve((self.resources[lid].get("Properties") or {}).get("ProtocolType"))) == "WEBSOCKET"
        ]
        if not apis:
            return None
        api = apis[0]
        props = self.resolve(self.resources[api].get("Properties") or {})
        selection = str(props.get("RouteSelectionExpression", "$request.body.action"))
        if not selection.startswith("$request.body."):
            raise TemplateError(f"route selection {selection!r}: only $request.body.<field> is supported locally")
        routes: dict[str, str] = {}
        two_way: set[str] = set()
        authorizer = identity = None
        for lid in self._children(api, "AWS::ApiGatewayV2::Route"):
            route = self.resolve(self.resources[lid].get("Properties") or {})
            key = str(route["RouteKey"])
            target = str(route.get("Target", ""))
            integration = target.split("/", 1)[1] if target.startswith("integrations/") else target
            uri = (self.resolve(self.resources[integration].get("Properties") or {})).get("IntegrationUri", "")
            routes[key] = self.function_of_arn(str(uri))
            if route.get("RouteResponseSelectionExpression"):
                two_way.add(key)
            if key == "$connect" and route.get("AuthorizationType") == "CUSTOM":
                auth = self.resolve(self.resources[str(route["AuthorizerId"])].get("Properties") or {})
                authorizer = self.function_of_arn(str(auth["AuthorizerUri"]))
                sources = auth.get("IdentitySource") or []
                source = str(sources[0]) if sources else ""
                prefix = "route.request.querystring."
                identity = source[len(prefix) :] if source.startswith(prefix) else None
        stages = [self.resolve(self.resources[lid].get("Properties") or {}) for lid in self._children(api, "Stage")]
        stage = str(stages[0].get("StageName")) if stages else self.parameters.get("StageName", "prod")
        return WebSocketApiSpec(
            api_id=self.ref(api),
            stage=stage,
            selection_key=selection.removeprefix("$request.body."),
            routes=routes,
            two_way=frozenset(two_way),
            connect_authorizer=authorizer,
            identity_query=identity,
        )

    def websocket_api_logical_id(self) -> str | None:
        for lid in self.of_type("AWS::ApiGatewayV2::Api"):
            protocol = (self.resources[lid].get("Properties") or {}).get("ProtocolType")
            if str(self.resolve(protocol)) == "WEBSOCKET":
                return lid
        return None

    def _children(self, api: str, kind: str) -> list[str]:
        """Resources of `kind` (a full type, or a suffix such as `Stage`) whose ApiId is `api`."""
        out = []
        for lid, res in self.resources.items():
            rtype = res.get("Type", "")
            if not self.included(lid):
                continue
            if rtype == kind or (rtype.startswith("AWS::ApiGatewayV2::") and rtype.endswith("::" + kind)):
                api_ref = (self.resources[lid].get("Properties") or {}).get("ApiId")
                if api_ref in ({"Ref": api}, api):
                    out.append(lid)
        return out


def _env_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _path_pattern(path: str) -> tuple[re.Pattern[str], int]:
    """`/api/{proxy+}` -> a regex with named groups; also how many literal segments (more wins)."""
    parts, literals = [], 0
    for segment in path.strip("/").split("/"):
        greedy = re.fullmatch(r"\{(\w+)\+\}", segment)
        param = re.fullmatch(r"\{(\w+)\}", segment)
        if greedy:
            parts.append(f"(?P<{greedy.group(1)}>.+)")
        elif param:
            parts.append(f"(?P<{param.group(1)}>[^/]+)")
        else:
            parts.append(re.escape(segment))
            literals += 1
    return re.compile("/" + "/".join(parts) + "/?" if parts != [""] else "/"), literals
