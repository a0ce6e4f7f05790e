"""An officer follows reach in Chromium: from the city to a ward, to a school, then the export."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from lms.accounts.models import AreaPopulation, Role, Sex
from tests.factories import PASSWORD, UserFactory, build_city, reach_some

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_drills_from_the_city_to_a_school_and_downloads(live_server, browser, axe):
    city = build_city()
    reach_some(city, per_ward=(6, 5))
    officer = UserFactory(role=Role.OFFICER, area=city["root"], display_name="Cán bộ Tâm")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Tiếp cận", exact=True).click()
    expect(page.locator("#pupils-measure .result-score")).to_contain_text("27,5%")  # 11 of 40
    expect(page.locator("#people-measure")).to_contain_text("Người dân đã tiếp cận / dân số")
    expect(page.locator("#people-measure")).to_contain_text("Không có số liệu")  # no figures yet
    axe(page)
    page.get_by_role("link", name="Phường Ninh Kiều").first.click()
    expect(page.locator("#headline")).to_have_text("Phường Ninh Kiều")
    expect(page.get_by_label("Học sinh theo")).to_have_value("school")  # a ward: its schools
    page.get_by_role("link", name="THCS Phường Ninh Kiều").click()
    expect(page.locator("#headline")).to_have_text("THCS Phường Ninh Kiều")
    expect(page.get_by_role("row", name=re.compile("Khối 8"))).to_contain_text("30")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về dạng Excel (.xlsx)").click()
    rows = list(
        load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.iter_rows(
            values_only=True
        )
    )
    assert rows[2][:3] == ("Khối 8", 6, 20)
    context.close()


def test_both_measures_and_the_wards_fit_a_360_pixel_phone(live_server, phone, sign_in, axe):
    city = build_city()
    reach_some(city, per_ward=(6, 5))
    for sex in (Sex.FEMALE, Sex.MALE):
        AreaPopulation.objects.create(
            area=city["wards"][0], year=timezone.localdate().year, sex=sex, people=20
        )
    sign_in(phone, live_server.url, UserFactory(role=Role.OFFICER, area=city["root"]).username)
    phone.goto(live_server.url + "/reach/")
    # 6 of the 40 people of the ward with figures; the 5 of the ward without are not divided.
    expect(phone.locator("#people-measure .result-score")).to_contain_text("15,0%")
    expect(phone.locator("#people-measure")).to_contain_text("1 phường, xã chưa có số liệu dân số")
    tiles = phone.locator(".ward-tile")
    expect(tiles.nth(0)).to_contain_text("Phường Ninh Kiều")  # 6 of 40: 15,0%
    expect(tiles.nth(0)).to_contain_text("15,0%")
    expect(tiles.nth(1)).to_contain_text("không có số liệu")  # no figures: last
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    axe(phone)
