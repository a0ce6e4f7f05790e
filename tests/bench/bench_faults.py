"""Faults, drilled: Redis and then PostgreSQL stopped under autosave load, through nginx and the
app servers of deploy/, with services of the drill's own (the machine's are never touched).

Run on demand (needs Debian's nginx, redis-server and PostgreSQL's initdb and pg_ctl; not the
shared services on :5432 and :6379):

    .venv/bin/python tests/bench/bench_faults.py              # 300 pupils, faults of 20 s
    .venv/bin/python tests/bench/bench_faults.py --students 100 --fault-seconds 60
    .venv/bin/python tests/bench/bench_faults.py --smoke      # the size CI runs

What it does, from one asyncio client process, to 127.0.0.1 only:
  1. makes a PostgreSQL cluster (initdb into a temporary folder, trust authentication, a free
     port) and a redis-server on a free port, and starts the platform against them as deploy/
     runs it (tests/bench/stack.py: nginx in front of two app servers, the task worker); what
     systemd's Restart=always does for the units, the drill does too (and counts it);
  2. seeds a contest round as the contest-day drill does (tests/bench/bench_contest_day.py);
     every pupil signs in, starts and opens the player;
  3. keeps a steady autosave load: each pupil changes an answer every `--every` s (± half) and
     saves it as the player does (frontend/static/js/player.js): the latest change per
     question waits in a queue until the server has it; no answer, 429 or 5xx is tried again
     after 1 s, 2 s, 4 s … (at most 30 s), and at once when the next change comes; /healthz and
     a public page are read every second;
  4. in phases: baseline → Redis stopped (SIGTERM) → Redis started again, until recovered →
     PostgreSQL stopped (pg_ctl stop -m fast) → started again, until recovered → the queues
     drained and every attempt submitted;
  5. prints per phase the requests, statuses by kind and autosave p50/p95, /healthz as seen;
     per fault the recovery: from the service answering again to /healthz "ok", to the first
     acknowledged save, to every pupil having saved again, and to the task worker running a
     task enqueued then; then checks the database: every acknowledged save kept with at least
     its sequence number ("lost" must be 0), every attempt scored exactly once.
Exit status 1 when an acknowledged answer is lost, any 5xx other than 503 comes (502/504 only
while PostgreSQL is down, reported apart), a 503 comes while the database is up, a request gets
no answer, a save is refused, /healthz says otherwise than "degraded" without Redis and 503
without PostgreSQL, a process is not running at the end, or a recovery takes longer than
`--bound` s.
"""

import argparse
import asyncio
import contextlib
import dataclasses
import json
import math
import os
import pwd
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import bench_contest_day as contest_day  # noqa: E402
from tests.bench.stack import (  # noqa: E402
    DEPLOY,
    Stack,
    free_port,
    nginx_present,
    run_or_raise,
    wait_for_port,
)

REQUEST_TIMEOUT = 45.0  # longer than nginx's proxy_read_timeout (35 s): nginx answers first
BACKOFF_CEILING = 30.0  # the player's longest wait between two tries
SUBMIT_RETRY = 3.0  # the player tries a failed submit again after 3 s
KINDS = ("2xx", "3xx", "4xx", "429", "503", "502/504", "other 5xx", "no answer")
RESTART_SECONDS = float(
    re.search(
        r"^RestartSec=(\d+)", (DEPLOY / "systemd" / "hocbinhdang-app@.service").read_text(), re.M
    )[1]
)


def option(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass
class Options:
    students: int = 300
    schools: int = 6
    servers: int = 2
    workers: int = option(1, "gunicorn workers per app server")
    every: float = option(3.0, "seconds between two changes of a pupil's answers, ± half")
    baseline_seconds: float = 5.0
    fault_seconds: float = option(20.0, "how long each service stays stopped")
    settle_seconds: float = option(10.0, "at least this long after a service is back")
    bound: float = option(30.0, "seconds within which each recovery must come")
    seed: int = 2026


def smoke_options() -> Options:
    """A small drill that still has every part: 20 pupils of two schools, faults of 5 s."""
    return Options(
        students=20,
        schools=2,
        every=2.0,
        baseline_seconds=3.0,
        fault_seconds=5.0,
        settle_seconds=3.0,
    )


# The drill's own services ---------------------------------------------------------------------


def postgres_program(name: str) -> str | None:
    """initdb or pg_ctl: on the PATH, else the newest of /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda path: int(path.parts[-3])
    )
    return str(versions[-1]) if versions else None


def postgres_user_exists() -> bool:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


def missing_programs() -> list[str]:
    needed = {
        "nginx (apt-get install nginx)": nginx_present(),
        "redis-server": shutil.which("redis-server"),
        "initdb and pg_ctl (PostgreSQL's server)": postgres_program("initdb")
        and postgres_program("pg_ctl"),
        "a postgres user to run PostgreSQL as (initdb refuses root)": os.geteuid() != 0
        or postgres_user_exists(),
    }
    return [what for what, present in needed.items() if not present]


class Cluster:
    """A PostgreSQL server of the drill's own: a cluster made by initdb in a temporary folder,
    trust authentication, listening on a free port of 127.0.0.1; stopped and started as an
    operator does. As root, it runs as the `postgres` user (initdb refuses root)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "postgres"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"
        self.user = "postgres" if os.geteuid() == 0 else None
        self.running = False

    def _run(self, program: str, *args: str) -> None:
        command = [postgres_program(program), *args]
        run_or_raise(command, cwd=self.folder, user=self.user, timeout=120)

    def __enter__(self) -> "Cluster":
        if self.user:
            shutil.chown(self.folder, self.user)
        self._run(
            "initdb",
            *("-D", str(self.data), "-U", "postgres", "--auth=trust"),
            *("-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
        )
        self.start()
        return self

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        log = str(self.folder / "postgres.log")
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", log, "-o", options)
        self.running = True

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))
        self.running = False

    def __exit__(self, *exc) -> None:
        if self.running:
            self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data))
            self.running = False


class RedisServer:
    """A redis-server of the drill's own on a free port, without persistence: started again, it
    is empty, as a cache that restarted is."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 (closed with the process)
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        self.process.terminate()  # SIGTERM: what `systemctl stop redis-server` sends
        self.process.wait(timeout=30)

    def __enter__(self) -> "RedisServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.running:
            self.stop()


# The drill ------------------------------------------------------------------------------------


def kind(status: int) -> str:
    if status == 0:
        return "no answer"
    if status in (429, 503):
        return str(status)
    if status in (502, 504):
        return "502/504"
    if status >= 500:
        return "other 5xx"
    return f"{status // 100}xx"


@dataclass
class Health:
    started: float
    at: float
    status: int
    says: str  # /healthz's "status": ok, degraded, unavailable; "" without a JSON answer

    @property
    def seen(self) -> str:
        return f"{self.status} {self.says}".strip()


class FaultDrill:
    def __init__(self, options: Options, seeded: contest_day.Seeded, stack: Stack, cluster, redis):
        self.options, self.seeded, self.stack = options, seeded, stack
        self.cluster, self.redis = cluster, redis
        self.port = int(stack.url.rsplit(":", 1)[1])
        self.random = random.Random(options.seed)
        self.began = time.monotonic()
        self.recorder = contest_day.Recorder(self.began)
        self.pupils = [
            contest_day.Pupil(
                name, school, sign_in_at=0, start_at=0, submit_at=0, typo=False, drop_at=None
            )
            for name, school in seeded.pupils
        ]
        self.saved_at: dict[str, list[float]] = defaultdict(list)  # start of each 2xx save
        self.health: list[Health] = []
        self.phases: list[tuple[str, float]] = []
        self.back: dict[str, float] = {}  # a service answers again, from this moment
        self.task_ran: dict[str, float] = {}  # a task enqueued then ran this many s later
        self.restarts: list[tuple[float, str]] = []
        self.bad_503 = 0  # 503 without Retry-After, or not JSON under /api/
        self.unsaved = 0  # changes still queued when the drill gave up draining
        self.public_path = "/"
        self.changing = True
        self.changes_end = asyncio.Event()  # the pupils stop changing answers
        self.drain_until = math.inf

    def at(self) -> float:
        return time.monotonic() - self.began

    async def until(self, moment: float) -> None:
        await asyncio.sleep(max(0.0, moment - self.at()))

    async def until_or_the_end(self, moment: float) -> None:
        """`until`, cut short when the pupils stop changing answers."""
        if self.changes_end.is_set():
            await self.until(moment)
            return
        wait = None if moment == math.inf else max(0.0, moment - self.at())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.changes_end.wait(), wait)

    def browser(self, address: str) -> contest_day.Browser:
        return contest_day.Browser(self.port, address, self.recorder, timeout=REQUEST_TIMEOUT)

    def mark(self, phase: str) -> None:
        self.phases.append((phase, self.at()))

    # Before the load: every pupil signed in, started, the player open.
    async def prepare(self) -> None:
        gate = asyncio.Semaphore(8)

        async def one(pupil: contest_day.Pupil) -> None:
            async with gate:
                pupil.browser = self.browser(f"127.0.1.{pupil.school}")
                status = await contest_day.sign_in(
                    pupil.browser, pupil.username, contest_day.PASSWORD
                )
                if status != 302:
                    pupil.refused.append(("sign-in", status or 0))
                    return
                refused = await contest_day.open_round_page(pupil, self.seeded)
                if refused is None:
                    refused = await contest_day.start_attempt(pupil, self.seeded)
                if refused is not None:
                    pupil.refused.append(refused)

        status, headers, _b = await self.browser("127.0.2.2").request("public page", "GET", "/")
        if 300 <= status < 400:
            self.public_path = headers["location"][0]
        await asyncio.gather(*(one(pupil) for pupil in self.pupils))

    # The player, as frontend/static/js/player.js saves.
    async def run_pupil(self, pupil: contest_day.Pupil) -> None:
        queue: dict[int, tuple[int, object]] = {}  # slot -> (sequence, value), oldest first
        every = self.options.every
        next_change = self.at() + self.random.uniform(0, every)
        retry_at, backoff = math.inf, 1.0
        while self.changing or (queue and self.at() < self.drain_until):
            await self.until_or_the_end(min(next_change if self.changing else math.inf, retry_at))
            changed = self.changing and self.at() >= next_change
            if changed:
                slot = self.random.choice(sorted(pupil.choices))
                pupil.sequence += 1
                queue.pop(slot, None)
                queue[slot] = (pupil.sequence, self.random.choice(pupil.choices[slot]))
                next_change = self.at() + self.random.uniform(every / 2, every * 1.5)
            if not (changed or self.at() >= retry_at):
                continue
            if await self.flush(pupil, queue):
                retry_at, backoff = math.inf, 1.0
            else:
                retry_at = self.at() + backoff
                backoff = min(backoff * 2, BACKOFF_CEILING)
        self.unsaved += len(queue)

    async def flush(self, pupil: contest_day.Pupil, queue: dict) -> bool:
        """Send the queue in order; False at the first save to try again."""
        while queue:
            slot, (sequence, value) = next(iter(queue.items()))
            pupil.sent[sequence] = value
            started = self.at()
            status, headers, _b = await pupil.browser.request(
                "autosave",
                "PUT",
                f"/api/v1/attempts/{pupil.attempt_id}/answers/{slot}/",
                json_body={"value": value, "sequence": sequence},
                csrf=pupil.csrf,
                answer_pass=pupil.answer_pass,
            )
            if status == 503:
                json_answer = "application/json" in headers.get("content-type", [""])[0]
                self.bad_503 += not (json_answer and headers.get("retry-after"))
            if status in (0, 429) or status >= 500:
                return False
            if 200 <= status < 300:
                # Acknowledged: saved now, or the server already had it (saved false).
                if sequence > pupil.acknowledged.get(slot, (0, None))[0]:
                    pupil.acknowledged[slot] = (sequence, value)
                self.saved_at[pupil.username].append(started)
            else:
                pupil.refused.append(("autosave", status))
            del queue[slot]
        return True

    async def submit(self, pupil: contest_day.Pupil) -> None:
        tries = max(1, int(self.options.bound / SUBMIT_RETRY))
        status = await contest_day.submit_attempt(pupil, waits=[SUBMIT_RETRY] * tries)
        if contest_day.refused(status):
            pupil.refused.append(("submit", status))

    # /healthz and a public page, every second, from an operator's address.
    async def monitor(self) -> None:
        health, public = self.browser("127.0.2.1"), self.browser("127.0.2.2")

        async def healthz() -> None:
            started = self.at()
            status, _h, body = await health.request("healthz", "GET", "/healthz")
            try:
                says = json.loads(body).get("status", "")
            except ValueError:
                says = ""
            self.health.append(Health(started, self.at(), status, says))

        while True:
            moment = self.at()
            await asyncio.gather(healthz(), public.request("public page", "GET", self.public_path))
            await self.until(moment + 1.0)

    async def supervise(self) -> None:
        """Restart=always, as the units in deploy/systemd/ ask of systemd."""
        while True:
            await asyncio.sleep(RESTART_SECONDS)
            for name in self.stack.restart_exited():
                self.restarts.append((self.at(), name))

    # The faults.
    def recovered(self, service: str) -> bool:
        back = self.back[service]
        healthy = any(h.started >= back and h.says == "ok" for h in self.health)
        return (
            healthy
            and service in self.task_ran
            and all(
                any(started >= back for started in self.saved_at[pupil.username])
                for pupil in self.pupils
                if pupil.attempt_id
            )
        )

    async def fault(self, service: str, stop, start) -> None:
        self.mark(f"{service} stopped")
        stopped_at = self.at()
        await asyncio.to_thread(stop)
        await self.until(stopped_at + self.options.fault_seconds)
        await asyncio.to_thread(start)
        self.back[service] = self.at()
        self.mark(f"{service} back")
        back, o = self.back[service], self.options
        probe = asyncio.create_task(asyncio.to_thread(task_round_trip, o.bound))
        probe.add_done_callback(
            lambda done: self.task_ran.setdefault(
                service, math.inf if done.cancelled() or done.exception() else done.result()
            )
        )
        while self.at() < back + o.bound and (
            self.at() < back + o.settle_seconds or not self.recovered(service)
        ):
            await asyncio.sleep(0.25)

    async def run(self) -> None:
        self.mark("sign-in and start")
        await self.prepare()
        helpers = [asyncio.create_task(self.monitor()), asyncio.create_task(self.supervise())]
        self.mark("baseline")
        pupils = [
            asyncio.create_task(self.run_pupil(pupil)) for pupil in self.pupils if pupil.attempt_id
        ]
        try:
            await asyncio.sleep(self.options.baseline_seconds)
            await self.fault("Redis", self.redis.stop, self.redis.start)
            await self.fault("PostgreSQL", self.cluster.stop, self.cluster.start)
        finally:
            if not self.redis.running:
                self.redis.start()
            if not self.cluster.running:
                self.cluster.start()
        self.mark("drain and submit")
        self.changing = False
        self.changes_end.set()
        self.drain_until = self.at() + self.options.bound
        await asyncio.gather(*pupils)
        await asyncio.gather(*(self.submit(p) for p in self.pupils if p.attempt_id))
        self.mark("end")
        for helper in helpers:
            helper.cancel()


# The report -----------------------------------------------------------------------------------


def phase_of(drill: FaultDrill, moment: float) -> str:
    name = drill.phases[0][0]
    for phase, began in drill.phases:
        if moment >= began:
            name = phase
    return name


def phase_after(drill: FaultDrill, phase: str) -> str:
    names = [name for name, _b in drill.phases]
    return names[names.index(phase) + 1]


def milliseconds(latencies: list[float], share: float) -> str:
    return f"{contest_day._percentile(latencies, share):.1f}" if latencies else "-"


def phase_lines(drill: FaultDrill) -> tuple[list[str], dict]:
    """A row per phase: requests, autosaves by kind of status, autosave p50/p95."""
    by_phase: dict[str, list] = defaultdict(list)
    for sample in drill.recorder.samples:
        by_phase[phase_of(drill, sample.at - sample.latency)].append(sample)
    kinds: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (phase, operation) -> kinds
    lines = [
        f"{'phase':<18}{'s':>6}{'requests':>9}{'saves':>7}"
        + "".join(f"{k:>{max(6, len(k) + 1)}}" for k in KINDS)
        + f"{'p50 ms':>8}{'p95 ms':>8}"
    ]
    for (phase, began), (_next, ended) in zip(drill.phases, drill.phases[1:], strict=False):
        samples = by_phase[phase]
        saves = [s for s in samples if s.operation == "autosave"]
        for sample in samples:
            kinds[phase, sample.operation][kind(sample.status)] += 1
        ok = [s.latency for s in saves if 200 <= s.status < 300]
        lines.append(
            f"{phase:<18}{ended - began:>6.1f}{len(samples):>9}{len(saves):>7}"
            + "".join(f"{kinds[phase, 'autosave'][k]:>{max(6, len(k) + 1)}}" for k in KINDS)
            + f"{milliseconds(ok, 0.5):>8}{milliseconds(ok, 0.95):>8}"
        )
    lines.append("  (status kinds and latency: autosaves; p50/p95 of the acknowledged ones)")
    for operation in ("healthz", "public page", "submit", "sign-in", "start", "player"):
        seen = {
            phase: dict(kinds[phase, operation])
            for phase, _b in drill.phases
            if kinds[phase, operation]
        }
        if operation == "healthz":
            seen = {
                phase: dict(
                    Counter(h.seen for h in drill.health if phase_of(drill, h.started) == phase)
                )
                for phase in seen
            }
        if seen:
            lines.append(f"{operation}: " + "; ".join(f"{p} {c}" for p, c in seen.items()))
    return lines, kinds


def recovery_lines(drill: FaultDrill) -> tuple[list[str], list[str]]:
    lines, failures = [], []
    bound = drill.options.bound
    samples = drill.recorder.samples
    for service, back in drill.back.items():
        until = dict(drill.phases[1:]).get(phase_after(drill, f"{service} back"), math.inf)
        after = [
            s for s in samples if s.operation == "autosave" and back <= s.at - s.latency < until
        ]
        healthy = [h.at for h in drill.health if h.started >= back and h.says == "ok"]
        acked = [s.at for s in after if 200 <= s.status < 300]
        failed = [s.at for s in after if not 200 <= s.status < 300]
        firsts = [
            min((t for t in drill.saved_at[p.username] if t >= back), default=math.inf)
            for p in drill.pupils
            if p.attempt_id
        ]
        figures = {
            "/healthz ok": min(healthy, default=math.inf) - back,
            "first acknowledged save": min(acked, default=math.inf) - back,
            "every pupil saved again": max(firsts, default=math.inf) - back,
            "the task worker ran a task": drill.task_ran.get(service, math.inf),
        }
        text = ", ".join(f"{name} after {value:.1f} s" for name, value in figures.items())
        last = f"last failed save {max(failed) - back:.1f} s after" if failed else "no save failed"
        lines.append(f"{service} back at {back:.1f} s: {text}; {last} (bound {bound:.0f} s)")
        failures += [
            f"{service}: {name} not within {bound:.0f} s"
            for name, value in figures.items()
            if value > bound
        ]
    return lines, failures


def status_failures(drill: FaultDrill, kinds: dict) -> list[str]:
    """What must not happen in each phase."""
    failures = []
    database_down = ("PostgreSQL stopped",)
    database_restarting = ("PostgreSQL stopped", "PostgreSQL back")
    for (phase, operation), counts in kinds.items():
        where = f"{operation} in {phase}"
        if counts["other 5xx"]:
            failures.append(f"{counts['other 5xx']} × 5xx other than 503 ({where})")
        if counts["502/504"] and phase not in database_down:
            failures.append(f"{counts['502/504']} × 502/504 from nginx ({where})")
        if counts["no answer"]:
            failures.append(f"{counts['no answer']} requests without an answer ({where})")
        if counts["503"] and phase not in database_restarting and operation != "healthz":
            failures.append(f"{counts['503']} × 503 while the database was up ({where})")
        if operation == "public page" and phase == "Redis stopped" and counts["2xx"] == 0:
            failures.append("the public page never answered while Redis was stopped")
    seen = {
        phase: {h.seen for h in drill.health if phase_of(drill, h.started) == phase}
        for phase, _b in drill.phases
    }
    if "200 degraded" not in seen.get("Redis stopped", ()):
        failures.append(f"/healthz never said degraded without Redis: {seen.get('Redis stopped')}")
    if any(s.startswith("503") for s in seen.get("Redis stopped", ())):
        failures.append("/healthz answered 503 without Redis (the site can serve)")
    if not any(s.startswith("503") for s in seen.get("PostgreSQL stopped", ())):
        failures.append(f"/healthz never said 503 without PostgreSQL: {seen['PostgreSQL stopped']}")
    if drill.bad_503:
        failures.append(f"{drill.bad_503} autosave 503s without Retry-After or not JSON")
    return failures


def task_round_trip(bound: float) -> float:
    """Seconds until the task worker has run a task enqueued now (a batch of reach recounts,
    with nothing queued: harmless), or inf when it has not within `bound`. Run in a thread."""
    from django.db import connections
    from django_tasks import TaskResultStatus

    from lms.reach.tasks import refresh_pending_task

    started = time.monotonic()
    try:
        result = refresh_pending_task.enqueue()
        while time.monotonic() - started < bound:
            result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL:
                return time.monotonic() - started
            time.sleep(0.2)
        return math.inf
    finally:
        connections.close_all()


def report(drill: FaultDrill) -> contest_day.Outcome:
    lines, kinds = phase_lines(drill)
    more, failures = recovery_lines(drill)
    lines += [""] + more
    failures += status_failures(drill, kinds)
    started = sum(1 for p in drill.pupils if p.attempt_id)
    refused = [(p.username, op, status) for p in drill.pupils for op, status in p.refused]
    if started != len(drill.pupils):
        failures.append(f"only {started} of {len(drill.pupils)} pupils started")
    if refused:
        failures.append(f"{len(refused)} refusals: {refused[:5]}")
    if drill.unsaved:
        failures.append(f"{drill.unsaved} changes never saved")
    not_submitted = sum(1 for p in drill.pupils if p.attempt_id and p.submitted is None)
    if not_submitted:
        failures.append(f"{not_submitted} pupils could not submit")
    database_failures, figures = contest_day.check_database(drill)
    failures += database_failures
    dead = [name for name, process in drill.stack.processes.items() if process.poll() is not None]
    if dead:
        failures.append(f"not running at the end: {dead}")
    restarts = dict(Counter(name for _at, name in drill.restarts)) or "nothing"
    saves = sum(1 for s in drill.recorder.samples if s.operation == "autosave")
    app_log = sum(
        drill.stack.log(name).count("\n") for name in drill.stack.processes if "app" in name
    )
    lines += [
        "",
        f"pupils {len(drill.pupils)}, started {started}, saves sent {saves}, acknowledged "
        f"answers checked {figures['acknowledged']}, lost {figures['lost']}, wrong value "
        f"{figures['wrong value']}; submitted {figures['submitted']}, scored {figures['scored']}",
        f"changes never saved {drill.unsaved}; refusals {len(refused)}; 503 without "
        f"Retry-After or JSON {drill.bad_503}; restarted as systemd would (Restart=always, "
        f"RestartSec={RESTART_SECONDS:.0f}): {restarts}; app servers' log: {app_log} lines",
    ]
    return contest_day.Outcome(lines, failures)


def run_drill(options: Options) -> contest_day.Outcome:
    folder = Path(tempfile.mkdtemp(prefix="hbd-faults-"))
    os.chmod(folder, 0o755)
    try:
        with Cluster(folder) as cluster, RedisServer(folder) as redis:
            stack = Stack(
                servers=options.servers,
                workers=options.workers,
                postgres=cluster.url,
                redis_url=redis.url,
            )
            with stack:
                return drill_on(options, stack, cluster, redis)
    finally:
        if not os.environ.get("HBD_KEEP_DRILL"):
            shutil.rmtree(folder, ignore_errors=True)


def drill_on(
    options: Options, stack: Stack, cluster: Cluster, redis: RedisServer
) -> contest_day.Outcome:
    os.environ.update(stack.env)
    import django

    django.setup()
    from django.db import connections

    started = time.perf_counter()
    seeded = contest_day.seed(
        contest_day.Options(students=options.students, schools=options.schools)
    )
    contest_day.open_round(
        seeded.round_id, opens_at=time.time() - 60, closes_at=time.time() + 3 * 3600
    )
    connections.close_all()
    print(
        f"seeded in {time.perf_counter() - started:.1f} s; nginx → {options.servers} app "
        f"server(s) × {options.workers} worker(s), PostgreSQL of the drill's own on :"
        f"{cluster.port}, Redis of its own on :{redis.port}; {options.students} pupils of "
        f"{options.schools} schools, a change every {options.every:.1f} s each; faults of "
        f"{options.fault_seconds:.0f} s",
        flush=True,
    )
    drill = FaultDrill(options, seeded, stack, cluster, redis)
    asyncio.run(drill.run())
    try:
        return report(drill)
    finally:
        connections.close_all()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for spec in dataclasses.fields(Options):
        parser.add_argument(
            f"--{spec.name.replace('_', '-')}",
            type=spec.type,
            default=spec.default,
            help=spec.metadata.get("help"),
        )
    contest_day.add_run_arguments(parser, smoke="the size CI runs: 20 pupils, faults of 5 s")
    args = parser.parse_args()
    if args.options:
        options = Options(**json.loads(args.options))
    elif args.smoke:
        options = smoke_options()
    else:
        options = Options(**{name: getattr(args, name) for name in Options.__dataclass_fields__})
    missing = missing_programs()
    if missing:
        print("cannot drill without: " + ", ".join(missing))
        return 2
    return contest_day.print_outcome(run_drill(options), as_json=args.json)


def run_drill_in_a_process(options: Options) -> dict:
    """The drill from the test suite: {"lines": the report, "failures": what did not hold}."""
    return contest_day.run_drill_in_a_process(options, script=__file__)


if __name__ == "__main__":
    sys.exit(main())
