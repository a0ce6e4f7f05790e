"""Who counts toward the population measure: the pure rules, as a table of people."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from lms.reach.models import Channel, Rule
from lms.reach.policy import (
    Channels,
    CoreModule,
    Facts,
    Person,
    family_counts,
    population_reach,
)

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
L1, Q1, Q2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
MODULES = [CoreModule(frozenset({L1}), frozenset({Q1})), CoreModule(frozenset(), frozenset({Q2}))]
PUPIL = Person(pupil=True)
VISITOR = Person(pupil=False, light_account=True, has_ward=True)
NO_WARD = Person(pupil=False, light_account=True, has_ward=False)


def _at(days: int) -> datetime:
    return T0 + timedelta(days=days)


CHECKS = [(Q1, Decimal(80), 70, _at(3)), (Q2, Decimal(90), 70, _at(4))]


@pytest.mark.parametrize(
    ("person", "facts", "channels", "expected"),
    [
        # A pupil counts by the pupils' rule (lessons read and checks passed), as a pupil only.
        (PUPIL, Facts({L1: _at(1)}, CHECKS), Channels(), (Channel.PUPIL, _at(4))),
        (PUPIL, Facts({}, CHECKS), Channels(), None),
        (PUPIL, Facts(contest_results=[(Decimal(100), _at(1))]), Channels(), None),
        # A public contest participant: a round passed at the policy's score, in their ward.
        (VISITOR, Facts(contest_results=[(Decimal(85), _at(2))]), Channels(), ("contest", _at(2))),
        (VISITOR, Facts(contest_results=[(Decimal(79), _at(2))]), Channels(), None),  # below
        (
            VISITOR,
            Facts(contest_results=[(Decimal(85), _at(2))]),
            Channels(contests=False),
            None,
        ),
        # A light account: every core check passed, lessons not required.
        (VISITOR, Facts({}, CHECKS), Channels(), (Channel.LESSONS, _at(4))),
        (VISITOR, Facts({}, CHECKS[:1]), Channels(), None),  # one check left
        (VISITOR, Facts({}, CHECKS), Channels(light_accounts=False), None),
        # Both channels: counted once, by the earlier.
        (
            VISITOR,
            Facts({}, CHECKS, contest_results=[(Decimal(90), _at(6))]),
            Channels(),
            (Channel.LESSONS, _at(4)),
        ),
        (
            VISITOR,
            Facts({}, CHECKS, contest_results=[(Decimal(90), _at(1))]),
            Channels(),
            (Channel.CONTEST, _at(1)),
        ),
        # No ward given: nowhere to count them.
        (NO_WARD, Facts({}, CHECKS, contest_results=[(Decimal(90), _at(1))]), Channels(), None),
    ],
)
def test_who_counts_toward_the_population(person, facts, channels, expected):
    found = population_reach(
        rule=Rule.CORE_MODULES,
        min_percent=80,
        core_modules=MODULES,
        facts=facts,
        person=person,
        channels=channels,
    )
    assert found == expected


@pytest.mark.parametrize(
    ("passed", "consented", "duplicate", "channels", "expected"),
    [
        (True, True, False, Channels(), True),
        (False, True, False, Channels(), False),  # below the pass mark
        (True, False, False, Channels(), False),  # consent missing
        (True, True, True, Channels(), False),  # a flagged duplicate is never counted twice
        (True, True, False, Channels(families=False), False),
    ],
)
def test_a_family_entry_counts_when_passed_with_consent_and_not_a_duplicate(
    passed, consented, duplicate, channels, expected
):
    assert (
        family_counts(passed=passed, consented=consented, duplicate=duplicate, channels=channels)
        is expected
    )


def test_without_core_checks_a_light_account_is_not_reached():
    found = population_reach(
        rule=Rule.CORE_MODULES,
        min_percent=80,
        core_modules=[],
        facts=Facts({}, CHECKS),
        person=VISITOR,
        channels=Channels(),
    )
    assert found is None
