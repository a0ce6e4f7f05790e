"""CI's size for the benchmarks that pytest runs (bench_player, bench_progress): BENCH_SMOKE=1.
The scripts take `--smoke` instead; run_smoke.py runs every one of them."""

import os

SMOKE = os.environ.get("BENCH_SMOKE") == "1"
