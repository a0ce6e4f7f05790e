"""Search that ignores Vietnamese diacritics: "binh dang gioi" finds "bình đẳng giới".

Pages index a folded copy of their text, and queries are folded the same way, so the same search
works on SQLite and PostgreSQL without extensions such as unaccent.
"""

import unicodedata


def strip_diacritics(text: str) -> str:
    """'Đẳng' -> 'Dang'. Case is kept; đ/Đ, which Unicode does not decompose, become d/D."""
    text = unicodedata.normalize("NFC", text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded(text: str) -> str:
    return strip_diacritics(text).lower()
