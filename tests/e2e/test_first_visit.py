"""A student's first visit on a phone: home, language switch, sign-in, hotline in the footer."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, StudentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_student_visits_switches_language_and_signs_in_at_360px(live_server, phone):
    student = StudentFactory(username="hocsinh", display_name="Ngọc Lan")

    phone.goto(live_server.url + "/")
    expect(phone.locator("html")).to_have_attribute("lang", "vi")
    footer = phone.locator("footer")
    expect(footer.get_by_role("link", name="1800 8065")).to_be_visible()

    # Keyboard users reach the main content first.
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Bỏ qua, đến nội dung chính")).to_be_focused()

    phone.get_by_role("button", name="English").click()
    expect(phone).to_have_url(re.compile(r"/en/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Learn Equality")

    phone.get_by_role("link", name="Sign in").click()
    expect(phone).to_have_url(re.compile(r"/en/accounts/login/"))
    phone.get_by_label("Username").fill(student.username)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()

    # Issue 16: a student lands on their own home (in the language they chose), not the public one.
    expect(phone).to_have_url(re.compile(r"/en/student/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(phone.locator("footer").get_by_role("link", name="1800 8065")).to_be_visible()
    # Nothing overflows sideways on a 360 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
