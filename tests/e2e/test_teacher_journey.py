"""A teacher's term in Chromium: create a class, import a roster, print login cards, assign a
module; a student joins with the code, reads it and passes its check; the teacher sees the
progress and downloads it as Excel."""

import io
import re

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from lms.accounts.models import Classroom, User
from tests import pages
from tests.factories import PASSWORD, SchoolFactory, TeacherFactory, make_question
from tests.pages import make_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_teacher_runs_a_class_and_a_student_passes_the_module(
    live_server, browser, tmp_path, axe
):
    school = SchoolFactory(name="THCS An Hòa")
    teacher = TeacherFactory(school=school, display_name="Cô Hạnh")
    module = pages.module(title="Việc nhà là việc chung")
    lesson = pages.lesson(module, title="Chia sẻ việc nhà")
    make_quiz(make_question(), parent=module, pass_mark_percent=50)
    roster = tmp_path / "lop-8a1.xlsx"
    book = Workbook()
    book.active.append(["Họ tên", "Năm sinh", "Giới tính"])
    book.active.append(["Đặng Thu Hà", 2013, "nữ"])
    book.active.append(["Lý Quốc Bảo", 2013, "nam"])
    book.save(roster)

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    desk.set_default_timeout(10_000)
    page = desk.new_page()
    _sign_in(page, live_server.url, teacher.username)
    page.goto(live_server.url + "/teacher/")
    page.get_by_role("link", name="Lớp mới").click()
    page.get_by_label("Tên", exact=True).fill("8A1")
    page.get_by_label("Khối").fill("8")
    page.get_by_role("button", name="Tạo lớp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("8A1")
    classroom = Classroom.objects.get(name="8A1")
    expect(page.locator(".qr svg")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Nhập danh sách lớp").click()
    page.set_input_files("input[type=file]", str(roster))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.locator("caption")).to_contain_text("Mọi hàng đều đúng")
    page.get_by_role("button", name="Nhập 2 học sinh").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2")
    cards = page.request.get(live_server.url + f"/teacher/classes/{classroom.pk}/cards/")
    assert cards.headers["content-type"] == "application/pdf"
    card_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(cards.body())).pages)
    for made in User.objects.filter(memberships__classroom=classroom):
        assert made.display_name in card_text and made.username in card_text
    assert "Đặng Thu Hà" in card_text and "Lý Quốc Bảo" in card_text

    page.goto(live_server.url + f"/teacher/classes/{classroom.pk}/")
    page.get_by_role("link", name="Giao học phần hoặc bài kiểm tra").click()
    page.get_by_label("Học phần hoặc bài kiểm tra").select_option(label=f"Học phần: {module.title}")
    page.get_by_role("button", name="Giao bài", exact=True).click()
    expect(page.get_by_text("Đã giao bài.")).to_be_visible()

    # A student who was not on the roster joins with the class code, on a phone.
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    phone.set_default_timeout(10_000)
    student_page = phone.new_page()
    student_page.goto(live_server.url + "/accounts/join/")
    student_page.get_by_label("Mã lớp").fill(classroom.join_code)
    student_page.get_by_role("button", name="Tiếp tục").click()
    student_page.get_by_label("Tên của bạn trên trang").fill("Huỳnh Gia Hân")
    student_page.get_by_label("Năm sinh").fill("2013")
    student_page.get_by_label("Mật khẩu", exact=True).fill("hocvui-2026!")
    student_page.get_by_label("Nhập lại mật khẩu").fill("hocvui-2026!")
    student_page.get_by_role("button", name="Tạo tài khoản và tham gia").click()
    student = User.objects.get(display_name="Huỳnh Gia Hân")

    student_page.goto(live_server.url + "/student/")
    expect(student_page.get_by_text("Bài thầy cô giao")).to_be_visible()
    student_page.goto(live_server.url + lesson.url)
    student_page.locator("[data-complete-form] button").click()
    expect(student_page.locator("[data-lesson-status]")).to_contain_text("hoàn thành")
    student_page.goto(live_server.url + "/student/")
    student_page.get_by_role("link", name="Kiểm tra nhanh").first.click()
    student_page.locator("form[action$='/start/'] button").click()
    expect(student_page.locator("#player")).to_have_attribute("data-ready", "1")
    attempt = student.attempts.get()
    right = attempt.entry(1)["key"]["correct_choice_ids"][0]
    right_text = next(c["text"] for c in attempt.entry(1)["choices"] if c["id"] == right)
    student_page.get_by_label(right_text).check()
    expect(student_page.locator("#save-status")).to_have_text(re.compile("Đã lưu"))
    student_page.locator("#submit-button").click()
    student_page.locator("#confirm-submit").get_by_role("button", name="Nộp bài").click()
    expect(student_page.locator(".passed")).to_be_visible()
    phone.close()

    page.goto(live_server.url + f"/teacher/classes/{classroom.pk}/progress/")
    axe(page)
    row = page.get_by_role("row", name=re.compile("Huỳnh Gia Hân"))
    expect(row).to_contain_text("Đã xong")
    expect(row).to_contain_text("1/1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về dạng Excel (.xlsx)").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert [c.value for c in sheet[1]][:3] == [
        "Học sinh",
        "Tên đăng nhập",
        f"{module.title}: tình trạng",
    ]
    values = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert values["Huỳnh Gia Hân"][2] == "Đã xong"
    assert values["Đặng Thu Hà"][2] == "Chưa bắt đầu"
    desk.close()
