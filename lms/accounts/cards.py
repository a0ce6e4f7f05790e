"""Printable login cards: ten per A4 page, to cut out and hand to students without email.

Each card holds the student's name, username and new password, the class's join code with its QR
code (the join link: a phone's camera opens it), and where to sign in. `card_layout` places every
line inside the card, wrapping and shrinking what is long, so nothing runs into the next card.
"""

from dataclasses import dataclass
from io import BytesIO

import segno
from django.utils.translation import gettext as _

from lms.core.pdf import register_fonts

COLUMNS, ROWS = 2, 5
A4 = (595.2756, 841.8898)  # points, as reportlab.lib.pagesizes.A4
MARGIN = 28
PADDING = 12
QR_SIZE = 78
GAP = 8
LEADING = 1.25  # a line's height, times its font size


@dataclass(frozen=True)
class Line:
    text: str
    font: str
    size: float
    x: float  # from the card's left edge
    baseline: float  # from the card's top edge, downwards

    @property
    def top(self) -> float:
        return self.baseline - self.size

    @property
    def bottom(self) -> float:
        return self.baseline + self.size * (LEADING - 1)


@dataclass(frozen=True)
class CardLayout:
    width: float
    height: float
    lines: tuple[Line, ...]
    qr_box: tuple[float, float, float]  # x and top from the card's top-left corner, size

    @property
    def text_width(self) -> float:
        return self.width - 2 * PADDING - QR_SIZE - GAP


def card_size() -> tuple[float, float]:
    width, height = A4
    return (width - 2 * MARGIN) / COLUMNS, (height - 2 * MARGIN) / ROWS


def card_layout(
    name: str, username: str, password: str, *, classroom: str, login_url: str, join_code: str
) -> CardLayout:
    """Where each line of a card goes: the text in a column left of the QR code, long names and
    addresses wrapped (names on two lines at most, then cut with "…"), a long username or
    password set smaller so it stays on its line."""
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    width, height = card_size()
    text_width = width - 2 * PADDING - QR_SIZE - GAP
    lines: list[Line] = []
    y = PADDING

    def add(text: str, font: str, size: float, *, x: float = PADDING):
        nonlocal y
        y += size
        lines.append(Line(text, font, size, x, y))
        y += size * (LEADING - 1)

    def fitted(text: str, font: str, size: float, room: float) -> float:
        while size > 7 and stringWidth(text, font, size) > room:
            size -= 0.5
        return size

    # Above the QR code: the header may use the card's whole width.
    for text in wrap(
        _("Học Bình Đẳng · Class %(name)s") % {"name": classroom},
        "DejaVuSans",
        9,
        width - 2 * PADDING,
    )[:2]:
        add(text, "DejaVuSans", 9)
    y += 4
    name_lines = wrap(name, "DejaVuSans-Bold", 12, text_width)
    if len(name_lines) > 2:
        name_lines = name_lines[:1] + [_cut(" ".join(name_lines[1:]), "DejaVuSans-Bold", 12)]
    for text in name_lines:
        add(text, "DejaVuSans-Bold", 12)
    y += 4
    labels = (_("Username:"), _("Password:"))
    label_width = max(stringWidth(t, "DejaVuSans", 10) for t in labels)
    for label, value in zip(labels, (username, password), strict=True):
        beside = text_width - label_width - 6
        if stringWidth(value, "DejaVuSans-Bold", 9) <= beside:
            size = fitted(value, "DejaVuSans-Bold", 12, beside)
            y += 12
            lines.append(Line(label, "DejaVuSans", 10, PADDING, y))
            lines.append(Line(value, "DejaVuSans-Bold", size, PADDING + label_width + 6, y))
            y += 12 * (LEADING - 1) + 2
        else:  # too long to read beside its label: on the line below, across the column
            add(label, "DejaVuSans", 10)
            add(value, "DejaVuSans-Bold", fitted(value, "DejaVuSans-Bold", 12, text_width))
    qr_top = height - PADDING - QR_SIZE - 11
    code = _("Class code: %(code)s") % {"code": join_code}
    code_size = fitted(code, "DejaVuSans-Bold", 9, QR_SIZE)
    lines.append(
        Line(
            code,
            "DejaVuSans-Bold",
            code_size,
            width - PADDING - QR_SIZE,
            height - PADDING,
        )
    )
    footer = wrap(
        _("Sign in at %(url)s, then change the password.") % {"url": login_url},
        "DejaVuSans",
        7.5,
        text_width,
    )
    y = max(y, height - PADDING - len(footer) * 7.5 * LEADING + 7.5 * (LEADING - 1))
    for text in footer:
        add(text, "DejaVuSans", 7.5)
    return CardLayout(width, height, tuple(lines), (width - PADDING - QR_SIZE, qr_top, QR_SIZE))


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """Words on lines no wider than `room`; a word longer than a line (an address) is broken."""
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= room:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for letter in word:
            if stringWidth(current + letter, font, size) > room and current:
                lines.append(current)
                current = ""
            current += letter
    if current:
        lines.append(current)
    return lines


def _cut(text: str, font: str, size: float) -> str:
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room = card_size()[0] - 2 * PADDING - QR_SIZE - GAP
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def render_cards(
    cards: list[tuple[str, str, str]],
    *,
    classroom: str,
    login_url: str,
    join_url: str = "",
    join_code: str = "",
) -> bytes:
    """`cards`: (display name, username, password). Dashed borders show where to cut; each card
    has the QR code of `join_url` (drawn once into the file, placed on every card)."""
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = BytesIO()
    page_width, page_height = A4
    pdf = Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(_("Login cards of class %(name)s") % {"name": classroom})
    card_w, card_h = card_size()
    qr = None
    if join_url:
        png = BytesIO()
        segno.make(join_url, error="m").save(png, kind="png", scale=8, border=2)
        png.seek(0)
        qr = ImageReader(png)
    no_code = _("Class code: %(code)s") % {"code": ""}  # drawn only with a code to give
    for index, (name, username, password) in enumerate(cards):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            pdf.showPage()
        column, row = slot % COLUMNS, slot // COLUMNS
        x = MARGIN + column * card_w
        top = page_height - MARGIN - row * card_h
        pdf.setDash(4, 3)
        pdf.setStrokeGray(0.6)
        pdf.rect(x, top - card_h, card_w, card_h)
        pdf.setDash()
        pdf.setFillGray(0.2)
        layout = card_layout(
            name,
            username,
            password,
            classroom=classroom,
            login_url=login_url,
            join_code=join_code,
        )
        for line in layout.lines:
            if line.text == no_code:
                continue
            pdf.setFont(line.font, line.size)
            pdf.drawString(x + line.x, top - line.baseline, line.text)
        if qr is not None:
            qr_x, qr_top, size = layout.qr_box
            pdf.drawImage(qr, x + qr_x, top - qr_top - size, size, size)
    if not cards:
        pdf.setFont("DejaVuSans", 12)
        pdf.drawString(MARGIN, page_height - MARGIN - 20, _("No cards."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
