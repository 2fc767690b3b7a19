#!/bin/sh
# Usage: scripts/engine_venv.sh VERSION DEPS...
# Print the path of a venv of Python VERSION (3.12, 3.13, ...) holding DEPS (the engine's test and bench tools;
# the engine itself is stdlib-only and runs from PYTHONPATH=layers/common), creating or refreshing it when its
# stamp differs. The interpreter is looked up in ~/.pyenv/versions, then on PATH; exit 3 when there is none.
# Used by `make engine-py` and `make bench`, so both run the engine under every interpreter the project supports.
set -e
v=$1; shift
py=
for c in "$HOME"/.pyenv/versions/"$v"*/bin/python "$(command -v "python$v" || true)"; do
  if [ -n "$c" ] && "$c" -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$v'.split('.')))" 2>/dev/null; then
    py=$c; break
  fi
done
[ -n "$py" ] || exit 3
venv=.venv-py$(echo "$v" | tr -d .)
if [ "$(cat "$venv/.installed-stamp" 2>/dev/null)" != "$*" ]; then
  rm -rf "$venv"
  "$py" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet "$@" >&2
  echo "$*" > "$venv/.installed-stamp"
fi
echo "$venv"
