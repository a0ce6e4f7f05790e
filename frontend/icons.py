"""Draws the app icons the web app manifest names (frontend/static/icons/), with Pillow and the
DejaVu font the certificates use. Run again after a change of colour:
    .venv/bin/python -m frontend.icons
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = (91, 42, 134)  # --brand in frontend/static/css/site.css: the manifest's theme colour
ACCENT = (255, 191, 71)  # --focus, the underline
FONT = Path(__file__).resolve().parent.parent / "lms" / "core" / "fonts" / "DejaVuSans-Bold.ttf"
ICONS = Path(__file__).resolve().parent / "static" / "icons"


def draw(size: int, *, maskable: bool) -> Image.Image:
    """The initials "HBĐ" on the brand colour; a maskable icon keeps them inside the middle 80%
    (the safe zone a launcher's mask never cuts), a plain one has rounded corners."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    if maskable:
        canvas.rectangle((0, 0, size, size), fill=BRAND)
    else:
        canvas.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=BRAND)
    area = size * (0.56 if maskable else 0.7)
    font = ImageFont.truetype(str(FONT), int(area / 2.2))
    left, top, right, bottom = canvas.textbbox((0, 0), "HBĐ", font=font)
    x, y = (size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top - size * 0.04
    canvas.text((x, y), "HBĐ", font=font, fill="white")
    line_y = y + bottom + size * 0.05
    canvas.rectangle((x + left, line_y, x + right, line_y + max(2, size // 40)), fill=ACCENT)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(ICONS / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(ICONS / "maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
