"""What people type or send, read without ever raising: bad input ends in a message, not a 500."""


def whole_number(text: object, *, digits: int = 10) -> int | None:
    """`text` as a whole number from 0, or None. Only ASCII digits, at most `digits` of them:
    `str.isdigit` also accepts "²", which `int` refuses, and a 5,000-digit string is refused by
    `int` as well."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
