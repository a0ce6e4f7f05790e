"""Start, autosave and submit under load, side by side with a floor, plus in-process scoring speed.

Run on demand (not collected by pytest; needs PostgreSQL on 127.0.0.1:5432, Redis on :6379 and
Debian's nginx):
    .venv/bin/python tests/bench/bench_quiz_load.py [--concurrency 16] [--seconds 10]
        [--servers 2] [--workers 1] [--learners 200] [--attempts 6000] [--rounds 3] [--smoke]

What it does:
  1. starts the platform as deploy/ runs it (tests/bench/stack.py: nginx in front of `--servers`
     app servers of `--workers` sync workers, PostgreSQL, Redis, the task worker) with one extra
     URL: the floor, a bare Django view doing the one indexed upsert an autosave needs
     (tests/bench/load_site.py); throttling stays in the path with a rate that never refuses;
  2. seeds one 20-question quiz, `--learners` students with an open attempt each (autosave),
     `--attempts` open attempts with 20 saved answers (submit) and `--attempts` students who
     have not started (start), each with an API token whose user is kept in the cache as a
     token sign-in keeps it, and each learner's answer pass;
  3. drives it from one asyncio client process at the given concurrency, after an uncounted
     warm-up, in `--rounds` rounds of five phases each: floor; autosave (the learners in turn,
     each sequence number rising) with an API token, through the whole stack; autosave with the
     player's answer pass, which the autosave lane answers (quizzes/answer_lane.py); start and
     submit (each of the round's share of attempts once);
  4. prints requests per second, p50 and p95 latency, CPU per request (gunicorn, PostgreSQL,
     nginx, client) and errors per phase; the throughput of autosave against the floor, start
     and submit against autosave through the whole stack (the yardstick the goals were set
     with), the lane's against the floor, each within its round (the machine's speed drifts
     between rounds) and the median round's; checks that every submitted attempt was scored
     exactly once; then times `scoring.score` on 20-question papers.
Exit status 1 when the median round's autosave falls under 0.5x the floor's throughput, or its
start or submit under 0.4x autosave's, or an autosave p95 exceeds 50 ms; at `--smoke` (CI's
size) only on an error or a submit not scored exactly once. The client shares the machine's
cores with the servers.
"""

import argparse
import asyncio
import json
import math
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.stack import Stack, missing_services  # noqa: E402

QUESTIONS = 20
AUTOSAVE_FLOOR_RATIO_GOAL = 0.5
AUTOSAVE_P95_GOAL_MS = 50.0
HEAVY_AUTOSAVE_RATIO_GOAL = 0.4  # start and submit, each against autosave


def _cpu_seconds(match) -> float:
    """CPU time used so far by the processes whose /proc/<pid>/stat satisfies `match`."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if match(int(pid), name, int(fields[1])):
            # utime + stime, and the children's that have ended (PostgreSQL's backends, workers)
            total += sum(int(value) for value in fields[11:15])
    return total / ticks


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0
    cpu_ms: dict[str, float] = field(default_factory=dict)  # per request, by process kind

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    def line(self) -> str:
        errors = sum(self.errors.values())
        detail = f" {dict(self.errors)}" if errors else ""
        cpu = " ".join(f"{kind} {ms:.2f}" for kind, ms in self.cpu_ms.items())
        return (
            f"{self.name:<19} {len(self.latencies):>6} ok {self.throughput:>8.0f} req/s"
            f"   p50 {self.percentile(0.50):6.1f} ms   p95 {self.percentile(0.95):6.1f} ms"
            f"   CPU ms/request: {cpu}   errors {errors}{detail}"
        )


def stack_environment(threads: int) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "tests.bench.load_site",
        # Throttling stays in the path (it is part of every request's cost) but never refuses.
        "API_THROTTLE_USER": "10000000/minute",
        "API_THROTTLE_ANON": "10000000/minute",
        "GUNICORN_THREADS": str(threads),
    }


def seed(learners: int, submit_attempts: int, starters: int) -> dict:
    """One quiz; `learners` students answering an open attempt each; the open attempts to submit
    (20 answers saved); and the students who start the quiz in the start phase."""
    from decimal import Decimal

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from lms.accounts import signed_in
    from quizzes import answer_pass, services
    from quizzes.models import Answer, Attempt
    from tests.load_quiz import make_load_quiz, make_students

    quiz = make_load_quiz(questions=QUESTIONS)
    students = make_students(learners + submit_attempts + starters, prefix="taibench")
    tokens = Token.objects.bulk_create(
        Token(user=student, key=Token.generate_key()) for student in students
    )
    # Each client has signed in, and a token sign-in keeps its user for the calls that follow
    # (`signed_in.keep_for_token`): a start or a submit finds it, as on contest morning.
    for token in tokens:
        signed_in.user_by_token(token.key)
    now = timezone.now()
    takers = students[: learners + submit_attempts]
    template = services.start_attempt(quiz=quiz, user=takers[0], now=now)
    attempts = [template] + Attempt.objects.bulk_create(
        Attempt(quiz=quiz, user=student, number=1, paper=template.paper, started_at=now)
        for student in takers[1:]
    )
    answers = []
    for attempt in attempts[learners:]:
        for entry in attempt.paper:
            answers.append(
                Answer(
                    attempt=attempt,
                    slot=entry["slot"],
                    value=random.choice(entry["choices"])["id"],
                    sequence=1,
                    saved_at=now,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    choices = [[c["id"] for c in entry["choices"]] for entry in template.paper]
    pairs = [
        (attempt.pk, f"Token {token.key}") for attempt, token in zip(attempts, tokens, strict=False)
    ]
    return {
        "quiz": quiz.pk,
        "autosave": pairs[:learners],
        # The player's way: the pass its page carries, answered by the lane (quizzes/answer_lane).
        "autosave by pass": [
            (attempt.pk, f"{answer_pass.KEYWORD} {answer_pass.issue(attempt, now)}")
            for attempt in attempts[:learners]
        ],
        "submit": pairs[learners:],
        "start": [f"Token {token.key}" for token in tokens[len(takers) :]],
        "choices": choices,
        "marks": Decimal(QUESTIONS),
    }


class Connection:
    """One client's HTTP/1.1 connection, kept alive when the server allows it."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def call(self, method: str, path: str, authorization: str | None, body: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = [
            f"{method} {path} HTTP/1.1",
            "Host: 127.0.0.1",
            "Accept: application/json",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
        ]
        if authorization:
            head.append(f"Authorization: {authorization}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        await self.reader.readexactly(length)
        if close:
            self.writer.close()
            self.reader = self.writer = None
        return status


CPU_KINDS = {
    "gunicorn": lambda pid, name, ppid: name == "gunicorn" or "gunicorn" in name,
    "postgres": lambda pid, name, ppid: name.startswith("postgres"),
    "nginx": lambda pid, name, ppid: name == "nginx",
    "task worker": lambda pid, name, ppid: b"db_worker" in _command_line(pid),
    "client": lambda pid, name, ppid: pid == os.getpid(),
}


async def run_phase(phase: Phase, port: int, jobs, concurrency: int, seconds: float) -> Phase:
    """`jobs(worker)` yields (method, path, token, body) until the phase ends or work runs out."""
    stop_at = time.perf_counter() + seconds
    cpu_before = {kind: _cpu_seconds(match) for kind, match in CPU_KINDS.items()}

    async def worker(index: int) -> None:
        connection = Connection(port)
        for method, path, token, body in jobs(index):
            if time.perf_counter() >= stop_at:
                return
            started = time.perf_counter()
            status = await connection.call(method, path, token, body)
            if 200 <= status < 300:
                phase.latencies.append(time.perf_counter() - started)
            else:
                phase.errors[status] = phase.errors.get(status, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    phase.elapsed = time.perf_counter() - started
    done = max(1, len(phase.latencies))
    phase.cpu_ms = {
        kind: (_cpu_seconds(match) - cpu_before[kind]) * 1000 / done
        for kind, match in CPU_KINDS.items()
    }
    return phase


def autosave_jobs(pairs, choices, floor: bool, sequences: dict[int, int], concurrency: int):
    """Each client answers for its share of the learners in turn, a question at a time, each
    learner's sequence number always rising across phases (as a real player's does), so that
    every save is a real write."""

    def jobs(index: int):
        mine = list(range(index, len(pairs), concurrency))
        turn = 0
        while True:
            learner = mine[turn % len(mine)]
            turn += 1
            attempt_id, authorization = pairs[learner]
            sequence = sequences[learner] = sequences.get(learner, 0) + 1
            slot = 1 + sequence % QUESTIONS
            body = json.dumps(
                {"value": random.choice(choices[slot - 1]), "sequence": sequence}
            ).encode()
            if floor:
                yield "PUT", f"/bench/floor/{attempt_id}/{slot}/", None, body
            else:
                yield "PUT", f"/api/v1/attempts/{attempt_id}/answers/{slot}/", authorization, body

    return jobs


def start_jobs(quiz_id: int, tokens, concurrency: int):
    def jobs(index: int):
        for token in tokens[index::concurrency]:
            yield "POST", f"/api/v1/quizzes/{quiz_id}/attempts/", token, b""

    return jobs


def submit_jobs(pairs, concurrency: int):
    def jobs(index: int):
        for attempt_id, token in pairs[index::concurrency]:
            yield "POST", f"/api/v1/attempts/{attempt_id}/submit/", token, b""

    return jobs


def scoring_throughput(papers_count: int = 20000) -> tuple[float, float]:
    """Papers scored per second, and microseconds per paper, for 20 mixed questions."""
    from decimal import Decimal

    from quizzes.scoring import FrozenQuestion, Kind, MultipleScoring, TextMatching, score

    rng = random.Random(7)
    paper = []
    for slot in range(1, QUESTIONS + 1):
        kind = [Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.SHORT_TEXT, Kind.NUMERIC][
            slot % 5
        ]
        paper.append(
            FrozenQuestion(
                slot=slot,
                kind=kind,
                marks=Decimal(1),
                choice_ids=(1, 2, 3, 4),
                correct_choice_ids=frozenset({1, 3} if kind == Kind.MULTIPLE else {1}),
                multiple_scoring=MultipleScoring.PARTIAL,
                penalty=Decimal("0.25"),
                accepted_answers=("Tổng đài 1800 8065", "1800 8065"),
                matching=TextMatching(
                    ignore_case=True, ignore_spacing=True, ignore_diacritics=True
                ),
                numeric_answer=Decimal(80),
                tolerance=Decimal(1),
            )
        )

    def answer(question):
        if question.kind == Kind.MULTIPLE:
            return rng.sample([1, 2, 3, 4], 2)
        if question.kind == Kind.SHORT_TEXT:
            return rng.choice(["tong dai 1800 8065", "1800  8065", "không biết"])
        if question.kind == Kind.NUMERIC:
            return rng.choice(["80", "79,5", "75"])
        return rng.choice([1, 2, 3, 4])

    answer_sets = [{q.slot: answer(q) for q in paper} for _ in range(papers_count)]
    started = time.perf_counter()
    for answers in answer_sets:
        score(paper, answers)
    elapsed = time.perf_counter() - started
    return papers_count / elapsed, elapsed / papers_count * 1e6


def shares(items: list, rounds: int) -> list[list]:
    """`items` cut into `rounds` consecutive slices, one per round."""
    size = math.ceil(len(items) / rounds)
    return [items[number * size : (number + 1) * size] for number in range(rounds)]


AUTOSAVES = {  # phase: (the learners' credentials, to the floor)
    "floor": ("autosave", True),
    "autosave": ("autosave", False),  # an API client's token: the whole stack
    "autosave by pass": ("autosave by pass", False),  # the player's pass: the lane
}


async def drive(args, data, port: int) -> list[dict[str, Phase]]:
    """Rounds of the floor, the autosaves, start and submit, each phase right after the other:
    a shared machine's speed drifts by a third within minutes, so each ratio compares phases of
    one round, run within the same minute."""
    sequences: dict[int, int] = {}

    def autosaves(name: str):
        credentials, floor = AUTOSAVES[name]
        return autosave_jobs(data[credentials], data["choices"], floor, sequences, args.concurrency)

    # Warm every path up first (imports, connections, caches), uncounted.
    for name in AUTOSAVES:
        await run_phase(Phase("warm-up"), port, autosaves(name), args.concurrency, 2.0)
    rounds = []
    starters, submits = shares(data["start"], args.rounds), shares(data["submit"], args.rounds)
    for number in range(args.rounds):
        phases = {name: autosaves(name) for name in AUTOSAVES}
        phases["start"] = start_jobs(data["quiz"], starters[number], args.concurrency)
        phases["submit"] = submit_jobs(submits[number], args.concurrency)
        done = {}
        for name, jobs in phases.items():
            phase = done[name] = Phase(f"{name} #{number + 1}")
            await run_phase(phase, port, jobs, args.concurrency, args.seconds)
            print(phase.line(), flush=True)
        rounds.append(done)
    return rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--servers", type=int, default=2, help="app servers behind nginx")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    parser.add_argument(
        "--threads", type=int, default=1, help="more than 1: gthread workers (keep-alive)"
    )
    parser.add_argument("--learners", type=int, default=200, help="students who autosave")
    parser.add_argument(
        "--attempts", type=int, default=6000, help="to start, and to submit (all rounds)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="of floor, autosave, start and submit, in turn"
    )
    parser.add_argument("--smoke", action="store_true", help="a few seconds: CI's size")
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.attempts, args.learners, args.rounds = 2.0, 200, 32, 1
    missing = missing_services()
    if missing:
        print("cannot run without: " + ", ".join(missing))
        return 2
    stack = Stack(
        servers=args.servers, workers=args.workers, extra_env=stack_environment(args.threads)
    )
    with stack:
        os.environ.update(stack.env)
        import django

        django.setup()
        started = time.perf_counter()
        data = seed(args.learners, args.attempts, args.attempts)
        print(
            f"seeded in {time.perf_counter() - started:.1f} s: {QUESTIONS} questions, "
            f"{args.learners} learners, {args.attempts} attempts to submit and as many to start"
        )
        from django.db import connections

        connections.close_all()
        kind = f"gthread x {args.threads} threads" if args.threads > 1 else "sync"
        print(
            f"nginx → {args.servers} app server(s) × {args.workers} {kind} workers, PostgreSQL, "
            f"Redis, task worker; client: asyncio, concurrency {args.concurrency}, "
            f"{args.seconds:.0f} s per phase, {args.rounds} round(s)\n"
        )
        port = int(stack.url.rsplit(":", 1)[1])
        rounds = asyncio.run(drive(args, data, port))
        from quizzes.models import Attempt

        submitted = Attempt.objects.filter(submitted_at__isnull=False)
        scored = submitted.filter(score__isnull=False).count()
        submits_ok = sum(len(phases["submit"].latencies) for phases in rounds)
        print(
            f"submitted attempts in the database: {submitted.count()}, scored: {scored}, "
            f"submit responses 2xx: {submits_ok}"
        )
        connections.close_all()
        if scored != submits_ok:
            raise SystemExit("submitted attempts and scores do not match")

    # Each ratio within its round, then the median round's: see drive().
    goals = {  # (numerator, denominator): goal
        ("autosave", "floor"): AUTOSAVE_FLOOR_RATIO_GOAL,
        ("start", "autosave"): HEAVY_AUTOSAVE_RATIO_GOAL,
        ("submit", "autosave"): HEAVY_AUTOSAVE_RATIO_GOAL,
        ("autosave by pass", "floor"): None,  # reported: how near the lane comes to the floor
    }
    print()
    ratios_ok = True
    for (numerator, denominator), goal in goals.items():
        shares_of_rounds = [
            phases[numerator].throughput / phases[denominator].throughput
            if phases[denominator].throughput
            else 0.0
            for phases in rounds
        ]
        median = statistics.median(shares_of_rounds)
        each = ", ".join(f"{share:.2f}" for share in shares_of_rounds)
        wanted = f" (goal >= {goal}x)" if goal is not None else ""
        print(f"{numerator} / {denominator}, by round: {each}; median {median:.2f}x{wanted}")
        ratios_ok = ratios_ok and (goal is None or median >= goal)
    autosave_p95 = max(
        phases[name].percentile(0.95)
        for phases in rounds
        for name in ("autosave", "autosave by pass")
    )
    print(
        f"autosave p95, worst round: {autosave_p95:.1f} ms (goal < {AUTOSAVE_P95_GOAL_MS:.0f} ms)"
    )
    per_second, micros = scoring_throughput()
    print(
        f"scoring in process: {per_second:,.0f} papers of {QUESTIONS} questions per second "
        f"({micros:.0f} µs per paper)"
    )
    errors = sum(sum(p.errors.values()) for phases in rounds for p in phases.values())
    if args.smoke:
        return 0 if not errors else 1  # timing goals are for the full size
    ok = ratios_ok and autosave_p95 < AUTOSAVE_P95_GOAL_MS and not errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
