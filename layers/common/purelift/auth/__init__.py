"""Identity: JWT verification for the authorizer and local token minting (SPEC §7)."""
