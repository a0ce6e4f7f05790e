"""Search that ignores Vietnamese diacritics: "binh dang gioi" finds "bình đẳng giới".

Pages index a folded copy of their text, and queries are folded the same way, so the same search
works on SQLite and PostgreSQL without extensions such as unaccent.
"""

import unicodedata

from django.utils.html import strip_tags


def strip_diacritics(text: str) -> str:
    """'Đẳng' -> 'Dang'. Case is kept; đ/Đ, which Unicode does not decompose, become d/D."""
    text = unicodedata.normalize("NFC", text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded(text: str) -> str:
    return strip_diacritics(text).lower()


def stream_text(blocks) -> str:
    """The plain text of StreamField blocks (tags stripped), for the folded search copy."""

    def text_of(value) -> str:
        if isinstance(value, str):
            return strip_tags(value)
        if isinstance(value, dict):
            return " ".join(text_of(v) for v in value.values())
        if isinstance(value, list):
            return " ".join(text_of(v) for v in value)
        return ""

    return " ".join(text_of(b.block.get_api_representation(b.value)) for b in blocks)
