"""Adapters: the AWS (and Redis) implementations of the ports in `purelift.domain.ports`.

Each takes an optional injected client, so tests and the local stack can pass their own; `wiring` builds
them once per process.
"""
