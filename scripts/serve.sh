#!/usr/bin/env bash
# Install everything, build the demo help center's index, serve it on http://127.0.0.1:${PORT:-5000}/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
export FLASK_APP=app.py HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
.venv/bin/flask kb check
.venv/bin/flask kb db upgrade
# Keyword index now (seconds); the site computes the vectors in the background, semantic search joins then.
.venv/bin/flask kb index --defer-vectors
# First run only: mine the demo inquiry log in the background, so the staff review queue fills while
# the site is already up (/staff/suggestions/ shows the job's progress).
mkdir -p instance
.venv/bin/flask kb mine --log demo/inquiries.csv --skip-if-mined --as-job > instance/demo-mining.log 2>&1 &
exec .venv/bin/gunicorn --config gunicorn.conf.py 'app:create_app()'
