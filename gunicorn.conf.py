"""gunicorn settings for `gunicorn 'app:create_app()'` (scripts/serve.sh).

No preload: torch must not be loaded before fork (RELIABILITY 1.6). Each worker loads the model
itself, in the background right after it starts, so the first reader does not wait for it.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_class = "gthread"
threads = 4
timeout = 30
keepalive = 5  # seconds; readers click again within a few seconds
preload_app = False
raw_env = ["HF_HUB_OFFLINE=1", "TOKENIZERS_PARALLELISM=false", "OMP_NUM_THREADS=1"]


def post_worker_init(worker):
    worker.wsgi.extensions["help_center"].warm_up()
