"""Input made to hurt: files that unpack to far more than they weigh, sheets that claim a million
rows, and what a spreadsheet program would run as a formula. Each is refused with a message a
person can act on, quickly and in bounded memory, or written back as plain data."""

import io
import json
import resource
import time
import zipfile

import pytest
from django.utils import timezone
from openpyxl import Workbook

from lms.core.spreadsheets import MAX_COLUMNS, MAX_ROWS, read_table
from tests import pages
from tests.factories import StudentFactory, make_question
from tests.pages import make_quiz


def _xlsx_with_sheet(sheet_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A real workbook whose first sheet is replaced by `sheet_xml`."""
    book = Workbook()
    book.active["A1"] = "Họ và tên"
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            zip_.writestr(part, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            zip_.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet(rows: bytes, *, dimension: str | None) -> bytes:
    head = b'<?xml version="1.0" encoding="UTF-8"?>'
    head += b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'.encode()
    return head + b"<sheetData>" + rows + b"</sheetData></worksheet>"


def _row(number: int, text: str = "x") -> bytes:
    cell = f'<c r="A{number}" t="inlineStr"><is><t>{text}</t></is></c>'
    return f'<row r="{number}">{cell}</row>'.encode()


def _read_bounded(name: str, content: bytes) -> tuple[str, float, int]:
    """The refusal's message, the seconds it took and the growth of the process's peak memory."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(ValueError) as refused:
        read_table(name, content)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
    return str(refused.value), time.perf_counter() - started, grown_kb


def test_a_sheet_that_declares_a_huge_extent_is_refused_before_it_is_parsed():
    # The bomb that was seen: 1.6 KB whose header says A1:XFD8000, with one row numbered 8000.
    bomb = _xlsx_with_sheet(_sheet(_row(1) + _row(8000), dimension="A1:XFD8000"))
    assert len(bomb) < 10_000
    message, seconds, grown_kb = _read_bounded("lop.xlsx", bomb)
    assert f"{MAX_COLUMNS}" in message
    assert seconds < 1 and grown_kb < 20_000


def test_a_sheet_of_more_rows_than_an_import_can_hold_stops_at_the_limit():
    # No dimension to warn of it: 50,000 rows, read as a stream and refused past the limit.
    rows = b"".join(_row(n) for n in range(1, 50_001))
    bomb = _xlsx_with_sheet(_sheet(rows, dimension=None))
    message, seconds, grown_kb = _read_bounded("lop.xlsx", bomb)
    assert f"{MAX_ROWS}" in message
    assert seconds < 5 and grown_kb < 50_000


def test_a_lone_row_numbered_a_million_does_not_make_a_million_empty_rows():
    bomb = _xlsx_with_sheet(_sheet(_row(1) + _row(1_000_000), dimension=None))
    message, seconds, grown_kb = _read_bounded("lop.xlsx", bomb)
    assert seconds < 5 and grown_kb < 50_000


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_unread():
    zeros = b"0" * (41 * 1024 * 1024)  # 41 MB of one character weighs about 40 KB zipped
    bomb = _xlsx_with_sheet(_sheet(_row(1), dimension="A1"), extra={"xl/media/pad.bin": zeros})
    assert len(bomb) < 200_000
    message, seconds, _grown = _read_bounded("lop.xlsx", bomb)
    assert seconds < 1


def test_a_sheet_within_the_limits_is_read_whole_and_wide_rows_are_cut_to_the_limit():
    book = Workbook()
    for n in range(MAX_ROWS):
        book.active.append([f"HS {n}", n])
    book.active.append(["cuối"] + [""] * 10)
    content = io.BytesIO()
    book.save(content)
    table = read_table("lop.xlsx", content.getvalue())
    assert len(table) == MAX_ROWS + 1 and table[-1][0] == "cuối"


@pytest.mark.parametrize(
    "content",
    [b"ten,lop\nAn\x00,8A\n", b"ten\n" + b'"' + b"x" * 200_000 + b'"\n'],
    ids=["a NUL byte", "a cell larger than the csv module allows"],
)
def test_a_broken_csv_gets_a_message_not_an_error(content):
    with pytest.raises(ValueError, match="CSV"):
        read_table("lop.csv", content)


def test_a_csv_of_more_rows_than_the_limit_is_refused():
    content = b"ten\n" + b"An\n" * (MAX_ROWS + 1)
    with pytest.raises(ValueError):
        read_table("lop.csv", content)


@pytest.mark.parametrize("value", ["=1+2", "+84 1800 8065", "-3", "@SUM(A1)", "\tx"])
def test_exported_text_is_never_a_formula_and_imports_back_unchanged(value):
    from openpyxl import load_workbook

    from lms.core.spreadsheets import csv_bytes, xlsx_bytes

    rows = [["Tên", "Điểm"], [value, -3]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, title="x"))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == value
    assert sheet["B2"].value == -3  # numbers stay numbers
    written = csv_bytes(rows).decode("utf-8-sig").splitlines()[1]
    assert written.lstrip('"').startswith("'") and written.endswith(",-3")
    assert read_table("x.csv", csv_bytes(rows))[1] == [value.strip(), "-3"]


# Inputs that once answered 500 ----------------------------------------------------------------


@pytest.fixture
def browser():
    from django.test import Client

    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=b%C3%ACnh%00%20%C4%91%E1%BA%B3ng",
        "/certificates/HBD-AB%00C-DEFG/",
        "/accounts/join/AB%00CD/",
        "/api/v2/pages/?search=gi%00i",
        "/api/v2/pages/?offset=99999999999999999999",
        "/api/v2/images/?offset=99999999999999999999",
        "/api/v2/pages/?limit=99999999999999999999",
        "/api/v1/attempts/99999999999999999999999/",
        "/api/v1/quizzes/99999999999999999999999/",
    ],
)
def test_a_nul_byte_or_a_huge_number_in_an_address_is_a_4xx(browser, url):
    pages.lesson(title="Bình đẳng giới")
    browser.force_login(StudentFactory())
    response = browser.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    if url.startswith("/api/v1/"):
        assert response.json()["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("slot", [2**31, 2**63, 10**30])
def test_an_answer_to_a_slot_beyond_any_paper_is_a_4xx(browser, slot):
    from quizzes import services

    student = StudentFactory()
    browser.force_login(student)
    attempt = services.start_attempt(
        quiz=make_quiz(make_question()), user=student, now=timezone.now()
    )
    for attempt_id in (attempt.pk, 10**25):
        response = browser.put(
            f"/api/v1/attempts/{attempt_id}/answers/{slot}/",
            {"value": None, "sequence": 1},
            content_type="application/json",
        )
        assert 400 <= response.status_code < 500 and response.json()["error"]["message"]


@pytest.mark.django_db
def test_a_body_of_deeply_nested_brackets_is_a_400(browser):
    browser.force_login(StudentFactory())
    response = browser.put(
        "/api/v1/attempts/1/answers/1/", "[" * 100_000, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["error"]["message"]


# Names ------------------------------------------------------------------------------------------


def test_a_name_is_kept_in_one_form_with_single_spaces():
    import unicodedata

    from lms.accounts.models import clean_display_name

    typed = unicodedata.normalize("NFD", "  Nguyễn\tThị   Ánh ")  # as some phones send it
    assert clean_display_name(typed) == unicodedata.normalize("NFC", "Nguyễn Thị Ánh")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["Lan\u202eneM", "An\u2066h", "Bảo\u200bNgọc", "Minh\x07", "x" * 61],
    ids=["right-to-left override", "isolate", "zero-width space", "bell", "too long"],
)
def test_names_that_hide_or_reorder_characters_are_refused_everywhere(name, api_client):
    from django.core.exceptions import ValidationError

    from lms.accounts import roster
    from lms.accounts.models import clean_display_name

    with pytest.raises(ValidationError):
        clean_display_name(name)
    preview = roster.preview([["họ tên", "năm sinh"], [name, "2013"]])
    assert preview.rows[0].errors["display_name"]
    api_client.force_authenticate(StudentFactory())
    response = api_client.patch("/api/v1/me/", {"display_name": name}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["display_name"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v2/nope/", "/api/v3/", "/api/v2/pages/999999/"])
def test_every_address_under_the_api_answers_json(browser, url):
    response = browser.get(url)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


# Found by fuzzing the API (tests/bench/fuzz_api.py) ---------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", [0, 12.5, True, ["Lan"], {"name": "Lan"}])
def test_a_display_name_that_is_not_a_string_is_refused_not_turned_into_one(api_client, name):
    student = StudentFactory(display_name="Lan")
    api_client.force_authenticate(student)
    response = api_client.patch("/api/v1/me/", {"display_name": name}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["display_name"]
    student.refresh_from_db()
    assert student.display_name == "Lan"


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["null", "0", "-3", "abc", "1.5"])
def test_a_page_size_that_is_not_a_whole_number_from_1_is_a_400_naming_it(api_client, size):
    api_client.force_authenticate(StudentFactory())
    response = api_client.get(f"/api/v1/me/attempts/?page_size={size}")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["page_size"]


@pytest.mark.django_db
def test_a_page_size_over_the_most_gives_the_most(api_client):
    api_client.force_authenticate(StudentFactory())
    response = api_client.get("/api/v1/me/attempts/?page_size=100000")
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.django_db
def test_a_write_to_an_address_the_api_does_not_have_is_a_json_404_not_a_csrf_page():
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(StudentFactory())
    for url in ["/api/v1/no-such-thing/", "/api/v1/lessons/abc/progress/"]:
        response = browser.post(url, {"completed": True}, content_type="application/json")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_a_session_write_without_its_csrf_token_says_to_reload_not_that_the_account_may_not():
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(StudentFactory())
    response = browser.patch(
        "/api/v1/me/", {"display_name": "Lan"}, content_type="application/json"
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "permission_denied" and "tải lại trang" in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, headers",
    [
        ("/api/v1/contests/?" + "&".join(f"a={n}" for n in range(10_001)), {}),  # too many fields
        ("/api/v1/contests/", {"HTTP_HOST": "not-our-site.example"}),
    ],
    ids=["too many fields", "a host the site does not serve"],
)
def test_what_django_refuses_before_a_view_answers_is_json_under_the_api(url, headers):
    from django.test import Client

    response = Client(**headers).get(url)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "malformed_request"


def test_a_form_body_over_djangos_limit_is_a_json_413_under_the_api_and_a_page_elsewhere():
    from django.core.exceptions import RequestDataTooBig
    from django.test import RequestFactory

    from lms.core.api import bad_request

    too_big = RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
    response = bad_request(RequestFactory().post("/api/v1/me/"), too_big)
    assert response.status_code == 413
    assert json.loads(response.content)["error"]["code"] == "body_too_large"
    page = bad_request(RequestFactory().post("/accounts/login/"), too_big)
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_submit_whose_body_is_null_is_refused_like_any_body_that_is_not_an_object(api_client):
    from quizzes import services
    from quizzes.models import Attempt

    student = StudentFactory()
    api_client.force_authenticate(student)
    attempt = services.start_attempt(
        quiz=make_quiz(make_question()), user=student, now=timezone.now()
    )
    response = api_client.post(
        f"/api/v1/attempts/{attempt.pk}/submit/", "null", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["error"]["fields"]
    assert not Attempt.objects.get(pk=attempt.pk).is_submitted


@pytest.mark.django_db
@pytest.mark.parametrize("prediction", ["", "3"])
def test_a_prediction_sent_as_text_is_refused_by_the_api(api_client, prediction):
    from quizzes import services
    from quizzes.models import Attempt

    student = StudentFactory()
    api_client.force_authenticate(student)
    attempt = services.start_attempt(
        quiz=make_quiz(make_question()), user=student, now=timezone.now()
    )
    response = api_client.post(
        f"/api/v1/attempts/{attempt.pk}/submit/", {"prediction": prediction}, format="json"
    )
    assert response.status_code == 400 and response.json()["error"]["fields"]["prediction"]
    assert not Attempt.objects.get(pk=attempt.pk).is_submitted


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "last", "1.0"])
def test_a_page_that_is_not_a_number_is_a_404_like_a_page_past_the_last(api_client, page):
    api_client.force_authenticate(StudentFactory())
    response = api_client.get(f"/api/v1/me/attempts/?page={page}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
