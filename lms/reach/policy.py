"""The reach rules as pure functions of one person's facts: no database, table-tested.

`reached_at` is the pupils' rule (the policy's). `population_reach` says whether and how anyone
counts toward the population measure, once whatever the channel: pupils by that same rule,
public contest participants by a round passed at the policy's score, light accounts by every
core module's check passed; `family_counts` does the same for a family quiz."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from lms.reach.models import Channel, Rule


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
    contest_results: Iterable[tuple[Decimal, datetime]] = ()  # public contest rounds: percent, when


@dataclass(frozen=True)
class Person:
    """Where a user stands for the population measure: a pupil (they have a school, and count
    through it), else a light account and whether they gave a ward to be counted in."""

    pupil: bool
    light_account: bool = False
    has_ward: bool = False


@dataclass(frozen=True)
class Channels:
    """Which channels besides pupils the policy version counts."""

    contests: bool = True
    light_accounts: bool = True
    families: bool = True


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


def checks_passed_at(core_modules: Iterable[CoreModule], facts: Facts) -> datetime | None:
    """When every core module's knowledge check had been passed (lessons not required): what a
    light account must do. None without core checks."""
    moments = []
    for module in core_modules:
        if not module.check_keys:
            continue
        passes = [
            at
            for key, percent, mark, at in facts.results
            if key in module.check_keys and percent >= mark
        ]
        if not passes:
            return None
        moments.append(min(passes))
    return max(moments) if moments else None


def population_reach(
    *,
    rule: str,
    min_percent: int,
    core_modules: Iterable[CoreModule],
    facts: Facts,
    person: Person,
    channels: Channels,
) -> tuple[str, datetime] | None:
    """(channel, when) a user counts toward the population measure, or None. A pupil counts by
    the pupils' rule and only as a pupil; anyone else needs a ward and counts by the earliest
    channel they qualify through, once."""
    modules = list(core_modules)
    if person.pupil:
        when = reached_at(rule=rule, min_percent=min_percent, core_modules=modules, facts=facts)
        return (Channel.PUPIL, when) if when else None
    if not person.has_ward:
        return None  # nowhere to count them
    found = []
    if channels.contests:
        passes = [at for percent, at in facts.contest_results if percent >= min_percent]
        if passes:
            found.append((min(passes), Channel.CONTEST))
    if channels.light_accounts and person.light_account:
        when = checks_passed_at(modules, facts)
        if when:
            found.append((when, Channel.LESSONS))
    if not found:
        return None
    when, channel = min(found)
    return channel, when


def family_counts(*, passed: bool, consented: bool, duplicate: bool, channels: Channels) -> bool:
    """A family entry counts when the quiz was passed with consent given, is not a flagged
    duplicate, and the policy counts families."""
    return channels.families and passed and consented and not duplicate
