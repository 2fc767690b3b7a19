"""The local stack (`purelift serve`, `make dev`, SPEC §9): the deployed handlers on one machine.

- `template`: template.yaml read as the single source (functions, REST routes, WebSocket API, intrinsics).
- `aws`: embedded moto server and the template's tables, buckets and state machines on it.
- `runtime`: the local Lambda runtime, and the dispatch of Step Functions' Lambda tasks to it.
- `rest`, `websocket`: the local API Gateway (REST proxy + authorizer; WebSocket + `@connections`).
- `stack`: all of it wired together, started and stopped as one.

Development tooling: it needs the `local` extra (moto server, uvicorn, websockets, PyYAML, fakeredis);
the Lambda functions never import it.
"""
