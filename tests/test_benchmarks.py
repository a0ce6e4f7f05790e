"""Every benchmark runs somewhere: CI runs tests/bench/run_smoke.py after the suite."""

from tests.bench import run_smoke


def test_every_bench_script_is_run_at_its_smoke_size_by_ci_or_the_suite():
    assert run_smoke.every_bench_is_listed() == []
    listed = {bench.script for bench in run_smoke.BENCHES} | run_smoke.RUN_BY_THE_SUITE
    assert all((run_smoke.BENCH / script).exists() for script in listed)
