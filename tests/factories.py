"""Builders for just what a test needs, shared by every test module (no test module imports
another): people, schools and classes; questions; the contest of the issue's worked example; a
city whose reach is counted. Areas are a treebeard tree, so they get a function. Pages (quizzes,
rounds, lessons) are built by `tests/pages.py`."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from courses.services import record_lesson_progress
from lms.accounts.models import (
    Area,
    Classroom,
    ClassroomMembership,
    Role,
    School,
    SchoolEnrolment,
    Sex,
    User,
)
from quizzes import papers, scoring, selectors, services
from quizzes.contests import entries
from quizzes.contests.models import ContestEntry
from quizzes.models import Attempt, Question, QuestionChoice
from quizzes.scoring import Kind
from tests import pages

PASSWORD = "mat-khau-thu-2026"


def make_area(
    name: str = "Thành phố Cần Thơ", *, parent: Area | None = None, kind: str = ""
) -> Area:
    kind = kind or ("phường" if parent else "thành phố")
    if parent is None:
        return Area.add_root(name=name, kind=kind)
    return parent.add_child(name=name, kind=kind)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Trường THCS số {n}")
    level = School.Level.LOWER_SECONDARY
    area = factory.LazyFunction(lambda: make_area(f"Phường thử {Area.objects.count()}"))


def _give_role(default: Role | None = None):
    def give(user: User, create: bool, extracted: Role | None, **kwargs) -> None:
        role = extracted or default
        if create and role:
            group, _ = Group.objects.get_or_create(name=str(role))
            user.groups.add(group)

    return factory.PostGeneration(give)


class UserFactory(factory.django.DjangoModelFactory):
    """`UserFactory(role=Role.TEACHER)`; the role becomes group membership, as in production."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Iterator(["Lan", "Minh", "Thảo", "Khoa", "Ngọc Anh", "Bảo"])
    sex = Sex.NOT_STATED
    password = factory.django.Password(PASSWORD)
    role = _give_role()


class StudentFactory(UserFactory):
    birth_year = 2012
    role = _give_role(Role.STUDENT)


class TeacherFactory(UserFactory):
    email = factory.Sequence(lambda n: f"giaovien{n}@truong.edu.vn")
    role = _give_role(Role.TEACHER)


class ClassroomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classroom
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    grade = 8
    name = factory.Sequence(lambda n: f"8A{n}")

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.add(*extracted)


def enrol(student: User, classroom: Classroom) -> ClassroomMembership:
    return ClassroomMembership.objects.create(
        classroom=classroom, student=student, school_year=classroom.school_year
    )


# Questions -----------------------------------------------------------------------------------

# The fields of an answer key: none of them reaches a student before the review.
KEY_FIELDS = frozenset(
    {"key", "correct_choice_ids", "is_correct", "feedback", "explanation", "accepted_answers"}
)


def make_question(text="Ai nên làm việc nhà?", *, right="Cả nhà", wrong=("Chỉ mẹ", "Chỉ bố")):
    """A single-choice question of one mark with a revision (as a paper freezes it); the right
    choice comes first."""
    question = Question.objects.create(kind=Kind.SINGLE, stem=f"<p>{text}</p>", marks=Decimal(1))
    QuestionChoice.objects.create(question=question, text=right, is_correct=True, sort_order=0)
    for order, label in enumerate(wrong, start=1):
        QuestionChoice.objects.create(question=question, text=label, sort_order=order)
    question.save_revision()
    return question


def right_choice(attempt: Attempt, slot: int) -> int:
    """The id of the right choice of a single-choice slot, read from the attempt's frozen key."""
    entry = attempt.entry(slot)
    return entry["key"]["correct_choice_ids"][0]


# The contest of the worked example ---------------------------------------------------

# Its round: Monday 09:00 to 11:00, Vietnam time (UTC+7).
OPENS = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
CLOSES = datetime(2026, 11, 16, 4, 0, tzinfo=UTC)
AFTER = CLOSES + timedelta(minutes=5)


def at(hhmm: str) -> datetime:
    """A time of the round's Monday, read on a Vietnamese clock ("10:05")."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return OPENS + timedelta(hours=hours - 9, minutes=minutes)


def five_question_round(contest, **rules):
    """Round 1 of `contest`: five fixed questions, open from OPENS to CLOSES, with a prediction."""
    questions = [make_question(f"Câu {n}") for n in range(1, 6)]
    rules.setdefault("opens_at", OPENS)
    rules.setdefault("closes_at", CLOSES)
    rules.setdefault("prediction_question", "Bao nhiêu bạn trả lời đúng cả 5 câu?")
    return pages.contest_round(contest, *questions, **rules)


def enter(contest, name: str, school=None) -> ContestEntry:
    """A student named `name` signed up the day before the round."""
    student = StudentFactory(display_name=name, school=school or SchoolFactory())
    return entries.sign_up(contest=contest, user=student, now=OPENS - timedelta(days=1))


def scored_attempt(round_, entry, *, score, prediction, submitted, seconds, number=1) -> Attempt:
    """An attempt as submit leaves it: the ranking reads only these columns."""
    submitted_at = at(submitted)
    return Attempt.objects.create(
        quiz=round_,
        user=entry.user,
        number=number,
        paper=[],
        started_at=submitted_at - timedelta(seconds=seconds),
        submitted_at=submitted_at,
        score=Decimal(score),
        maximum=Decimal(5),
        percent=Decimal(score) * 20,
        duration_seconds=seconds,
        prediction=prediction,
    )


def worked_example(contest):
    """The issue's five participants and their attempts: (the round, entries by first name)."""
    round_ = five_question_round(contest)
    people = {}
    for name, score, prediction, submitted, seconds in [
        ("Nguyễn Văn An", 5, 3, "10:05", 120),
        ("Lê Thị Bình", 5, 4, "10:01", 200),
        ("Trần Minh Chi", 5, 2, "09:59", 90),
        ("Phạm Văn Dũng", 4, 3, "09:00", 60),
        ("Võ Thị Em", 5, 3, "10:03", 150),
    ]:
        people[name.split()[-1]] = entry = enter(contest, name)
        scored_attempt(
            round_, entry, score=score, prediction=prediction, submitted=submitted, seconds=seconds
        )
    return round_, people


# A city whose reach is counted ---------------------------------------------------------------


def build_city(*, enrolment: bool = True) -> dict:
    """A city of two wards, a school in each (10 girls and 10 boys in grade 8), a core module of
    two lessons and a knowledge check."""
    root = make_area(f"Thành phố Cần Thơ {uuid.uuid4().hex[:4]}")
    wards = [make_area(name, parent=root) for name in ("Phường Ninh Kiều", "Phường Cái Răng")]
    wards = [Area.objects.get(pk=ward.pk) for ward in wards]  # siblings are renumbered by name
    schools = [SchoolFactory(area=ward, name=f"THCS {ward.name}") for ward in wards]
    if enrolment:
        year = ClassroomFactory(school=schools[0]).school_year
        for school in schools:
            for sex in (Sex.FEMALE, Sex.MALE):
                SchoolEnrolment.objects.create(
                    school=school, school_year=year, grade=8, sex=sex, pupils=10
                )
    module = pages.module(title="Giới và giới tính", is_core=True)
    lessons = [pages.lesson(module, title=f"Bài {n}") for n in (1, 2)]
    question = make_question()
    check = pages.make_quiz(question, parent=module, pass_mark_percent=50)
    return {
        "root": root,
        "wards": wards,
        "schools": schools,
        "lessons": lessons,
        "check": check,
        "question": question,
    }


def city_student(city: dict, ward: int, sex=Sex.FEMALE) -> User:
    """A grade-8 pupil of the school of the city's ward number `ward` (0 or 1)."""
    student = StudentFactory(school=city["schools"][ward], sex=sex)
    enrol(student, ClassroomFactory(school=city["schools"][ward], grade=8))
    return student


def take_check(student: User, quiz, *, right: bool) -> Attempt:
    """The one-question knowledge check taken now, answered right or wrong, submitted."""
    attempt = services.start_attempt(quiz=quiz, user=student, now=timezone.now())
    entry = attempt.entry(1)
    key = set(entry["key"]["correct_choice_ids"])
    choice = next(c["id"] for c in entry["choices"] if (c["id"] in key) == right)
    services.save_answer(
        attempt_id=attempt.pk, user=student, slot=1, value=choice, sequence=1, now=timezone.now()
    )
    return services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())


def read_lessons(student: User, city: dict) -> None:
    """Every lesson of the city's core module read to the end, now."""
    for lesson in city["lessons"]:
        record_lesson_progress(user=student, lesson=lesson, now=timezone.now(), completed=True)


def reach_some(city: dict, per_ward=(6, 3)) -> None:
    """`per_ward` pupils of each ward (boys and girls in turn) read the module and pass."""
    for ward, count in enumerate(per_ward):
        for n in range(count):
            student = city_student(city, ward, sex=Sex.FEMALE if n % 2 else Sex.MALE)
            read_lessons(student, city)
            take_check(student, city["check"], right=True)


def reference_item_analysis(*, quiz, attempts=None) -> list[selectors.ItemStats]:
    """Item analysis as it was computed before `Attempt.item_marks` (every paper read and marked
    again on each request): the reference the selector's figures are checked against, and the
    "before" of tests/bench/bench_item_analysis.py."""
    attempts = attempts if attempts is not None else Attempt.objects.filter(quiz=quiz)
    rows = list(
        attempts.filter(submitted_at__isnull=False)
        .only("pk", "paper", "percent")
        .prefetch_related("answers")
    )
    ranked = sorted(rows, key=lambda a: (a.percent or 0, a.pk))
    group = max(1, int(round(len(ranked) * selectors.DISCRIMINATION_GROUP)))
    lower, upper = {a.pk for a in ranked[:group]}, {a.pk for a in ranked[-group:]}
    stats: dict[int, dict] = {}
    for attempt in rows:
        answers = {answer.slot: answer.value for answer in attempt.answers.all()}
        for entry in attempt.paper:
            item = stats.setdefault(
                entry["question_id"],
                {
                    "stem": entry["stem"],
                    "n": 0,
                    "right": 0,
                    "unanswered": 0,
                    "upper": [0, 0],
                    "lower": [0, 0],
                    "choices": {},
                    "correct": set(entry["key"]["correct_choice_ids"]),
                },
            )
            for choice in entry["choices"]:
                item["choices"].setdefault(choice["id"], [choice["text"], 0])
            value = answers.get(entry["slot"])
            mark = scoring.mark_question(papers.frozen_question(entry), value)
            item["n"] += 1
            item["right"] += mark.is_correct
            item["unanswered"] += not mark.answered
            chosen = value if isinstance(value, list) else [value]
            for choice_id in chosen:
                if choice_id in item["choices"]:
                    item["choices"][choice_id][1] += 1
            for name, members in (("upper", upper), ("lower", lower)):
                if attempt.pk in members:
                    item[name][0] += mark.is_correct
                    item[name][1] += 1
    result = []
    for question_id, item in stats.items():
        enough = len(rows) >= selectors.MIN_ATTEMPTS_FOR_DISCRIMINATION
        upper_share = item["upper"][0] / item["upper"][1] if item["upper"][1] else 0
        lower_share = item["lower"][0] / item["lower"][1] if item["lower"][1] else 0
        result.append(
            selectors.ItemStats(
                question_id=question_id,
                stem=item["stem"],
                attempts=item["n"],
                facility=item["right"] / item["n"],
                discrimination=round(upper_share - lower_share, 3) if enough else None,
                unanswered=item["unanswered"],
                choices=tuple(
                    selectors.ChoiceCount(cid, text, cid in item["correct"], count)
                    for cid, (text, count) in item["choices"].items()
                ),
            )
        )
    return sorted(result, key=lambda s: s.facility)


# The family path -----------------------------------------------------------------------------


def family_quiz(city: dict, *, pass_mark_percent: int = 60):
    """The city's core module's quiz for families: two single-choice questions, right one first."""
    questions = [
        make_question("Việc nhà là việc của ai?", right="Của cả nhà", wrong=("Của mẹ",)),
        make_question("Con gái có được học như con trai?", right="Có, như nhau", wrong=("Không",)),
    ]
    return pages.make_quiz(
        *questions,
        parent=city["check"].get_parent(),
        for_families=True,
        pass_mark_percent=pass_mark_percent,
        shuffle_choices=False,
    )


def finish_module(student: User, city: dict) -> None:
    """Every lesson of the city's core module read and its knowledge check passed, now."""
    read_lessons(student, city)
    take_check(student, city["check"], right=True)


def live_game_quiz(**rules):
    """The quiz the live game tests play: three single-choice questions on everyday equality."""
    return pages.make_quiz(
        make_question("Ai nên làm việc nhà?"),
        make_question("Con gái có nên học kỹ thuật?", right="Có", wrong=("Không",)),
        make_question("Ai được chơi bóng đá?", right="Mọi người", wrong=("Chỉ con trai",)),
        **rules,
    )


def right_in_game(game, index: int) -> int:
    """The id of a right choice of a live game's question (`index` counts from 0)."""
    return game.questions[index]["key"]["correct_choice_ids"][0]


def wrong_in_game(game, index: int) -> int:
    entry = game.questions[index]
    key = set(entry["key"]["correct_choice_ids"])
    return next(c["id"] for c in entry["choices"] if c["id"] not in key)
