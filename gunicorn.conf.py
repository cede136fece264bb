"""gunicorn settings for the web app (Procfile: gunicorn 'web:create_app()' -c gunicorn.conf.py).

The web processes only answer requests: generation runs in separate worker
processes fed by a queue (web/tasks.py).  By default this server also starts
them on this machine (`when_ready` below: `python -m web.worker`, started again
if it dies, stopped with the server), so one command serves everything; set CROSSWORD_EMBEDDED_WORKER=false
when a Procfile `worker:` process (or another machine) runs them instead.

Threads are cheap now that no thread generates: each web process gets 16, and
at most UPLOAD_SLOTS of them receive a request body at once, each with a
timeout (web/slowclients.py), so stalled uploads cannot take every thread.
Every value can be overridden with the usual GUNICORN_CMD_ARGS or the
environment variables named below.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
# A request waits at most SYNC_WAIT (a few seconds) for a puzzle, then answers 202;
# the timeout only has to cover slow exports and a cold start.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Do not preload: each worker opens its own database connections after the fork.
preload_app = False
accesslog = "-"
errorlog = "-"
# No query strings in the access log (they are harmless today, but keep logs lean and key-free).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Check the CROSSWORD_* settings once, in the master, before any worker starts: a bad
    value stops the server with one line naming it (not a traceback per worker), and a
    variable that names no setting (a typo) is logged as a warning."""
    from crossword import settings
    from web.config import SettingError, check_environment

    for note in settings.unknown(os.environ):  # first: a typo may explain a bad value
        server.log.warning("crossword: %s", note)
    try:
        check_environment()
    except SettingError as exc:
        raise SystemExit(f"crossword: {exc}") from None
    # the app's modules, loaded once here and shared by every web process forked after
    # (each builds its own app, with its own connections: preload_app stays off)
    from web import import_modules

    import_modules()


def when_ready(server):
    """Start the generation workers beside the web processes (unless told not to)."""
    from crossword import settings
    from web.worker import Supervised, embedded_wanted, start_embedded

    # QUEUE and EMBEDDED_WORKER as the settings table reads them (checked in on_starting)
    if embedded_wanted(settings.load(os.environ)):
        spec = server.app.app_uri or "web:create_app()"
        # started again if its process dies, for as long as this server runs
        server.crossword_worker = Supervised(lambda: start_embedded(spec))
        server.log.info("generation workers started (pid %s)", server.crossword_worker.pid)


def on_exit(server):
    worker = getattr(server, "crossword_worker", None)
    if worker is not None:
        worker.stop()
