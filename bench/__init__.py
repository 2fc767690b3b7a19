"""`make bench`: measurements, not tests (SPEC §10). Each section is a module of this package.

- `bench.engine`: the engine against the floor (`ast.parse` + `tokenize`) and against radon, on `idlelib` and
  the whole standard library, and the ZIP export of 100 files;
- `bench.backend`: cold import of each Lambda handler, cached vs uncached result read.

Run them all with `python -m bench`, or some with `python -m bench engine`.
"""
