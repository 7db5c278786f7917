#!/usr/bin/env bash
# Install everything, run the static checks (scripts/lint.sh), then the whole test suite with branch
# coverage (database tests on SQLite and on a real PostgreSQL server started here, two-host tests on it
# and a real Redis) and print coverage
# per package; a package under 80% fails the run. Extra arguments go to pytest (and skip the floor).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
scripts/lint.sh
scripts/system-deps.sh
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
source scripts/postgres.sh
source scripts/redis.sh
trap 'pg_stop; redis_stop' EXIT
pg_start
redis_start
rm -f .coverage .coverage.*
.venv/bin/python -m pytest --cov --cov-report= "$@"
.venv/bin/coverage combine --append -q 2>/dev/null || true  # late child data (e.g. Dask workers) adds, never replaces
.venv/bin/coverage json -q -o test-artifacts/coverage.json
if [ $# -eq 0 ]; then
  .venv/bin/python scripts/coverage_by_package.py test-artifacts/coverage.json --floor 80
else
  .venv/bin/python scripts/coverage_by_package.py test-artifacts/coverage.json --floor 0
fi
