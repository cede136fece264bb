"""gunicorn settings for the web app (Procfile: gunicorn 'web:create_app()' -c gunicorn.conf.py).

Generation is I/O-bound (waiting on a model API) and runs in each worker's own
job pool (web/jobs.py), so a few processes with several threads each serve many
makers; polls and page views are cheap.  Every value can be overridden with the
usual GUNICORN_CMD_ARGS or the environment variables named below.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A request waits at most SYNC_WAIT (a few seconds) for a puzzle, then answers 202;
# the timeout only has to cover slow exports and a cold start.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Do not preload: each worker opens its own database connections and job pool after the fork.
preload_app = False
accesslog = "-"
errorlog = "-"
# No query strings in the access log (they are harmless today, but keep logs lean and key-free).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
