"""QR codes drawn on the server, so that a phone's camera opens a link without anyone typing it:
a class's join link, a pupil's family quiz."""

import io

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, title: str) -> SafeString:
    """`text` as an inline SVG QR code with `title` for screen readers. Safe to put in a page:
    segno writes the markup and escapes the title."""
    drawing = io.BytesIO()
    # No width or height, only a viewBox: the page's style sizes it (a phone's card, a
    # projector's corner) and it stays sharp at any size.
    segno.make(text, error="m").save(
        drawing, kind="svg", scale=4, xmldecl=False, svgns=True, title=title, omitsize=True
    )
    return mark_safe(drawing.getvalue().decode())  # made here by segno, no raw user input
