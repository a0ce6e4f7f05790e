"""Reads about the curriculum, in a fixed number of queries whatever the size of the tree."""

from dataclasses import dataclass

from courses.models import LessonProgress
from courses.pages import LessonPage, ModulePage


@dataclass(frozen=True)
class ModuleProgress:
    completed: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total


def _completed_keys(user) -> set:
    if not user.is_authenticated:
        return set()
    return set(
        LessonProgress.objects.filter(user=user, completed_at__isnull=False).values_list(
            "lesson_key", flat=True
        )
    )


def module_progress(*, user, modules: list[ModulePage]) -> dict[int, ModuleProgress]:
    """{module id: ModuleProgress}: two queries for any number of modules."""
    if not modules or not user.is_authenticated:
        return {}
    by_path = {module.path: module for module in modules}
    steplen = ModulePage.steplen
    depth = modules[0].depth + 1
    lessons = LessonPage.objects.live().filter(depth=depth)
    if len(modules) == 1:
        lessons = lessons.child_of(modules[0])
    done = _completed_keys(user)
    totals: dict[int, list[int]] = {module.pk: [0, 0] for module in modules}
    for path, key in lessons.values_list("path", "translation_key"):
        module = by_path.get(path[:-steplen])
        if module is None:
            continue
        totals[module.pk][1] += 1
        totals[module.pk][0] += key in done
    return {pk: ModuleProgress(completed=c, total=t) for pk, (c, t) in totals.items()}


def lesson_states(*, user, lessons: list[LessonPage]) -> dict[int, LessonProgress]:
    """{lesson page id: the user's progress} for the lessons given, in one query."""
    if not lessons or not user.is_authenticated:
        return {}
    keys = {lesson.translation_key: lesson.pk for lesson in lessons}
    rows = LessonProgress.objects.filter(user=user, lesson_key__in=list(keys))
    return {keys[row.lesson_key]: row for row in rows}


@dataclass(frozen=True)
class NextStep:
    """Where the module page's main button leads: the first lesson ("Start") before any is
    opened, then the first unfinished one ("Continue")."""

    lesson: LessonPage
    started: bool


def next_step(*, lessons: list[LessonPage], states: dict[int, LessonProgress]) -> NextStep | None:
    """The module's next lesson for this reader, from what `lesson_states` gave: no query. None
    when there is no lesson or every lesson is finished."""
    unfinished = [
        lesson for lesson in lessons if not getattr(states.get(lesson.pk), "completed_at", None)
    ]
    if not unfinished:
        return None
    return NextStep(lesson=unfinished[0], started=bool(states))


def continue_where_left_off(*, user) -> LessonProgress | None:
    """The lesson most recently opened and not yet finished."""
    if not user.is_authenticated:
        return None
    return (
        LessonProgress.objects.filter(user=user, completed_at__isnull=True, lesson__live=True)
        .select_related("lesson")
        .order_by("-updated_at")
        .first()
    )
