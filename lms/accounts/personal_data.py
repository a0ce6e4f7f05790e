"""A person's data as Decree 13/2023 asks us to handle it: consent, export, erasure.

Each app that keeps something about a person registers a `Section`: what it exports, what it
does when the person is erased, and when the person was last active in it. This module holds the
account itself; the apps above it come through the registry, so the bottom layer never imports
them.

Erasure removes who the person is (name, username, email, password, sign-ins, network hashes,
printed names) and keeps what the figures are made of (birth year, sex, school, class, attempts
and their answers, lesson progress): reach counts and finalised rankings stay as they were, and
every place that shows the person shows `ERASED_NAME`.
"""

import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from lms.accounts.models import (
    ERASED_NAME,
    ClassroomMembership,
    PersonalDataAction,
    SchoolConsent,
    User,
    school_year_label,
)
from lms.core import metrics
from lms.core.errors import Conflict
from lms.core.pdf import register_fonts

# The consent text a public sign-up agrees to. A new wording gets a new version; the old ones
# stay here, so that what each person agreed to can still be read.
CONSENT_VERSION = "2026-12"
CONSENT_TEXTS: dict[str, Promise] = {
    "2026-12": _(
        "Học Bình Đẳng keeps only what a contest needs: the name you give (public results show "
        "only your family name and initials), your birth year, sex, school or ward, your answers "
        "and scores. We use them to run the contest, to rank and award participants and to count, "
        "without names, how many people the programme has reached. We never sell them or show "
        "them to advertisers. You, or your parent or guardian, may ask the programme office to "
        "see all of it or to erase it. An account with no activity for 24 months is erased by "
        "itself. If you are under 18, a parent or guardian must read this and agree before you "
        "sign up."
    ),
}
ADULT_AGE = 18
INACTIVE_MONTHS = 24
EXPORT_FORMAT = "hocbinhdang-personal-data/1"


def born_a_minor_from(today: date) -> int:
    """The earliest birth year of someone who may still be under 18 today: whoever is born in it
    or later signs up with a parent's or guardian's consent."""
    return today.year - ADULT_AGE


def record_consent(user: User, *, by_guardian: bool, now: datetime) -> None:
    """The account's own consent (a public sign-up): which text, when, and whether a guardian
    gave it. Saved with the account by the caller."""
    user.consent_version = CONSENT_VERSION
    user.consent_given_at = now
    user.consent_by_guardian = by_guardian


# The registry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """What one app keeps about a person. `columns` name the export's fields and label them for
    the readable copy; `rows` gives them for a person (newest first)."""

    key: str
    title: Promise
    columns: tuple[tuple[str, Promise], ...]
    rows: Callable[[User, datetime], list[dict]]
    erase: Callable[[User, datetime], None] | None = None
    active_since: Callable[[QuerySet, datetime], Iterable[int]] | None = None
    order: int = field(default=100)


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


class AlreadyErased(Conflict):
    code = "already_erased"
    message = _("This person's data has already been erased.")


# Export ---------------------------------------------------------------------------------------

ACCOUNT_COLUMNS = (
    ("username", _("Username")),
    ("display_name", _("Name shown")),
    ("birth_year", _("Birth year")),
    ("sex", _("Sex")),
    ("school", _("School")),
    ("date_joined", _("Account made")),
    ("last_login", _("Last signed in")),
    ("signed_up_publicly", _("Signed up publicly")),
    ("consent", _("Consent")),
)
MEMBERSHIP_COLUMNS = (
    ("classroom", _("Class")),
    ("school", _("School")),
    ("school_year", _("School year")),
    ("joined_at", _("Joined")),
    ("left_at", _("Left")),
    ("school_consent", _("School's consent")),
)


def _consent_line(person: User) -> str:
    if not person.consent_version:
        return gettext("through the school (school account)")
    if person.consent_by_guardian:
        line = gettext("given by a parent or guardian, text version %(version)s")
    else:
        line = gettext("given by the person, text version %(version)s")
    return line % {"version": person.consent_version}


def _account(person: User) -> dict:
    return {
        "username": person.username,
        "display_name": person.display_name,
        "birth_year": person.birth_year,
        "sex": person.get_sex_display(),
        "school": person.school.name if person.school_id else None,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "signed_up_publicly": person.public_sign_up,
        "consent": _consent_line(person),
        "consent_version": person.consent_version or None,
        "consent_given_at": person.consent_given_at,
        "consent_by_guardian": person.consent_by_guardian,
    }


def _memberships(person: User) -> list[dict]:
    memberships = list(
        ClassroomMembership.objects.filter(student=person)
        .select_related("classroom__school")
        .order_by("-school_year", "-joined_at")
    )
    consents = {
        (consent.school_id, consent.school_year): consent
        for consent in SchoolConsent.objects.filter(
            school__in={m.classroom.school_id for m in memberships}
        )
    }
    rows = []
    for membership in memberships:
        classroom = membership.classroom
        consent = consents.get((classroom.school_id, membership.school_year))
        rows.append(
            {
                "classroom": classroom.name,
                "school": classroom.school.name,
                "school_year": school_year_label(membership.school_year),
                "joined_at": membership.joined_at,
                "left_at": membership.left_at,
                "school_consent": consent.reference if consent else gettext("not recorded"),
            }
        )
    return rows


def person_data(person: User, *, now: datetime) -> dict:
    """Everything kept about a person, section by section, as plain values."""
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": now,
        "person_id": person.pk,
        "account": _account(person),
        "sections": {"classes": _memberships(person)},
    }
    for section in sections():
        data["sections"][section.key] = section.rows(person, now)
    return data


def _audit(kind: str, *, person: User, by: User | None, reason: str, now: datetime) -> None:
    PersonalDataAction.objects.create(
        kind=kind, person_id=person.pk, done_by=by, done_at=now, reason=reason[:500]
    )
    metrics.audit.info(
        "personal data %s of user %s", kind, person.pk,
        extra={"event": f"personal_data_{kind}", "user_id": person.pk,
               "by_user_id": by.pk if by is not None else None},
    )  # fmt: skip


def _json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _cell(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_cell(item)}" for key, item in value.items())
    return str(value)


def render_pdf(data: dict) -> bytes:
    """The same data as the JSON, for a parent to read: one table per section, A4 portrait,
    with the font embedded so that every Vietnamese letter prints."""
    # reportlab takes a noticeable time to import; only the requests that print a PDF pay for it.
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import KeepTogether

    register_fonts()
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=8.5, leading=11)
    heading = ParagraphStyle("heading", fontName="DejaVuSans-Bold", fontSize=12, leading=16)
    title = ParagraphStyle("title", fontName="DejaVuSans-Bold", fontSize=16, leading=20)
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8299")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ece6f5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def table(columns, rows) -> Table:
        header = [Paragraph(str(label), body) for _key, label in columns]
        lines = [[Paragraph(_cell(row.get(key)), body) for key, _label in columns] for row in rows]
        return Table([header, *lines], repeatRows=1, style=style, hAlign="LEFT")

    story = [
        Paragraph(gettext("Personal data kept by Học Bình Đẳng"), title),
        Paragraph(
            gettext("Person number %(number)d, exported on %(when)s.")
            % {"number": data["person_id"], "when": _cell(data["exported_at"])},
            body,
        ),
        Spacer(0, 8),
        Paragraph(gettext("Account"), heading),
        Table(
            [
                [Paragraph(str(label), body), Paragraph(_cell(data["account"][key]), body)]
                for key, label in ACCOUNT_COLUMNS
            ],
            style=style,
            hAlign="LEFT",
            colWidths=[120, 340],
        ),
    ]
    every = [("classes", gettext("Classes"), MEMBERSHIP_COLUMNS)]
    every += [(section.key, section.title, section.columns) for section in sections()]
    for key, name, columns in every:
        rows = data["sections"].get(key) or []
        story.append(Spacer(0, 10))
        if not rows:
            story.append(
                KeepTogether(
                    [Paragraph(str(name), heading), Paragraph(gettext("Nothing kept."), body)]
                )
            )
            continue
        story += [Paragraph(str(name), heading), table(columns, rows)]
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
        title=gettext("Personal data"),
        author="Học Bình Đẳng",
    )
    document.build(story)
    return buffer.getvalue()


EXPORT_FORMATS = {  # file extension: what is recorded, how the data is written
    "json": (PersonalDataAction.Kind.EXPORT_JSON, _json),
    "pdf": (PersonalDataAction.Kind.EXPORT_PDF, render_pdf),
}


@transaction.atomic
def export(*, person: User, by: User, reason: str, now: datetime, extension: str) -> bytes:
    """Everything kept about `person`, as a JSON file or a readable PDF; audited."""
    kind, write = EXPORT_FORMATS[extension]
    data = person_data(person, now=now)
    _audit(kind, person=person, by=by, reason=reason, now=now)
    return write(data)


# Erasure --------------------------------------------------------------------------------------


@transaction.atomic
def erase_person(*, person: User, by: User | None, reason: str, now: datetime) -> User:
    """Erase who the person is, keep what the figures are made of, and record who asked why.
    Signing in ends with it: the password is unusable, API tokens are deleted and open sessions
    fail their password check."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_erased:
        raise AlreadyErased()
    for section in sections():
        if section.erase is not None:
            section.erase(person, now)
    person.username = f"xoa-{person.pk}-{secrets.token_hex(4)}"
    person.display_name = ERASED_NAME
    person.first_name = person.last_name = person.email = ""
    person.set_unusable_password()
    person.is_active = False
    person.last_login = None
    person.erased_at = now
    person.save()
    Token.objects.filter(user=person).delete()
    _audit(PersonalDataAction.Kind.ERASE, person=person, by=by, reason=reason, now=now)
    return person


def inactive_public_accounts(*, now: datetime) -> QuerySet[User]:
    """Light public accounts with nothing done for INACTIVE_MONTHS: no sign-in, no new account,
    and nothing in any section (an attempt, a lesson read) since."""
    since = now - timedelta(days=INACTIVE_MONTHS * 365 // 12)
    candidates = User.objects.filter(public_sign_up=True, erased_at__isnull=True).filter(
        Q(last_login__lt=since) | Q(last_login__isnull=True), date_joined__lt=since
    )
    for section in sections():
        if section.active_since is not None:
            candidates = candidates.exclude(pk__in=section.active_since(candidates, since))
    return candidates


def erase_inactive_accounts(*, now: datetime) -> int:
    """What the daily timer runs; each erasure is its own transaction and its own audit row."""
    erased = 0
    reason = gettext("No activity for %(months)d months.") % {"months": INACTIVE_MONTHS}
    for pk in list(inactive_public_accounts(now=now).order_by("pk").values_list("pk", flat=True)):
        erase_person(person=User(pk=pk), by=None, reason=reason, now=now)
        erased += 1
    return erased
