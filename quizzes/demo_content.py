"""Demo knowledge checks, one per module, and family quizzes, one per core module, written by us in
Vietnamese with an English version.

The words live in `quizzes/content/demo/checks.yaml` and `families.yaml` (README.md there says how
to write them).
Each question reaches `cms/demo.py` as, per language, `(stem, [(choice, right?, feedback)],
explanation)`, then the accepted answers and the number when the question asks for a text or a
number.
"""

from pathlib import Path
from typing import Any

from lms.core.content_files import load_data

FILES = Path(__file__).resolve().parent / "content" / "demo"


def question(text: dict[str, Any]) -> tuple:
    """One language of a question, in the order `cms.demo._Seeder.question` unpacks."""
    rest: tuple = ()
    if "numeric_answer" in text:
        rest = (text.get("accepted_answers"), text["numeric_answer"])
    elif "accepted_answers" in text:
        rest = (text["accepted_answers"],)
    return (text["question"], list(text["choices"]), text["explanation"], *rest)


def quizzes(name: str) -> dict[str, dict]:
    """The quizzes of one file, by the Vietnamese slug of their module."""
    return {
        module: {
            **quiz,
            "questions": [
                {language: question(text) for language, text in item.items()}
                for item in quiz["questions"]
            ],
        }
        for module, quiz in load_data(FILES / name).items()
    }


CHECKS = quizzes("checks.yaml")
FAMILY_QUIZZES = quizzes("families.yaml")  # sent home by pupils: not knowledge checks
