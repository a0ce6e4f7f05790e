"""The one upload → preview → confirm flow (lms.core.uploads) that rosters, the question bank and
enrolment figures share: rows checked by a form and named by number, a confirm that saves every
row or nothing, and a stale, tampered or repeated confirm that saves nothing and says why."""

import io
import os

import pytest
from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from lms.accounts.models import ClassroomMembership, Role
from lms.core import uploads
from lms.core.uploads import Columns, check_table
from quizzes.models import Question
from tests.factories import (
    ClassroomFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    make_area,
)

pytestmark = pytest.mark.django_db


class PupilForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Write the name."})
    year = forms.IntegerField(required=False, min_value=2000)


PUPILS = Columns(
    names={"name": "name", "họ tên": "name", "year": "year"},
    required=("name",),
    no_rows="No pupils.",
)


def _xlsx(rows, name: str = "lop.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_row_error_names_the_row_and_the_column_as_the_file_does():
    preview = check_table(
        [["Họ tên", "year"], ["An", "2013"], ["", "1990"], [], ["Bình", ""]],
        form_class=PupilForm,
        columns=PUPILS,
    )
    assert not preview.is_valid
    assert [row.row for row in preview.rows] == [2, 3, 5]  # the empty row 4 is skipped
    assert preview.rows[0].data == {"name": "An", "year": 2013}
    assert preview.rows[2].data == {"name": "Bình", "year": None} and not preview.rows[2].errors
    assert preview.rows[1].errors["name"] == "Write the name."
    assert {(e.row, e.column) for e in preview.row_errors} == {(3, "Họ tên"), (3, "year")}
    assert preview.totals == {"rows": 3, "ready": 2, "to_fix": 1}
    with translation.override("vi"):
        assert str(preview.row_errors[0]).startswith("Hàng 3, Họ tên: ")


def test_form_messages_are_in_the_readers_language():
    table = [["name", "year"], ["An", "1990"]]
    with translation.override("vi"):
        vi = check_table(table, form_class=PupilForm, columns=PUPILS).rows[0].errors["year"]
    with translation.override("en"):
        en = check_table(table, form_class=PupilForm, columns=PUPILS).rows[0].errors["year"]
    assert "2000" in vi and "2000" in en and vi != en


def test_file_problems_come_before_rows():
    assert check_table([], form_class=PupilForm, columns=PUPILS).file_errors
    only_headers = check_table([["name"]], form_class=PupilForm, columns=PUPILS)
    assert only_headers.file_errors == ["No pupils."] and not only_headers.is_valid
    missing = check_table([["year"], ["2013"]], form_class=PupilForm, columns=PUPILS)
    assert any("name" in problem for problem in missing.file_errors)


@pytest.fixture
def teacher(client):
    teacher = TeacherFactory()
    client.force_login(teacher)
    return teacher


@pytest.fixture
def classroom(teacher):
    return ClassroomFactory(teachers=[teacher])


def _checked(client, classroom) -> str:
    url = reverse("teacher-roster-import", args=[classroom.pk])
    return client.post(url, {"file": _xlsx([["Họ tên"], ["Đoàn Minh Thư"]])}).context["stored"]


def test_a_roster_screen_lists_its_row_errors_by_number(client, classroom):
    url = reverse("teacher-roster-import", args=[classroom.pk])
    page = client.post(url, {"file": _xlsx([["Họ tên", "Giới tính"], ["An", "nữ"], ["Bảo", "?"]])})
    row = page.context["result"].rows[1]
    assert row.row == 3 and "sex" in row.errors
    assert "Giới tính: Ghi nam, nữ hoặc khác" in page.content.decode()


def test_a_tampered_confirm_saves_nothing_and_says_why(client, teacher, classroom):
    url = reverse("teacher-roster-import", args=[classroom.pk])
    stored = _checked(client, classroom)
    claim = signing.loads(stored, salt=uploads.SALT)
    forged = signing.dumps(claim | {"sha256": "0" * 64}, salt="not-ours")
    refused = client.post(url, {"stored": forged})
    assert refused.status_code == 403 and "không khớp" in refused.content.decode()
    assert client.post(url, {"stored": stored[:-3] + "abc"}).status_code == 403
    # A token from another class, or another teacher's, is not this screen's.
    other = ClassroomFactory(teachers=[teacher])
    elsewhere = client.post(reverse("teacher-roster-import", args=[other.pk]), {"stored": stored})
    assert elsewhere.status_code == 403
    client.force_login(TeacherFactory())
    assert client.post(url, {"stored": stored}).status_code in (403, 404)
    assert not ClassroomMembership.objects.exists()
    client.force_login(teacher)  # the real token still works once
    assert client.post(url, {"stored": stored}).context["created"]


def test_a_stale_confirm_saves_nothing_and_says_why(client, classroom, monkeypatch):
    stored = _checked(client, classroom)
    monkeypatch.setattr(uploads, "MAX_AGE", -1)
    url = reverse("teacher-roster-import", args=[classroom.pk])
    stale = client.post(url, {"stored": stored})
    assert stale.status_code == 200 and "quá một giờ" in stale.content.decode()
    assert not ClassroomMembership.objects.exists()


def test_a_changed_file_between_check_and_confirm_saves_nothing(client, classroom):
    stored = _checked(client, classroom)
    name = signing.loads(stored, salt=uploads.SALT)["name"]
    with default_storage.open(name, "wb") as handle:
        handle.write(_xlsx([["Họ tên"], ["Kẻ Lạ"], ["Người Khác"]]).read())
    url = reverse("teacher-roster-import", args=[classroom.pk])
    assert client.post(url, {"stored": stored}).status_code == 403
    assert not ClassroomMembership.objects.exists()


def test_a_checked_file_waits_unserved_and_goes_when_confirmed(client, classroom):
    stored = _checked(client, classroom)
    name = signing.loads(stored, salt=uploads.SALT)["name"]
    assert name.startswith(f"{uploads.KEPT}/rosters/") and default_storage.exists(name)
    client.post(reverse("teacher-roster-import", args=[classroom.pk]), {"stored": stored})
    assert not default_storage.exists(name)
    assert not default_storage.listdir(os.path.dirname(name))[1]  # no claimed copy left either


def test_files_never_confirmed_go_when_their_owner_checks_another(client, classroom, monkeypatch):
    first = signing.loads(_checked(client, classroom), salt=uploads.SALT)["name"]
    monkeypatch.setattr(uploads, "MAX_AGE", -1)
    _checked(client, classroom)
    assert not default_storage.exists(first)


def test_only_one_of_two_confirms_at_once_gets_the_file(client, teacher, classroom):
    stored = _checked(client, classroom)
    scope = str(classroom.pk)
    uploads.take_upload(user=teacher, folder="rosters", scope=scope, token=stored)
    with pytest.raises(uploads.UploadGone):
        uploads.take_upload(user=teacher, folder="rosters", scope=scope, token=stored)


NOT_SPREADSHEETS = [
    ("lop.xlsx", b"%PDF-1.4 a letter"),
    ("lop.csv", b"\xff\xfe\x00\x00binary"),
    ("lop", b"name\nAn\n"),
    ("lop.xlsx", b"PK\x03\x04broken zip"),
]


@pytest.mark.parametrize(("name", "content"), NOT_SPREADSHEETS)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error_on_every_screen(client, name, content):
    teacher = TeacherFactory(is_staff=True)
    teacher.groups.add(*UserFactory(role=Role.EDITOR).groups.all())
    teacher.area = make_area()
    teacher.save()
    teacher.groups.add(*UserFactory(role=Role.OFFICER).groups.all())
    client.force_login(teacher)
    classroom = ClassroomFactory(teachers=[teacher])
    for url in (
        reverse("teacher-roster-import", args=[classroom.pk]),
        "/admin/quizzes/questions/import/",
        "/reach/enrolment/",
    ):
        page = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert page.status_code == 200, url
        assert page.context["form"].errors["file"], url
        assert page.context["form"].errors["file"][0] in page.content.decode(), url
        assert "stored" not in page.context, url
    assert not ClassroomMembership.objects.exists() and not Question.objects.exists()


def test_no_file_at_all_is_asked_for(client, classroom):
    page = client.post(reverse("teacher-roster-import", args=[classroom.pk]), {})
    assert page.status_code == 200 and "Hãy chọn" in page.content.decode()


def test_the_figures_screen_shows_each_row_and_its_confirm(client):
    from tests.factories import SchoolFactory

    area = make_area()
    SchoolFactory(area=area, code="NK01", name="THCS Ninh Kiều")
    client.force_login(UserFactory(role=Role.OFFICER, area=area))
    header = ["Mã trường", "Năm học", "Khối", "Giới tính", "Số học sinh"]
    page = client.post("/reach/enrolment/", {"file": _xlsx([header, ["NK01", 2026, 6, "nữ", 35]])})
    html = page.content.decode()
    assert "THCS Ninh Kiều" in html and 'name="stored"' in html and "Lưu các số liệu" in html
    bad = client.post("/reach/enrolment/", {"file": _xlsx([header, ["NK01", 2026, 13, "nữ", 35]])})
    assert "Khối: Ghi một số nguyên từ 1 đến 12" in bad.content.decode()


def test_a_username_taken_in_another_case_or_twice_in_the_file_is_a_row_problem(client, classroom):
    StudentFactory(username="binh.tran")
    url = reverse("teacher-roster-import", args=[classroom.pk])
    rows = [["Họ tên", "Tên đăng nhập"], ["Bình", "Binh.Tran"], ["An", "an.le"], ["Ân", "AN.LE"]]
    result = client.post(url, {"file": _xlsx(rows)}).context["result"]
    assert [sorted(row.errors) for row in result.rows] == [["username"], [], ["username"]]
    assert "4" not in result.rows[0].errors["username"] and "3" in result.rows[2].errors["username"]
