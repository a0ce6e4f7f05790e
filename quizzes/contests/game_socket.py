"""The live game's WebSockets: a phone's (join or come back, then answer) and the host's (open
each question, close it, rescue, lock, remove a player, finish).

Each message a socket receives is one call of the services in `games`, in a thread (they use the
database, where the game's state is kept: a restarted server loses nothing). What every phone
must see goes once through the channel layer to the game's group, and each phone's socket sends
its phone the part that is its own (its place, its score, whether it is still in). Times are the
server's: an answer is timed when its message arrives, before it waits for a thread.

Messages are JSON objects with a "type"; a refusal is {"type": "error", "code", "message"} in
the language the page asked for, and the socket stays open.
"""

import asyncio
import functools
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from types import SimpleNamespace
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone, translation

from lms.core.errors import DomainError
from lms.core.security import client_ip
from quizzes.contests import errors, game_selectors, games
from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4096  # an answer is a few dozen bytes; a nickname twenty characters
MESSAGES_PER_WINDOW, WINDOW_SECONDS = 30, 10  # past this a socket is closed: no phone needs it
CLOSE_GRACE_SECONDS = 0.5  # answers sent at the last moment arrive and are timed before the close
ANSWER_COUNT_EVERY = 1.0  # seconds between the host screen's "so many have answered"
TOP = 10  # leaderboard rows the projector shows


def phones(game_id: int) -> str:
    return f"game-{game_id}"


def hosts(game_id: int) -> str:
    return f"game-{game_id}-host"


# The threads the sockets' database calls run in, each with its own connection: a thousand
# phones answering at once are served side by side, not one after another in the single thread
# Channels keeps for thread-sensitive code.
DATABASE_THREADS = 24
_threads = ThreadPoolExecutor(DATABASE_THREADS, thread_name_prefix="live-game-db")


def in_thread(function):
    return database_sync_to_async(function, thread_sensitive=False, executor=_threads)


def close_thread_connections(timeout: float = 10) -> None:
    """Close the database connection of every socket thread (a test's end, a shutdown): each
    thread takes one task, waits until all have one, and closes its own."""
    everyone = threading.Barrier(DATABASE_THREADS, timeout=timeout)

    def close_mine() -> None:
        everyone.wait()
        connections.close_all()

    for done in [_threads.submit(close_mine) for _ in range(DATABASE_THREADS)]:
        done.result(timeout=timeout)


def _language(scope) -> str:
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
    return asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _address(scope) -> str:
    """The caller's network address, read as for a request (X-Forwarded-For behind nginx)."""
    headers = dict(scope.get("headers") or [])
    meta = {
        "HTTP_X_FORWARDED_FOR": headers.get(b"x-forwarded-for", b"").decode("latin-1"),
        "REMOTE_ADDR": (scope.get("client") or [""])[0] or "",
    }
    return client_ip(SimpleNamespace(META=meta))


def _packed(standings: dict) -> str:
    """Every player's line of the leaderboard as one JSON text, for the phones' group: the
    channel layer decodes a group's event once for each socket, and a map of a thousand players
    decoded for each of a thousand phones cost seconds of the server's CPU and hundreds of MB at
    every close (tests/bench/bench_live_game.py); a text is only copied, and parsed once."""
    return json.dumps(standings, separators=(",", ":"))


@functools.lru_cache(maxsize=8)
def _unpacked(standings: str) -> dict:
    """The map `_packed` made, parsed once for all the phones of this process (read only)."""
    return json.loads(standings)


def _refusal(error: DomainError) -> dict:
    body = {"type": "error", "code": error.code, "message": str(error.message)}
    if error.fields:
        body["fields"] = {
            name: [str(p) for p in problems] for name, problems in error.fields.items()
        }
    if error.retry_after:
        body["retry_after"] = error.retry_after
    return body


class GameSocket(AsyncJsonWebsocketConsumer):
    """What a phone's and the host's socket share: bounded, parsed, in the page's language."""

    commands: dict[str, str] = {}  # message type: method name

    async def connect(self):
        self.language = _language(self.scope)
        self.sent_times: list[float] = []
        await self.accept()

    async def dispatch(self, message):
        """Channels' own dispatch closes the old database connections of its one sync thread
        before every message a socket handles: for a game's event, a thousand hops through
        that one thread at once (most of a question's way to the phones in
        tests/bench/bench_live_game.py). These sockets use the database only in `in_thread`,
        and Channels' session and user lookups at connect in `database_sync_to_async`: each
        closes its thread's old connections itself, so there is nothing left here to close."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        now = time.monotonic()
        self.sent_times = [t for t in self.sent_times if now - t < WINDOW_SECONDS] + [now]
        if len(self.sent_times) > MESSAGES_PER_WINDOW:
            await self.close(code=4429)
            return
        with translation.override(self.language):
            try:
                content = self._parsed(text_data)
                handler = getattr(self, self.commands.get(content.get("type"), ""), None)
                if handler is None:
                    raise errors.BadMessage()
                await handler(content)
            except DomainError as error:
                await self.send_json(_refusal(error))

    def _parsed(self, text: str | None) -> dict:
        if text is None or len(text.encode()) > MAX_MESSAGE_BYTES:
            raise errors.BadMessage()
        try:
            content = json.loads(text)
        except (ValueError, RecursionError):
            raise errors.BadMessage() from None
        if not isinstance(content, dict):
            raise errors.BadMessage()
        return content

    async def to_group(self, group: str, kind: str, **event) -> None:
        await self.channel_layer.group_send(group, {"type": kind, **event})


# A phone ------------------------------------------------------------------------------------


def _joined(*, pin: str, nickname: str, user, address: str, now: datetime) -> dict:
    player = games.join(pin=pin, nickname=nickname, user=user, address=address, now=now)
    return game_selectors.phone_state(player)


def _rejoined(*, token: str) -> dict:
    return game_selectors.phone_state(games.rejoin(token=token))


def _kept(answer: LiveAnswer) -> dict:
    return {"right": answer.right, "late": answer.late, "points": answer.points}


def _answered(*, player_id: int, game_id: int, index: int, value, now: datetime) -> dict:
    player = LivePlayer(pk=player_id, game_id=game_id)
    kept = games.answer(player=player, question_index=index, value=value, now=now)
    return _kept(kept)


def _answer_given(*, player_id: int, index: int) -> dict | None:
    """The answer a player gave to the open question before their phone reconnected: the new
    socket tells them at the close whether it was right, as the old one would have."""
    given = LiveAnswer.objects.filter(player_id=player_id, question_index=index).first()
    return None if given is None else _kept(given)


class PhoneSocket(GameSocket):
    """A player's phone: /ws/games/play/. It joins with a PIN (or comes back with the token it
    was given), then answers; it is told its own result when a question closes."""

    commands = {"join": "join", "rejoin": "rejoin", "answer": "answer"}
    player_id: int | None = None
    game_id: int | None = None

    async def connect(self):
        # This player's answers (right, late, points), kept until their question closes.
        self.answers: dict[int, dict] = {}
        await super().connect()

    async def disconnect(self, code):
        if self.game_id is not None:
            await self.channel_layer.group_discard(phones(self.game_id), self.channel_name)

    async def join(self, content: dict) -> None:
        pin, nickname = content.get("pin"), content.get("nickname", "")
        if not isinstance(pin, str) or not isinstance(nickname, str) or self.player_id:
            raise errors.BadMessage()
        state = await in_thread(_joined)(
            pin=pin,
            nickname=nickname[:100],
            user=self.scope.get("user"),
            address=_address(self.scope),
            now=timezone.now(),
        )
        await self._enter(state)
        player = state["you"]
        await self.to_group(
            hosts(self.game_id),
            "game.joined",
            player={"id": player["id"], "nickname": player["nickname"], "still_in": True},
        )

    async def rejoin(self, content: dict) -> None:
        token = content.get("token")
        if not isinstance(token, str) or len(token) > 64 or self.player_id:
            raise errors.BadMessage()
        await self._enter(await in_thread(_rejoined)(token=token))

    async def _enter(self, state: dict) -> None:
        self.player_id, self.game_id = state["you"]["id"], state["game"]["id"]
        if state["answered"]:  # a phone come back mid-question: its answer is on the server
            index = state["question"]["index"]
            given = await in_thread(_answer_given)(player_id=self.player_id, index=index)
            if given is not None:
                self.answers[index] = given
        await self.channel_layer.group_add(phones(self.game_id), self.channel_name)
        await self.send_json({"type": "joined", **state})

    async def answer(self, content: dict) -> None:
        now = timezone.now()  # when it arrived, not when a thread was free
        index = content.get("index")
        if self.player_id is None:
            raise errors.PlayerNotFound()
        if not isinstance(index, int) or isinstance(index, bool):
            raise errors.BadMessage()
        kept = await in_thread(_answered)(
            player_id=self.player_id,
            game_id=self.game_id,
            index=index,
            value=content.get("value"),
            now=now,
        )
        self.answers[index] = kept
        await self.send_json({"type": "ack", "index": index, "late": kept["late"]})

    # What the game's group hears (the layer calls these by the event's type).

    async def game_question(self, event: dict) -> None:
        await self.send_json({"type": "question", **event["question"]})

    async def game_closed(self, event: dict) -> None:
        index = event["reveal"]["index"]
        mine = _unpacked(event["standings"]).get(str(self.player_id))
        kept = self.answers.pop(index, None)
        you = None
        if mine is not None:
            place, score, still_in = mine
            you = {
                "place": place,
                "score": score,
                "still_in": still_in,
                "answered": kept is not None,
                "right": bool(kept and kept["right"] and not kept["late"]),
                "points": kept["points"] if kept else 0,
            }
        await self.send_json(
            {
                "type": "closed",
                "index": index,
                "right_choice_ids": event["reveal"]["right_choice_ids"],
                "players": event["players"],
                "you": you,
            }
        )

    async def game_rescued(self, event: dict) -> None:
        if self.player_id in event["player_ids"]:
            await self.send_json({"type": "back_in"})

    async def game_removed(self, event: dict) -> None:
        if self.player_id == event["player_id"]:
            with translation.override(self.language):
                await self.send_json(_refusal(errors.PlayerRemoved()))
            await self.close(code=4403)

    async def game_finished(self, event: dict) -> None:
        mine = _unpacked(event["standings"]).get(str(self.player_id))
        you = None if mine is None else dict(zip(("place", "score", "still_in"), mine, strict=True))
        await self.send_json({"type": "finished", "podium": event["podium"], "you": you})


# The host -----------------------------------------------------------------------------------


def _hosted_game(game_id: int, user) -> LiveGame:
    return games.hosted_game(game_id, user, with_questions=True)


def _host_state(game_id: int, user) -> dict:
    return game_selectors.host_state(_hosted_game(game_id, user))


def _next(game_id: int, user, now: datetime) -> dict:
    game = games.next_question(game=_hosted_game(game_id, user), by=user, now=now)
    return game_selectors.phone_question(game)


def _closed_event(game: LiveGame, board: list[dict]) -> dict:
    return {
        "reveal": game_selectors.reveal(game),
        "standings": _packed(game_selectors.standings_map(board)),
        "players": len(board),
    }


@transaction.atomic
def _close(game_id: int, user, now: datetime, index: int | None = None) -> tuple[dict, list]:
    """Close the open question; (None, None) when it was closed already (by another of the
    host's screens, or by the host before the time ran out). The game's row is locked before
    its state is read: the host's click and the timer's close in the same moment close it once,
    and only one "closed" reaches the phones (a second would tell each it had not answered)."""
    _hosted_game(game_id, user)
    game = LiveGame.objects.select_for_update().get(pk=game_id)
    if game.state != LiveGame.State.QUESTION or (
        index is not None and index != game.question_index
    ):
        return None, None
    board = games.close_question(game=game, by=user, now=now)
    game.refresh_from_db()
    return _closed_event(game, board), board


def _rescue(game_id: int, user, rule: str, n: int) -> tuple[list[int], list[dict]]:
    game = _hosted_game(game_id, user)
    back = games.rescue(game=game, by=user, rule=rule, n=n)
    return [p.pk for p in back], game_selectors.leaderboard(game)


def _lock(game_id: int, user, locked: bool) -> bool:
    return games.lock(game=_hosted_game(game_id, user), by=user, locked=locked).locked


def _remove(game_id: int, user, player_id: int) -> None:
    game = _hosted_game(game_id, user)
    player = LivePlayer.objects.filter(pk=player_id, game=game).first()
    if player is None:
        raise errors.PlayerNotFound()
    games.remove_player(game=game, player=player, by=user)


def _finish(game_id: int, user, now: datetime) -> list[dict]:
    return games.finish(game=_hosted_game(game_id, user), by=user, now=now)


def _answer_count(game_id: int) -> int:
    return game_selectors.answer_count(LiveGame.objects.defer("questions").get(pk=game_id))


class HostSocket(GameSocket):
    """The host's screen: /ws/games/host/<id>/. Only the game's host (or an admin) may open it.
    While a question is open it counts the answers for the projector, and closes the question
    itself when the server's time for it has run out."""

    commands = {
        "next": "next",
        "close": "close_now",
        "rescue": "rescue",
        "lock": "lock",
        "remove": "remove",
        "finish": "finish",
    }

    async def connect(self):
        self.language = _language(self.scope)
        self.game_id = self.scope["url_route"]["kwargs"]["game_id"]
        self.user = self.scope.get("user")
        self.watch: asyncio.Task | None = None
        try:
            state = await in_thread(_host_state)(self.game_id, self.user)
        except DomainError:
            # Accepted, then closed: a socket refused before it opens reaches the page as 1006,
            # which it would take for a lost link and retry for ever.
            await self.accept()
            await self.close(code=4403)
            return
        await super().connect()
        await self.channel_layer.group_add(hosts(self.game_id), self.channel_name)
        with translation.override(self.language):
            state["export_url"] = reverse("games:export", args=[self.game_id])
        await self.send_json({"type": "state", **state})
        if state["question"] is not None:
            self._watch(state["question"])

    async def disconnect(self, code):
        if self.watch is not None:
            self.watch.cancel()
        await self.channel_layer.group_discard(hosts(self.game_id), self.channel_name)

    async def next(self, content: dict) -> None:
        question = await in_thread(_next)(self.game_id, self.user, timezone.now())
        await self.to_group(phones(self.game_id), "game.question", question=question)
        await self.to_group(hosts(self.game_id), "game.host_question", question=question)

    async def close_now(self, content: dict) -> None:
        await self._close(None)

    async def _close(self, index: int | None) -> None:
        event, board = await in_thread(_close)(self.game_id, self.user, timezone.now(), index)
        if event is None:
            return
        await self.to_group(phones(self.game_id), "game.closed", **event)
        await self.to_group(
            hosts(self.game_id),
            "game.host_closed",
            reveal=event["reveal"],
            board=board[:TOP],
            still_in=sum(1 for row in board if row["still_in"]),
        )

    async def rescue(self, content: dict) -> None:
        rule, n = content.get("rule"), content.get("n", 0)
        if rule not in ("all", "last", "best") or not isinstance(n, int) or isinstance(n, bool):
            raise errors.BadRescue()
        back, board = await in_thread(_rescue)(self.game_id, self.user, rule, n)
        await self.to_group(phones(self.game_id), "game.rescued", player_ids=back)
        await self.to_group(
            hosts(self.game_id),
            "game.host_rescued",
            player_ids=back,
            board=board[:TOP],
            still_in=sum(1 for row in board if row["still_in"]),
        )

    async def lock(self, content: dict) -> None:
        locked = await in_thread(_lock)(self.game_id, self.user, content.get("locked") is not False)
        await self.to_group(hosts(self.game_id), "game.host_locked", locked=locked)

    async def remove(self, content: dict) -> None:
        player_id = content.get("player_id")
        if not isinstance(player_id, int) or isinstance(player_id, bool):
            raise errors.BadMessage()
        await in_thread(_remove)(self.game_id, self.user, player_id)
        await self.to_group(phones(self.game_id), "game.removed", player_id=player_id)
        await self.to_group(hosts(self.game_id), "game.host_removed", player_id=player_id)

    async def finish(self, content: dict) -> None:
        board = await in_thread(_finish)(self.game_id, self.user, timezone.now())
        standings = _packed(game_selectors.standings_map(board))
        podium = [
            {key: row[key] for key in ("place", "nickname", "score", "right_answers", "still_in")}
            for row in board
            if row["place"] <= 3
        ]
        await self.to_group(
            phones(self.game_id), "game.finished", standings=standings, podium=podium
        )
        await self.to_group(
            hosts(self.game_id), "game.host_finished", podium=podium, board=board[:TOP]
        )

    def _watch(self, question: dict) -> None:
        """Count the answers for the projector, and close the question when its time is up."""
        if self.watch is not None:
            self.watch.cancel()
        self.watch = asyncio.ensure_future(self._watching(question))

    async def _watching(self, question: dict) -> None:
        closes_at = datetime.fromisoformat(question["closes_at"])
        try:
            while (left := (closes_at - timezone.now()).total_seconds()) > -CLOSE_GRACE_SECONDS:
                await asyncio.sleep(min(ANSWER_COUNT_EVERY, left + CLOSE_GRACE_SECONDS))
                count = await in_thread(_answer_count)(self.game_id)
                await self.send_json({"type": "answers", "count": count})
            with translation.override(self.language):
                await self._close(question["index"])
        except asyncio.CancelledError:
            raise
        except Exception:  # a database hiccup: the host can still close by hand
            logger.exception("live game %s: closing question %s", self.game_id, question["index"])

    # What the host's group hears: every screen the host has open shows the same.

    async def game_joined(self, event: dict) -> None:
        await self.send_json({"type": "joined", "player": event["player"]})

    async def game_host_question(self, event: dict) -> None:
        await self.send_json({"type": "question", **event["question"]})
        self._watch(event["question"])

    async def game_host_closed(self, event: dict) -> None:
        if self.watch is not None and self.watch is not asyncio.current_task():
            self.watch.cancel()
        await self.send_json(
            {
                "type": "closed",
                "reveal": event["reveal"],
                "leaderboard": event["board"],
                "still_in": event["still_in"],
            }
        )

    async def game_host_rescued(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "rescued",
                "player_ids": event["player_ids"],
                "leaderboard": event["board"],
                "still_in": event["still_in"],
            }
        )

    async def game_host_locked(self, event: dict) -> None:
        await self.send_json({"type": "locked", "locked": event["locked"]})

    async def game_host_removed(self, event: dict) -> None:
        await self.send_json({"type": "removed", "player_id": event["player_id"]})

    async def game_host_finished(self, event: dict) -> None:
        if self.watch is not None and self.watch is not asyncio.current_task():
            self.watch.cancel()
        await self.send_json(
            {"type": "finished", "podium": event["podium"], "leaderboard": event["board"]}
        )
