"""A live game in Chromium, served over ASGI by daphne as in production (pytest-django's live
server speaks WSGI only, and the game runs on WebSockets): the host opens a game on the
projector, phones of 360 px join with the PIN, answer on big buttons, are told right or wrong and
their place, and the podium ends it; in "Rung chuông vàng" a wrong answer puts a pupil out until
the host's rescue; a phone that reloads comes back as the same player with its score.

daphne runs in a process of its own against the test database, so each test commits its data
(`transaction=True`) and the module needs PostgreSQL (SQLite's in-memory test database cannot be
shared). That one process serves the pages and the sockets, with the in-memory channel layer."""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import connection
from playwright.sync_api import Browser, Page, expect

from quizzes.contests.game_records import LiveGame, LivePlayer
from quizzes.contests.game_selectors import leaderboard
from tests.factories import PASSWORD, StudentFactory, TeacherFactory, make_question
from tests.pages import make_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="daphne runs in another process and cannot see SQLite's in-memory test database",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1920, "height": 1080}
SECONDS = 20  # the host closes each question by hand, long before the server would
QUESTIONS = [
    ("Ai nên làm việc nhà?", "Cả nhà", ("Chỉ mẹ", "Chỉ bố")),
    ("Con gái có nên học kỹ thuật?", "Có", ("Không",)),
    ("Ai được chơi bóng đá?", "Mọi người", ("Chỉ con trai",)),
]
# The settings' variables this run has that daphne must not inherit: the shared cache and
# channel layer (its own memory serves one process), and the test thread's leave to call the
# database from an event loop.
NOT_INHERITED = ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The test database (not the one DATABASE_URL names) as a URL for the other process."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def asgi_server(transactional_db):
    """The site and its WebSockets from daphne on a free port, against the test database;
    stopped (and its database connections with it) at the test's end."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env |= {
        "DATABASE_URL": _database_url(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL": "0",
        "DJANGO_STATIC_MANIFEST": "0",
        "WHITENOISE_USE_FINDERS": "1",  # the static files from the apps' folders, no collectstatic
        "DJANGO_LOCAL_CACHE": "1",
        "TASKS_BACKEND": "immediate",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "DB_CONN_MAX_AGE": "0",  # no connection outlives a request: the test's flush waits for none
    }
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "lms.asgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers(url + "/static/js/live-game.js"):
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"daphne did not serve {url}:\n{log.read()[-4000:]}", pytrace=False)
            time.sleep(0.1)
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.seek(0)
        print(log.read()[-4000:])  # daphne's last words: shown when the test fails
        log.close()


def _new_context(browser: Browser, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def contexts(browser):
    """`open_page(viewport, phone=True)`: a page in a browser context of its own (its own
    cookies and sessionStorage, as another device), closed at the test's end."""
    opened = []

    def open_page(viewport: dict = PHONE, *, mobile: bool = True) -> Page:
        options = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}
        context = _new_context(browser, viewport, **(options if mobile else {}))
        opened.append(context)
        return context.new_page()

    yield open_page
    for context in opened:
        context.close()


def _known_to_daphne(user):
    """The factories' password hashed with a hasher the other process knows (the test run's
    fast MD5 is this process's only)."""
    user.password = make_password(PASSWORD, hasher="argon2")
    user.save(update_fields=["password"])
    return user


def _sign_in_on_the_page(page: Page, base_url: str, user) -> None:
    _known_to_daphne(user)
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def _signed_in_by_cookie(page: Page, base_url: str, user) -> None:
    """A session made here in the test database, its cookie given to the browser: what a
    sign-in leaves behind, without the page (the host's journey signs in through it)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "lms.accounts.backends.UsernameOrStaffEmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}]
    )


def _quiz():
    return make_quiz(
        *(make_question(stem, right=right, wrong=wrong) for stem, right, wrong in QUESTIONS),
        shuffle_questions=False,
    )


def _open_game(host: Page, base_url: str, quiz, *, format: str, public: bool) -> LiveGame:
    """The host's form on /games/, then the projector's screen with the PIN and the QR code."""
    host.goto(base_url + "/games/")
    host.locator("#id_quiz").select_option(label=quiz.title)
    host.locator("#id_format").select_option(format)
    host.locator("#id_seconds_per_question").fill(str(SECONDS))
    host.locator("#id_public").set_checked(public)
    host.locator("section[aria-labelledby=open-game] button[type=submit]").click()
    expect(host).to_have_url(re.compile(r"/games/\d+/$"))
    game = LiveGame.objects.get(pk=int(host.url.rstrip("/").rsplit("/", 1)[1]))
    expect(host.locator("#live-pin")).to_have_text(game.pin)
    expect(host.locator(".live-qr svg")).to_be_visible()
    return game


def _join(phone: Page, base_url: str, game: LiveGame, nickname: str = "") -> None:
    phone.goto(base_url + f"/choi/?pin={game.pin}")
    expect(phone.locator("#pin")).to_have_value(game.pin)
    if nickname:
        phone.locator("#nickname").fill(nickname)
    phone.locator("#join-form button[type=submit]").click()
    expect(phone.locator("#join-form")).to_be_hidden()
    expect(phone.locator("#live-title")).to_contain_text(nickname or "·")


def _said(phone: Page, name: str, **values) -> str:
    """A phone's message as the page gives it to the script (data-t-*, in the page's language),
    filled in."""
    message = phone.locator("#live-phone").get_attribute(f"data-t-{name}")
    for key, value in values.items():
        message = message.replace(f"{{{key}}}", str(value))
    return message


def _standings(game: LiveGame) -> dict[str, dict]:
    return {row["nickname"]: row for row in leaderboard(LiveGame.objects.get(pk=game.pk))}


def _fits_the_phone(page: Page) -> None:
    wider = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > innerWidth)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id)"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), wider


def _choices_of(phone: Page, number: int):
    expect(phone.locator("#live-question-number")).to_contain_text(str(number))
    buttons = phone.locator("#live-choices button")
    expect(buttons.first).to_be_visible()
    return buttons


def _big_enough(page: Page, selector: str = "#live-choices button") -> None:
    """Every tap target at least 44 px high and wide."""
    targets = page.locator(selector)
    assert targets.count()
    for n in range(targets.count()):
        box = targets.nth(n).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (selector, n, box)


def _tap(phone: Page, number: int, *, right: bool) -> None:
    _stem, right_text, wrong_texts = QUESTIONS[number - 1]
    text = right_text if right else wrong_texts[0]
    buttons = _choices_of(phone, number)
    buttons.filter(has_text=re.compile(rf"^{re.escape(text)}$")).click()
    expect(buttons.first).to_be_disabled()  # one answer per question


def _next_question(host: Page, number: int) -> None:
    host.locator("#live-next").click()
    expect(host.locator("#live-question-number")).to_contain_text(f"{number}")
    expect(host.locator("#live-close")).to_be_visible()


def _close(host: Page, answers: int) -> None:
    """Close the question by hand once the answers are in (the projector counts them)."""
    expect(host.locator("#live-answered")).to_contain_text(str(answers))
    host.locator("#live-close").click()
    expect(host.locator("#live-board-section")).to_be_visible()
    expect(host.locator("#live-close")).to_be_hidden()


def _podium(host: Page) -> list[str]:
    host.locator("#live-finish").click()
    podium = host.locator("#live-podium li")
    expect(podium.first).to_be_visible()
    return podium.all_inner_texts()


def test_a_public_classic_game_from_the_lobby_to_the_podium(asgi_server, contexts, axe):
    teacher = TeacherFactory(display_name="Cô Hạnh")
    quiz = _quiz()
    host = contexts(PROJECTOR, mobile=False)
    _sign_in_on_the_page(host, asgi_server, teacher)
    game = _open_game(host, asgi_server, quiz, format="classic", public=True)
    assert game.public and game.format == LiveGame.Format.CLASSIC
    assert game.seconds_per_question == SECONDS

    SCREENSHOTS.mkdir(exist_ok=True)
    host.screenshot(path=str(SCREENSHOTS / "live-game-lobby-1920.png"))
    names = ["Sóc Nâu", "Mèo Mun", "Cá Vàng"]
    phones = {name: contexts() for name in names}
    first = phones[names[0]]
    first.goto(asgi_server + f"/choi/?pin={game.pin}")
    _big_enough(first, "#join-form input, #join-form button")
    _fits_the_phone(first)
    axe(first)
    for name, phone in phones.items():
        _join(phone, asgi_server, game, name)
    for name in names:
        expect(host.locator("#live-players")).to_contain_text(name)
    expect(host.locator("#live-player-count")).to_contain_text("3")
    _fits_the_phone(phones[names[0]])
    axe(phones[names[0]])
    axe(host)

    # Sóc Nâu is right every time; Mèo Mun errs on the first question, Cá Vàng on the second.
    wrong_on = {"Sóc Nâu": None, "Mèo Mun": 1, "Cá Vàng": 2}
    for number in range(1, len(QUESTIONS) + 1):
        _next_question(host, number)
        expect(host.locator("#live-stem")).to_have_text(QUESTIONS[number - 1][0])  # no markup
        for name, phone in phones.items():
            _choices_of(phone, number)
            _big_enough(phone)
            _fits_the_phone(phone)
            if number == 1 and name == names[0]:
                phone.screenshot(path=str(SCREENSHOTS / "live-game-phone-question-360.png"))
            _tap(phone, number, right=wrong_on[name] != number)
        _close(host, answers=3)
        expect(host.locator("#live-choices .live-right")).to_have_count(1)
        standings = _standings(game)
        for name, phone in phones.items():
            status = phone.locator("#live-status")
            if wrong_on[name] == number:
                expect(status).to_have_text(_said(phone, "wrong"))
                expect(status).to_have_class(re.compile("message-error"))
            else:
                right = re.escape(_said(phone, "right")).replace(re.escape("{points}"), r"\d+")
                expect(status).to_have_text(re.compile(f"^{right}$"))
            place, score = standings[name]["place"], standings[name]["score"]
            expect(phone.locator("#live-score")).to_have_text(
                _said(phone, "place", place=place, score=score)
            )
        if number == 1:
            _fits_the_phone(phones[names[0]])
            axe(phones[names[0]])
            axe(host)

    podium = _podium(host)
    game.refresh_from_db()
    assert game.is_finished
    players = {p.nickname: p for p in LivePlayer.objects.filter(game=game)}
    assert players["Sóc Nâu"].right_answers == 3
    assert players["Mèo Mun"].right_answers == players["Cá Vàng"].right_answers == 2
    standings = _standings(game)
    assert podium[0].startswith("1. Sóc Nâu · "), podium
    assert len(podium) == len(standings) == 3
    for line, (name, row) in zip(podium, standings.items(), strict=True):
        assert line.startswith(f"{row['place']}. {name} · "), (line, row)
        assert str(players[name].score) in line.split(" · ", 1)[1], (line, players[name].score)
    for name, phone in phones.items():
        expect(phone.locator("#live-question")).to_be_hidden()
        place, score = standings[name]["place"], standings[name]["score"]
        expect(phone.locator("#live-status")).to_have_text(
            _said(phone, "finished", place=place, score=score)
        )
    phones[names[1]].screenshot(path=str(SCREENSHOTS / "live-game-phone-finished-360.png"))
    expect(host.locator("#live-stage")).to_be_hidden()
    host.screenshot(path=str(SCREENSHOTS / "live-game-podium-1920.png"))
    assert host.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_rung_chuong_vang_a_wrong_answer_puts_a_pupil_out_until_the_rescue(asgi_server, contexts):
    teacher = TeacherFactory()
    pupils = [StudentFactory(display_name=f"Nguyễn Thị {name}") for name in ("Lan", "Mai", "Hoa")]
    quiz = _quiz()
    host = contexts(PROJECTOR, mobile=False)
    _sign_in_on_the_page(host, asgi_server, teacher)
    game = _open_game(host, asgi_server, quiz, format="elimination", public=False)
    assert not game.public and game.is_elimination

    phones = {}
    for pupil in pupils:
        phone = contexts()
        _signed_in_by_cookie(phone, asgi_server, pupil)
        _join(phone, asgi_server, game)  # no nickname: the given name is shown
        phones[pupil.display_name.split()[-1]] = phone
    for name in phones:
        expect(host.locator("#live-players")).to_contain_text(name)

    _next_question(host, 1)
    for name, phone in phones.items():
        _tap(phone, 1, right=name != "Hoa")
    _close(host, answers=3)
    hoa = phones["Hoa"]
    out = _said(hoa, "out")
    expect(hoa.locator("#live-status")).to_contain_text(out)
    expect(host.locator("#live-still-in")).to_contain_text("2")
    assert LivePlayer.objects.get(game=game, nickname="Hoa").eliminated_at == 0

    _next_question(host, 2)
    for name in ("Lan", "Mai"):
        _tap(phones[name], 2, right=True)
    for button in _choices_of(hoa, 2).all():
        expect(button).to_be_disabled()
    expect(hoa.locator("#live-status")).to_contain_text(out)
    _close(host, answers=2)

    rescue = host.locator("#live-rescue [data-rule=last]")
    expect(rescue).to_be_visible()
    rescue.click()
    back = _said(hoa, "back")
    expect(hoa.locator("#live-status")).to_have_text(back)
    expect(host.locator("#live-still-in")).to_contain_text("3")
    assert LivePlayer.objects.get(game=game, nickname="Hoa").eliminated_at is None

    _next_question(host, 3)
    for phone in phones.values():
        _tap(phone, 3, right=True)
    _close(host, answers=3)
    podium = _podium(host)
    # Those never out come first (between them, the faster); Hoa, out once, comes last.
    assert podium[-1].startswith("3. Hoa"), podium
    standings = _standings(game)
    assert [f"{row['place']}. {name}" for name, row in standings.items()] == [
        line.split(" · ")[0] for line in podium
    ]
    for name, phone in phones.items():
        place, score = standings[name]["place"], standings[name]["score"]
        expect(phone.locator("#live-status")).to_have_text(
            _said(phone, "finished", place=place, score=score)
        )


def test_a_phone_that_reloads_comes_back_as_the_same_player(asgi_server, contexts):
    teacher = TeacherFactory()
    quiz = _quiz()
    host = contexts(PROJECTOR, mobile=False)
    _sign_in_on_the_page(host, asgi_server, teacher)
    game = _open_game(host, asgi_server, quiz, format="classic", public=True)
    phone = contexts()
    _join(phone, asgi_server, game, "Sóc Nâu")
    token = phone.evaluate("sessionStorage.getItem('live-game-token')")
    assert token == LivePlayer.objects.get(game=game).rejoin_token

    # Answered, then reloaded while the question is still open: the answer counts and is told.
    _next_question(host, 1)
    _tap(phone, 1, right=True)
    phone.reload()
    expect(phone.locator("#live-title")).to_contain_text("Sóc Nâu")
    for button in _choices_of(phone, 1).all():
        expect(button).to_be_disabled()
    _close(host, answers=1)
    player = LivePlayer.objects.get(game=game)
    assert player.score > 0
    status = phone.locator("#live-status")
    expect(status).to_have_text(_said(phone, "right", points=player.score))
    expect(phone.locator("#live-score")).to_have_text(
        _said(phone, "place", place=1, score=player.score)
    )

    # Reloaded between two questions: the same player, with the score.
    phone.reload()
    expect(phone.locator("#live-title")).to_contain_text("Sóc Nâu")
    expect(phone.locator("#join-form")).to_be_hidden()
    expect(phone.locator("#live-status")).to_have_text(_said(phone, "next"))
    expect(phone.locator("#live-score")).to_have_text(_said(phone, "score", score=player.score))
    _next_question(host, 2)
    _tap(phone, 2, right=True)
    _close(host, answers=1)
    assert LivePlayer.objects.filter(game=game).count() == 1
    assert LivePlayer.objects.get(game=game).right_answers == 2
