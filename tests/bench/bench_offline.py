"""What the installable app costs a cheap phone on a slow link, and what it gives back offline.

Run on demand (pytest collects it only when named; it needs Chromium):
    .venv/bin/python -m pytest tests/bench/bench_offline.py -s -p no:cacheprovider

It seeds a module of three lessons, each with a photo-like image, signs a student in, and reports:
  * the bytes a phone 360 px wide transfers to save the module (the file list, the pages, the
    image renditions it picks, at device pixel ratio 1 and 2), as the test server sends them (no
    gzip: nginx would send the pages smaller), and the pages' gzip size for comparison;
  * what the worker and the manifest add to a page: /sw.js and /manifest.webmanifest, gzip
    (level 6); offline.js (module page, pupil's home and offline page only) beside it;
  * a first visit's time to load (the site's script is interactive then) with the network
    throttled to 400 kbit/s and 400 ms latency, cold, with the worker allowed (registered after
    `load`) and with workers blocked; median of five loads;
  * the time to open a saved lesson offline, median over the three lessons.
Fails when saving the module transfers more than 400 KB at ratio 2, or the worker and manifest
pass 5 KB gzip. With BENCH_SMOKE=1 (CI's size) one load of each kind instead of five.
"""

import io
import random
import statistics
import time

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from tests.bench.phone_link import SLOW, gzip_size
from tests.bench.smoke import SMOKE
from tests.e2e import conftest as e2e
from tests.factories import StudentFactory
from tests.pages import LESSON_BODY, lesson, module

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

browser = e2e.browser  # Debian's Chromium, as the browser tests drive it
SAVED_MODULE_BUDGET = 400_000
WORKER_AND_MANIFEST_BUDGET = 5_000


def _photo(seed: int) -> Image:
    """A 1600×900 JPEG with gradients, shapes and grain: compresses like a photo, not a fill."""
    rng = random.Random(seed)
    picture = PILImage.radial_gradient("L").resize((1600, 900)).convert("RGB")
    canvas = ImageDraw.Draw(picture)
    for _ in range(60):
        x, y = rng.randrange(1600), rng.randrange(900)
        r = rng.randrange(20, 200)
        colour = tuple(rng.randrange(256) for _ in range(3))
        canvas.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    grain = PILImage.effect_noise((1600, 900), 24).convert("RGB")
    picture = PILImage.blend(picture, grain, 0.15)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return Image.objects.create(title=f"Ảnh {seed}", file=ImageFile(buffer, name=f"anh-{seed}.jpg"))


def _with_worker(page) -> None:
    page.evaluate(
        """async () => {
            await navigator.serviceWorker.ready;
            while (!navigator.serviceWorker.controller) await new Promise(r => setTimeout(r, 50));
        }"""
    )


def _save_transfer(browser, base: str, cookie: dict, module_url: str, ratio: int) -> tuple:
    """Bytes transferred while saving, and the offline open times of the saved lessons."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=ratio, is_mobile=True
    )
    context.add_cookies([cookie])
    page = context.new_page()
    page.goto(base + module_url)
    _with_worker(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    # The images pass through the worker, which fetches them itself: the page's own event says 0
    # bytes for those, the length header says what crossed the network.
    sizes: dict[str, int] = {}

    def received(event) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        length = int(headers.get("content-length", 0))
        sizes[event["requestId"]] = max(sizes.get(event["requestId"], 0), length)

    def finished(event) -> None:
        sizes[event["requestId"]] = max(
            sizes.get(event["requestId"], 0), event["encodedDataLength"]
        )

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    page.get_by_role("button", name="Lưu để học khi không có mạng").click()
    page.wait_for_selector("[data-save-status]:has-text('Đã lưu')", timeout=120_000)
    page.wait_for_timeout(200)  # the last loadingFinished events
    cdp.detach()
    transferred, requests = sum(sizes.values()), len(sizes)
    lessons = page.locator(".lesson-list a").evaluate_all("links => links.map(a => a.href)")
    context.set_offline(True)
    opens = []
    for url in lessons:
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        opens.append(time.perf_counter() - started)
    context.close()
    return transferred, requests, opens


def _first_visit(browser, url: str, workers: str) -> float:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, service_workers=workers, is_mobile=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW)
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def test_offline_costs_and_gains(live_server, browser, client):
    saved = module(title="Việc nhà là việc chung")
    for n in range(1, 4):
        image_block = {"type": "image", "value": {"image": _photo(n).pk, "alt_text": f"Ảnh {n}"}}
        lesson(saved, title=f"Bài {n}", body=[*LESSON_BODY[:2], image_block, *LESSON_BODY[2:]])
    student = StudentFactory()
    client.force_login(student)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    cookie["url"] = live_server.url

    worker = client.get("/sw.js").content
    manifest = client.get("/manifest.webmanifest").content
    offline_js = b"".join(client.get("/static/js/offline.js").streaming_content)
    files = client.get(f"/offline/modules/{saved.pk}.json").json()
    pages_gzip = sum(gzip_size(client.get(url).content) for url in files["pages"])
    pages_raw = sum(len(client.get(url).content) for url in files["pages"])

    one, requests_one, _ = _save_transfer(browser, live_server.url, cookie, saved.url, 1)
    two, requests_two, opens = _save_transfer(browser, live_server.url, cookie, saved.url, 2)

    loads = 1 if SMOKE else 5
    home = live_server.url + "/"
    blocked = [_first_visit(browser, home, "block") for _ in range(loads)]
    allowed = [_first_visit(browser, home, "allow") for _ in range(loads)]
    worker_gzip = gzip_size(worker) + gzip_size(manifest)

    print(
        f"\nsaving a module of 3 lessons with images at 360 px: "
        f"{one:,} B over {requests_one} requests at ratio 1, {two:,} B over {requests_two} at "
        f"ratio 2 (budget {SAVED_MODULE_BUDGET:,}); its {len(files['pages'])} pages "
        f"{pages_raw:,} B as sent here, {pages_gzip:,} B gzip\n"
        f"worker {len(worker):,} B ({gzip_size(worker):,} B gzip) + manifest {len(manifest):,} B "
        f"({gzip_size(manifest):,} B gzip) = {worker_gzip:,} B gzip "
        f"(budget {WORKER_AND_MANIFEST_BUDGET:,}); offline.js {gzip_size(offline_js):,} B gzip\n"
        f"first visit, 400 kbit/s + 400 ms, cold: load in {statistics.median(blocked):.2f} s "
        f"without a worker, {statistics.median(allowed):.2f} s with it "
        f"({(statistics.median(allowed) / statistics.median(blocked) - 1) * 100:+.1f}%)\n"
        f"a saved lesson opened offline: median {statistics.median(opens) * 1000:.0f} ms "
        f"(max {max(opens) * 1000:.0f} ms)"
    )
    assert two <= SAVED_MODULE_BUDGET
    assert worker_gzip <= WORKER_AND_MANIFEST_BUDGET
