"""Contest day, drilled: a round that a whole city's schools take together, through nginx and
the app servers of deploy/, with PostgreSQL (or SQLite) and Redis.

Run on demand (needs PostgreSQL on 127.0.0.1:5432 unless --database sqlite, Redis on :6379,
and Debian's nginx):

    .venv/bin/python tests/bench/bench_contest_day.py                   # 3,000 pupils
    .venv/bin/python tests/bench/bench_contest_day.py --database sqlite --servers 1 --students 300
    .venv/bin/python tests/bench/bench_contest_day.py --smoke           # the size CI runs

What it does, from one asyncio client process, to 127.0.0.1 only:
  1. seeds a contest with one round (20 questions and a prediction question), N pupils of M
     schools signed up for it, and a judge; each school's pupils connect from their own address
     (127.0.1.<school>), which nginx passes on in X-Forwarded-For;
  2. over the sign-in window each pupil opens the sign-in page, signs in (3% type a wrong
     password first) and opens the round's page, which waits with a countdown; the judge signs
     in and watches the round's live dashboard every 15 s;
  3. when the round opens, every pupil starts within one minute (30% load the round's page
     again first: their tab was closed), then
     autosaves an answer every 10-20 s with rising sequence numbers, as the player does; 5% lose
     their link for 30 s, keep their changes in a queue and replay it when it comes back;
  4. in the round's last minute the pupils submit (with a prediction), answered with their result,
     except 3% who never submit: the task worker's every-minute run closes them after the
     deadline;
  5. afterwards it checks the database: every acknowledged answer stored with its latest value,
     every attempt scored exactly once and as its answers say, no 5xx, no pupil refused (429 or
     any other 4xx); and prints per operation the rate, p50/p95/p99 and errors, the worst
     minute, and the CPU used by nginx, the app servers, the task worker, PostgreSQL and Redis:
     per request and per pupil-minute of the round.
Exit status 1 when a check fails or the worst minute's autosave p95 passes 300 ms or start p95
passes 1 s. The client shares the machine with the servers: the figures are for the box.
"""

import argparse
import asyncio
import json
import math
import os
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.stack import (  # noqa: E402
    Stack,
    missing_services,
    scrape,
    total,
)
from tests.bench.stall_watch import Watch  # noqa: E402

PASSWORD = "ngay-hoi-thi-2026"
QUESTIONS = 20
AUTOSAVE_P95_GOAL_MS = 300.0
START_P95_GOAL_MS = 1000.0
JUDGE_EVERY = 15.0
CPU_KINDS = ("nginx", "app", "worker", "postgres", "redis", "client")
OPERATIONS = (
    "sign-in page",
    "sign-in",
    "judge",
    "round page",
    "start",  # answered with the player
    "autosave",
    "submit",  # answered with the result page
)


@dataclass
class Options:
    students: int = 3000
    schools: int = 6
    sign_in_seconds: float = 600.0
    round_seconds: float = 900.0
    servers: int = 2
    workers: int = 1
    database: str = "postgres"
    drop_share: float = 0.05
    never_submit_share: float = 0.03
    typo_share: float = 0.03
    start_window: float = 60.0  # everyone starts within this many seconds of the opening
    submit_window: float = 60.0  # and submits within the round's last this many seconds
    # Pupils open the round's page after signing in; these load it again in the start minute.
    reopen_share: float = 0.3
    seed: int = 2026
    timeline: str = ""  # a file for the stall watch's every half second, as JSON lines


# Seeding -------------------------------------------------------------------------------------


@dataclass
class Seeded:
    round_id: int
    round_path: str
    judge: str
    pupils: list[tuple[str, int]]  # username, school number


def seed(options: Options) -> Seeded:
    """The contest, its round, the schools, the pupils (signed up) and a judge."""
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from lms.accounts.models import Role, School, User
    from quizzes.contests.pages import ContestAudience
    from quizzes.contests.records import ContestEntry
    from tests import pages
    from tests.factories import make_area
    from tests.load_quiz import make_load_quiz, make_students

    city = make_area("Thành phố Cần Thơ")
    schools = [
        School.objects.create(
            name=f"Trường THCS Diễn tập {n + 1}",
            level=School.Level.LOWER_SECONDARY,
            area=make_area(f"Phường Diễn tập {n + 1}", parent=city),
        )
        for n in range(options.schools)
    ]
    hashed = make_password(PASSWORD)  # one real Argon2 hash, shared: seeding stays quick
    judge = User.objects.create(
        username="giamkhao-dientap", display_name="Giám khảo", password=hashed
    )
    judge.groups.add(Group.objects.get_or_create(name=Role.JUDGE)[0])
    contest = pages.contest(
        title="Hội thi Tìm hiểu bình đẳng giới — diễn tập",
        audience=ContestAudience.PUBLIC,
        judges=[judge],
    )
    bank = make_load_quiz(questions=QUESTIONS)
    now = timezone.now()
    round_ = pages.contest_round(
        contest,
        *[row.question for row in bank.fixed_questions.order_by("sort_order")],
        number=1,
        attempts_allowed=1,
        shuffle_questions=True,
        shuffle_choices=True,
        review_when="after_close",
        prediction_question="Bao nhiêu thí sinh trả lời đúng tất cả các câu?",
        opens_at=now + timedelta(days=1),  # the drill opens it when the clients are ready
        closes_at=now + timedelta(days=2),
    )
    pupils = []
    per_school = math.ceil(options.students / options.schools)
    for number, school in enumerate(schools):
        count = min(per_school, options.students - len(pupils))
        made = make_students(count, prefix=f"dt{number + 1}-", password=hashed, school=school)
        ContestEntry.objects.bulk_create(
            ContestEntry(contest=contest, user=user, school=school, signed_up_at=now)
            for user in made
        )
        pupils += [(user.username, number + 1) for user in made]
    return Seeded(round_.pk, urlparse(round_.url).path, judge.username, pupils)


def open_round(round_id: int, *, opens_at: float, closes_at: float) -> None:
    from datetime import UTC, datetime

    from quizzes.contests.pages import ContestRound

    round_ = ContestRound.objects.get(pk=round_id)
    round_.opens_at = datetime.fromtimestamp(opens_at, UTC)
    round_.closes_at = datetime.fromtimestamp(closes_at, UTC)
    round_.save_revision().publish()


# The client ----------------------------------------------------------------------------------


@dataclass
class Sample:
    operation: str
    at: float  # seconds since the drill began, when the answer came
    latency: float
    status: int  # 0: no answer (the link failed)


class Recorder:
    def __init__(self, began: float):
        self.began = began
        self.samples: list[Sample] = []
        self.in_flight: dict[object, float] = {}  # a request not yet answered → when it was sent

    def add(self, operation: str, started: float, status: int) -> None:
        ended = time.monotonic()
        self.samples.append(Sample(operation, ended - self.began, ended - started, status))


class Browser:
    """One phone: its own connection from its school's address, its cookies, HTTP/1.1."""

    def __init__(self, port: int, address: str, recorder: Recorder, timeout: float | None = None):
        self.port, self.address, self.recorder = port, address, recorder
        self.timeout = timeout  # seconds to wait for an answer; None: as long as it takes
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    def drop(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def _exchange(self, head: bytes, body: bytes) -> tuple[int, dict, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                "127.0.0.1", self.port, local_addr=(self.address, 0)
            )
        self.writer.write(head + body)
        await self.writer.drain()
        line = await self.reader.readline()
        if not line:
            raise ConnectionResetError("closed before an answer")
        status = int(line.split()[1])
        headers: dict[str, list[str]] = defaultdict(list)
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()].append(value.strip())
        if "chunked" in headers.get("transfer-encoding", [""])[0]:
            content = b""
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                content += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            length = int(headers.get("content-length", ["0"])[0])
            content = await self.reader.readexactly(length) if length else b""
        if "close" in headers.get("connection", [""])[0].lower():
            self.drop()
        return status, headers, content

    async def request(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        form=None,
        json_body=None,
        csrf="",
        answer_pass="",
    ) -> tuple[int, dict, bytes]:
        body = b""
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Accept-Language: vi"]
        if form is not None:
            body = urlencode(form).encode()
            lines.append("Content-Type: application/x-www-form-urlencoded")
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            lines += ["Content-Type: application/json", "Accept: application/json"]
        if method != "GET":
            lines.append(f"Content-Length: {len(body)}")
        if csrf:
            lines.append(f"X-CSRFToken: {csrf}")
        if answer_pass:
            lines.append(f"Authorization: Attempt {answer_pass}")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        head = ("\r\n".join(lines) + "\r\n\r\n").encode()
        started = time.monotonic()
        token = object()
        self.recorder.in_flight[token] = started
        try:
            return await self._send(operation, head, body, started)
        finally:
            del self.recorder.in_flight[token]

    async def _send(
        self, operation: str, head: bytes, body: bytes, started: float
    ) -> tuple[int, dict, bytes]:
        for again in (False, True):
            fresh = self.writer is None
            try:
                status, headers, content = await asyncio.wait_for(
                    self._exchange(head, body), self.timeout
                )
                break
            except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
                self.drop()
                # A kept-alive connection closed by the server while idle: send once more, as a
                # browser does. A fresh connection that fails, or no answer in time, is a failure.
                if fresh or again or isinstance(error, TimeoutError):
                    self.recorder.add(operation, started, 0)
                    return 0, {}, b""
        for cookie in headers.get("set-cookie", []):
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.recorder.add(operation, started, status)
        return status, headers, content


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(rb'name="slot-(\d+)" value="(\d+)"')
PLAYER_ATTEMPT = re.compile(rb'<form id="player"[^>]*data-attempt="(\d+)"')
ANSWER_PASS = re.compile(rb'data-answer-pass="([^"]+)"')
# The score as the result page shows it ("12 trên 20 điểm", "12,5 trên 20 điểm").
SHOWN_SCORE = re.compile(rb'<p class="result-score">(\d+(?:,\d+)?) ')


@dataclass
class Pupil:
    username: str
    school: int
    sign_in_at: float
    start_at: float
    submit_at: float | None  # None: never submits (the deadline closes the attempt)
    typo: bool
    drop_at: float | None
    browser: Browser = None
    attempt_id: int = 0
    choices: dict[int, list[int]] = field(default_factory=dict)
    sequence: int = 0
    sent: dict[int, object] = field(default_factory=dict)  # sequence -> value
    acknowledged: dict[int, tuple[int, object]] = field(default_factory=dict)  # slot -> (seq, v)
    refused: list[tuple[str, int]] = field(default_factory=list)
    submitted: str | None = None  # the score the result page showed ("12.50"), "" if none
    csrf: str = ""
    answer_pass: str = ""  # the player's pass for its autosaves (quizzes/answer_pass.py)
    page_token: str = ""  # the start form's CSRF token, from the round page
    reopens: bool = False  # loads the round page again at the start (the tab was closed)


async def sign_in(browser: Browser, username: str, password: str) -> int | None:
    """The sign-in page, then the form sent: the sign-in's status (302 when it worked), None
    when the page did not come."""
    status, _h, page = await browser.request("sign-in page", "GET", "/accounts/login/")
    token = CSRF_FIELD.search(page)
    if status != 200 or token is None:
        return None
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
    status, _h, _b = await browser.request("sign-in", "POST", "/accounts/login/", form=form)
    return status


async def open_round_page(pupil: Pupil, seeded: Seeded) -> tuple[str, int] | None:
    """The round's page, with the pupil's browser: before the opening it waits with a countdown
    and the start form. Keeps the form's CSRF token; returns ("round page", status) if refused."""
    status, _h, page = await pupil.browser.request("round page", "GET", seeded.round_path)
    token = CSRF_FIELD.search(page)
    if status != 200 or token is None:
        return "round page", status
    pupil.page_token = token[1].decode()
    return None


async def start_attempt(pupil: Pupil, seeded: Seeded) -> tuple[str, int] | None:
    """The start (the round page's form), answered with the player: fills in the pupil's
    attempt, CSRF token and choices; returns ("start", status) if refused, None if not."""
    path = f"/quizzes/{seeded.round_id}/start/"
    status, _h, page = await pupil.browser.request(
        "start", "POST", path, form={"csrfmiddlewaretoken": pupil.page_token}
    )
    match = PLAYER_ATTEMPT.search(page)
    if status != 200 or match is None:
        return "start", status
    pupil.attempt_id = int(match[1])
    pupil.csrf = CSRF_FIELD.search(page)[1].decode()
    pupil.answer_pass = ANSWER_PASS.search(page)[1].decode()
    for slot, choice in CHOICE.findall(page):
        pupil.choices.setdefault(int(slot), []).append(int(choice))
    return None


def refused(status: int) -> bool:
    """An answer the player does not try again (no answer, 429 and 5xx it does), not a 2xx."""
    return status not in (0, 429) and 300 <= status < 500


async def submit_attempt(pupil: Pupil, *, waits) -> int:
    """Submit with a prediction, as the player does once every answer is saved (the form's post
    marked `answers_sent`), answered with the result page: tried again after each of `waits` (s)
    while the answer is none, 429 or a 5xx. The last status; the score shown in
    `pupil.submitted`."""
    path = f"/attempts/{pupil.attempt_id}/submit/"
    form = {"csrfmiddlewaretoken": pupil.csrf, "answers_sent": "1", "prediction": "42"}
    status = 0
    for wait in waits:
        status, _h, page = await pupil.browser.request("submit", "POST", path, form=form)
        if status == 200:
            shown = SHOWN_SCORE.search(page)
            score = f"{float(shown[1].replace(b',', b'.')):.2f}" if shown else ""
            pupil.submitted = score
            return status
        if refused(status):
            return status
        await asyncio.sleep(wait)
    return status


class Drill:
    def __init__(self, options: Options, seeded: Seeded, stack: Stack):
        self.options, self.seeded, self.stack = options, seeded, stack
        self.port = int(stack.url.rsplit(":", 1)[1])
        self.random = random.Random(options.seed)
        self.began = time.monotonic()
        self.recorder = Recorder(self.began)
        self.round_opens = options.sign_in_seconds
        self.round_closes = options.sign_in_seconds + options.round_seconds
        self.pupils = [self._pupil(name, school) for name, school in seeded.pupils]
        self.judge_views = 0
        self.saved = 0  # autosaves answered "saved"
        self.cpu: dict[str, dict[str, float]] = {}
        self.meter = CpuMeter(stack)
        self.watch = Watch(
            stack=stack, meter=self.meter, in_flight=self.recorder.in_flight, began=self.began
        )

    def _pupil(self, username: str, school: int) -> Pupil:
        r, o = self.random, self.options
        submits = r.random() >= o.never_submit_share
        drop_at = None
        if r.random() < o.drop_share:  # the link drops once, after starting, before the end
            earliest = self.round_opens + o.start_window
            drop_at = r.uniform(earliest, max(earliest, self.round_closes - o.submit_window - 30))
        return Pupil(
            username=username,
            school=school,
            sign_in_at=r.uniform(0, o.sign_in_seconds * 0.9),
            start_at=self.round_opens + r.uniform(0, o.start_window),
            submit_at=self.round_closes - r.uniform(2, o.submit_window) if submits else None,
            typo=r.random() < o.typo_share,
            drop_at=drop_at,
            reopens=r.random() < o.reopen_share,
        )

    def at(self) -> float:
        return time.monotonic() - self.began

    async def until(self, moment: float) -> None:
        await asyncio.sleep(max(0.0, moment - self.at()))

    def refuse(self, pupil: Pupil, operation: str, status: int) -> None:
        pupil.refused.append((operation, status))

    async def sign_in(self, browser: Browser, username: str, password: str, who=None) -> bool:
        status = await sign_in(browser, username, password)
        if status is None:
            return False
        if status != 302 and who is not None and password == PASSWORD:
            self.refuse(who, "sign-in", status)
        return status == 302

    async def run_pupil(self, pupil: Pupil) -> None:
        pupil.browser = browser = Browser(self.port, f"127.0.1.{pupil.school}", self.recorder)
        await self.until(pupil.sign_in_at)
        if pupil.typo:
            await self.sign_in(browser, pupil.username, "mat-khau-go-nham")
            await asyncio.sleep(self.random.uniform(3, 8))
        if not await self.sign_in(browser, pupil.username, PASSWORD, pupil):
            return
        # The round's page waits with a countdown; its start button works at the opening.
        refused = await open_round_page(pupil, self.seeded)
        if refused is not None:
            self.refuse(pupil, *refused)
            return
        browser.drop()  # the phone sleeps until the round
        await self.until(pupil.start_at)
        if not await self.start(pupil):
            return
        await self.answer(pupil)
        if pupil.submit_at is not None:
            await self.submit(pupil)
        browser.drop()

    async def start(self, pupil: Pupil) -> bool:
        refused = None
        if pupil.reopens:
            refused = await open_round_page(pupil, self.seeded)
        if refused is None:
            refused = await start_attempt(pupil, self.seeded)
        if refused is not None:
            self.refuse(pupil, *refused)
        return refused is None

    async def answer(self, pupil: Pupil) -> None:
        """Autosave every 10-20 s until the submit (or the last minute); changes made while the
        link is down wait in a queue, one per question, and are replayed when it comes back."""
        stop = pupil.submit_at
        if stop is None:  # stops answering before the end and never submits
            stop = self.round_closes - self.options.submit_window
        queue: dict[int, tuple[int, object]] = {}
        offline_until = None
        while True:
            moment = self.at() + self.random.uniform(10, 20)
            if moment >= stop:
                break
            await self.until(moment)
            if pupil.drop_at is not None and offline_until is None and self.at() >= pupil.drop_at:
                offline_until = pupil.drop_at + 30
                pupil.browser.drop()
            slot = self.random.choice(sorted(pupil.choices))
            value = self.random.choice(pupil.choices[slot])
            pupil.sequence += 1
            queue.pop(slot, None)
            queue[slot] = (pupil.sequence, value)
            if offline_until is not None and self.at() < offline_until:
                continue
            await self.flush(pupil, queue)
        if offline_until is not None:
            await self.until(offline_until)
        await self.flush(pupil, queue)

    async def flush(self, pupil: Pupil, queue: dict) -> None:
        for slot, (sequence, value) in sorted(queue.items(), key=lambda item: item[1][0]):
            pupil.sent[sequence] = value
            path = f"/api/v1/attempts/{pupil.attempt_id}/answers/{slot}/"
            for wait in (1, 2, 4, 8, 0):  # the player retries with a growing wait
                status, _h, body = await pupil.browser.request(
                    "autosave",
                    "PUT",
                    path,
                    json_body={"value": value, "sequence": sequence},
                    csrf=pupil.csrf,
                    answer_pass=pupil.answer_pass,
                )
                if status == 200:
                    if json.loads(body).get("saved"):
                        pupil.acknowledged[slot] = (sequence, value)
                        self.saved += 1
                    break
                if status not in (0, 429) and status < 500:
                    self.refuse(pupil, "autosave", status)
                    break
                await asyncio.sleep(wait)
            del queue[slot]

    async def submit(self, pupil: Pupil) -> None:
        await self.until(pupil.submit_at)
        status = await submit_attempt(pupil, waits=(3, 3, 3, 0))
        if refused(status):
            self.refuse(pupil, "submit", status)

    async def run_judge(self) -> None:
        browser = Browser(self.port, "127.0.2.1", self.recorder)
        if not await self.sign_in(browser, self.seeded.judge, PASSWORD):
            raise SystemExit("the judge could not sign in")
        await self.until(self.round_opens)
        while self.at() < self.round_closes + 30:
            status, _h, _b = await browser.request(
                "judge", "GET", f"/judge/rounds/{self.seeded.round_id}/"
            )
            self.judge_views += status == 200
            await asyncio.sleep(JUDGE_EVERY)

    def wait_for_deadline_closes(self, *, longest: float = 90.0) -> None:
        """Until the task worker's every-minute run has closed the attempts left open past the
        deadline's grace (the first second 0 after it), or `longest` seconds."""
        from django.db import connection

        from quizzes.models import Attempt

        left = Attempt.objects.filter(quiz_id=self.seeded.round_id, submitted_at__isnull=True)
        waited = time.monotonic()
        try:
            while left.exists() and time.monotonic() - waited < longest:
                time.sleep(1)
        finally:
            connection.close()  # this thread's own

    def mark_cpu(self, moment: str) -> None:
        self.cpu[moment] = self.meter.read()

    async def run(self) -> None:
        end = self.round_closes + 62  # the deadline's grace minute
        meter = asyncio.create_task(self.watch.run())
        self.mark_cpu("began")
        tasks = [asyncio.create_task(self.run_pupil(pupil)) for pupil in self.pupils]
        tasks.append(asyncio.create_task(self.run_judge()))

        async def marks() -> None:
            await self.until(self.round_opens)
            self.mark_cpu("round opens")
            await self.until(self.round_opens + self.options.start_window)
            self.mark_cpu("starts done")
            await self.until(self.round_closes - self.options.submit_window)
            self.mark_cpu("submits begin")
            await self.until(self.round_closes)
            self.mark_cpu("round closes")

        tasks.append(asyncio.create_task(marks()))
        await asyncio.gather(*tasks)
        await self.until(end)
        await asyncio.to_thread(self.wait_for_deadline_closes)
        self.mark_cpu("ended")
        meter.cancel()


class CpuMeter:
    """CPU seconds used by each kind of process, read from /proc every half second by the stall
    watch: PostgreSQL backends come and go, so each process is followed while it lives (what one
    uses in its last half second before exiting is missed)."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.seen: dict[int, tuple[str, float]] = {}  # pid -> kind, CPU seconds last read
        self.total: dict[str, float] = defaultdict(float)
        self.ticks = os.sysconf("SC_CLK_TCK")

    def _kind(self, pid: int, name: str, members: dict[int, str]) -> str | None:
        if pid in members:
            return members[pid]
        if name.startswith("postgres"):
            return "postgres"
        if name.startswith("redis-server"):
            return "redis"
        if pid == os.getpid():
            return "client"
        return None

    def read(self) -> dict[str, float]:
        members = {pid: kind for kind, pids in self.stack.pids().items() for pid in pids}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            kind = self._kind(int(pid), name, members)
            if kind is None:
                continue
            used = (int(fields[11]) + int(fields[12])) / self.ticks
            _kind, before = self.seen.get(int(pid), (kind, used if not self.total else 0.0))
            self.total[kind] += used - before
            self.seen[int(pid)] = (kind, used)
        return {kind: self.total[kind] for kind in CPU_KINDS}


# Checks and report ---------------------------------------------------------------------------


@dataclass
class Outcome:
    lines: list[str]
    failures: list[str]


def check_database(drill: Drill) -> tuple[list[str], dict]:
    """Every acknowledged answer kept with its latest value; every attempt scored once."""
    from quizzes import papers, scoring
    from quizzes.models import Answer, Attempt

    failures, figures = [], defaultdict(int)
    by_user = defaultdict(list)
    for attempt in Attempt.objects.filter(quiz_id=drill.seeded.round_id).select_related("user"):
        by_user[attempt.user.username].append(attempt)
    answers = defaultdict(dict)
    for attempt_id, slot, value, sequence in Answer.objects.filter(
        attempt__quiz_id=drill.seeded.round_id
    ).values_list("attempt_id", "slot", "value", "sequence"):
        answers[attempt_id][slot] = (sequence, value)
    for pupil in drill.pupils:
        if not pupil.attempt_id:
            continue
        attempts = by_user[pupil.username]
        if len(attempts) != 1:
            failures.append(f"{pupil.username} has {len(attempts)} attempts")
            continue
        attempt = attempts[0]
        stored = answers[attempt.pk]
        for slot, (sequence, _value) in pupil.acknowledged.items():
            figures["acknowledged"] += 1
            kept = stored.get(slot)
            if kept is None or kept[0] < sequence:
                figures["lost"] += 1
            elif kept[1] != pupil.sent.get(kept[0]):
                figures["wrong value"] += 1
        if attempt.submitted_at is None or attempt.score is None:
            failures.append(f"attempt {attempt.pk} of {pupil.username} was never scored")
            continue
        values = {slot: value for slot, (_seq, value) in stored.items()}
        result = scoring.score([papers.frozen_question(e) for e in attempt.paper], values)
        if result.score != attempt.score:
            failures.append(f"attempt {attempt.pk}: stored {attempt.score}, answers {result.score}")
        if pupil.submitted is not None:
            figures["submitted"] += 1
            if pupil.submitted != f"{attempt.score:.2f}":
                failures.append(f"attempt {attempt.pk}: its result page showed {pupil.submitted}")
        else:
            figures["closed by the deadline"] += attempt.closed_by_deadline
            if not attempt.closed_by_deadline:
                failures.append(f"attempt {attempt.pk} was not closed by the deadline")
        figures["scored"] += 1
    for name in ("lost", "wrong value"):
        if figures[name]:
            failures.append(f"{figures[name]} acknowledged answers {name}")
    return failures, figures


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(drill: Drill) -> Outcome:
    o = drill.options
    lines, failures = [], []
    samples = drill.recorder.samples
    by_op = defaultdict(list)
    for sample in samples:
        by_op[sample.operation].append(sample)
    lines.append(
        f"{'operation':<13}{'ok':>7}{'rate/s':>8}{'peak/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}  worst minute (p95 ms)  errors"
    )
    worst: dict[str, tuple[int, float]] = {}
    for operation in OPERATIONS:
        rows = by_op.get(operation, [])
        ok = [s for s in rows if 200 <= s.status < 400]
        if not rows:
            continue
        span = max(1.0, max(s.at for s in rows) - min(s.at - s.latency for s in rows))
        minutes = defaultdict(list)
        for s in ok:
            minutes[int(s.at // 60)].append(s.latency)
        peak = max((len(v) for v in minutes.values()), default=0) / 60
        busy = {m: _percentile(v, 0.95) for m, v in minutes.items() if len(v) >= 20}
        if busy:
            minute = max(busy, key=busy.get)
            worst[operation] = (minute, busy[minute])
        errors = defaultdict(int)
        for s in rows:
            if not 200 <= s.status < 400:
                errors[s.status or "no answer"] += 1
        latencies = [s.latency for s in ok]
        worst_text = ""
        if operation in worst:
            worst_text = f"minute {worst[operation][0]:>3}: {worst[operation][1]:7.1f}"
        lines.append(
            f"{operation:<13}{len(ok):>7}{len(ok) / span:>8.1f}{peak:>8.1f}"
            f"{_percentile(latencies, 0.5):>9.1f}{_percentile(latencies, 0.95):>9.1f}"
            f"{_percentile(latencies, 0.99):>9.1f}  {worst_text:<21}  {dict(errors) or ''}"
        )
    server_errors = sum(1 for s in samples if s.status >= 500)
    no_answer = sum(1 for s in samples if s.status == 0)
    refused = [(p.username, op, status) for p in drill.pupils for op, status in p.refused]
    throttled = sum(1 for _u, _op, status in refused if status == 429)
    if server_errors:
        failures.append(f"{server_errors} answers with a 5xx status")
    if no_answer:
        failures.append(f"{no_answer} requests got no answer")
    if refused:
        failures.append(f"{len(refused)} pupils refused ({throttled} with 429): {refused[:5]}")
    started = sum(1 for p in drill.pupils if p.attempt_id)
    if started != len(drill.pupils):
        failures.append(f"only {started} of {len(drill.pupils)} pupils started")
    if drill.judge_views == 0:
        failures.append("the judge never saw the live dashboard")
    database_failures, figures = check_database(drill)
    failures += database_failures
    lines.append(
        f"\npupils {len(drill.pupils)} (schools {o.schools}), started {started}, submitted "
        f"{figures['submitted']}, closed by the deadline {figures['closed by the deadline']}, "
        f"scored {figures['scored']}; acknowledged answers {figures['acknowledged']}, lost "
        f"{figures['lost']}; 5xx {server_errors}; refused {len(refused)} (429: {throttled}); "
        f"judge dashboard views {drill.judge_views}"
    )
    autosave, start = worst.get("autosave", (0, 0.0))[1], worst.get("start", (0, 0.0))[1]
    lines.append(
        f"worst minute: autosave p95 {autosave:.1f} ms (goal < {AUTOSAVE_P95_GOAL_MS:.0f}), "
        f"start p95 {start:.1f} ms (goal < {START_P95_GOAL_MS:.0f})"
    )
    if autosave >= AUTOSAVE_P95_GOAL_MS:
        failures.append(f"autosave p95 {autosave:.0f} ms in the worst minute")
    if start >= START_P95_GOAL_MS:
        failures.append(f"start p95 {start:.0f} ms in the worst minute")
    lines += metrics_lines(drill, samples, figures, failures)
    lines += cpu_lines(drill, samples)
    lines += drill.watch.report()
    if o.timeline:
        drill.watch.write(o.timeline)
        lines.append(f"  every half second written to {o.timeline}")
    return Outcome(lines, failures)


# What the drill's client did, and the view and method that answer it on the servers.
COUNTED_VIEWS = {
    "sign-in": ("accounts:login", "POST"),
    "start": ("quizzes:start", "POST"),
    "autosave": ("api:attempt-answer", "PUT"),
    "submit": ("quizzes:submit", "POST"),
}


def counting_workers(stack: Stack) -> int:
    """Gunicorn workers that wrote counts (a file each in their server's metrics folder,
    deploy/gunicorn.conf.py); the servers' own processes, which serve nothing, left out."""
    masters = {stack.processes[name].pid for name in stack.processes if name.startswith("app")}
    workers = stack.pids().get("app", set()) - masters
    files = Path("/dev/shm").glob("hocbinhdang-app-metrics-*/counter_*.db")
    return len({int(f.stem.split("_")[1]) for f in files} & workers)


def metrics_lines(drill: Drill, samples: list[Sample], figures: dict, failures: list) -> list[str]:
    """What the operators' metrics said, beside what the drill counted itself: each app
    server's /metrics adds up all of its gunicorn workers, the task worker's page adds the
    every-minute commands' counts; a count that differs is a failure."""
    apps = [scrape(f"{url}/metrics") for url in drill.stack.app_urls]
    worker = scrape(drill.stack.worker_metrics_url)

    def counted(name: str, pages=apps, **labels) -> int:
        return int(sum(total(page, name, **labels) for page in pages))

    pairs = {
        f"{operation} requests": (
            sum(1 for s in samples if s.operation == operation and s.status),
            counted("hocbinhdang_http_requests_total", view=view, method=method),
        )
        for operation, (view, method) in COUNTED_VIEWS.items()
    }
    pairs["sign-ins ok"] = (
        sum(1 for s in samples if s.operation == "sign-in" and s.status == 302),
        counted("hocbinhdang_sign_ins_total", outcome="ok"),
    )
    pairs["attempts started"] = (
        sum(1 for p in drill.pupils if p.attempt_id),
        counted("hocbinhdang_attempts_started_total"),
    )
    pairs["answers saved"] = (drill.saved, counted("hocbinhdang_answers_saved_total"))
    pairs["submits"] = (figures["submitted"], counted("hocbinhdang_attempts_submitted_total"))
    pairs["closed by the deadline"] = (
        figures["closed by the deadline"],
        counted("hocbinhdang_attempts_closed_overdue_total", pages=[*apps, worker]),
    )
    for name, (drill_count, metric) in pairs.items():
        if drill_count != metric:
            failures.append(f"metrics count {metric} {name}, the drill {drill_count}")
    live = counted("hocbinhdang_live_figures_duration_seconds_count", pages=[worker])
    tasks = counted("hocbinhdang_tasks_finished_total", pages=[worker], status="successful")
    if drill.judge_views and not live:
        failures.append("the worker's metrics show no live figures computed")
    requests = counted("hocbinhdang_http_requests_total")
    queries = counted("hocbinhdang_db_queries_total")
    writers = counting_workers(drill.stack)
    if drill.options.workers > 1 and writers < 2:
        failures.append(f"only {writers} gunicorn worker(s) counted: the drill shows no adding up")
    return [
        f"\nmetrics (/metrics of {len(apps)} app servers, all workers, and the task worker's): "
        + ", ".join(f"{name} {metric}" for name, (_c, metric) in pairs.items())
        + f"; tasks done {tasks}, live figures computed {live}; {requests} requests (counted by "
        f"{writers} gunicorn workers) made {queries} queries ({queries / max(1, requests):.1f} "
        "each); "
        + ("every count as the drill's" if all(a == b for a, b in pairs.values()) else "MISMATCH")
    ]


def cpu_lines(drill: Drill, samples: list[Sample]) -> list[str]:
    cpu = drill.cpu

    def used(first: str, last: str) -> dict[str, float]:
        return {kind: cpu[last][kind] - cpu[first][kind] for kind in CPU_KINDS}

    o = drill.options
    round_requests = sum(
        1 for s in samples if drill.round_opens <= s.at - s.latency < drill.round_closes
    )
    in_round = used("round opens", "round closes")
    server = sum(v for k, v in in_round.items() if k != "client")
    pupil_minutes = len(drill.pupils) * o.round_seconds / 60
    sign_ins = sum(1 for s in samples if s.operation == "sign-in" and s.status == 302)
    signing = used("began", "round opens")
    signing_server = sum(v for k, v in signing.items() if k != "client")
    whole = used("began", "ended")
    starting = used("round opens", "starts done")
    submitting = used("submits begin", "round closes")
    return [
        "\nCPU seconds used, by process kind:",
        "  " + "  ".join(f"{kind} {whole[kind]:.1f}" for kind in CPU_KINDS) + " (whole drill)",
        f"  sign-in window: {signing_server:.1f} s server CPU for {sign_ins} sign-ins = "
        f"{signing_server / max(1, sign_ins) * 1000:.1f} ms per sign-in (Argon2id included)",
        f"  round: {server:.1f} s server CPU for {round_requests} requests = "
        f"{server / max(1, round_requests) * 1000:.2f} ms per request; "
        f"{server / pupil_minutes * 1000:.1f} ms per pupil-minute "
        f"({', '.join(f'{k} {v / pupil_minutes * 1000:.1f}' for k, v in in_round.items())})",
        f"  start window ({o.start_window:.0f} s, out of {o.start_window * 2:.0f} CPU-seconds "
        "on 2 cores): " + "  ".join(f"{kind} {starting[kind]:.1f}" for kind in CPU_KINDS),
        f"  submit window (the last {o.submit_window:.0f} s, out of {o.submit_window * 2:.0f}): "
        + "  ".join(f"{kind} {submitting[kind]:.1f}" for kind in CPU_KINDS),
    ]


def run_drill(options: Options) -> Outcome:
    stack = Stack(database=options.database, servers=options.servers, workers=options.workers)
    with stack:
        os.environ.update(stack.env)
        import django

        django.setup()
        started = time.perf_counter()
        seeded = seed(options)
        from django.db import connections

        connections.close_all()
        print(
            f"seeded in {time.perf_counter() - started:.1f} s; nginx → {options.servers} app "
            f"server(s) × {options.workers} worker(s), {options.database}, Redis; "
            f"{options.students} pupils of {options.schools} schools, sign-in over "
            f"{options.sign_in_seconds:.0f} s, round of {options.round_seconds:.0f} s",
            flush=True,
        )
        drill = Drill(options, seeded, stack)
        began_wall = time.time() - drill.at()
        open_round(
            seeded.round_id,
            opens_at=began_wall + drill.round_opens,
            closes_at=began_wall + drill.round_closes,
        )
        asyncio.run(drill.run())
        outcome = report(drill)
        connections.close_all()
        return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = Options()
    parser.add_argument("--students", type=int, default=defaults.students)
    parser.add_argument("--schools", type=int, default=defaults.schools)
    parser.add_argument("--sign-in-seconds", type=float, default=defaults.sign_in_seconds)
    parser.add_argument("--round-seconds", type=float, default=defaults.round_seconds)
    parser.add_argument("--servers", type=int, default=defaults.servers)
    parser.add_argument("--workers", type=int, default=defaults.workers, help="per app server")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default=defaults.database)
    parser.add_argument("--reopen-share", type=float, default=defaults.reopen_share)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--timeline", default="", help="write every half second here (JSON lines)")
    add_run_arguments(parser, smoke="the size CI runs: 50 pupils, 2 schools, 3 minutes")
    args = parser.parse_args()
    options = Options(
        students=args.students,
        schools=args.schools,
        sign_in_seconds=args.sign_in_seconds,
        round_seconds=args.round_seconds,
        servers=args.servers,
        workers=args.workers,
        database=args.database,
        reopen_share=args.reopen_share,
        seed=args.seed,
        timeline=args.timeline,
    )
    if args.smoke:
        options = smoke_options(database=args.database)
    if args.options:
        options = Options(**json.loads(args.options))
    missing = missing_services(postgres=options.database == "postgres")
    if missing:
        print("cannot drill without: " + ", ".join(missing))
        return 2
    return print_outcome(run_drill(options), as_json=args.json)


def add_run_arguments(parser: argparse.ArgumentParser, *, smoke: str) -> None:
    """What a drill takes besides its sizes: the size CI runs, every option as JSON (from
    run_drill_in_a_process), the outcome as JSON."""
    parser.add_argument("--smoke", action="store_true", help=smoke)
    parser.add_argument("--options", help="every option as JSON (run_drill_in_a_process)")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")


def print_outcome(outcome: Outcome, *, as_json: bool) -> int:
    """The report, or as JSON for run_drill_in_a_process; the exit status."""
    if as_json:
        print(json.dumps({"lines": outcome.lines, "failures": outcome.failures}))
        return 1 if outcome.failures else 0
    print("\n".join(outcome.lines))
    if outcome.failures:
        print("\nFAILED:\n  " + "\n  ".join(outcome.failures))
        return 1
    print("\nall checks passed")
    return 0


def run_drill_in_a_process(options, script: str = __file__) -> dict:
    """The drill from the test suite, whose own process has Django set up on its test database:
    {"lines": the report, "failures": what did not hold}. Another drill's `script` that takes
    `--json --options` as this one does runs the same way, with its own options."""
    import dataclasses
    import subprocess

    done = subprocess.run(
        [sys.executable, script, "--json", "--options", json.dumps(dataclasses.asdict(options))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if not last.startswith("{"):
        raise RuntimeError(f"the drill did not finish:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return json.loads(last)


def smoke_options(database: str = "postgres") -> Options:
    """A small round that still has every part: two schools, two app servers, a dropped link."""
    return Options(
        students=50,
        schools=2,
        sign_in_seconds=10,
        round_seconds=60,
        servers=2 if database == "postgres" else 1,
        workers=2,  # several gunicorn workers, whose counts /metrics must add up
        database=database,
        drop_share=0.1,
        never_submit_share=0.06,
        typo_share=0.06,
        start_window=10,
        submit_window=10,
    )


if __name__ == "__main__":
    sys.exit(main())
