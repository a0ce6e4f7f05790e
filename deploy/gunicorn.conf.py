"""Gunicorn for one app server: used by deploy/systemd/hocbinhdang-app@.service and by the drills
in tests/bench/, so that what is measured is what runs. The address comes from the command line
(`--bind 127.0.0.1:8001`); everything else is here.

Sync workers: each handles one request at a time, and nginx in front buffers slow phones, so a
worker is never held by a weak mobile link. They beat threads for the quiz's small writes
(tests/bench/bench_quiz_load.py compares them: `--threads 4`). A machine runs two app servers
(deploy/nginx), so each has one worker per core: a sync worker waits idle on every PostgreSQL and
Redis round trip, and with one worker per two cores a school's start minute queued behind those
waits while a core had nothing to do. The contest-day drill, 3,000 pupils on 2 cores (2026-12-06):
start p95 11.0 s with one worker per server, 0.63 s with two. More workers cost a little more CPU
per request (bench_quiz_load, which keeps every worker busy: 2.2 ms per autosave with one worker
per server, 2.6 with two, 3.2 with three), so not more than that.
"""

import multiprocessing
import os
import shutil
import tempfile

workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
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


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
