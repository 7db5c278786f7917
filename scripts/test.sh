#!/usr/bin/env bash
# Install everything and run the whole test suite (database tests on SQLite and on a real
# PostgreSQL server started here). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
scripts/system-deps.sh
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
source scripts/postgres.sh
trap pg_stop EXIT
pg_start
.venv/bin/python -m pytest "$@"
