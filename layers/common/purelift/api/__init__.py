"""The HTTP API (SPEC §3): a FastAPI app, thin routes over the services, errors mapped once."""
