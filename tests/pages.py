"""Builders for Wagtail page trees in tests: a home page, a curriculum, a module, lessons, quizzes,
contests and their rounds."""

import io
import json

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale, Page

from cms.models import HelpPage, HomePage
from courses.pages import CurriculumIndexPage, LessonPage, ModulePage
from quizzes.pages import QuizDraw, QuizPage, QuizQuestion

LESSON_BODY = [
    {
        "type": "paragraph",
        "value": "<p>Bình đẳng giới nghĩa là con trai và con gái có cơ hội như nhau.</p>",
    },
    {
        "type": "key_fact",
        "value": {"title": "Ghi nhớ", "text": "<p>Ai cũng có thể làm việc nhà.</p>"},
    },
    {
        "type": "scenario",
        "value": {
            "title": "Ở nhà Lan",
            "situation": "<p>Anh trai Lan không bao giờ rửa bát.</p>",
            "questions": ["Em nghĩ gì về điều này?"],
        },
    },
    {
        "type": "myth_or_fact",
        "value": {
            "statement": "Con trai không được khóc.",
            "verdict": "myth",
            "explanation": "<p>Ai cũng có cảm xúc.</p>",
        },
    },
    {
        "type": "check_question",
        "value": {
            "question": "Ai nên làm việc nhà?",
            "choices": [
                {"text": "Chỉ mẹ", "is_correct": False, "feedback": "Chưa đúng."},
                {"text": "Mọi thành viên", "is_correct": True, "feedback": "Đúng rồi."},
            ],
        },
    },
    {"type": "teacher_notes", "value": {"notes": "<p>BÍ MẬT GIÁO VIÊN: hỏi cả lớp.</p>"}},
]


def home(language: str = "vi") -> HomePage:
    return HomePage.objects.get(locale__language_code=language)


def make_image(title: str = "Ảnh thử") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 630), (91, 42, 134)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="thu.png"))


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def help_page(parent: HomePage | None = None) -> HelpPage:
    page = HelpPage(title="Tìm trợ giúp", slug="tro-giup")
    (parent or home()).add_child(instance=page)
    return publish(page)


def curriculum(parent: HomePage | None = None) -> CurriculumIndexPage:
    parent = parent or home()
    existing = CurriculumIndexPage.objects.child_of(parent).first()
    if existing:
        return existing
    index = CurriculumIndexPage(title="Chủ đề học tập", slug="chu-de")
    parent.add_child(instance=index)
    return publish(index)


def module(parent: CurriculumIndexPage | None = None, **fields) -> ModulePage:
    parent = parent or curriculum()
    defaults = {
        "title": "Giới và giới tính",
        "slug": f"mo-dun-{ModulePage.objects.count() + 1}",
        "summary": "Phân biệt giới và giới tính.",
        "is_core": True,
    }
    page = ModulePage(**(defaults | fields))
    parent.add_child(instance=page)
    return publish(page)


def lesson(
    parent: ModulePage | None = None, *, live: bool = True, body=None, **fields
) -> LessonPage:
    parent = parent or module()
    defaults = {
        "title": "Việc nhà là việc chung",
        "slug": f"bai-{LessonPage.objects.count() + 1}",
        "summary": "Chia sẻ việc nhà công bằng.",
        "body": json.dumps(body if body is not None else LESSON_BODY),
    }
    page = LessonPage(**(defaults | fields))
    if not live:
        page.live = False
    parent.add_child(instance=page)
    return publish(page) if live else page


def make_quiz(*questions, parent: Page | None = None, **rules):
    """A live quiz of `questions` in that order, under `parent` (a new module by default)."""
    quiz = QuizPage(title="Kiểm tra nhanh", slug=f"kiem-tra-{QuizPage.objects.count()}", **rules)
    (parent or module()).add_child(instance=quiz)
    for order, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    return publish(quiz)


def translate(page: Page, **fields) -> Page:
    """The English copy of a page (its parents must be translated already), published."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(english, name, value)
    return publish(english)


def contest(parent: Page | None = None, *, chain=(), judges=(), **fields):
    """A live contest under the home page; `chain` lists tie-break rules in order."""
    from quizzes.contests.pages import ContestPage, ContestTieBreak

    fields.setdefault("title", "Hội thi Tìm hiểu bình đẳng giới")
    fields.setdefault("slug", f"hoi-thi-{ContestPage.objects.count()}")
    fields.setdefault("organiser", "Sở Lao động – Thương binh và Xã hội Cần Thơ")
    fields.setdefault("rules", "<p>Mỗi tuần một vòng, được thi nhiều lần, tính lần cao nhất.</p>")
    page = ContestPage(**fields)
    (parent or home()).add_child(instance=page)
    for order, rule in enumerate(chain):
        ContestTieBreak.objects.create(contest=page, rule=rule, sort_order=order)
    page.judges.set(judges)
    page.save()
    return publish(page)


def contest_round(parent, *questions, number: int = 1, **rules):
    """A live round of `parent` with fixed questions (shown in order, as in a worked example)."""
    from quizzes.contests.pages import ContestRound
    from quizzes.pages import QuizQuestion

    rules.setdefault("attempts_allowed", 0)
    rules.setdefault("shuffle_questions", False)
    rules.setdefault("shuffle_choices", False)
    page = ContestRound(title=f"Vòng {number}", slug=f"vong-{number}", number=number, **rules)
    parent.add_child(instance=page)
    for order, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=page, question=question, sort_order=order)
    return publish(page)


def drawn_contest_round(parent, questions, *, draw: int = 1, number: int = 1, **rules):
    """A live round whose papers draw `draw` questions at random from `questions` (tag them all
    alike; three times `draw` or more draws widely: scores show after every attempt)."""
    from quizzes.contests.pages import ContestRound

    tag = f"vong-{number}-rut"
    for question in questions:
        question.tags.add(tag)
        question.save()
    rules.setdefault("attempts_allowed", 0)
    page = ContestRound(title=f"Vòng {number}", slug=f"vong-{number}", number=number, **rules)
    parent.add_child(instance=page)
    QuizDraw.objects.create(quiz=page, tag=tag, count=draw)
    return publish(page)
