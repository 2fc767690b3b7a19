"""The local stack (`purelift serve`, `make dev`, SPEC §9) and the functional tests' AWS: the deployed
handlers on one machine, built from template.yaml.

- `cfn`: template.yaml loaded and its intrinsic functions resolved (functions, REST routes, WebSocket API).
- `resources`: the template's tables, buckets and state machines created on any boto3 endpoint.
- `lambda_runtime`: the local Lambda runtime (context, handler loading, function errors).
- `moto_seams`: the only code touching moto's private API (Lambda invoke dispatch, atomic DynamoDB).
- `aws`: the embedded moto server, and the data kept across restarts.
- `rest`, `websocket`: the local API Gateway (REST proxy + authorizer; WebSocket + `@connections`).
- `stack`: all of it wired together, started and stopped as one.

Development tooling: it needs the `local` extra (moto server, uvicorn, websockets, PyYAML, fakeredis).
It is not part of the Lambda layer (layers/common/Makefile leaves it out), and no function imports it.
"""
