"""What every browser test shares: Debian's Chromium, a phone, and the steps each journey takes
(signing in, choosing an answer, axe-core's check), given as fixtures."""

import os
import re
import shutil
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect

from quizzes.models import Attempt
from tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(
        reason=f"No Chromium at {CHROMIUM}: install Debian's with `apt-get install chromium` "
        "to run the browser tests."
    )
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's Chromium, driven by Playwright.

    Playwright's sync API runs an event loop in this thread, so asgiref hands Django a second set
    of connections. The data Django serialized after migrating (home pages, groups, workflow)
    hangs on the first set; carry it over, or `serialized_rollback` restores nothing after a flush.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A small, cheap phone: 360 px wide."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in_on(page: Page, base_url: str, username: str) -> None:
    """Sign in through the page, as a person does, with the factories' password."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def no_serious_axe_findings(page: Page, *, exclude: tuple[str, ...] = ()) -> None:
    """axe-core's own build (from npm, shipped in axe-playwright-python): no serious findings.
    `exclude`: CSS selectors of markup that is not ours (a Wagtail widget), said at the call."""
    # Evaluated through the devtools protocol: the site's CSP (rightly) forbids inline scripts.
    page.evaluate(AXE.read_text())
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]}
    results = page.evaluate("context => axe.run(context, {resultTypes: ['violations']})", context)
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def choose_on(page: Page, attempt: Attempt, slot: int, right: bool = True) -> None:
    """Tick the right (or a wrong) choice of a single-choice slot, read from the frozen key."""
    entry = Attempt.objects.get(pk=attempt.pk).entry(slot)
    key = set(entry["key"]["correct_choice_ids"])
    choice = next(c for c in entry["choices"] if (c["id"] in key) == right)
    page.locator(f"#q-{slot}").get_by_label(choice["text"]).check()


@pytest.fixture
def sign_in():
    """`sign_in(page, live_server.url, username)`: signed in through the sign-in page."""
    return sign_in_on


@pytest.fixture
def axe():
    """`axe(page)`: axe-core finds nothing serious or critical on the page as it stands."""
    return no_serious_axe_findings


@pytest.fixture
def choose():
    """`choose(page, attempt, slot, right=True)`: a single-choice answer ticked on the player."""
    return choose_on
