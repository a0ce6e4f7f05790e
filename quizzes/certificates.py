"""Certificates: issued when a student passes a module's knowledge check, printed as a PDF in
Vietnamese, checked by anyone with the code. Contests reuse `issue` and `render_pdf`."""

from datetime import datetime
from functools import cache
from io import BytesIO

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.pages import ModulePage
from lms.core.pdf import register_fonts
from quizzes.models import Attempt, Certificate, new_certificate_code


def issue_for_attempt(attempt: Attempt) -> Certificate | None:
    """A certificate for a passed knowledge check of a module; the first pass keeps its own."""
    if not attempt.passed:
        return None
    module = attempt.quiz.get_parent().specific
    if not isinstance(module, ModulePage):
        return None
    existing = Certificate.objects.filter(user=attempt.user_id, quiz=attempt.quiz_id).first()
    if existing is not None:
        return existing
    return issue(
        user=attempt.user,
        title=module.title,
        quiz=attempt.quiz,
        attempt=attempt,
        percent=attempt.percent,
        at=attempt.submitted_at or timezone.now(),
    )


def issue(*, user, title: str, at: datetime, quiz=None, attempt=None, percent=None) -> Certificate:
    """A new certificate with a fresh code (retried on the rare clash)."""
    for _ in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    code=new_certificate_code(),
                    user=user,
                    display_name=user.get_short_name(),
                    title=title,
                    quiz=quiz,
                    attempt=attempt,
                    percent=percent,
                    issued_at=at,
                )
        except IntegrityError:
            if quiz is not None:
                existing = Certificate.objects.filter(user=user, quiz=quiz).first()
                if existing is not None:
                    return existing  # issued meanwhile by a racing submit
    raise RuntimeError("Could not draw a free certificate code")


@cache
def render_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    """One A4 landscape page. The font is embedded: every Vietnamese diacritic prints as typed."""
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = BytesIO()
    width, height = landscape(A4)
    pdf = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"Giấy chứng nhận {certificate.code}")
    pdf.setAuthor("Học Bình Đẳng")
    brand = HexColor("#5b3f8c")
    pdf.setStrokeColor(brand)
    pdf.setLineWidth(6)
    pdf.rect(24, 24, width - 48, height - 48)
    centre = width / 2
    lines = [
        ("DejaVuSans-Bold", 16, brand, "HỌC BÌNH ĐẲNG", height - 90),
        ("DejaVuSans-Bold", 34, brand, "GIẤY CHỨNG NHẬN", height - 150),
        ("DejaVuSans", 16, None, "Chứng nhận", height - 205),
        ("DejaVuSans-Bold", 30, None, certificate.display_name, height - 250),
        ("DejaVuSans", 16, None, "đã hoàn thành và đạt bài kiểm tra của học phần", height - 295),
        ("DejaVuSans-Bold", 20, None, certificate.title, height - 330),
    ]
    if certificate.percent is not None:
        score = f"{certificate.percent:.0f}".replace(".", ",")
        lines.append(("DejaVuSans", 14, None, f"Kết quả: {score}%", height - 365))
    local = timezone.localtime(certificate.issued_at)
    lines += [
        ("DejaVuSans", 14, None, f"Cần Thơ, ngày {local:%d} tháng {local:%m} năm {local:%Y}", 130),
        ("DejaVuSans", 11, None, f"Mã xác minh: {certificate.code}", 90),
        ("DejaVuSans", 11, None, f"Kiểm tra tại: {verify_url}", 72),
    ]
    for font, size, colour, text, y in lines:
        pdf.setFillColor(colour or HexColor("#201a2b"))
        pdf.setFont(font, size)
        pdf.drawCentredString(centre, y, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
