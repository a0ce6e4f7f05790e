"""What the quiz player costs a cheap phone on a slow link.

Run on demand (pytest collects it only when named; it needs Chromium):
    .venv/bin/python -m pytest tests/bench/bench_player.py -s -p no:cacheprovider

It seeds a 20-question quiz, signs a student in, and reports:
  * the player page's weight: HTML, and gzip (level 6) of the HTML plus every stylesheet and
    script it links, each compressed on its own as the server sends it; the player script alone;
  * time to interactive in Chromium with the network throttled to 400 kbit/s down and up and
    400 ms latency (Chrome's devtools emulation), cold cache: from navigation until the player has
    wired itself up (`data-ready`), median of five loads; and the same on an unthrottled loopback.
Fails when the player's script exceeds 15 KB gzip. With BENCH_SMOKE=1 (CI's size) one load of
each kind instead of five.
"""

import re
import statistics
import time

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from quizzes.pages import QuizPage
from tests.bench.phone_link import SLOW, gzip_size
from tests.bench.smoke import SMOKE
from tests.e2e import conftest as e2e
from tests.factories import StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

browser = e2e.browser  # Debian's Chromium, as the browser tests drive it
PLAYER_JS_BUDGET = 15_000


def _time_to_interactive(context, url: str, network: dict | None) -> float:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network:
        cdp.send("Network.emulateNetworkConditions", network)
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector("#player[data-ready='1']", timeout=60_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def test_player_weight_and_time_to_interactive(live_server, browser, client):
    quiz = make_quiz(
        *[make_question(f"Câu {n}: ai nên làm việc nhà?") for n in range(1, 21)],
        time_limit_minutes=20,
    )
    QuizPage.objects.filter(pk=quiz.pk).update(one_question_per_screen=True)
    student = StudentFactory()
    client.force_login(student)
    client.post(f"/quizzes/{quiz.pk}/start/")  # answered with the player; reloaded below
    player_url = reverse("quizzes:player", args=[Attempt.objects.get(user=student).pk])
    html = client.get(player_url).content

    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    sizes = {asset.decode(): client.get(asset.decode()) for asset in assets}
    bodies = {
        path: b"".join(r.streaming_content) if r.streaming else r.content
        for path, r in sizes.items()
    }
    player_js = next(body for path, body in bodies.items() if path.endswith("player.js"))
    total = gzip_size(html) + sum(gzip_size(body) for body in bodies.values())

    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    loads = 1 if SMOKE else 5
    slow = [_time_to_interactive(context, live_server.url + player_url, SLOW) for _ in range(loads)]
    fast = [_time_to_interactive(context, live_server.url + player_url, None) for _ in range(loads)]
    context.close()

    print(
        f"\nplayer page, 20 questions: HTML {len(html):,} B ({gzip_size(html):,} B gzip); "
        f"HTML + CSS + JS {total:,} B gzip over {len(bodies)} files\n"
        f"player.js {len(player_js):,} B, {gzip_size(player_js):,} B gzip "
        f"(budget {PLAYER_JS_BUDGET:,}); all scripts "
        f"{sum(gzip_size(b) for p, b in bodies.items() if p.endswith('.js')):,} B gzip\n"
        f"time to interactive, 400 kbit/s + 400 ms, cold cache: median "
        f"{statistics.median(slow):.2f} s (min {min(slow):.2f}, max {max(slow):.2f})\n"
        f"time to interactive, loopback: median {statistics.median(fast) * 1000:.0f} ms"
    )
    assert gzip_size(player_js) <= PLAYER_JS_BUDGET
