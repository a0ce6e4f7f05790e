"""Questions from spreadsheets: real XLSX and CSV files, errors by row and column, all or nothing,
and a round trip through export."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from quizzes.importing import (
    COLUMNS,
    export_csv,
    export_xlsx,
    import_questions,
    preview,
    read_table,
)
from quizzes.models import Question
from quizzes.scoring import Kind

pytestmark = pytest.mark.django_db

HEADERS = [
    "kind",
    "stem",
    "choice_1",
    "choice_2",
    "choice_3",
    "correct",
    "accepted_answers",
    "numeric_answer",
    "tolerance",
    "tags",
    "difficulty",
]
GOOD = [
    ["single", "Ai nên làm việc nhà?", "Chỉ mẹ", "Cả nhà", "", "2", "", "", "", "việc nhà", "easy"],
    ["multiple", "Đâu là bạo lực?", "Đánh", "Chửi mắng", "Khen", "1,2", "", "", "", "", "medium"],
    ["true_false", "Con trai không được khóc.", "Đúng", "Sai", "", "2", "", "", "", "", ""],
    ["short_text", "Số tổng đài hỗ trợ?", "", "", "", "", "1800 8065 | 18008065", "", "", "", ""],
    ["numeric", "Mục tiêu là bao nhiêu phần trăm?", "", "", "", "", "", "80", "0,5", "", "hard"],
]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize(("name", "make"), [("cau-hoi.xlsx", xlsx), ("cau-hoi.csv", csv_bytes)])
def test_good_file_imports_every_type(name, make):
    result = preview(read_table(name, make([HEADERS, *GOOD])))
    assert result.is_valid, [(r.row, r.errors) for r in result.rows]
    created = import_questions(result)
    assert [q.kind for q in created] == [
        Kind.SINGLE,
        Kind.MULTIPLE,
        Kind.TRUE_FALSE,
        Kind.SHORT_TEXT,
        Kind.NUMERIC,
    ]
    single = created[0]
    assert [c.is_correct for c in single.choices.all()] == [False, True]
    assert list(single.tags.names()) == ["việc nhà"]
    assert created[3].accepted_answer_list == ("1800 8065", "18008065")
    assert created[4].tolerance == Decimal("0.5")
    assert all(q.revisions.count() == 1 for q in created)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_saved():
    rows = [
        HEADERS,
        GOOD[0],
        ["single", "Hai đáp án đúng?", "A", "B", "", "1,2", "", "", "", "", ""],
        ["essay", "", "", "", "", "", "", "", "", "", ""],
        ["numeric", "Bao nhiêu?", "", "", "", "", "", "tám", "", "", "rất khó"],
        ["single", "Đáp án rỗng?", "A", "B", "", "3", "", "", "", "", ""],
    ]
    result = preview(read_table("x.xlsx", xlsx(rows)))
    assert not result.is_valid
    errors = {row.row: set(row.errors) for row in result.rows if row.errors}
    assert errors == {
        3: {"correct"},
        4: {"kind", "stem"},
        5: {"numeric_answer", "difficulty"},
        6: {"correct"},
    }
    with pytest.raises(ValueError):
        import_questions(result)
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cau-hoi.pdf", b"%PDF", "xlsx"),
        ("cau-hoi.xlsx", b"not a zip", "Excel"),
        ("cau-hoi.csv", "kind,stem\n".encode("utf-16"), "UTF-8"),
        ("cau-hoi.csv", b"x" * (5 * 1024 * 1024 + 1), "5 MB"),
    ],
)
def test_files_that_are_not_spreadsheets_get_a_clear_message(name, content, message):
    with pytest.raises(ValueError, match=message):
        read_table(name, content)


def test_unknown_and_missing_columns_are_file_errors():
    result = preview([["kind", "cau_hoi"], ["single", "?"]])
    assert not result.is_valid
    assert any("cau_hoi" in error for error in result.file_errors)
    assert any("stem" in error for error in result.file_errors)


def test_export_then_import_gives_the_same_questions():
    import_questions(preview(read_table("a.csv", csv_bytes([HEADERS, *GOOD]))))
    exported = export_xlsx(Question.objects.order_by("pk"))
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    again = preview(read_table("b.xlsx", exported))
    assert again.is_valid, [(r.row, r.errors) for r in again.rows]
    assert [(r.fields["kind"], r.choices) for r in again.rows] == [
        (q.kind, [(c.text, c.is_correct) for c in q.choices.all()])
        for q in Question.objects.order_by("pk")
    ]
    assert export_csv(Question.objects.all()).startswith("\ufeffkind,stem".encode())


@pytest.fixture
def editor_client(client):
    from lms.accounts.models import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.EDITOR, is_staff=True))
    return client


def test_editor_uploads_checks_and_imports_through_the_back_office(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("cau-hoi.xlsx", xlsx([HEADERS, *GOOD]))
    checked = editor_client.post("/admin/quizzes/questions/import/", {"file": upload})
    assert checked.status_code == 200
    stored = checked.context["stored"]
    assert not Question.objects.exists()  # checking saves nothing
    done = editor_client.post("/admin/quizzes/questions/import/", {"stored": stored})
    assert done.status_code == 302
    assert Question.objects.count() == len(GOOD)


def test_back_office_shows_row_errors_and_offers_no_import(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = [HEADERS, GOOD[0], ["essay", "", "", "", "", "", "", "", "", "", ""]]
    upload = SimpleUploadedFile("cau-hoi.csv", csv_bytes(rows))
    response = editor_client.post("/admin/quizzes/questions/import/", {"file": upload})
    html = response.content.decode()
    assert "stored" not in response.context or not response.context.get("stored")
    assert "kind" in html and 'name="stored"' not in html
    assert not Question.objects.exists()


def test_someone_elses_upload_cannot_be_confirmed(editor_client):
    response = editor_client.post(
        "/admin/quizzes/questions/import/", {"stored": "imports/999999/x.xlsx"}
    )
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert not Question.objects.exists()


def test_export_downloads_a_workbook_students_cannot(client, editor_client):
    import_questions(preview(read_table("a.csv", csv_bytes([HEADERS, *GOOD]))))
    response = editor_client.get("/admin/quizzes/questions/export/", {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(response.content)).active.max_row == len(GOOD) + 1
    from tests.factories import StudentFactory

    client.force_login(StudentFactory())
    assert client.get("/admin/quizzes/questions/export/").status_code == 302


@pytest.mark.parametrize("marks", ["99999999", "-1", "1e30", "0", "0,001"])
def test_marks_the_bank_cannot_hold_are_refused_at_preview_not_at_confirm(marks):
    rows = [[*HEADERS, "marks"], [*GOOD[0], marks]]
    result = preview(read_table("x.csv", csv_bytes(rows)))
    assert set(result.rows[0].errors) == {"marks"}
    assert "0,01" in result.rows[0].errors["marks"]


def test_marks_left_empty_are_one_and_a_half_mark_is_kept():
    rows = [[*HEADERS, "marks"], [*GOOD[0], ""], [*GOOD[1], "0,5"]]
    result = preview(read_table("x.csv", csv_bytes(rows)))
    assert [row.fields["marks"] for row in result.rows] == [Decimal(1), Decimal("0.5")]
