"""The backend's domain: entities, named errors, the permission matrix, the cache and storage keys, and the
ports adapters implement (all in `ports`).

Nothing here imports AWS, Redis or a web framework: services and tests use it as plain Python.
"""
