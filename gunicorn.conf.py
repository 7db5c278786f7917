"""gunicorn settings for `gunicorn 'app:create_app()'` (scripts/serve.sh).

No preload: torch must not be loaded before fork (RELIABILITY 1.6). Each worker loads the model
itself, in the background right after it starts, so the first reader does not wait for it.
Each worker first catches up with the shared revision log (kb.core.HelpCenter.catch_up).
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
    """Before the worker serves: catch up with the revision log and the index (other hosts' saves,
    repairs after a crash), then follow the log, deliver the outbox, publish what is scheduled,
    learn the relevance floor and the dense weights from clicks, and load the model in the background."""
    from kb import learning
    from kb.content import publishing
    from kb.handoff import outbox

    help_center = worker.wsgi.extensions["help_center"]
    help_center.catch_up()
    help_center.follow_revisions()
    outbox.follow(help_center)  # tickets' mail and webhooks, retried until sent
    publishing.follow(help_center)  # articles scheduled for a date and time
    learning.follow(help_center)  # the relevance floor and the dense weights learn from what readers opened
    help_center.warm_up()
