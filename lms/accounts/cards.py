"""Printable login cards: ten per A4 page, to cut out and hand to students without email."""

from io import BytesIO

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
    pdf.setTitle(f"Thẻ đăng nhập {classroom}")
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
        pdf.drawString(left, y + card_h - 20, f"Học Bình Đẳng · Lớp {classroom}")
        pdf.setFont("DejaVuSans-Bold", 13)
        pdf.drawString(left, y + card_h - 40, name[:34])
        pdf.setFont("DejaVuSans", 11)
        pdf.drawString(left, y + card_h - 64, "Tên đăng nhập:")
        pdf.drawString(left, y + card_h - 84, "Mật khẩu:")
        pdf.setFont("DejaVuSans-Bold", 13)
        pdf.drawString(left + 100, y + card_h - 64, username)
        pdf.drawString(left + 100, y + card_h - 84, password)
        pdf.setFont("DejaVuSans", 8)
        pdf.drawString(left, y + 14, f"Đăng nhập tại {login_url} rồi đổi mật khẩu.")
    if not cards:
        pdf.setFont("DejaVuSans", 12)
        pdf.drawString(margin, height - margin - 20, "Không có thẻ nào.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
