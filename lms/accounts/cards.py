"""Printable login cards: ten per A4 page, to cut out and hand to students without email."""

from io import BytesIO

from django.utils.translation import gettext as _

from lms.core.pdf import register_fonts

COLUMNS, ROWS = 2, 5


def render_cards(cards: list[tuple[str, str, str]], *, classroom: str, login_url: str) -> bytes:
    """`cards`: (display name, username, password). Dashed borders show where to cut."""
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = BytesIO()
    width, height = A4
    pdf = Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(_("Login cards of class %(name)s") % {"name": classroom})
    margin = 28
    card_w = (width - 2 * margin) / COLUMNS
    card_h = (height - 2 * margin) / ROWS
    for index, (name, username, password) in enumerate(cards):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            pdf.showPage()
        column, row = slot % COLUMNS, slot // COLUMNS
        x = margin + column * card_w
        y = height - margin - (row + 1) * card_h
        pdf.setDash(4, 3)
        pdf.setStrokeGray(0.6)
        pdf.rect(x, y, card_w, card_h)
        pdf.setDash()
        left = x + 14
        pdf.setFillGray(0.2)
        pdf.setFont("DejaVuSans", 9)
        pdf.drawString(
            left, y + card_h - 20, _("Học Bình Đẳng · Class %(name)s") % {"name": classroom}
        )
        pdf.setFont("DejaVuSans-Bold", 13)
        pdf.drawString(left, y + card_h - 40, name[:34])
        pdf.setFont("DejaVuSans", 11)
        pdf.drawString(left, y + card_h - 64, _("Username:"))
        pdf.drawString(left, y + card_h - 84, _("Password:"))
        pdf.setFont("DejaVuSans-Bold", 13)
        pdf.drawString(left + 100, y + card_h - 64, username)
        pdf.drawString(left + 100, y + card_h - 84, password)
        pdf.setFont("DejaVuSans", 8)
        pdf.drawString(
            left, y + 14, _("Sign in at %(url)s, then change the password.") % {"url": login_url}
        )
    if not cards:
        pdf.setFont("DejaVuSans", 12)
        pdf.drawString(margin, height - margin - 20, _("No cards."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
