"""The backend's domain: entities, named errors, the permission matrix and the ports adapters implement.

Nothing here imports AWS, Redis or a web framework: services and tests use it as plain Python.
"""
