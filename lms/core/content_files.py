"""Content files: the YAML that editors and translators keep, read into the shapes the seeds use.

A file holds one mapping. Wherever a mapping has a Vietnamese text ("vi") it has the English one
("en") beside it, and the two have the same shape: the same keys, as many items in every list, the
same blocks in the same order, and no text where the other has a number or a yes/no. A file that
breaks this, or is not YAML, fails to load with its path and the place in it, so a slip in a
translation stops the seed instead of publishing half a page.

Loading hands the seeds what the Python data used to be: lists become tuples, each block of a
`body` (written `- paragraph: ...`) a `(type, value)` pair, and each of its `choices` a
`(text, correct, feedback)` triple.
"""

from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("vi", "en")
CHOICE = ("text", "correct", "feedback")


class ContentFileError(ValueError):
    """A content file that cannot be read, or whose two languages do not match."""


def load(path: Path) -> dict[str, Any]:
    """The file as written (mappings, lists, strings, numbers, dates), once checked."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentFileError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise ContentFileError(f"{path}: the file must hold a mapping (key: value lines)")
    problem = _problem(data, "")
    if problem:
        raise ContentFileError(f"{path}: {problem}")
    return data


def load_data(path: Path) -> dict[str, Any]:
    """In the seeds' shapes: tuples, `(type, value)` blocks, `(text, correct, feedback)`."""
    return _frozen(load(path))


def _frozen(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {name: _frozen(item, name) for name, item in value.items()}
    if not isinstance(value, list):
        return value
    if key == "body":
        return tuple((kind, _frozen(block, kind)) for item in value for kind, block in item.items())
    if key == "choices":
        return tuple(tuple(_frozen(item[name]) for name in CHOICE) for item in value)
    return tuple(_frozen(item) for item in value)


def _problem(value: Any, where: str) -> str | None:
    """What breaks the rules at or under `where`, said so that an editor can find it."""
    here = where or "the top"
    if isinstance(value, dict):
        if any(language in value for language in LANGUAGES):
            missing = [language for language in LANGUAGES if language not in value]
            if missing:
                return f"{here} has no {missing[0]!r} text beside the other language"
            mismatch = _mismatch(value["vi"], value["en"], f"{where}.en".lstrip("."))
            if mismatch:
                return mismatch
        items = [(f"{where}.{name}".lstrip("."), name, item) for name, item in value.items()]
    elif isinstance(value, list):
        items = [(f"{where}[{index}]", "", item) for index, item in enumerate(value)]
    else:
        return None
    for place, name, item in items:
        problem = _kind_problem(name, item, place) or _problem(item, place)
        if problem:
            return problem
    return None


def _kind_problem(name: str, value: Any, where: str) -> str | None:
    """A `body` is a list of one-key blocks; a choice has a text, a yes/no and a feedback."""
    if name == "body" and isinstance(value, list):
        for index, block in enumerate(value):
            if not (isinstance(block, dict) and len(block) == 1):
                return f"{where}[{index}] must be one block: `- type: value`"
    if name == "choices" and isinstance(value, list):
        for index, choice in enumerate(value):
            if not (isinstance(choice, dict) and set(choice) == set(CHOICE)):
                return f"{where}[{index}] must have a text, correct and feedback, nothing else"
            if not isinstance(choice["correct"], bool):
                return f"{where}[{index}].correct must be true or false"
    return None


def _mismatch(vi: Any, en: Any, where: str) -> str | None:
    """How the English text `en` differs in shape from the Vietnamese `vi`, if it does."""
    if type(vi) is not type(en):
        return (
            f"{where} is {type(en).__name__} where the Vietnamese is {type(vi).__name__}"
            " (a text that reads as a number or yes/no needs quotes)"
        )
    if isinstance(vi, dict):
        if set(vi) != set(en):
            return f"{where} has the keys {sorted(en)}, the Vietnamese {sorted(vi)}"
        pairs = [(f"{where}.{name}", vi[name], en[name]) for name in vi]
    elif isinstance(vi, list):
        if len(vi) != len(en):
            return f"{where} has {len(en)} items, the Vietnamese {len(vi)}"
        pairs = [(f"{where}[{i}]", *pair) for i, pair in enumerate(zip(vi, en, strict=True))]
    else:
        return None
    for place, vi_item, en_item in pairs:
        mismatch = _mismatch(vi_item, en_item, place)
        if mismatch:
            return mismatch
    return None
