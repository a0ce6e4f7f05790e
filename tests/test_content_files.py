"""The demo content files: every text in Vietnamese and English alike, and slips named clearly."""

from pathlib import Path

import pytest

from courses import demo_content as curriculum
from lms.core.content_files import ContentFileError, load, load_data
from quizzes import demo_content as knowledge_checks

ROOT = Path(__file__).resolve().parent.parent
CONTENT_FILES = sorted(
    [*ROOT.glob("*/content/demo/*.yaml"), *ROOT.glob("lms/*/content/demo/*.yaml")]
)
# Nothing to translate: the city, its hotline and picture specs; the wards, schools and people's
# names and figures of the accounts demo.
UNTRANSLATED = {ROOT / "cms/content/demo/site.yaml", *ROOT.glob("lms/accounts/content/demo/*.yaml")}


def translated_texts(value, where="") -> list[tuple[str, dict]]:
    """Every mapping that holds a text in one language or the other, with where it is."""
    found = []
    if isinstance(value, dict):
        if "vi" in value or "en" in value:
            found.append((where, value))
        for key, item in value.items():
            found += translated_texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += translated_texts(item, f"{where}[{index}]")
    return found


def block_types(text: dict) -> list[str]:
    return [next(iter(block)) for block in text.get("body", [])]


def test_the_content_files_of_the_four_apps_are_found():
    assert {path.parent.parent.parent.name for path in CONTENT_FILES} == {
        "accounts",
        "courses",
        "cms",
        "quizzes",
    }
    assert len(CONTENT_FILES) >= 15


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_text_has_vietnamese_and_english_with_the_same_fields_and_blocks(path):
    data = load(path)
    texts = translated_texts(data)
    if path not in UNTRANSLATED:
        assert texts, path
    else:
        assert not texts, path
    for where, text in texts:
        assert set(text) >= {"vi", "en"}, where
        assert set(text["vi"]) == set(text["en"]), where
        assert block_types(text["vi"]) == block_types(text["en"]), where


def test_every_module_file_is_in_the_curriculum_and_every_check_belongs_to_a_module():
    modules = {path.stem for path in curriculum.FILES.glob("*.yaml")} - {"curriculum"}
    listed = [module["vi"]["slug"] for module in curriculum.MODULES]
    assert sorted(listed) == sorted(modules)  # a file is named after its Vietnamese slug
    assert set(knowledge_checks.CHECKS) <= modules


def test_the_seed_receives_tuples_block_pairs_and_choice_triples(tmp_path):
    path = tmp_path / "lesson.yaml"
    path.write_text(
        "minutes: 15\n"
        "vi:\n"
        "  objectives: [Một, Hai]\n"
        "  body:\n"
        "    - paragraph: >-\n"
        "        <p>Dòng một\n"
        "        dòng hai.</p>\n"
        "    - check_question:\n"
        "        question: Câu hỏi?\n"
        "        choices:\n"
        "          - {text: Có, correct: true, feedback: Đúng.}\n"
        "en:\n"
        "  objectives: [One, Two]\n"
        "  body:\n"
        "    - paragraph: <p>Line one line two.</p>\n"
        "    - check_question:\n"
        "        question: Question?\n"
        "        choices:\n"
        "          - {text: 'Yes', correct: true, feedback: Yes.}\n",
        encoding="utf-8",
    )
    assert load_data(path) == {
        "minutes": 15,
        "vi": {
            "objectives": ("Một", "Hai"),
            "body": (
                ("paragraph", "<p>Dòng một dòng hai.</p>"),
                ("check_question", {"question": "Câu hỏi?", "choices": (("Có", True, "Đúng."),)}),
            ),
        },
        "en": {
            "objectives": ("One", "Two"),
            "body": (
                ("paragraph", "<p>Line one line two.</p>"),
                ("check_question", {"question": "Question?", "choices": (("Yes", True, "Yes."),)}),
            ),
        },
    }


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("vi:\n  title: [Chưa đóng\n", "expected ',' or ']'"),
        ("- một\n- hai\n", "must hold a mapping"),
        ("lessons:\n  - vi:\n      title: Bài một\n", "lessons[0] has no 'en' text"),
        (
            "vi:\n  body:\n    - paragraph: <p>Một</p>\n    - paragraph: <p>Hai</p>\n"
            "en:\n  body:\n    - paragraph: <p>One</p>\n",
            "en.body has 1 items, the Vietnamese 2",
        ),
        (
            "vi:\n  body:\n    - paragraph: <p>Một</p>\nen:\n  body:\n    - key_fact: <p>One</p>\n",
            "en.body[0] has the keys ['key_fact'], the Vietnamese ['paragraph']",
        ),
        ("vi:\n  answer: Đúng\nen:\n  answer: True\n", "en.answer is bool where the Vietnamese"),
        (
            "vi:\n  body:\n    - <p>Một</p>\nen:\n  body:\n    - <p>One</p>\n",
            "vi.body[0] must be one block",
        ),
        (
            "vi:\n  choices:\n    - {text: Có, correct: true}\n"
            "en:\n  choices:\n    - {text: 'Yes', correct: true}\n",
            "vi.choices[0] must have a text, correct and feedback",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_path_and_the_place(tmp_path, text, says):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentFileError) as refused:
        load_data(path)
    assert isinstance(refused.value, ValueError)
    message = str(refused.value)
    assert message.startswith(f"{path}: ")
    assert says in message


def test_a_missing_file_is_refused_with_its_path(tmp_path):
    path = tmp_path / "missing.yaml"
    with pytest.raises(ContentFileError, match="missing.yaml"):
        load(path)
