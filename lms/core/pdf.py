"""What every PDF the platform prints shares: fonts that hold every Vietnamese diacritic.

Certificates, login cards and personal-data exports all draw with DejaVu Sans, embedded in the file,
so a pupil's name prints as typed on any printer.
"""

from functools import cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"


@cache
def register_fonts() -> None:
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
