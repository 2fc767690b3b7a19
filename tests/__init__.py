"""The test tiers as one package: helpers are imported by their full name (`tests.unit.engine_helpers`), not
found through `sys.path`, and test modules in different folders may share a basename."""
