"""The reach rule as a pure function of one person's facts: no database, table-tested."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from lms.reach.models import Rule


@dataclass(frozen=True)
class CoreModule:
    lesson_keys: frozenset[UUID]
    check_keys: frozenset[UUID]  # translation keys of its knowledge check(s)


@dataclass(frozen=True)
class Facts:
    """What one person has done: lessons completed (when), quiz results (translation key,
    percent, pass mark, when submitted)."""

    lessons: Mapping[UUID, datetime] = field(default_factory=dict)
    results: Iterable[tuple[UUID, Decimal, int, datetime]] = ()


def reached_at(
    *,
    rule: str,
    min_percent: int,
    core_modules: Iterable[CoreModule],
    facts: Facts,
) -> datetime | None:
    """When the person became reached under the rule, or None if they are not (yet)."""
    if rule == Rule.ANY_QUIZ_SCORE:
        good = [at for _key, percent, _mark, at in facts.results if percent >= min_percent]
        return min(good) if good else None
    modules = list(core_modules)
    if not modules:
        return None
    moments = []
    for module in modules:
        for key in module.lesson_keys:
            if key not in facts.lessons:
                return None
            moments.append(facts.lessons[key])
        if module.check_keys:
            passes = [
                at
                for key, percent, mark, at in facts.results
                if key in module.check_keys and percent >= mark
            ]
            if not passes:
                return None
            moments.append(min(passes))
    return max(moments) if moments else None
