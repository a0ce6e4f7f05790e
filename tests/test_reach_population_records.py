"""The population measure's records: a public contest participant counted in the ward they gave,
a light account by the core checks, a family entry with consent, each person once."""

import secrets
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.accounts.models import AgeBand, Sex
from lms.reach import services
from lms.reach.models import Channel, FamilyEntry, FamilyInvite, Reached, ReachPolicy
from quizzes.contests import entries
from quizzes.contests.pages import ContestAudience
from tests import pages
from tests.factories import build_city, city_student, take_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return build_city()


def visitor(contest, ward, *, birth_year=1985):
    """A grown-up's light sign-up to the public contest, in `ward`."""
    return entries.sign_up_visitor(
        contest=contest,
        display_name="Cô Lan",
        birth_year=birth_year,
        sex=Sex.FEMALE,
        password="mat-khau-dai-2026",
        now=timezone.now(),
        ward=ward,
    ).user


def public_round(city):
    contest = pages.contest(audience=ContestAudience.PUBLIC)
    round_ = pages.contest_round(contest, city["question"], pass_mark_percent=50)
    return contest, round_


def test_a_public_participant_who_passes_a_round_counts_in_the_ward_they_gave(city):
    contest, round_ = public_round(city)
    person = visitor(contest, city["wards"][1])
    take_check(person, round_, right=False)
    assert not Reached.objects.filter(user=person).exists()
    take_check(person, round_, right=True)
    record = Reached.objects.get(user=person)
    assert (record.channel, record.area, record.school) == (
        Channel.CONTEST,
        city["wards"][1],
        None,
    )
    assert record.age_band == AgeBand.ADULTS


def test_a_light_account_counts_by_the_core_checks_once_whatever_the_channels(city):
    contest, round_ = public_round(city)
    person = visitor(contest, city["wards"][0])
    take_check(person, city["check"], right=True)  # every core check passed: no lessons needed
    take_check(person, round_, right=True)
    assert Reached.objects.filter(user=person).count() == 1
    assert Reached.objects.get(user=person).channel == Channel.LESSONS


def test_a_pupil_counts_as_a_pupil_through_their_school_even_after_a_contest(city):
    contest, round_ = public_round(city)
    pupil = city_student(city, 0)
    entries.sign_up(contest=contest, user=pupil, now=timezone.now())
    take_check(pupil, round_, right=True)
    assert not Reached.objects.filter(user=pupil).exists()  # the pupils' rule: the module
    assert services.refresh_person(pupil.pk) is None


def test_a_policy_that_does_not_count_contests_leaves_their_participants_out(city):
    ReachPolicy.objects.create(counts_contests=False)
    contest, round_ = public_round(city)
    person = visitor(contest, city["wards"][1])
    take_check(person, round_, right=True)
    assert services.refresh_person(person.pk) is None


def family_entry(city, *, passed=True, consent=True, duplicate_of=None) -> FamilyEntry:
    invite = FamilyInvite.objects.create(
        pupil=city_student(city, 0),
        module_key=city["check"].get_parent().translation_key,
        token=secrets.token_urlsafe(32),
    )
    return FamilyEntry.objects.create(
        invite=invite,
        ward=city["wards"][1],
        age_band=AgeBand.ADULTS,
        sex=Sex.MALE,
        consent_given_at=timezone.now() if consent else None,
        score=Decimal(1 if passed else 0),
        percent=Decimal(100 if passed else 0),
        passed=passed,
        submitted_at=timezone.now(),
        duplicate_of=duplicate_of,
    )


def test_a_family_entry_counts_when_passed_and_a_duplicate_never_twice(city):
    first = family_entry(city)
    record = services.refresh_family(first)
    assert (record.channel, record.area, record.user) == (Channel.FAMILY, city["wards"][1], None)
    again = family_entry(city, duplicate_of=first)
    assert services.refresh_family(again) is None
    failed = family_entry(city, passed=False)
    assert services.refresh_family(failed) is None
    assert services.recompute() == 1
    assert Reached.objects.get().family == first
