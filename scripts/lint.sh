#!/usr/bin/env bash
# The static checks CI runs before the tests (configuration in pyproject.toml): ruff lint, ruff
# format, mypy (strict on search/, kb.core and kb.settings; gradual elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
