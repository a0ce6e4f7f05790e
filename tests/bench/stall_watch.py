"""What the machine was doing, every half second of a drill, so that a stall can be placed.

A stall is requests waiting for seconds while the minute's average shows CPU to spare: the
contest-day drill saw them now and then, in a different minute each run (the every-minute
timer's start-up, it turned out: README, "Sizing"). Each half second this notes what could hold
a request: the CPU each kind of process used, the client's own event loop running late, time
stolen by the hypervisor or spent waiting on the disk, what each gunicorn worker is doing
(running, or asleep and in which kernel function, and its Python stack with py-spy), and what
PostgreSQL's backends wait for (a lock, the disk, a client). The report groups the half
seconds in which a request had waited over a second into episodes and prints what was seen in
each.
"""

import asyncio
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

STALL_SECONDS = 1.0  # a request unanswered this long makes its half second part of a stall
EVERY = 0.5
# With py-spy installed (pip install py-spy: not needed otherwise), each app worker's Python
# stack is taken while this many requests wait, up to STACKS_MOST times in a drill.
STACKS_AT = 40
STACKS_MOST = 120
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Moment:
    at: float  # seconds since the drill began
    loop_lag: float  # how late the client's half-second sleep woke (the client itself stalled)
    busy: float  # share of the machine's cores used (user, system, interrupts)
    steal: float  # share taken by the hypervisor
    iowait: float
    in_flight: int  # the client's requests not yet answered
    oldest: float  # seconds the oldest of them has waited
    workers: list[str] = field(default_factory=list)  # each gunicorn worker: "R" or "S:wchan"
    waits: dict[str, int] = field(default_factory=dict)  # PostgreSQL's active backends by wait
    lock_waiters: list[str] = field(default_factory=list)  # "12 s: UPDATE ... ← blocked by 123"
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by kind of process
    # Each app worker's innermost frame in the project's code ← its innermost frame of all.
    stacks: list[str] = field(default_factory=list)


class Watch:
    """Runs beside the drill's pupils in the client's event loop; `meter` (CpuMeter) is read on
    the same beat so the CPU totals stay as before."""

    def __init__(self, *, stack, meter, in_flight: dict, began: float) -> None:
        """`in_flight`: the client's requests not yet answered, each with its time.monotonic()
        when sent; `began`: the drill's start on that clock."""
        self.stack, self.meter, self.in_flight, self.began = stack, meter, in_flight, began
        self.moments: list[Moment] = []
        self._cpu = self._machine_cpu()
        self._kinds: dict[str, float] = {}
        self._database = None
        self._py_spy = shutil.which("py-spy") or shutil.which(
            "py-spy", path=Path(sys.executable).parent
        )
        self.stacks_taken = 0

    @staticmethod
    def _machine_cpu() -> list[int]:
        with open("/proc/stat") as stat:
            return [int(v) for v in stat.readline().split()[1:]]

    def _app_workers(self) -> list[int]:
        masters = {p.pid for name, p in self.stack.processes.items() if name.startswith("app")}
        return sorted(self.stack.pids().get("app", set()) - masters)

    @staticmethod
    def _worker_state(pid: int) -> str:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            state = stat[stat.rindex(")") + 2]
            if state == "R":
                return "R"
            return f"{state}:{Path(f'/proc/{pid}/wchan').read_text().strip() or '?'}"
        except OSError:
            return "gone"

    def _stacks(self, pids: list[int]) -> list[str]:
        """Each worker's innermost frame in the project's own code (not a library's)."""
        frames = []
        for pid in pids:
            done = subprocess.run(
                [self._py_spy, "dump", "--full-filenames", "--pid", str(pid)],
                capture_output=True,
                text=True,
            )
            calls = [line.strip() for line in done.stdout.splitlines() if line.startswith("    ")]
            ours = [
                call.replace(str(ROOT) + "/", "")
                for call in calls
                if str(ROOT) in call and "site-packages" not in call
            ]
            innermost = calls[0].rsplit("/", 2)[-2:] if calls else ["idle"]
            frames.append(f"{ours[0] if ours else '-'} ← {'/'.join(innermost)}")
        return frames

    def _postgres(self) -> tuple[dict[str, int], list[str]]:
        """Active backends of the drill's database by what they wait for, and lock waiters."""
        if not self.stack.database_name:
            return {}, []
        import psycopg

        if self._database is None:
            self._database = psycopg.connect(
                f"{self.stack.postgres}/{self.stack.database_name}", autocommit=True
            )
        rows = self._database.execute(
            "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*) "
            "FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'active' GROUP BY 1"
        ).fetchall()
        waits = dict(rows)
        waiters = []
        if any(kind.startswith("Lock:") for kind in waits):
            waiters = [
                f"{age:.1f} s: {query} ← blocked by {blockers}"
                for age, query, blockers in self._database.execute(
                    "SELECT extract(epoch FROM now() - query_start)::float, "
                    "left(regexp_replace(query, '\\s+', ' ', 'g'), 120), pg_blocking_pids(pid) "
                    "FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' ORDER BY query_start LIMIT 3"
                ).fetchall()
            ]
        return waits, waiters

    async def run(self) -> None:
        try:
            while True:
                asleep = time.monotonic()
                await asyncio.sleep(EVERY)
                now = time.monotonic()
                lag = now - asleep - EVERY
                kinds = self.meter.read()
                used = {k: round(v - self._kinds.get(k, 0.0), 2) for k, v in kinds.items()}
                self._kinds = kinds
                cpu = self._machine_cpu()
                delta = [after - before for after, before in zip(cpu, self._cpu, strict=True)]
                self._cpu = cpu
                whole = max(1, sum(delta))
                # user nice system idle iowait irq softirq steal ...
                busy = (delta[0] + delta[1] + delta[2] + delta[5] + delta[6]) / whole
                ages = [now - started for started in self.in_flight.values()]
                pids = self._app_workers()
                workers = [self._worker_state(pid) for pid in pids]
                stacks = []
                if self._py_spy and len(ages) >= STACKS_AT and self.stacks_taken < STACKS_MOST:
                    self.stacks_taken += 1
                    stacks = await asyncio.to_thread(self._stacks, pids)
                try:
                    waits, waiters = await asyncio.to_thread(self._postgres)
                except Exception as error:  # the watch must not end the drill
                    waits, waiters = {f"unread: {type(error).__name__}": 1}, []
                    self._database = None
                self.moments.append(
                    Moment(
                        at=round(now - self.began, 2),
                        loop_lag=round(lag, 3),
                        busy=round(busy, 3),
                        steal=round(delta[7] / whole, 3),
                        iowait=round(delta[4] / whole, 3),
                        in_flight=len(ages),
                        oldest=round(max(ages, default=0.0), 2),
                        workers=workers,
                        waits=waits,
                        lock_waiters=waiters,
                        cpu=used,
                        stacks=stacks,
                    )
                )
        finally:
            if self._database is not None:
                self._database.close()

    def write(self, path: str) -> None:
        with open(path, "w") as out:
            for moment in self.moments:
                out.write(json.dumps(asdict(moment), ensure_ascii=False) + "\n")

    def report(self, *, most: int = 8) -> list[str]:
        moments = self.moments
        if not moments:
            return []
        lags = sorted(m.loop_lag for m in moments)
        lines = [
            f"\nStall watch ({len(moments)} half seconds): the client's loop late by p99 "
            f"{lags[int(0.99 * (len(lags) - 1))] * 1000:.0f} ms, at most {lags[-1] * 1000:.0f} ms;"
            f" steal {sum(m.steal for m in moments) / len(moments):.1%} on average, "
            f"{max(m.steal for m in moments):.0%} at most; iowait at most "
            f"{max(m.iowait for m in moments):.0%}"
        ]
        episodes: list[list[Moment]] = []
        for moment in moments:
            if moment.oldest < STALL_SECONDS:
                continue
            if episodes and moment.at - episodes[-1][-1].at <= EVERY * 2.5:
                episodes[-1].append(moment)
            else:
                episodes.append([moment])
        if not episodes:
            return lines + [f"  no request waited {STALL_SECONDS:.0f} s or more"]
        lines.append(
            f"  {len(episodes)} episodes with a request waiting {STALL_SECONDS:.0f} s or more; "
            f"the {min(most, len(episodes))} with the longest wait:"
        )
        for episode in sorted(episodes, key=lambda e: -max(m.oldest for m in e))[:most]:
            states = Counter(state for m in episode for state in m.workers)
            waits = Counter()
            for m in episode:
                waits.update(m.waits)
            waiters = [w for m in episode for w in m.lock_waiters][:2]
            n = len(episode)
            lines.append(
                f"  {episode[0].at:7.1f}–{episode[-1].at:7.1f} s: oldest waited "
                f"{max(m.oldest for m in episode):.1f} s, in flight up to "
                f"{max(m.in_flight for m in episode)}; cores busy "
                f"{sum(m.busy for m in episode) / n:.0%}, steal {max(m.steal for m in episode):.0%}"
                f", iowait {max(m.iowait for m in episode):.0%}, client loop late up to "
                f"{max(m.loop_lag for m in episode) * 1000:.0f} ms"
            )
            lines.append(
                "      workers: "
                + ", ".join(f"{s} {c / n:.1f}" for s, c in states.most_common(4))
                + "; PostgreSQL active: "
                + (", ".join(f"{w} {c / n:.1f}" for w, c in waits.most_common(4)) or "none")
            )
            lines += [f"      lock wait {w}" for w in waiters]
            cpu = Counter()
            for m in episode:
                cpu.update(m.cpu)
            span = max(EVERY, episode[-1].at - episode[0].at + EVERY)
            lines.append(
                "      CPU (cores): "
                + ", ".join(f"{k} {v / span:.2f}" for k, v in cpu.most_common() if v > 0)
            )
            frames = Counter(f for m in episode for f in m.stacks)
            lines += [f"      {c}× {f}" for f, c in frames.most_common(6)]
        return lines
