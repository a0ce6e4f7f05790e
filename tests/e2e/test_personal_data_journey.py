"""An officer answers a parent's request in Chromium: finds the pupil, downloads the readable
copy, then erases the pupil's data; the class list then shows "(đã xoá)"."""

import json

import pytest
from playwright.sync_api import expect

from lms.accounts.models import ERASED_NAME, PersonalDataAction, Role, User
from tests.factories import (
    ClassroomFactory,
    SchoolFactory,
    StudentFactory,
    UserFactory,
    enrol,
    make_area,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_exports_then_erases_a_pupils_data(live_server, browser, axe, sign_in):
    city = make_area()
    school = SchoolFactory(area=make_area("Phường Xuân Khánh", parent=city))
    pupil = StudentFactory(display_name="Phan Thị Hồng", school=school)
    enrol(pupil, ClassroomFactory(school=school, name="6A3"))
    officer = UserFactory(role=Role.OFFICER, area=city, display_name="Cán bộ Tâm")
    context = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server.url, officer.username)

    page.goto(live_server.url + "/reach/")
    page.get_by_role("link", name="Dữ liệu cá nhân của học sinh").click()
    axe(page)
    page.get_by_label("Tên đăng nhập").fill(pupil.username.upper())
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phan Thị Hồng")
    axe(page)
    page.locator("#id_export-reason").fill("Mẹ em Hồng đề nghị, đơn ngày 04/12/2026")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải về dạng JSON").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["account"]["display_name"] == "Phan Thị Hồng"
    assert data["sections"]["classes"][0]["classroom"] == "6A3"

    page.locator("#id_erase-reason").fill("Mẹ em Hồng đề nghị xoá")
    page.locator("#id_erase-confirm").fill("sai-ten")
    page.get_by_role("button", name="Xoá dữ liệu của người này").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert not User.objects.get(pk=pupil.pk).is_erased
    page.locator("#id_erase-reason").fill("Mẹ em Hồng đề nghị xoá")
    page.locator("#id_erase-confirm").fill(pupil.username)
    page.get_by_role("button", name="Xoá dữ liệu của người này").click()
    expect(page.locator("#data-actions")).to_contain_text("Đã xoá")
    assert User.objects.get(pk=pupil.pk).display_name == ERASED_NAME
    kinds = sorted(PersonalDataAction.objects.values_list("kind", flat=True))
    assert kinds == ["erase", "export_json"]
    context.close()
