"""Adapters: the AWS (and Redis) implementations of the ports in `purelift.domain.ports`.

Each takes an optional injected client (the DynamoDB ones share a `dynamodb.table.Table`), so tests and the
local stack can pass their own; `purelift.wiring` builds them once per process.
"""
