"""The family path in Chromium: a pupil who finished a core module gets the family link, a parent
answers on a 360-px phone without an account and passes, and the ward counts one more person."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from lms.accounts.models import AreaPopulation, Role, Sex
from lms.reach.models import Channel, FamilyEntry, Reached
from tests.factories import (
    UserFactory,
    build_city,
    city_student,
    family_quiz,
    finish_module,
    reach_some,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_pupil_sends_the_family_quiz_and_a_parent_on_a_phone_counts_in_their_ward(
    live_server, browser, phone, sign_in, axe
):
    city = build_city()
    family_quiz(city)
    pupil = city_student(city, 0)
    finish_module(pupil, city)
    ward = city["wards"][1]
    reach_some(city, per_ward=(0, 4))  # four pupils of the ward's school already reached
    for sex in (Sex.FEMALE, Sex.MALE):
        AreaPopulation.objects.create(area=ward, year=timezone.localdate().year, sex=sex, people=20)
    officer = browser.new_context(viewport={"width": 1024, "height": 800})
    officer.set_default_timeout(10_000)
    dashboard = officer.new_page()
    sign_in(dashboard, live_server.url, UserFactory(role=Role.OFFICER, area=city["root"]).username)
    dashboard.goto(live_server.url + "/reach/")
    tile = dashboard.locator(".ward-tile", has_text=ward.name)
    expect(tile).to_contain_text("ít hơn 5")  # four people: too few to show

    school = browser.new_context(viewport={"width": 1024, "height": 800})
    school.set_default_timeout(10_000)
    page = school.new_page()
    sign_in(page, live_server.url, pupil.username)
    page.goto(live_server.url + reverse("quizzes:student-home"))
    page.get_by_role("link", name="Gửi bài cho gia đình").click()
    page.get_by_role("link", name=re.compile("^Gửi cho gia đình em")).click()
    expect(page.locator(".qr svg")).to_be_visible()
    axe(page)
    link = page.get_by_label("Đường dẫn cho gia đình em").input_value()
    assert link.startswith(live_server.url + "/gia-dinh/")

    phone.goto(link)  # the parent, on a phone, without an account
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kiểm tra nhanh")
    axe(phone)
    phone.get_by_label("Của cả nhà").check()
    phone.get_by_label("Có, như nhau").check()
    phone.get_by_label("Phường, xã nơi bạn sống").select_option(label=ward.name)
    phone.get_by_role("group", name="Tuổi của bạn").get_by_label("25–44 tuổi").check()
    phone.get_by_role("group", name="Bạn là").get_by_label("Nữ").check()
    phone.get_by_role("button", name="Gửi câu trả lời").click()
    error = phone.get_by_role("alert")
    expect(error).to_contain_text("Hãy đánh dấu vào ô đồng ý")  # consent first; nothing lost
    expect(phone.get_by_label("Của cả nhà")).to_be_checked()
    phone.get_by_label("Tôi đồng ý", exact=False).check()
    phone.get_by_role("button", name="Gửi câu trả lời").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Cảm ơn bạn đã tham gia")
    expect(phone.locator(".result-score")).to_contain_text("100")
    expect(phone.locator("main").get_by_role("link", name="1800 8065")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    entry = FamilyEntry.objects.get()
    assert entry.passed and entry.ward == ward
    assert Reached.objects.filter(channel=Channel.FAMILY, area=ward).count() == 1

    page.reload()
    expect(page.locator("main")).to_contain_text("Gia đình em đã tham gia")
    school.close()

    dashboard.reload()  # the officer sees the ward move: 5 of its 40 people
    expect(tile).to_contain_text("12,5%")
    officer.close()
