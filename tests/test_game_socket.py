"""The live game's WebSocket protocol, through Channels' test communicator and the in-memory
channel layer: a phone joins (signed in, or with a nickname at a public event), answers on time,
late, twice and after being put out, comes back with its token and its score; the host's socket
opens and closes questions, rescues, removes and finishes, and no one else may open it."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from asgiref.sync import SyncToAsync
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.test import override_settings
from django.utils import timezone

from lms.asgi import application
from quizzes.contests import games
from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer
from quizzes.contests.game_socket import MESSAGES_PER_WINDOW, close_thread_connections, in_thread
from quizzes.contests.game_urls import websocket_patterns
from tests.factories import (
    KEY_FIELDS,
    StudentFactory,
    TeacherFactory,
    live_game_quiz,
    right_in_game,
    wrong_in_game,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Format = LiveGame.Format


class AsUser:
    """The socket routes with a signed-in user in the scope, as the session middleware puts it."""

    def __init__(self, user):
        from channels.routing import URLRouter

        self.inner, self.user = URLRouter(websocket_patterns), user

    async def __call__(self, scope, receive, send):
        client = ("203.0.113.7", 50000)  # a school's one public address
        return await self.inner({**scope, "user": self.user, "client": client}, receive, send)


@pytest.fixture(autouse=True)
def fresh_layer():
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
    close_thread_connections()  # the test database can then be dropped
    SyncToAsync.single_thread_executor.submit(connections.close_all).result()  # the sessions'


@pytest.fixture
def host():
    return TeacherFactory()


@pytest.fixture
def quiz():
    return live_game_quiz()


def open_game(host, quiz, **options):
    options.setdefault("seconds_per_question", 20)
    return games.open_game(host=host, quiz=quiz, now=timezone.now(), seed=1, **options)


def has_key_field(value) -> bool:
    if isinstance(value, dict):
        return any(k in KEY_FIELDS or has_key_field(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_key_field(item) for item in value)
    return False


def phone(user=None, lang="vi") -> WebsocketCommunicator:
    return WebsocketCommunicator(AsUser(user or AnonymousUser()), f"/ws/games/play/?lang={lang}")


def host_screen(game, user) -> WebsocketCommunicator:
    return WebsocketCommunicator(AsUser(user), f"/ws/games/host/{game.pk}/")


async def connected(communicator) -> WebsocketCommunicator:
    ok, _code = await communicator.connect()
    assert ok
    return communicator


async def said(communicator, message: dict, expect: str | None = None) -> dict:
    await communicator.send_json_to(message)
    reply = await communicator.receive_json_from(timeout=5)
    if expect is not None:
        assert reply["type"] == expect, reply
    return reply


async def next_of(communicator, kind: str) -> dict:
    """The next message of this type (the host's screen also gets answer counts meanwhile)."""
    while True:
        message = await communicator.receive_json_from(timeout=5)
        if message["type"] == kind:
            return message


async def joined_and_answered(game, host, pupil) -> tuple:
    """The host's screen open, the pupil's phone in, the first question asked and answered
    right: (the screen, the phone, the phone's token)."""
    screen = await connected(host_screen(game, host))
    await screen.receive_json_from(timeout=5)
    device = await connected(phone(pupil))
    token = (await said(device, {"type": "join", "pin": game.pin}, "joined"))["token"]
    await screen.send_json_to({"type": "next"})
    await device.receive_json_from(timeout=5)
    await said(device, {"type": "answer", "index": 0, "value": right_in_game(game, 0)}, "ack")
    return screen, device, token


def run(test):
    """Run an async test body on an event loop of its own, in a thread of its own: the browser
    tests' Playwright keeps a loop running in the suite's main thread."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, test()).result()


db = in_thread  # the sockets' own threads, whose connections each test closes


# Joining and coming back ---------------------------------------------------------------------


def test_a_signed_in_pupil_joins_and_is_shown_the_lobby_without_the_pin(host, quiz):
    game = open_game(host, quiz)
    pupil = StudentFactory(display_name="Trần Thị Lan")

    async def body():
        screen = await connected(host_screen(game, host))
        state = await screen.receive_json_from(timeout=5)
        assert state["type"] == "state" and state["players"] == []
        assert state["game"]["pin"] == game.pin
        device = await connected(phone(pupil))
        joined = await said(device, {"type": "join", "pin": game.pin}, "joined")
        assert joined["you"]["nickname"] == "Lan"  # the given name only, never the full name
        assert joined["game"]["state"] == "lobby" and "pin" not in joined["game"]
        assert joined["question"] is None and joined["token"]
        seen = await next_of(screen, "joined")
        assert seen["player"]["nickname"] == "Lan"
        await device.disconnect()
        await screen.disconnect()

    run(body)


def test_a_public_event_takes_a_nickname_and_refuses_a_rude_one_in_the_pages_language(host, quiz):
    game = open_game(host, quiz, public=True)

    async def body():
        device = await connected(phone(lang="en"))
        refused = await said(device, {"type": "join", "pin": game.pin, "nickname": "dm"}, "error")
        assert refused["code"] == "nickname_refused"
        assert "not allowed" in refused["message"]
        joined = await said(device, {"type": "join", "pin": game.pin, "nickname": "Mèo Con"})
        assert joined["you"]["nickname"] == "Mèo Con"
        vietnamese = await connected(phone())
        taken = await said(vietnamese, {"type": "join", "pin": game.pin, "nickname": "Mèo Con"})
        assert taken["code"] == "nickname_taken" and "biệt danh" in taken["message"].lower()
        await device.disconnect()
        await vietnamese.disconnect()

    run(body)


def test_a_wrong_pin_is_refused_and_the_socket_stays_open(host, quiz):
    open_game(host, quiz, public=True)

    async def body():
        device = await connected(phone())
        refused = await said(device, {"type": "join", "pin": "000000", "nickname": "Lan"})
        assert refused["code"] == "game_not_found"
        assert (await said(device, {"type": "hello"}))["code"] == "bad_message"
        await device.disconnect()

    run(body)


@override_settings(GAME_PIN_GUESSES_PER_ADDRESS=(3, 600))
def test_guessing_pins_from_one_network_is_paused(host, quiz):
    game = open_game(host, quiz, public=True)

    async def body():
        device = await connected(phone())
        for pin in ("000001", "000002", "000003"):
            assert (await said(device, {"type": "join", "pin": pin}))["code"] == "game_not_found"
        paused = await said(device, {"type": "join", "pin": game.pin, "nickname": "Lan"})
        assert paused["code"] == "pin_guesses_paused" and paused["retry_after"] > 0
        await device.disconnect()

    run(body)


@override_settings(GAME_JOINS_PER_ADDRESS=(2, 600))
def test_joins_from_one_network_are_limited(host, quiz):
    game = open_game(host, quiz, public=True)

    async def body():
        for number, expected in ((1, "joined"), (2, "joined"), (3, "error")):
            device = await connected(phone())
            reply = await said(
                device, {"type": "join", "pin": game.pin, "nickname": f"Bạn {number}"}
            )
            assert reply["type"] == expected
            await device.disconnect()
        assert reply["code"] == "joins_paused"

    run(body)


# A question, answered ------------------------------------------------------------------------


def test_a_question_reaches_the_phone_without_its_key_and_an_answer_on_time_is_acknowledged(
    host, quiz
):
    game = open_game(host, quiz)
    pupil = StudentFactory(display_name="Lan")

    async def body():
        screen = await connected(host_screen(game, host))
        await screen.receive_json_from(timeout=5)
        device = await connected(phone(pupil))
        await said(device, {"type": "join", "pin": game.pin}, "joined")
        await screen.send_json_to({"type": "next"})
        question = await device.receive_json_from(timeout=5)
        assert question["type"] == "question" and question["index"] == 0
        assert not has_key_field(question) and 0 < question["seconds_left"] <= 20
        ack = await said(
            device, {"type": "answer", "index": 0, "value": right_in_game(game, 0)}, "ack"
        )
        assert ack == {"type": "ack", "index": 0, "late": False}
        await screen.send_json_to({"type": "close"})
        closed = await device.receive_json_from(timeout=5)
        assert closed["type"] == "closed" and closed["right_choice_ids"] == [right_in_game(game, 0)]
        you = closed["you"]
        assert (you["place"], you["answered"], you["right"], you["still_in"]) == (
            1,
            True,
            True,
            True,
        )
        assert 500 <= you["points"] <= 1000 and you["score"] == you["points"]
        host_closed = await next_of(screen, "closed")
        assert host_closed["leaderboard"][0]["nickname"] == "Lan"
        await device.disconnect()
        await screen.disconnect()

    run(body)
    player = LivePlayer.objects.get(game=game)
    assert player.score == LiveAnswer.objects.get(player=player).points > 0


def test_a_second_answer_is_refused_and_the_first_kept(host, quiz):
    game = open_game(host, quiz)
    pupil = StudentFactory()
    games.next_question(game=game, by=host, now=timezone.now())

    async def body():
        device = await connected(phone(pupil))
        joined = await said(device, {"type": "join", "pin": game.pin}, "joined")
        assert joined["question"]["index"] == 0 and joined["answered"] is False
        await said(device, {"type": "answer", "index": 0, "value": wrong_in_game(game, 0)}, "ack")
        twice = await said(device, {"type": "answer", "index": 0, "value": right_in_game(game, 0)})
        assert twice["code"] == "already_answered"
        await device.disconnect()

    run(body)
    assert LiveAnswer.objects.get().value == wrong_in_game(game, 0)


def test_an_answer_after_the_servers_time_is_kept_as_late(host, quiz):
    game = open_game(host, quiz)
    pupil = StudentFactory()
    games.next_question(game=game, by=host, now=timezone.now())
    LiveGame.objects.filter(pk=game.pk).update(closes_at=timezone.now() - timedelta(seconds=1))

    async def body():
        device = await connected(phone(pupil))
        await said(device, {"type": "join", "pin": game.pin}, "joined")
        ack = await said(
            device, {"type": "answer", "index": 0, "value": right_in_game(game, 0)}, "ack"
        )
        assert ack["late"] is True
        await device.disconnect()

    run(body)
    late = LiveAnswer.objects.get()
    assert late.late and late.points == 0


@pytest.mark.parametrize(
    "message",
    [
        {"type": "answer", "index": "0", "value": 1},
        {"type": "answer", "index": True, "value": 1},
        {"type": "answer", "index": 0, "value": "not a choice"},
        {"type": "answer", "index": 7, "value": 1},
        ["answer"],
    ],
)
def test_a_malformed_answer_is_refused_with_a_message(host, quiz, message):
    game = open_game(host, quiz)
    pupil = StudentFactory()
    games.next_question(game=game, by=host, now=timezone.now())

    async def body():
        device = await connected(phone(pupil))
        await said(device, {"type": "join", "pin": game.pin}, "joined")
        await device.send_to(text_data=json.dumps(message))
        refused = await device.receive_json_from(timeout=5)
        assert refused["type"] == "error" and refused["message"]
        await device.disconnect()

    run(body)
    assert not LiveAnswer.objects.exists()


def test_broken_and_oversized_messages_are_refused_and_a_flood_closes_the_socket(host, quiz):
    async def body():
        device = await connected(phone())
        await device.send_to(text_data="{not json")
        assert (await device.receive_json_from(timeout=5))["code"] == "bad_message"
        await device.send_to(text_data=json.dumps({"type": "join", "pin": "1" * 5000}))
        assert (await device.receive_json_from(timeout=5))["code"] == "bad_message"
        for _ in range(MESSAGES_PER_WINDOW):
            await device.send_to(text_data="{}")
        closing = None
        while closing is None or closing.get("type") != "websocket.close":
            closing = await device.receive_output(timeout=5)
        assert closing["code"] == 4429

    run(body)


# Elimination, rescue, removal, finish --------------------------------------------------------


def test_elimination_puts_out_a_wrong_answer_and_refuses_its_next_answer_until_a_rescue(host, quiz):
    game = open_game(host, quiz, format=Format.ELIMINATION)
    good, bad = StudentFactory(display_name="An"), StudentFactory(display_name="Bình")

    async def body():
        screen = await connected(host_screen(game, host))
        await screen.receive_json_from(timeout=5)
        phones = {
            name: await connected(phone(user)) for name, user in (("an", good), ("binh", bad))
        }
        for device in phones.values():
            await said(device, {"type": "join", "pin": game.pin}, "joined")
        await screen.send_json_to({"type": "next"})
        for device in phones.values():
            assert (await device.receive_json_from(timeout=5))["type"] == "question"
        await said(
            phones["an"], {"type": "answer", "index": 0, "value": right_in_game(game, 0)}, "ack"
        )
        await said(
            phones["binh"], {"type": "answer", "index": 0, "value": wrong_in_game(game, 0)}, "ack"
        )
        await screen.send_json_to({"type": "close"})
        out = (await phones["binh"].receive_json_from(timeout=5))["you"]
        assert (out["still_in"], out["right"], out["place"]) == (False, False, 2)
        assert (await phones["an"].receive_json_from(timeout=5))["you"]["still_in"] is True
        assert (await next_of(screen, "closed"))["still_in"] == 1

        await screen.send_json_to({"type": "next"})
        for device in phones.values():
            await device.receive_json_from(timeout=5)
        refused = await said(phones["binh"], {"type": "answer", "index": 1, "value": 1})
        assert refused["code"] == "player_eliminated"
        await said(
            phones["an"], {"type": "answer", "index": 1, "value": right_in_game(game, 1)}, "ack"
        )
        await screen.send_json_to({"type": "close"})
        for device in phones.values():
            await device.receive_json_from(timeout=5)
        await next_of(screen, "closed")

        await screen.send_json_to({"type": "rescue", "rule": "last"})
        assert (await phones["binh"].receive_json_from(timeout=5)) == {"type": "back_in"}
        rescued = await next_of(screen, "rescued")
        assert rescued["still_in"] == 2 and len(rescued["player_ids"]) == 1
        assert await phones["an"].receive_nothing(timeout=0.2)

        await screen.send_json_to({"type": "finish"})
        finished = await phones["an"].receive_json_from(timeout=5)
        assert finished["type"] == "finished" and finished["you"]["place"] == 1
        assert [row["nickname"] for row in finished["podium"]][0] == "An"
        podium = await next_of(screen, "finished")
        assert podium["podium"][0]["nickname"] == "An"
        for device in (*phones.values(), screen):
            await device.disconnect()

    run(body)
    assert LiveGame.objects.get(pk=game.pk).is_finished


def test_a_phone_that_drops_its_link_comes_back_with_its_score_and_its_answer(host, quiz):
    game = open_game(host, quiz)
    pupil = StudentFactory()

    async def body():
        screen, device, token = await joined_and_answered(game, host, pupil)
        await screen.send_json_to({"type": "close"})
        score = (await device.receive_json_from(timeout=5))["you"]["score"]
        await screen.send_json_to({"type": "next"})
        await device.receive_json_from(timeout=5)
        await device.disconnect()  # the link drops during the second question

        again = await connected(phone())  # a new socket, even without the session
        back = await said(again, {"type": "rejoin", "token": token}, "joined")
        assert back["you"]["score"] == score > 0
        assert back["question"]["index"] == 1 and back["answered"] is False
        await said(again, {"type": "answer", "index": 1, "value": right_in_game(game, 1)}, "ack")
        await screen.send_json_to({"type": "close"})
        assert (await again.receive_json_from(timeout=5))["you"]["score"] > score
        bad = await connected(phone())
        assert (await said(bad, {"type": "rejoin", "token": "nope"}))["code"] == "player_not_found"
        for socket in (again, bad, screen):
            await socket.disconnect()

    run(body)
    assert LivePlayer.objects.count() == 1


def test_a_phone_that_reconnects_after_answering_is_told_its_result_at_the_close(host, quiz):
    game = open_game(host, quiz)
    pupil = StudentFactory()

    async def body():
        screen, device, token = await joined_and_answered(game, host, pupil)
        await device.disconnect()
        again = await connected(phone())
        back = await said(again, {"type": "rejoin", "token": token}, "joined")
        assert back["answered"] is True
        await screen.send_json_to({"type": "close"})
        you = (await again.receive_json_from(timeout=5))["you"]
        assert (you["answered"], you["right"]) == (True, True) and you["points"] > 0
        for socket in (again, screen):
            await socket.disconnect()

    run(body)


def test_a_removed_player_is_told_and_disconnected_and_cannot_come_back(host, quiz):
    game = open_game(host, quiz, public=True)

    async def body():
        screen = await connected(host_screen(game, host))
        await screen.receive_json_from(timeout=5)
        device = await connected(phone())
        joined = await said(device, {"type": "join", "pin": game.pin, "nickname": "Tí"}, "joined")
        await next_of(screen, "joined")
        await screen.send_json_to({"type": "remove", "player_id": joined["you"]["id"]})
        told = await device.receive_json_from(timeout=5)
        assert told["code"] == "player_removed"
        assert (await device.receive_output(timeout=5))["code"] == 4403
        assert (await next_of(screen, "removed"))["player_id"] == joined["you"]["id"]
        again = await connected(phone())
        refused = await said(again, {"type": "rejoin", "token": joined["token"]})
        assert refused["code"] == "player_removed"
        await again.disconnect()
        await screen.disconnect()

    run(body)


def test_a_locked_game_takes_no_one_new(host, quiz):
    game = open_game(host, quiz, public=True)

    async def body():
        screen = await connected(host_screen(game, host))
        await screen.receive_json_from(timeout=5)
        assert (await said(screen, {"type": "lock", "locked": True}, "locked"))["locked"] is True
        device = await connected(phone())
        refused = await said(device, {"type": "join", "pin": game.pin, "nickname": "Lan"})
        assert refused["code"] == "game_locked"
        await device.disconnect()
        await screen.disconnect()

    run(body)


# The host's socket ---------------------------------------------------------------------------


def test_only_the_games_host_may_open_its_screen(host, quiz):
    game = open_game(host, quiz)

    async def body():
        someone_else = [await db(TeacherFactory)(), await db(StudentFactory)(), AnonymousUser()]
        for user in someone_else:
            screen = host_screen(game, user)
            await screen.connect()  # accepted, then closed for good: the page does not retry
            closing = await screen.receive_output(timeout=5)
            assert (closing["type"], closing["code"]) == ("websocket.close", 4403)

    run(body)


def test_the_host_screen_closes_a_question_when_the_servers_time_runs_out(host, quiz):
    game = open_game(host, quiz, public=True, seconds_per_question=5)

    async def body():
        screen = await connected(host_screen(game, host))
        await screen.receive_json_from(timeout=5)
        await screen.send_json_to({"type": "next"})
        await next_of(screen, "question")
        await db(LiveGame.objects.filter(pk=game.pk).update)(
            closes_at=timezone.now() - timedelta(seconds=1)
        )
        closed = await next_of(screen, "closed")
        assert closed["reveal"]["index"] == 0
        await screen.disconnect()

    run(body)
    assert LiveGame.objects.get(pk=game.pk).state == LiveGame.State.REVEAL


def test_the_host_is_told_why_a_command_is_refused(host, quiz):
    game = open_game(host, quiz, format=Format.CLASSIC)

    async def body():
        screen = await connected(host_screen(game, host))
        await screen.receive_json_from(timeout=5)
        refused = await said(screen, {"type": "rescue", "rule": "all"}, "error")
        assert refused["code"] == "rescue_not_allowed"
        assert (await said(screen, {"type": "remove", "player_id": "x"}))["code"] == "bad_message"
        assert (await said(screen, {"type": "remove", "player_id": 10**6}))["code"] == (
            "player_not_found"
        )
        await screen.disconnect()

    run(body)


# The whole stack: origin and session ---------------------------------------------------------


def test_a_socket_from_another_sites_page_is_refused(host, quiz):
    async def body():
        foreign = WebsocketCommunicator(
            application, "/ws/games/play/", headers=[(b"origin", b"https://evil.example")]
        )
        ok, _code = await foreign.connect()
        assert not ok
        ours = WebsocketCommunicator(
            application, "/ws/games/play/", headers=[(b"origin", b"http://testserver")]
        )
        assert (await ours.connect())[0]
        await ours.disconnect()

    run(body)


def test_the_session_cookie_signs_the_phone_in(host, quiz, client):
    game = open_game(host, quiz)
    pupil = StudentFactory(display_name="Lan")
    client.force_login(pupil)
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()

    async def body():
        device = WebsocketCommunicator(
            application,
            "/ws/games/play/",
            headers=[(b"origin", b"http://testserver"), (b"cookie", cookie)],
        )
        assert (await device.connect())[0]
        joined = await said(device, {"type": "join", "pin": game.pin}, "joined")
        assert joined["you"]["nickname"] == "Lan"
        await device.disconnect()
        anonymous = WebsocketCommunicator(
            application, "/ws/games/play/", headers=[(b"origin", b"http://testserver")]
        )
        await anonymous.connect()
        refused = await said(anonymous, {"type": "join", "pin": game.pin})
        assert refused["code"] == "sign_in_to_join"
        await anonymous.disconnect()

    run(body)
