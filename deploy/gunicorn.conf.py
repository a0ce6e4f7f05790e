"""Gunicorn for one app server: used by deploy/systemd/hocbinhdang-app@.service and by the drills
in tests/bench/, so that what is measured is what runs. The address comes from the command line
(`--bind 127.0.0.1:8001`); everything else is here.

Sync workers: each handles one request at a time, and nginx in front buffers slow phones, so a
worker is never held by a weak mobile link. They beat threads for the quiz's small writes
(tests/bench/bench_quiz_load.py compares them: `--threads 4`). A machine runs two app servers
(deploy/nginx), so each has one worker per two cores: more workers only share the same cores and
spend more CPU per request switching between them. On 2 cores, bench_quiz_load measured 2.2 ms of
CPU per autosave with one worker per server, 2.6 with two, 3.2 with three. The contest-day drill
agrees where it matters (2026-12-07, 2,000 pupils, 5-minute round): one worker per server passed
both busy minutes (autosave p95 153 ms) at 28.4 ms of CPU per pupil-minute; two per server took
35.2 ms and failed the deadline minute (autosave p95 1.2 s). Two only helped past capacity
(3,000 pupils: start p95 0.6 s instead of 11 s, but autosave p95 10 s instead of 26 s: both fail).
"""

import gc
import multiprocessing
import os
import shutil
import tempfile

workers = int(os.environ.get("GUNICORN_WORKERS", max(1, multiprocessing.cpu_count() // 2)))
# GUNICORN_THREADS above 1 gives threaded workers instead, for comparison in the benchmarks.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes this long is stuck: the worker is replaced. Nothing on the hot path comes
# near it; long work (live contest figures, exports) runs in the task worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Workers are recycled now and then, never all at once, so slow growth of memory cannot build up;
# rarely, because a new worker starts with nothing kept (pages, papers' shapes, the site's chrome):
# a 3,000-pupil round is about 40,000 requests per worker on 2 app servers.
max_requests = 100_000
max_requests_jitter = 10_000
# The application is loaded once, before the workers are forked: a recycled worker answers within
# milliseconds instead of loading Django for a second or two while its server has no other (the
# 3,000-pupil drill saw autosaves wait up to a second then). New code needs a restart, not HUP.
preload_app = True
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only nginx on this machine talks to gunicorn; the client address comes from X-Forwarded-For,
# read by the application (TRUSTED_PROXY_COUNT), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
proxy_allow_ips = "127.0.0.1"
accesslog = None  # nginx keeps the access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")

# Metrics (lms/core/metrics.py): each worker counts into a folder of this server's own, made
# fresh when the server starts and kept across a reload (HUP), so that /metrics adds up every
# worker's counts, recycled workers' included. Set here, before the application is loaded.
# Its owner is the server's own process: a folder inherited from whoever started it is not reused.
if os.environ.get("HOCBINHDANG_METRICS_SERVER") != str(os.getpid()):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
        prefix="hocbinhdang-app-metrics-", dir=worker_tmp_dir
    )
    os.environ["HOCBINHDANG_METRICS_SERVER"] = str(os.getpid())


def when_ready(server):
    """The application is loaded (preload_app) and no worker forked yet: what it made (Django,
    Wagtail, the URL patterns, the templates: over 200,000 objects) moves out of the garbage
    collector's sight for good. A full collection walked all of it, about 125 ms with the worker
    answering nobody, now and then in the middle of a busy minute; workers forked from here,
    recycled ones too, share it copy-on-write instead of touching every object's count."""
    gc.freeze()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
