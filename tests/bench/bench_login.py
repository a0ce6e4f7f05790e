"""What a password check costs, and how long a school's worth of sign-ins takes on this machine.

Run on demand: `make bench` or
    DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_login.py [--logins 1000] [--workers 2]
    DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_login.py --smoke   # CI's size: 20 sign-ins

It compares our Argon2id (19 MiB, 2 passes, 1 lane) with Django's default PBKDF2 and prints the
seconds per check and the time for N sign-ins spread over the given number of worker processes
(like gunicorn workers on a 2-core box).
"""

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402

PASSWORD = "hocbinhdang2026"
HASHERS = {"argon2id-owasp": "argon2", "pbkdf2-django": "pbkdf2_sha256"}


def _check_many(args: tuple[str, int]) -> float:
    encoded, count = args
    started = time.perf_counter()
    for _ in range(count):
        assert check_password(PASSWORD, encoded)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=1000, help="sign-ins of one school")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--smoke", action="store_true", help="20 sign-ins, 3 samples: CI's size")
    args = parser.parse_args()
    if args.smoke:
        args.logins, args.samples = 20, 3

    print(f"cores: {os.cpu_count()}, workers: {args.workers}, school of {args.logins} sign-ins")
    for label, algorithm in HASHERS.items():
        encoded = make_password(PASSWORD, hasher=algorithm)
        timings = []
        for _ in range(args.samples):
            started = time.perf_counter()
            check_password(PASSWORD, encoded)
            timings.append(time.perf_counter() - started)
        per_check = statistics.median(timings)
        share = [args.logins // args.workers] * args.workers
        with ProcessPoolExecutor(args.workers) as pool:
            started = time.perf_counter()
            list(pool.map(_check_many, [(encoded, n) for n in share]))
            wall = time.perf_counter() - started
        print(
            f"{label:16s} one check: {per_check * 1000:7.1f} ms   "
            f"{args.logins} sign-ins: {wall:6.1f} s   ({args.logins / wall:6.1f} per second)"
        )


if __name__ == "__main__":
    main()
