"""Who takes part: signing up (a signed-in person, or a visitor's light account) and the judges'
decisions to disqualify or reinstate a participant."""

import secrets
from datetime import datetime

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Area, Role, School, Sex, User
from lms.accounts.personal_data import record_consent
from lms.core.errors import DomainError
from quizzes.contests.errors import (
    AlreadySignedUp,
    BadDecision,
    JudgeCannotTakePart,
    NotInContestAudience,
    ReasonRequired,
    UnknownFlag,
)
from quizzes.contests.flags import flag_attempts
from quizzes.contests.live import forget_standings
from quizzes.contests.pages import ContestAudience, ContestPage, ContestRound
from quizzes.contests.records import ContestEntry, JudgeDecision


def _check_unit(contest: ContestPage, school: School | None, ward: Area | None) -> None:
    if contest.audience == ContestAudience.PUBLIC and school is None and ward is None:
        raise DomainError(
            _("Choose your school or your ward."),
            fields={"school": [gettext("Choose your school or your ward.")]},
        )


@transaction.atomic
def sign_up(
    *,
    contest: ContestPage,
    user: User,
    now: datetime,
    school: School | None = None,
    ward: Area | None = None,
) -> ContestEntry:
    """A signed-in person joins. Students of a school-only contest bring their own school."""
    if not contest.may_join(user):
        raise NotInContestAudience()
    if contest.is_judge(user) and not user.has_role(Role.ADMIN):
        raise JudgeCannotTakePart()
    if ContestEntry.objects.filter(contest=contest, user=user).exists():
        raise AlreadySignedUp()
    if contest.audience != ContestAudience.PUBLIC:
        # A contest of chosen schools or classes ranks its students by their own school.
        school, ward = user.school, None
    school = school or user.school
    _check_unit(contest, school, ward)
    try:
        with transaction.atomic():
            return ContestEntry.objects.create(
                contest=contest, user=user, school=school, ward=ward, signed_up_at=now
            )
    except IntegrityError:  # two taps at once: the first one counts
        raise AlreadySignedUp() from None


def new_participant_username() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    while True:
        name = "thisinh-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if not User.objects.filter(username=name).exists():
            return name


@transaction.atomic
def sign_up_visitor(
    *,
    contest: ContestPage,
    display_name: str,
    birth_year: int,
    sex: str,
    password: str,
    now: datetime,
    school: School | None = None,
    ward: Area | None = None,
    consent_by_guardian: bool = False,
) -> ContestEntry:
    """A visitor's light sign-up to a public contest: a new account holding only what the
    contest needs (a display name, birth year, sex, school or ward), and the consent given."""
    if contest.audience != ContestAudience.PUBLIC:
        raise NotInContestAudience()
    _check_unit(contest, school, ward)
    user = User(
        username=new_participant_username(),
        display_name=display_name.strip(),
        birth_year=birth_year,
        sex=sex if sex in Sex.values else Sex.NOT_STATED,
        school=school,
        public_sign_up=True,
    )
    record_consent(user, by_guardian=consent_by_guardian, now=now)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.STUDENT)[0])
    return ContestEntry.objects.create(
        contest=contest, user=user, school=school, ward=ward, signed_up_at=now
    )


# Judges' decisions --------------------------------------------------------------------------


@transaction.atomic
def decide(
    *,
    entry: ContestEntry,
    action: str,
    reason: str,
    by: User,
    now: datetime,
    round_: ContestRound | None = None,
    flag: str = "",
) -> JudgeDecision:
    """Disqualify or reinstate a participant, with the reason kept. Never automatic. Taken on a
    flag (`round_`, `flag`), it names the flag, which is then no longer open. `valid` marks that
    flag checked and valid instead (`mark_flag_valid`): one door for every judge's decision."""
    if action == JudgeDecision.Action.VALID:
        if round_ is None:
            raise UnknownFlag(fields={"round": [str(UnknownFlag.message)]})
        return mark_flag_valid(round_=round_, flag=flag, reason=reason, by=by, now=now, entry=entry)
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(fields={"reason": [str(ReasonRequired.message)]})
    entry = (
        ContestEntry.objects.select_for_update(of=("self",)).select_related("user").get(pk=entry.pk)
    )
    if action == JudgeDecision.Action.DISQUALIFY:
        if entry.is_disqualified:
            raise BadDecision(_("This participant is already disqualified."))
        entry.disqualified_at, entry.disqualified_reason = now, reason
    elif action == JudgeDecision.Action.REINSTATE:
        if not entry.is_disqualified:
            raise BadDecision(_("This participant is not disqualified."))
        entry.disqualified_at, entry.disqualified_reason = None, ""
    else:
        raise DomainError(fields={"action": [gettext("Choose disqualify or reinstate.")]})
    if flag and round_ is not None:
        check_flag(round_=round_, flag=flag, entry=entry)
    entry.save(update_fields=["disqualified_at", "disqualified_reason"])
    decision = JudgeDecision.objects.create(
        contest_id=entry.contest_id,
        entry=entry,
        participant_name=entry.user.display_name,
        action=action,
        reason=reason,
        decided_by=by,
        decided_at=now,
        round=round_ if flag else None,
        flag=flag if round_ is not None else "",
    )
    forget_standings(entry.contest)
    return decision


def check_flag(*, round_: ContestRound, flag: str, entry: ContestEntry | None = None) -> None:
    """A flag the round can have (see `flags.Flag.key`), with this participant in it when one is
    named; else UnknownFlag (400)."""
    found = flag_attempts(round_, flag)
    if found is not None and entry is not None:
        found = found.filter(user_id=entry.user_id)
    if found is None or not found.exists():
        raise UnknownFlag(fields={"flag": [str(UnknownFlag.message)]})


def is_decided(*, round_: ContestRound, flag: str) -> bool:
    return JudgeDecision.objects.filter(round=round_, flag=flag).exists()


@transaction.atomic
def mark_flag_valid(
    *,
    round_: ContestRound,
    flag: str,
    reason: str,
    by: User,
    now: datetime,
    entry: ContestEntry | None = None,
) -> JudgeDecision:
    """A judge has looked at a flag and found nothing wrong (a school's shared Wi-Fi): kept in
    the audit trail like any decision, and the flag is no longer open. The reason may be empty:
    who decided, and when, is kept."""
    check_flag(round_=round_, flag=flag, entry=entry)
    if is_decided(round_=round_, flag=flag):
        raise BadDecision(_("This flag has already been decided."))
    return JudgeDecision.objects.create(
        contest_id=round_.contest.pk,
        entry=entry,
        participant_name=entry.user.display_name if entry is not None else "",
        action=JudgeDecision.Action.VALID,
        reason=(reason or "").strip(),
        decided_by=by,
        decided_at=now,
        round=round_,
        flag=flag,
    )
