"""A student's journey on a 360 px phone (issue 16): sign in and land on "My learning", find the
modules from an empty home, start a module, read a lesson, come back to "Continue" and a tick;
the quiz player's quick exit never covers an answer; the signed-in header stays short. And each
role lands on its own page after signing in.

Screenshots of the student home, the module page and the player go to tests/e2e/screenshots/
(ignored by git), for a look at the layout.
"""

from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from cms.models import HelpPage
from lms.accounts.models import Role
from tests import pages
from tests.factories import StudentFactory, UserFactory, make_area, make_question

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).with_name("screenshots")
HEADER_LIMIT_PX = 100  # the signed-in header at 360 px: about an eighth of a 740 px screen


def _snap(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"student-{name}.png"), full_page=True)


def _fits_the_phone(page: Page) -> None:
    """No sideways scrolling, and the signed-in header under its limit."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    height = page.locator("header.site-header").bounding_box()["height"]
    assert height <= HEADER_LIMIT_PX, f"the header takes {height} px"


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_student_lands_home_starts_a_module_and_comes_back_to_continue(
    live_server, phone, sign_in, axe
):
    # With the help page, the header holds its longest row for a student: help, learning, account.
    pages.publish(pages.home().add_child(instance=HelpPage(title="Tìm trợ giúp", slug="tro-giup")))
    pages.curriculum()
    module = pages.module(title="Việc nhà là việc chung")
    first = pages.lesson(module, title="Ai rửa bát?")
    second = pages.lesson(module, title="Chia việc trong gia đình")
    student = StudentFactory(display_name="Ngọc Lan")
    base = live_server.url

    sign_in(phone, base, student.username)
    expect(phone).to_have_url(base + "/student/")
    expect(phone.locator("header .nav-help")).to_be_visible()
    _fits_the_phone(phone)
    axe(phone)
    _snap(phone, "home")

    # Nothing under way yet: the empty home leads to the modules.
    phone.get_by_role("link", name="Xem các chủ đề").click()
    phone.get_by_role("link", name="Việc nhà là việc chung").click()
    expect(phone).to_have_url(base + module.url)
    start = phone.locator(".next-step a")
    expect(start).to_have_text("Bắt đầu: Ai rửa bát?")  # the lesson's title is for screen readers
    expect(start).to_have_attribute("href", first.url)
    _fits_the_phone(phone)
    axe(phone)

    start.click()
    expect(phone).to_have_url(base + first.url)
    expect(phone.get_by_text("Bài 1/2")).to_be_visible()
    # The practice question's feedback sits below the choices, as wide as the question.
    phone.get_by_label("Mọi thành viên").check()
    feedback = phone.locator(".check .feedback:not([hidden])")
    expect(feedback).to_have_text("Đúng rồi. Đúng rồi.")
    width = phone.locator(".check fieldset").bounding_box()["width"]
    assert feedback.bounding_box()["width"] >= 0.8 * width
    last_choice = phone.locator(".check .choice").last.bounding_box()
    assert feedback.bounding_box()["y"] >= last_choice["y"] + last_choice["height"]
    axe(phone)
    phone.locator("[data-complete-form] button").click()
    expect(phone.locator("[data-lesson-status]")).to_have_text("Bạn đã hoàn thành bài học này.")

    phone.locator(".breadcrumb").get_by_role("link", name="Việc nhà là việc chung").click()
    expect(phone).to_have_url(base + module.url)
    go_on = phone.locator(".next-step a")
    expect(go_on).to_have_text("Tiếp tục: Chia việc trong gia đình")
    expect(go_on).to_have_attribute("href", second.url)
    finished = phone.locator(".lesson-list li").filter(has_text="Ai rửa bát?")
    expect(finished.locator(".tick")).to_have_text("✓")
    expect(finished).to_contain_text("(đã xong)")
    expect(phone.locator(".lesson-list .tick")).to_have_count(1)
    _fits_the_phone(phone)
    axe(phone)
    _snap(phone, "module")

    # The account's links wait in the menu, and opening it pushes nothing sideways.
    phone.locator(".account-menu summary").click()
    expect(phone.get_by_role("button", name="Đăng xuất (Ngọc Lan)")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_quick_exit_never_covers_an_answer_in_the_player(live_server, phone, sign_in, axe):
    questions = [
        make_question(
            f"Câu hỏi số {n}: ai nên làm việc nhà trong gia đình?",
            right="Mọi thành viên trong gia đình",
            wrong=("Chỉ mẹ và chị gái", "Chỉ bố khi rảnh", "Không ai cả"),
        )
        for n in range(1, 4)
    ]
    quiz = pages.make_quiz(*questions, shuffle_questions=False)
    student = StudentFactory()
    base = live_server.url
    sign_in(phone, base, student.username)
    phone.goto(base + quiz.url)
    phone.locator("form[action$='/start/'] button").click()
    expect(phone.locator("#player")).to_have_attribute("data-ready", "1")

    quick_exit = phone.locator("a[data-quick-exit]:visible")
    expect(quick_exit).to_have_count(1)
    labels = phone.locator("#player .choice")
    assert labels.count() == 12
    for index in range(labels.count()):
        label = labels.nth(index)
        if not label.is_visible():  # one question a screen: the others are hidden
            continue
        label.scroll_into_view_if_needed()
        assert not _overlap(quick_exit.bounding_box(), label.bounding_box()), index
        phone.evaluate("window.scrollBy(0, -120)")  # and when the answer sits lower down too
        box = label.bounding_box()
        if box["y"] + box["height"] <= 740:
            assert not _overlap(quick_exit.bounding_box(), box), index
    phone.evaluate("window.scrollTo(0, 0)")
    _fits_the_phone(phone)
    axe(phone)
    _snap(phone, "player")


@pytest.mark.parametrize(
    ("role", "target"),
    [
        (Role.STUDENT, "/student/"),
        (Role.TEACHER, "/teacher/"),
        (Role.JUDGE, "/judge/"),
        (Role.OFFICER, "/reach/"),
        (Role.EDITOR, "/admin/"),
    ],
)
def test_signing_in_lands_each_role_on_its_page(live_server, phone, sign_in, role, target):
    area = make_area() if role == Role.OFFICER else None
    user = UserFactory(role=role, area=area)
    sign_in(phone, live_server.url, user.username)
    expect(phone).to_have_url(live_server.url + target)


def test_visitors_first_screen_shows_the_lessons_before_the_statistic(live_server, phone, axe):
    pages.module(title="Giới và giới tính")
    cache.set("reach:public", {"percent": 50, "reached": 40, "target": 80, "target_year": 2030})
    try:
        phone.goto(live_server.url + "/")
        modules = phone.locator("#modules-title").bounding_box()
        statistic = phone.locator("#reach-title").bounding_box()
    finally:
        cache.delete("reach:public")
    assert modules["y"] + modules["height"] <= 740, modules  # on the first screen
    assert statistic["y"] > modules["y"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    axe(phone)
