"""An officer follows reach in Chromium: from the city to a ward, to a school, then the export."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from lms.accounts.models import Role
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
    expect(page.locator(".result-score")).to_contain_text("27,5%")  # 11 of 40
    axe(page)
    page.get_by_role("link", name="Phường Ninh Kiều").click()
    expect(page.locator("#headline")).to_have_text("Phường Ninh Kiều")
    expect(page.get_by_label("Chia theo")).to_have_value("school")  # a ward opens on its schools
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
