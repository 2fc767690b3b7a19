"""Parse trees the per-file pass hands to the extraction in the same process (issue 12 item 5).

The extraction reads again the files it may emit from (on idlelib 57 of 126), and parsing them a second time
cost about a sixth of the floor. When both halves run in one process (`analyze_tree` with one job), the per-file
pass keeps the trees it built and the extraction takes them instead. Trees weigh ~35x their source (idlelib:
1.2 MB of source, 43 MB of trees), but keeping them costs little memory at its peak: the extraction holds the tree
of every file it reads until it is done (on the standard library 1,377 of 1,791 files), parsed again or not
(peak RSS 1.68 GB with 2 MB of source kept, 1.70 GB with all of it). So the budget is set to keep whole projects
(64 MB of source, the whole standard library twice over) and only bounds pathological inputs; a file past it, or
summarised in a worker process or another Lambda, is parsed again as before. The trees are the same either way:
the same text parsed with the same filename, and neither half changes a tree.
"""

from __future__ import annotations

import ast

__all__ = ["KeptTrees"]

DEFAULT_BUDGET = 64 << 20  # bytes of source (a 2 MB budget made the standard library parse 1,240 files again)


class KeptTrees:
    """Trees by path, each taken at most once."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = DEFAULT_BUDGET if budget is None else budget
        self._used = 0
        self._trees: dict[str, ast.Module] = {}

    def offer(self, path: str, size: int, tree: ast.Module) -> None:
        if self._used + size <= self.budget:
            self._used += size
            self._trees[path] = tree

    def take(self, path: str) -> ast.Module | None:
        """The tree of `path`, given up by this holder (the extraction keeps what it needs)."""
        return self._trees.pop(path, None)
