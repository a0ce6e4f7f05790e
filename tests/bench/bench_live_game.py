"""A live game (Kahoot, "Rung chuông vàng") of a thousand phones, drilled through nginx and the
live server of deploy/ (daphne, hocbinhdang-live.service), with PostgreSQL and Redis.

Run on demand (needs PostgreSQL on 127.0.0.1:5432, Redis on :6379 and Debian's nginx):

    .venv/bin/python tests/bench/bench_live_game.py                  # 1,000 players, 5 questions
    .venv/bin/python tests/bench/bench_live_game.py --players 300 --questions 3
    .venv/bin/python tests/bench/bench_live_game.py --smoke          # 50 players, 2 questions

The issue's goals, on this 2-core machine with the client on it too: one game of 1,000 players;
a question reaches every phone within 500 ms p95 of the host's click; an answer is acknowledged
within 300 ms p95; no player is lost when 5% reconnect mid-game; the results in PostgreSQL equal
what the phones were shown; and the memory per connected player, quoted.

What it does, from one asyncio client process, to 127.0.0.1 only:
  1. starts the stack (nginx → one app server and daphne; the task worker), seeds a teacher and
     a quiz of N questions, opens a public game (nicknames: no sign-ins) and signs the teacher in
     (a session cookie, as the site's sign-in leaves);
  2. opens the host's socket (with its Origin and cookie, as a browser does) and N phones' sockets
     through nginx's /ws/, and each phone joins with the PIN and a nickname;
  3. for each question: the host clicks "next" (the clock starts), every phone is timed when the
     question arrives, answers after a think time (0.5-6 s, most within 2 s; right 70%, wrong
     the rest, 3% never answer) and is timed from its send to its "ack"; at the middle question
     5% of the phones drop their link (half before answering, half right after their ack) and
     come back with their token 0.5-2 s later: each must be shown its score and the open question
     as they were, and answer it if it had not; when every answer is in, the host clicks "close"
     and each phone keeps the result it was shown; at the end the host clicks "finish";
  4. afterwards it compares PostgreSQL with the phones: each player's final place and score
     (the leaderboard) with its "finished" message, each question's points, right and answered
     with its "closed" message and its running score, its answers with its acks, the score a
     phone coming back was shown with the one it had; and counts players lost (never joined,
     missed a question or a result, refused when coming back, or a second row for one phone).
Prints the fan-out (click → question on every phone), the ack and the close (click → result on
every phone) as p50/p95/max, the CPU each part used in the game, and daphne's memory before the
phones connected and with all of them: per connected player. Exit status 1 if a check fails
(lost or mismatched players, at any size) or, at 1,000 players or more, a timing goal is missed.
"""

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.stack import Stack, missing_services  # noqa: E402

FANOUT_P95_GOAL_MS = 500.0
ACK_P95_GOAL_MS = 300.0
FULL_SIZE = 1000  # the timing goals are the for a game of this many players
CONNECTING_AT_ONCE = 100  # phones opening their socket at the same time
WAIT_SECONDS = 60.0  # for a message every phone should get: past it, the phone is lost
CPU_KINDS = ("live", "nginx", "postgres", "redis", "client", "others")


@dataclass
class Options:
    players: int = 1000
    questions: int = 5
    think_seconds: float = 6.0  # the slowest answer; most come within the first 2 s
    right_share: float = 0.7
    silent_share: float = 0.03  # phones that let a question pass without answering
    drop_share: float = 0.05  # phones that lose their link at the middle question
    seconds_per_question: int = 30  # the server's time limit: longer than the slowest answer
    seed: int = 2026
    smoke: bool = False


def smoke_options() -> Options:
    """A small game that still has every part: a dropped link both ways, silent phones."""
    return Options(players=50, questions=2, think_seconds=2.0, drop_share=0.1, smoke=True)


# Seeding -------------------------------------------------------------------------------------

QUESTIONS = [
    ("Ai nên làm việc nhà?", "Mọi người trong nhà", ("Chỉ mẹ", "Chỉ con gái")),
    ("Con gái có nên học kỹ thuật?", "Có, như con trai", ("Không", "Chỉ khi giỏi toán")),
    ("Ai được chơi bóng đá?", "Mọi người", ("Chỉ con trai",)),
    ("Số đường dây nóng hỗ trợ miễn phí?", "1800 8065", ("113", "115")),
    ("Tháng hành động vì bình đẳng giới bắt đầu?", "Giữa tháng 11", ("Tháng 3", "Tháng 6")),
]


@dataclass
class Seeded:
    game_id: int
    pin: str
    cookie: str  # the host's session cookie, "name=value"
    keys: list[tuple[list[int], list[int]]]  # per question: right choice ids, wrong ones


def seed(options: Options) -> Seeded:
    """A teacher, a quiz of `questions` questions, a public game, the teacher's session."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from quizzes.contests import games
    from tests.factories import TeacherFactory, make_question
    from tests.pages import make_quiz

    host = TeacherFactory(display_name="Cô Nguyễn Thị Mai")
    questions = [
        make_question(
            f"{stem} ({n // len(QUESTIONS) + 1})" if n >= len(QUESTIONS) else stem,
            right=right,
            wrong=wrong,
        )
        for n, (stem, right, wrong) in (
            (n, QUESTIONS[n % len(QUESTIONS)]) for n in range(options.questions)
        )
    ]
    quiz = make_quiz(*questions)
    game = games.open_game(
        host=host,
        quiz=quiz,
        now=timezone.now(),
        public=True,
        seconds_per_question=options.seconds_per_question,
        seed=options.seed,
    )
    keys = []
    for entry in game.questions:
        right = list(entry["key"]["correct_choice_ids"])
        keys.append((right, [c["id"] for c in entry["choices"] if c["id"] not in right]))
    client = Client()
    client.force_login(host)  # the session the site's sign-in would leave, in its store
    name = settings.SESSION_COOKIE_NAME
    return Seeded(game.pk, game.pin, f"{name}={client.cookies[name].value}", keys)


def nicknames(count: int) -> list[str]:
    from quizzes.contests.game_rules import clean_nickname, nickname_problem

    names = [f"Sen {n + 1:04d}" for n in range(count)]
    assert all(nickname_problem(clean_nickname(name)) is None for name in names)
    return names


# The phones and the host ---------------------------------------------------------------------


@dataclass
class Phone:
    number: int
    nickname: str
    picks: list[int | None]  # the choice it will pick for each question; None: it lets it pass
    thinks: list[float]
    drop: str = ""  # at the middle question: "before" it answers, or "after" its ack
    player_id: int | None = None
    token: str = ""
    ws: object = None
    arrived: dict = field(default_factory=dict)  # question index → perf_counter
    sent: dict = field(default_factory=dict)  # question index → perf_counter of its answer
    acked: dict = field(default_factory=dict)  # question index → perf_counter of its ack
    closed: dict = field(default_factory=dict)  # question index → (perf_counter, "you")
    closed_twice: int = 0  # results of a question shown a second time (one close, one result)
    finished: dict | None = None
    finished_at: float = 0.0
    shown_before_drop: int | None = None  # the score it had been shown when its link dropped
    came_back: dict | None = None  # the "joined" message when it came back
    coming_back: bool = False
    errors: list = field(default_factory=list)
    answering: object = None  # the task waiting to send this question's answer


class Game:
    def __init__(self, options: Options, seeded: Seeded, stack: Stack):
        self.options, self.seeded, self.stack = options, seeded, stack
        rng = random.Random(options.seed)
        self.rng = rng
        base = stack.url.replace("http://", "ws://")
        self.play_url = f"{base}/ws/games/play/?lang=vi"
        self.host_url = f"{base}/ws/games/host/{seeded.game_id}/?lang=vi"
        self.origin = stack.url  # what a browser sends: the page's own site
        self.middle = options.questions // 2
        names = nicknames(options.players)
        self.phones = []
        droppers = set(
            rng.sample(range(options.players), round(options.players * options.drop_share))
        )
        for number, name in enumerate(names):
            picks = []
            for right, wrong in seeded.keys:
                if rng.random() < options.silent_share:
                    picks.append(None)
                elif rng.random() < options.right_share or not wrong:
                    picks.append(rng.choice(right))
                else:
                    picks.append(rng.choice(wrong))
            drop = ""
            if number in droppers:
                drop = "before" if number % 2 else "after"
                if picks[self.middle] is None:  # a phone coming back after its ack answered
                    picks[self.middle] = seeded.keys[self.middle][0][0]
            thinks = [rng.triangular(0.5, options.think_seconds, 1.5) for _ in seeded.keys]
            self.phones.append(Phone(number, name, picks, thinks, drop))
        self.clicks: dict[tuple[str, int], float] = {}  # ("next" | "close", index) → perf_counter
        self.host_messages: list[tuple[float, dict]] = []
        self.memory: dict[str, int] = {}
        self.cpu: dict[str, float] = {}
        self.failures: list[str] = []

    # Sockets -----------------------------------------------------------------------------------

    async def open(self, url: str, **headers: str):
        from websockets.asyncio.client import connect

        return await connect(
            url,
            origin=self.origin,
            additional_headers=headers or None,
            open_timeout=WAIT_SECONDS,
            ping_interval=None,  # daphne pings every phone; a browser sends none of its own
            max_queue=None,
        )

    async def send(self, ws, message: dict) -> None:
        await ws.send(json.dumps(message))

    # A phone -----------------------------------------------------------------------------------

    async def run_phone(self, phone: Phone, gate: asyncio.Semaphore) -> None:
        try:
            async with gate:
                phone.ws = await self.open(self.play_url)
                await self.send(
                    phone.ws, {"type": "join", "pin": self.seeded.pin, "nickname": phone.nickname}
                )
            while True:
                await self.read(phone)
                if not phone.coming_back:
                    return
                await asyncio.sleep(self.rng.uniform(0.5, 2.0))
                phone.coming_back = False
                phone.ws = await self.open(self.play_url)
                await self.send(phone.ws, {"type": "rejoin", "token": phone.token})
        except Exception as error:  # the phone is lost: counted afterwards
            phone.errors.append(f"{type(error).__name__}: {error}")

    async def read(self, phone: Phone) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in phone.ws:
                at = time.perf_counter()
                await self.heard(phone, json.loads(raw), at)
        except ConnectionClosed:
            if not phone.coming_back:
                raise

    async def heard(self, phone: Phone, message: dict, at: float) -> None:
        kind = message["type"]
        if kind == "joined":
            if phone.player_id is None:
                phone.player_id, phone.token = message["you"]["id"], message["token"]
            else:
                phone.came_back = message
                question = message["question"]
                if question is not None and not message["answered"]:
                    self.answer_later(phone, question["index"], think=0.2)
        elif kind == "question":
            index = message["index"]
            phone.arrived[index] = at
            if phone.drop == "before" and index == self.middle:
                await self.drop(phone)
            else:
                self.answer_later(phone, index, think=phone.thinks[index])
        elif kind == "ack":
            phone.acked[message["index"]] = at
            if message["late"]:
                phone.errors.append(f"answer {message['index']} was late")
            if phone.drop == "after" and message["index"] == self.middle and not phone.came_back:
                await self.drop(phone)
        elif kind == "closed":
            phone.closed_twice += message["index"] in phone.closed
            phone.closed[message["index"]] = (at, message["you"])
        elif kind == "finished":
            phone.finished, phone.finished_at = message["you"], at
            await phone.ws.close()
        elif kind == "error":
            phone.errors.append(f"{message['code']}: {message['message']}")

    def answer_later(self, phone: Phone, index: int, *, think: float) -> None:
        if phone.picks[index] is None:
            return

        async def answer() -> None:
            await asyncio.sleep(think)
            phone.sent[index] = time.perf_counter()
            await self.send(
                phone.ws, {"type": "answer", "index": index, "value": phone.picks[index]}
            )

        phone.answering = asyncio.ensure_future(answer())

    async def drop(self, phone: Phone) -> None:
        """The phone loses its link (a tunnel, a tab closed); it comes back with its token."""
        scores = [you["score"] for _at, you in phone.closed.values() if you]
        phone.shown_before_drop = scores[-1] if scores else 0
        phone.coming_back = True
        if phone.answering is not None and phone.drop == "before":
            phone.answering.cancel()
        await phone.ws.close()

    # The host ----------------------------------------------------------------------------------

    async def read_host(self, ws) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in ws:
                self.host_messages.append((time.perf_counter(), json.loads(raw)))
        except ConnectionClosed:
            pass

    def host_heard(self, kind: str, after: float) -> dict | None:
        return next((m for at, m in self.host_messages if at >= after and m["type"] == kind), None)

    async def until(self, done, *, what: str, timeout: float = WAIT_SECONDS) -> bool:
        deadline = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > deadline:
                self.failures.append(f"waited {timeout:.0f} s for {what}")
                return False
            await asyncio.sleep(0.05)
        return True

    async def play(self) -> None:
        o, phones = self.options, self.phones
        host = await self.open(self.host_url, Cookie=self.seeded.cookie)
        reader = asyncio.ensure_future(self.read_host(host))
        if not await self.until(lambda: self.host_heard("state", 0), what="the host's state"):
            raise RuntimeError(f"the host's socket was refused: {self.host_messages}")
        self.memory["before"] = rss(self.live_pid)
        # A few phones first: what the first joins load once (code, caches) is not a player's.
        first = max(1, len(phones) // 20)
        gate = asyncio.Semaphore(CONNECTING_AT_ONCE)
        tasks = [asyncio.ensure_future(self.run_phone(phone, gate)) for phone in phones[:first]]
        await self.until(
            lambda: all(p.player_id or p.errors for p in phones[:first]),
            what="the first phones to join",
        )
        await asyncio.sleep(1.0)
        self.memory["first"] = rss(self.live_pid)
        self.memory["first_players"] = sum(1 for p in phones[:first] if p.player_id)
        started = time.perf_counter()
        tasks += [asyncio.ensure_future(self.run_phone(phone, gate)) for phone in phones[first:]]
        await self.until(
            lambda: all(p.player_id or p.errors for p in phones),
            what="every phone to join",
            timeout=WAIT_SECONDS + o.players / 10,
        )
        joined = sum(1 for p in phones if p.player_id)
        self.join_seconds = time.perf_counter() - started
        await asyncio.sleep(1.0)  # what joining left behind settles
        self.memory["joined"] = rss(self.live_pid)
        self.memory["joined_players"] = joined
        print(f"{joined} phones joined in {self.join_seconds:.1f} s", flush=True)
        cpu = CpuMeter(self.stack)
        cpu.read()
        for index in range(o.questions):
            # Those still with the game (a lost phone is counted, not waited for).
            playing = [p for p in phones if p.player_id and not p.errors]
            self.clicks["next", index] = time.perf_counter()
            await self.send(host, {"type": "next"})
            await self.until(
                lambda i=index, now=playing: all(i in p.arrived for p in now),
                what=f"question {index + 1} on every phone",
            )
            answering = [p for p in playing if p.picks[index] is not None]
            await self.until(
                lambda i=index, a=answering: all(i in p.acked or p.errors for p in a),
                what=f"every answer to question {index + 1} acknowledged",
                timeout=o.think_seconds + WAIT_SECONDS,
            )
            if index == self.middle:
                await self.until(
                    lambda now=playing: all(p.came_back or p.errors for p in now if p.drop),
                    what="every dropped phone to come back",
                )
            self.clicks["close", index] = time.perf_counter()
            await self.send(host, {"type": "close"})
            await self.until(
                lambda i=index, now=playing: all(i in p.closed for p in now),
                what=f"question {index + 1}'s result on every phone",
            )
            print(
                f"question {index + 1}: {sum(index in p.acked for p in phones)} answers",
                flush=True,
            )
        self.clicks["finish", 0] = time.perf_counter()
        await self.send(host, {"type": "finish"})
        await self.until(
            lambda: all(p.finished is not None for p in phones if p.player_id and not p.errors),
            what="the podium on every phone",
        )
        self.cpu = cpu.read()
        self.cpu_seconds = time.perf_counter() - self.clicks["next", 0]
        self.memory["peak"] = rss(self.live_pid, "VmHWM")
        await self.until(lambda: self.host_heard("finished", 0), what="the host's podium")
        await host.close()
        reader.cancel()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), WAIT_SECONDS)

    @property
    def live_pid(self) -> int:
        return self.stack.processes["live"].pid


# Measures ------------------------------------------------------------------------------------


def rss(pid: int, field_name: str = "VmRSS") -> int:
    """A process's resident memory in KB (/proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field_name}:"):
            return int(line.split()[1])
    return 0


class CpuMeter:
    """CPU seconds used by daphne, nginx, PostgreSQL (every backend on the machine), Redis and
    this client, from /proc, since the first read: each process from when it was first seen
    (a PostgreSQL backend that exits in between takes its share with it)."""

    def __init__(self, stack: Stack):
        self.stack, self.ticks = stack, os.sysconf("SC_CLK_TCK")
        self.first: dict[int, float] | None = None

    def _now(self) -> dict[int, tuple[str, float]]:
        members = {pid: kind for kind, pids in self.stack.pids().items() for pid in pids}
        used = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            kind = members.get(int(pid))
            if int(pid) == os.getpid():
                kind = "client"
            elif name.startswith("postgres"):
                kind = "postgres"
            elif name.startswith("redis-server"):
                kind = "redis"
            if kind in CPU_KINDS:
                fields = stat[stat.rindex(")") + 2 :].split()
                used[int(pid)] = (kind, (int(fields[11]) + int(fields[12])) / self.ticks)
        # The whole machine's busy time, less the above: what else ran on the cores (another
        # engineer's tests, the app server and the task worker of the drill, the kernel).
        cpu = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
        busy = sum(cpu) - cpu[3] - cpu[4]  # less idle and iowait
        ours = sum(seconds for _kind, seconds in used.values())
        used[0] = ("others", busy / self.ticks - ours)
        return used

    def read(self) -> dict[str, float]:
        now = self._now()
        if self.first is None:
            self.first = {pid: seconds for pid, (_kind, seconds) in now.items()}
        totals = dict.fromkeys(CPU_KINDS, 0.0)
        for pid, (kind, seconds) in now.items():
            totals[kind] += seconds - self.first.get(pid, 0.0)
        return totals


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and the largest, in ms, of values in seconds."""
    if not values:
        return float("nan"), float("nan"), float("nan")
    ordered = sorted(values)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return at(0.5), at(0.95), ordered[-1] * 1000


# Checks and report ---------------------------------------------------------------------------


def check_database(game: Game) -> dict[str, int]:
    """What PostgreSQL kept against what each phone was shown: counts of lost players and of
    each kind of mismatch."""
    from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer
    from quizzes.contests.game_selectors import leaderboard

    counts: dict[str, int] = defaultdict(int)
    record = LiveGame.objects.get(pk=game.seeded.game_id)
    board = {row["player_id"]: row for row in leaderboard(record)}
    answers: dict[int, dict[int, LiveAnswer]] = defaultdict(dict)
    for kept in LiveAnswer.objects.filter(player__game=record):
        answers[kept.player_id][kept.question_index] = kept
    rows = LivePlayer.objects.filter(game=record).count()
    counts["players in PostgreSQL"] = rows
    joined = [p for p in game.phones if p.player_id]
    if rows != len(joined):
        counts["lost: rows other than one per phone"] += abs(rows - len(joined))
    for phone in game.phones:
        mine = answers.get(phone.player_id, {})
        if phone.player_id is None or phone.player_id not in board:
            counts["lost: never joined"] += 1
            continue
        if phone.errors:
            counts["lost: refused or cut off"] += 1
            if len(game.failures) < 20:
                game.failures.append(f"phone {phone.nickname}: {'; '.join(phone.errors[:3])}")
            continue
        if any(i not in phone.arrived for i in range(game.options.questions)):
            counts["lost: missed a question"] += 1
        if any(i not in phone.closed for i in range(game.options.questions)):
            counts["lost: missed a result"] += 1
        if phone.finished is None:
            counts["lost: missed the podium"] += 1
            continue
        row = board[phone.player_id]
        final = {"place": row["place"], "score": row["score"], "still_in": row["still_in"]}
        if phone.finished != final:
            counts["mismatch: final place or score"] += 1
        if phone.closed_twice:
            counts["mismatch: a question's result shown twice"] += 1
        if set(mine) != set(phone.acked):
            counts["mismatch: answers kept vs acks"] += 1
        running = 0
        for index in range(game.options.questions):
            kept = mine.get(index)
            running += kept.points if kept else 0
            _at, you = phone.closed.get(index, (0, None))
            if you is None:
                continue
            shown = {
                "score": you["score"],
                "answered": you["answered"],
                "right": you["right"],
                "points": you["points"],
            }
            stored = {
                "score": running,
                "answered": kept is not None,
                "right": bool(kept and kept.right and not kept.late),
                "points": kept.points if kept else 0,
            }
            if shown["score"] != stored["score"]:
                counts["mismatch: score shown at a close"] += 1
            if {k: v for k, v in shown.items() if k != "score"} != {
                k: v for k, v in stored.items() if k != "score"
            }:
                counts["mismatch: answer shown at a close"] += 1
                if counts["mismatch: answer shown at a close"] <= 3:
                    game.failures.append(
                        f"phone {phone.nickname} (drop: {phone.drop or 'no'}), question "
                        f"{index + 1}: shown {shown}, kept {stored}"
                    )
        if phone.drop:
            back = phone.came_back
            if back is None:
                counts["lost: never came back"] += 1
            else:
                counts["came back"] += 1
                question = back["question"] or {}
                if back["you"]["score"] != phone.shown_before_drop:
                    counts["mismatch: score shown on coming back"] += 1
                if question.get("index") != game.middle:
                    counts["mismatch: question shown on coming back"] += 1
                if back["answered"] != (phone.drop == "after"):
                    counts["mismatch: answered shown on coming back"] += 1
    counts["answers in PostgreSQL"] = sum(len(m) for m in answers.values())
    counts["acks"] = sum(len(p.acked) for p in game.phones)
    if counts["answers in PostgreSQL"] != counts["acks"]:
        counts["mismatch: answers kept vs acks (total)"] += 1
    return counts


def report(game: Game, counts: dict[str, int]) -> tuple[list[str], list[str]]:
    o, phones = game.options, game.phones
    lines, failures = [], list(game.failures)
    rows = []
    all_fanout, all_ack, all_close = [], [], []
    for index in range(o.questions):
        click = game.clicks.get(("next", index))
        fanout = [p.arrived[index] - click for p in phones if click and index in p.arrived]
        acks = [p.acked[i] - p.sent[i] for p in phones for i in [index] if i in p.acked]
        close = game.clicks.get(("close", index))
        shown = [p.closed[index][0] - close for p in phones if close and index in p.closed]
        all_fanout += fanout
        all_ack += acks
        all_close += shown
        rows.append((f"question {index + 1}", fanout, acks, shown))
    rows.append(("all", all_fanout, all_ack, all_close))
    lines.append(
        f"{'':<12}{'fan-out ms (click → question)':>32}{'ack ms (send → ack)':>30}"
        f"{'close ms (click → result)':>30}"
    )
    lines.append(f"{'':<12}" + f"{'p50':>12}{'p95':>10}{'max':>10}" * 3)
    for name, *columns in rows:
        cells = "".join(
            f"{a:>12.0f}{b:>10.0f}{c:>10.0f}"
            for a, b, c in (percentiles(column) for column in columns)
        )
        lines.append(f"{name:<12}{cells}   ({len(columns[0])} phones, {len(columns[1])} answers)")
    finish = game.clicks.get(("finish", 0))
    podium = [p.finished_at - finish for p in phones if finish and p.finished is not None]
    p50, p95, most = percentiles(podium)
    lines.append(
        f"finish (click → podium on every phone): p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"max {most:.0f} ms"
    )
    lost = sum(v for k, v in counts.items() if k.startswith("lost"))
    mismatches = sum(v for k, v in counts.items() if k.startswith("mismatch"))
    lines.append(
        f"players: {o.players} phones, {counts['players in PostgreSQL']} in PostgreSQL, "
        f"joined in {game.join_seconds:.1f} s; {sum(1 for p in phones if p.drop)} dropped their "
        f"link at question {game.middle + 1}, {counts['came back']} came back; lost {lost}"
    )
    lines.append(
        f"answers: {counts['acks']} acknowledged, {counts['answers in PostgreSQL']} in "
        f"PostgreSQL; mismatches {mismatches}"
    )
    for name, value in sorted(counts.items()):
        if value and name.startswith(("lost", "mismatch")):
            lines.append(f"  {name}: {value}")
    memory = game.memory
    before, first, joined = memory["before"], memory["first"], memory["joined"]
    added = memory["joined_players"] - memory["first_players"]
    per_player = (joined - first) / added if added > 0 else float("nan")
    lines.append(
        f"memory (daphne's RSS): {before / 1024:.0f} MB with the host only, {first / 1024:.0f} MB "
        f"with the first {memory['first_players']} players, {joined / 1024:.0f} MB with "
        f"{memory['joined_players']}, peak {memory['peak'] / 1024:.0f} MB: "
        f"{per_player:.0f} KB per connected player (from the first to all)"
    )
    lines.append(
        f"CPU-seconds in the game's {game.cpu_seconds:.0f} s (out of "
        f"{game.cpu_seconds * 2:.0f} on 2 cores; PostgreSQL counts the whole server, others "
        "the rest of the machine): "
        + "  ".join(f"{kind} {game.cpu[kind]:.1f}" for kind in CPU_KINDS)
    )
    if lost:
        failures.append(f"{lost} players lost")
    if mismatches:
        failures.append(f"{mismatches} mismatches between PostgreSQL and the phones")
    fan_p95, ack_p95 = percentiles(all_fanout)[1], percentiles(all_ack)[1]
    timed = o.players >= FULL_SIZE and not o.smoke
    goals = [
        ("question fan-out p95", fan_p95, FANOUT_P95_GOAL_MS),
        ("answer ack p95", ack_p95, ACK_P95_GOAL_MS),
    ]
    lines.append("goals" + ("" if timed else f" (judged at {FULL_SIZE:,} players)") + ":")
    for name, value, goal in goals:
        met = value <= goal
        lines.append(f"  {name}: {value:.0f} ms (goal ≤ {goal:.0f} ms) {'ok' if met else 'MISSED'}")
        if timed and not met:
            failures.append(f"{name} {value:.0f} ms > {goal:.0f} ms")
    return lines, failures


def run(options: Options) -> int:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # a socket per phone
    with Stack(servers=1, workers=1, live=True, redis_db=11) as stack:
        os.environ.update(stack.env)
        import django

        django.setup()
        from django.db import connections

        seeded = seed(options)
        game = Game(options, seeded, stack)
        connections.close_all()
        print(
            f"nginx → daphne (live) and 1 app server, PostgreSQL, Redis; game {seeded.pin}: "
            f"{options.players} phones, {options.questions} questions",
            flush=True,
        )
        asyncio.run(game.play())
        counts = check_database(game)
        connections.close_all()
    lines, failures = report(game, counts)
    print("\n".join(lines))
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nall checks passed")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = Options()
    parser.add_argument("--players", type=int, default=defaults.players)
    parser.add_argument("--questions", type=int, default=defaults.questions)
    parser.add_argument("--think-seconds", type=float, default=defaults.think_seconds)
    parser.add_argument("--drop-share", type=float, default=defaults.drop_share)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--smoke", action="store_true", help="CI's size: 50 players, 2 questions")
    args = parser.parse_args()
    options = Options(
        players=args.players,
        questions=args.questions,
        think_seconds=args.think_seconds,
        drop_share=args.drop_share,
        seed=args.seed,
    )
    if args.smoke:
        options = smoke_options()
    if not 1 <= options.questions <= 60:
        parser.error("--questions: 1 to 60")
    missing = missing_services()
    if missing:
        print("cannot drill without: " + ", ".join(missing))
        return 2
    return run(options)


if __name__ == "__main__":
    sys.exit(main())
