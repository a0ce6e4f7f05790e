"""The family path from school to home: a pupil who finished a core module sends its family quiz
(a link and a QR code); a family member answers it on a phone, without an account, giving only a
ward, an age band and a sex under a consent; a pass counts them as a person reached in that ward.

Reads and writes both live here, as the path is small: which quiz a module sends home, whether a
pupil finished the module, the pupil's invitation, and the family's answers, scored on the server
with the engine's pure scoring (no answer key ever reaches the family's browser). Abuse limits:
one entry per invitation (a one-to-one row), a rate per network address, and an entry from the
same address, ward, age band and sex within a day of another invitation's flagged as a duplicate,
which is kept but never counted (`refresh_family`)."""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from courses.pages import ModulePage
from lms.accounts.models import Area, Role, User
from lms.accounts.sign_in_limits import Rate, bump
from lms.core.errors import DomainError
from lms.reach import services
from lms.reach.models import FamilyEntry, FamilyInvite, Rule
from lms.reach.policy import CoreModule, Facts, reached_at
from quizzes import papers, scoring
from quizzes.pages import QuizPage

DUPLICATE_WINDOW = timedelta(hours=24)


class AlreadyAnswered(DomainError):
    status = 409
    code = "family_already_answered"
    message = _(
        "This family quiz has already been answered: the first answers are kept. Thank you!"
    )


class TooManyAnswers(DomainError):
    status = 429
    code = "family_answers_paused"
    message = _(
        "Many answers have come from this network in a short time. Your answers are still on "
        "the page: please send them again in a few minutes."
    )

    def __init__(self, *, retry_after: int):
        self.retry_after = retry_after
        super().__init__()


# Which quiz, which module -------------------------------------------------------------------


def is_pupil(user) -> bool:
    """Family quizzes are sent by pupils: students of a school (not a public contest's light
    accounts, who are counted themselves)."""
    return user.is_authenticated and user.has_role(Role.STUDENT) and user.school_id is not None


def _in_language(queryset):
    """The pages of `queryset` in the language of the request, else in the default one."""
    found = queryset.filter(locale=Locale.get_active()).first()
    return found or queryset.filter(locale=Locale.get_default()).first()


def core_module(module_key: UUID) -> ModulePage | None:
    """The live core module of this translation key, in the reader's language if translated."""
    return _in_language(ModulePage.objects.live().filter(translation_key=module_key, is_core=True))


def family_quiz(module: ModulePage) -> QuizPage | None:
    """The module's quiz for families: the first live one under it, else (not yet translated)
    under the module in the default language."""
    quizzes = QuizPage.objects.live().filter(for_families=True).order_by("path")
    found = quizzes.child_of(module).first()
    default = Locale.get_default()
    if found is None and module.locale_id != default.pk:
        source = module.get_translation_or_none(default)
        found = quizzes.child_of(source).first() if source is not None else None
    return found


def module_finished(user: User, module: ModulePage) -> bool:
    """Every lesson of the module read and its knowledge check passed: the pupils' rule of reach
    for this one module, on the same facts (three queries)."""
    keys = services.module_keys([(module.path, module.depth)])[module.path]
    return _finished(keys, services.facts_of([user.pk])[user.pk])


def _finished(module: CoreModule, facts: Facts) -> bool:
    when = reached_at(rule=Rule.CORE_MODULES, min_percent=0, core_modules=[module], facts=facts)
    return when is not None


@dataclass(frozen=True)
class ModuleForFamily:
    """One core module on the pupil's family page: finished or not, its invitation and whether
    the family answered."""

    module: ModulePage
    finished: bool
    invite: FamilyInvite | None

    @property
    def answered(self) -> bool:
        return self.invite is not None and hasattr(self.invite, "entry")


def modules_for_family(user: User) -> list[ModuleForFamily]:
    """The live core modules (in the reader's language) that have a family quiz, each with where
    the pupil stands: five queries whatever the number of modules."""
    core = ModulePage.objects.live().filter(is_core=True).order_by("path")
    modules = list(core.filter(locale=Locale.get_active())) or list(
        core.filter(locale=Locale.get_default())
    )
    if not modules:
        return []
    with_quiz = {
        path[: -ModulePage.steplen]
        for path in QuizPage.objects.live()
        .filter(for_families=True, depth=modules[0].depth + 1)
        .values_list("path", flat=True)
    }
    modules = [module for module in modules if module.path in with_quiz]
    keys = services.module_keys([(m.path, m.depth) for m in modules])
    facts = services.facts_of([user.pk])[user.pk]
    invites = {
        invite.module_key: invite
        for invite in FamilyInvite.objects.filter(pupil=user).select_related("entry")
    }
    return [
        ModuleForFamily(
            module=module,
            finished=_finished(keys[module.path], facts),
            invite=invites.get(module.translation_key),
        )
        for module in modules
    ]


# The pupil's invitation -----------------------------------------------------------------------


def invite_for(*, pupil: User, module: ModulePage) -> FamilyInvite:
    """The pupil's invitation for the module, made the first time (one per pupil and module,
    whatever the language, so one family entry at most). Two tabs racing keep one."""
    invite, _created = FamilyInvite.objects.get_or_create(
        pupil=pupil,
        module_key=module.translation_key,
        defaults={"token": secrets.token_urlsafe(32)},
    )
    return invite


def invite_of_token(token: str) -> FamilyInvite | None:
    return FamilyInvite.objects.filter(token=token).select_related("entry").first()


# The family's answers -------------------------------------------------------------------------


def paper_of(quiz: QuizPage) -> list[dict]:
    """The family quiz's paper: its fixed questions, in order, choices as the editor wrote them
    (no attempt keeps it, so every family gets the same one). Two queries."""
    rows = (
        quiz.fixed_questions.order_by("sort_order")
        .select_related("question")
        .prefetch_related("question__choices")
    )
    return [
        papers.placed(papers.frozen_base(row.question), slot=slot, rng=None, shuffle=False)
        for slot, row in enumerate(rows, start=1)
    ]


def questions_of(paper: list[dict]) -> list[dict]:
    """What the family's browser may see of the paper: no key, feedback or explanation."""
    return [papers.student_view(entry) for entry in paper]


def answers_posted(paper: list[dict], data) -> dict[int, object]:
    """The answers a form posted, by slot; blank ones left out (they score nothing)."""
    answers = {entry["slot"]: papers.posted_answer(entry, data) for entry in paper}
    return {slot: value for slot, value in answers.items() if value is not None}


def address_hash(address: str) -> str:
    """A keyed hash of a network address: the same address gives the same hash, and the hash
    tells nothing of the address without the site's secret key. Empty without an address."""
    if not address:
        return ""
    key = f"family-address:{settings.SECRET_KEY}".encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def _rate() -> Rate:
    return Rate(*settings.FAMILY_ANSWERS_PER_ADDRESS)


def _rate_key(hashed: str, now: float) -> str:
    return f"family:answers:{hashed}:{_rate().window(now)}"


def check_rate(hashed: str) -> None:
    """Refuse before anything is written when this address sent too many answers lately; the
    cache not answering lets the family through (the one-entry rule still holds)."""
    if not hashed:
        return
    now = time.time()
    try:
        count = cache.get(_rate_key(hashed, now)) or 0
    except Exception:  # the cache is down: the family should not pay for it
        return
    if count >= _rate().count:
        raise TooManyAnswers(retry_after=_rate().seconds_left(now))


def count_answer(hashed: str) -> None:
    if hashed:
        try:
            bump(_rate_key(hashed, time.time()), _rate().seconds)
        except Exception:  # noqa: S110 - a lost count is better than a lost answer
            pass


def earlier_entry(
    *, invite: FamilyInvite, hashed: str, ward_id: int, age_band: str, sex: str, now: datetime
) -> FamilyEntry | None:
    """The first counted entry of another invitation from the same address, ward, age band and
    sex within a day: most likely the same person answering a second pupil's (or module's) link."""
    if not hashed:
        return None
    return (
        FamilyEntry.objects.filter(
            address_hash=hashed,
            submitted_at__gte=now - DUPLICATE_WINDOW,
            ward_id=ward_id,
            age_band=age_band,
            sex=sex,
            duplicate_of__isnull=True,
        )
        .exclude(invite=invite)
        .order_by("submitted_at")
        .first()
    )


def submit_family_answers(
    *,
    invite: FamilyInvite,
    quiz: QuizPage,
    paper: list[dict],
    answers: dict[int, object],
    ward: Area,
    age_band: str,
    sex: str,
    address: str,
    now: datetime,
) -> FamilyEntry:
    """Score the family's answers on the server and keep them, once per invitation (a second
    send, a double tap, raises `AlreadyAnswered` and the first stays), then count the entry."""
    hashed = address_hash(address)
    check_rate(hashed)
    result = scoring.score([papers.frozen_question(entry) for entry in paper], answers)
    kept = {
        str(entry["slot"]): {"question": entry["question_id"], "answer": answers.get(entry["slot"])}
        for entry in paper
    }
    try:
        with transaction.atomic():
            entry = FamilyEntry.objects.create(
                invite=invite,
                ward=ward,
                age_band=age_band,
                sex=sex,
                consent_given_at=now,
                answers={"quiz": quiz.pk, "answers": kept},
                score=result.score,
                percent=result.percent,
                passed=result.percent >= quiz.pass_mark_percent,
                submitted_at=now,
                address_hash=hashed,
                duplicate_of=earlier_entry(
                    invite=invite,
                    hashed=hashed,
                    ward_id=ward.pk,
                    age_band=age_band,
                    sex=sex,
                    now=now,
                ),
            )
            services.refresh_family(entry)
    except IntegrityError as exc:  # the invitation's one entry is there already
        raise AlreadyAnswered() from exc
    finally:
        count_answer(hashed)
    return entry
