"""Services: the backend's rules (SPEC §3, §7), written against the ports of `purelift.domain.ports`.

They import nothing from AWS; `purelift.wiring` hands them the adapters.
"""
