"""Every benchmark at its smoke size, one after another: what CI runs after the suite.

    .venv/bin/python tests/bench/run_smoke.py [--only bench_reach.py ...]

A bench that nobody runs rots: the day a migration adds a column its COPY does not fill, or a
page it reads moves, it breaks in someone's hands months later and the figures quoted with it can
no longer be reproduced. Here each runs end to end at a few hundred rows, with its own checks
(counts agree, every submit scored once, byte and query budgets); timing goals are judged only at
full size. The contest-day drill and the fault drill run at their smoke size inside the test
suite (tests/test_deploy.py), so they are not run twice. Exit status 1 if any bench fails.
"""

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "bench"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
TIMEOUT = 600


@dataclass(frozen=True)
class Bench:
    script: str
    arguments: tuple[str, ...] = ("--smoke",)
    env: dict = field(default_factory=dict)
    pytest: bool = False  # collected by pytest when named, sized by BENCH_SMOKE

    def command(self) -> list[str]:
        if self.pytest:
            return [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                str(BENCH / self.script),
            ]
        return [sys.executable, str(BENCH / self.script), *self.arguments]


BENCHES = [
    Bench("bench_reach.py"),
    Bench("bench_contest.py"),
    Bench("bench_quiz_load.py"),
    Bench("bench_login.py", env={"DJANGO_DEBUG": "1"}),
    Bench("bench_pages.py"),
    Bench("bench_seed_demo.py"),
    Bench("bench_progress.py", pytest=True),
    Bench("bench_player.py", pytest=True),
    Bench("bench_offline.py", pytest=True),
    Bench("bench_item_analysis.py", pytest=True),
    Bench("fuzz_api.py"),
    Bench("bench_live_game.py"),
]
RUN_BY_THE_SUITE = {"bench_contest_day.py", "bench_faults.py"}


def every_bench_is_listed() -> list[str]:
    """Scripts in tests/bench/ that neither this list nor the suite runs."""
    named = {bench.script for bench in BENCHES} | RUN_BY_THE_SUITE
    return sorted(p.name for p in BENCH.glob("bench_*.py") if p.name not in named)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="these scripts only")
    args = parser.parse_args()
    forgotten = every_bench_is_listed()
    if forgotten:
        print(f"not run anywhere: {', '.join(forgotten)} (add them to BENCHES)")
        return 1
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.setdefault("DATABASE_URL", f"{POSTGRES}/hbd_bench_smoke")
    env["BENCH_SMOKE"] = "1"
    results = []
    for bench in BENCHES:
        if args.only and bench.script not in args.only:
            continue
        print(f"\n==> {bench.script}", flush=True)
        started = time.perf_counter()
        try:
            done = subprocess.run(
                bench.command(), cwd=ROOT, env=env | bench.env, timeout=TIMEOUT, check=False
            )
            status = done.returncode
        except subprocess.TimeoutExpired:
            status = "timed out"
        results.append((bench.script, status, time.perf_counter() - started))
    print("\nbenchmarks at smoke size:")
    for script, status, seconds in results:
        verdict = "ok" if status == 0 else f"FAILED ({status})"
        print(f"  {script:<24} {seconds:6.1f} s  {verdict}")
    return 0 if all(status == 0 for _script, status, _s in results) else 1


if __name__ == "__main__":
    sys.exit(main())
