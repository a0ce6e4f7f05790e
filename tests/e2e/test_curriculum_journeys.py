"""Journeys through the curriculum in a real browser: an editor writes a lesson and a reviewer
publishes it, a student finishes it on a phone, and the quick exit leaves no way back.

The admin speaks Vietnamese by default, so its labels are matched in Vietnamese (the block
"Văn bản" is our "Text"); Wagtail's own markup is matched by its stable names and data attributes.
Set E2E_SCREENSHOTS=1 to keep screenshots of the phone pages in /tmp for a look at the layout.
"""

import os
import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage
from wagtail.models import WorkflowState

from cms.models import HelpPage
from courses.models import LessonProgress
from courses.pages import LessonPage
from lms.accounts.models import Role
from tests import pages
from tests.factories import PASSWORD, StudentFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEUTRAL_URL = "https://www.google.com/search?q=thoi+tiet+can+tho"
WORKFLOW = "Biên tập và duyệt"


@pytest.fixture
def desktop(browser):
    """The back office is used on a school or office computer."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def neutral_site(phone):
    """No network here: the neutral site answers from Playwright. Yields the pop-ups opened."""
    context = phone.context
    context.route(
        "https://www.google.com/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body="<title>Thời tiết</title><p>neutral</p>",
        ),
    )
    popups: list[Page] = []
    context.on("page", lambda popup: popups.append(popup))
    yield popups
    for popup in popups:
        if not popup.is_closed():
            popup.close()


def _snap(page: Page, name: str) -> None:
    if os.environ.get("E2E_SCREENSHOTS"):
        page.screenshot(path=f"/tmp/e2e-{name}.png", full_page=True)


def _admin_sign_in(context, base_url: str, username: str) -> Page:
    page = context.new_page()
    page.goto(base_url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(base_url + "/admin/")
    return page


def _fits_360(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_editor_writes_a_lesson_and_reviewer_approves_and_publishes_it(
    live_server, browser, desktop
):
    # Migration-made data must have survived earlier transactional tests (serialized rollback).
    root = WagtailPage.get_first_root_node()
    assert root.get_workflow().name == WORKFLOW
    module = pages.module()
    UserFactory(username="bientap", role=Role.EDITOR, is_staff=True)
    UserFactory(username="duyet", role=Role.REVIEWER, is_staff=True)
    base = live_server.url
    title = "Con trai cũng biết nấu ăn"

    editor = _admin_sign_in(desktop, base, "bientap")
    editor.goto(f"{base}/admin/pages/add/courses/lessonpage/{module.pk}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_summary").fill("Việc bếp núc là kỹ năng sống của mọi người.")
    body = editor.locator("#body-root")
    body.locator("button.c-sf-add-button").first.click()
    editor.get_by_role("option", name="Văn bản", exact=True).click()
    body.locator("[contenteditable=true]").first.click()
    editor.keyboard.type("Ai cũng cần biết nấu một bữa cơm đơn giản.")
    # Draftail copies its content into the form field a moment after typing.
    expect(body.locator("input[name='body-0-value']")).to_have_value(re.compile("bữa cơm đơn giản"))
    editor.locator("footer .w-dropdown__toggle").first.click()
    editor.get_by_role("button", name=WORKFLOW).click()  # "Submit to <workflow>"
    expect(editor).to_have_url(f"{base}/admin/pages/{module.pk}/")
    expect(editor.get_by_role("link", name=title)).to_be_visible()

    lesson = LessonPage.objects.get(title=title)
    assert not lesson.live
    assert WorkflowState.objects.for_instance(lesson).get().status == "in_progress"
    editor.context.clear_cookies()

    reviewer = _admin_sign_in(desktop, base, "duyet")
    reviewer.get_by_role("link", name=title).click()  # the "awaiting your review" panel
    expect(reviewer).to_have_url(f"{base}/admin/pages/{lesson.pk}/edit/")
    reviewer.locator("footer .w-dropdown__toggle").first.click()
    # Of the two approvals, the one without a comment dialog: "Approve and publish".
    reviewer.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(reviewer).to_have_url(f"{base}/admin/pages/{module.pk}/")

    lesson.refresh_from_db()
    assert lesson.live
    assert WorkflowState.objects.for_instance(lesson).get().status == "approved"
    student_view = browser.new_page()
    student_view.goto(base + lesson.url)
    expect(student_view.get_by_role("heading", level=1)).to_have_text(title)
    expect(student_view.get_by_text("bữa cơm đơn giản")).to_be_visible()
    student_view.close()


def test_student_finishes_a_lesson_on_a_phone_and_sees_module_progress(live_server, phone):
    module = pages.module(title="Việc nhà là việc chung")
    first = pages.lesson(module, title="Ai rửa bát?")
    pages.lesson(module, title="Chia việc trong gia đình")
    student = StudentFactory(username="hocsinh", display_name="Ngọc Lan")
    base = live_server.url

    phone.goto(f"{base}/accounts/login/?next={first.url}")
    phone.locator("main input[name=username]").fill(student.username)
    phone.locator("main input[name=password]").fill(PASSWORD)
    phone.locator("main button[type=submit]").click()
    expect(phone).to_have_url(base + first.url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ai rửa bát?")
    expect(phone.get_by_text("Bài 1/2")).to_be_visible()
    expect(phone.get_by_text("BÍ MẬT GIÁO VIÊN")).to_have_count(0)
    _snap(phone, "lesson")
    _fits_360(phone)

    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    button = phone.locator("[data-complete-form]").get_by_role(
        "button", name="Đánh dấu đã hoàn thành bài học"
    )
    expect(button).to_be_in_viewport()
    button.click()
    expect(phone.locator("[data-lesson-status]")).to_have_text("Bạn đã hoàn thành bài học này.")
    expect(button).to_be_hidden()
    _snap(phone, "lesson-done")
    assert LessonProgress.objects.get(user=student, lesson=first).completed_at is not None

    phone.locator(".breadcrumb").get_by_role("link", name="Việc nhà là việc chung").click()
    expect(phone).to_have_url(base + module.url)
    progress = phone.locator("progress#module-progress")
    expect(progress).to_have_attribute("value", "1")
    expect(progress).to_have_attribute("max", "2")
    expect(phone.get_by_text("Tiến độ của bạn: đã hoàn thành 1/2 bài học")).to_be_visible()
    done = phone.locator(".lesson-list li").filter(has_text="Ai rửa bát?")
    # Issue 16: a finished lesson shows a tick, and says "finished" to screen readers.
    expect(done.locator(".tick")).to_have_text("✓")
    expect(done).to_contain_text("(đã xong)")
    _snap(phone, "module")
    _fits_360(phone)


def test_escape_on_the_help_page_replaces_it_with_a_neutral_site(live_server, phone, neutral_site):
    help_page = HelpPage(title="Tìm trợ giúp", slug="tro-giup")
    pages.home().add_child(instance=help_page)
    help_page.save_revision().publish()
    base = live_server.url

    phone.goto(base + "/")
    phone.get_by_role("link", name="Tìm trợ giúp").first.click()
    expect(phone).to_have_url(base + "/tro-giup/")
    phone.wait_for_load_state()
    _snap(phone, "help")
    phone.keyboard.press("Escape")

    phone.wait_for_url(NEUTRAL_URL)
    expect(phone).to_have_title("Thời tiết")
    # Neither this tab nor the extra one the script may open shows the help page any more.
    assert all("/tro-giup/" not in tab.url for tab in [phone, *neutral_site])
    phone.go_back()
    # The help page was replaced in the history: one step back is the page before it.
    expect(phone).to_have_url(base + "/")


def test_quick_exit_link_on_a_lesson_leaves_no_way_back(live_server, phone, neutral_site):
    lesson = pages.lesson()
    base = live_server.url

    phone.goto(base + "/")
    phone.goto(base + lesson.url)
    quick_exit = phone.locator("a[data-quick-exit]:visible")  # in the lesson's reading bar
    expect(quick_exit).to_have_attribute("href", NEUTRAL_URL)
    expect(quick_exit).to_be_in_viewport()
    quick_exit.click()

    phone.wait_for_url(NEUTRAL_URL)
    expect(phone).to_have_title("Thời tiết")
    phone.go_back()
    expect(phone).to_have_url(base + "/")
