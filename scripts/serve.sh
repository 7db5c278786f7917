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
# First run only: mine the demo inquiry log, so the staff review queue is filled from the start.
.venv/bin/flask kb mine --log demo/inquiries.csv --skip-if-mined
exec .venv/bin/gunicorn --config gunicorn.conf.py 'app:create_app()'
