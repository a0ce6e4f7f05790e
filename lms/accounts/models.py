"""People and the organisation they belong to: areas, schools, classrooms, memberships.

Students are minors: a student's record holds a display name, birth year, sex, school and (through
membership) classroom, and nothing else. Staff may add an email to sign in with.
"""

import secrets
import unicodedata
from datetime import date, datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

# Join codes avoid letters and digits that are easy to confuse on a board: 0/O, 1/I/L.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class Role(models.TextChoices):
    """Each role is a Django group of the same name, holding that role's permissions."""

    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    JUDGE = "judge", _("Contest judge")
    OFFICER = "officer", _("Programme officer")
    ADMIN = "admin", _("Administrator")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Prefer not to say")


def school_year_of(day: date) -> int:
    """The Vietnamese school year starts in September; we name it by the year it starts in."""
    return day.year if day.month >= 8 else day.year - 1


def current_school_year() -> int:
    return school_year_of(timezone.localdate())


def school_year_label(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


DISPLAY_NAME_MAX = 60
# Control characters, and "format" ones: right-to-left overrides and isolates, zero-width spaces
# and joiners. None belongs in a person's name; some make a name read as another, or backwards.
NOT_IN_A_NAME = ("Cc", "Cf", "Co", "Cs")


def clean_display_name(raw: str) -> str:
    """A name as it is kept and shown: NFC (one code point for "ệ" however it was typed), single
    spaces. ValidationError saying what is wrong for characters that are not text or a name over
    the length; an empty result is the caller's to refuse, in its own words."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if any(unicodedata.category(char) in NOT_IN_A_NAME for char in name):
        raise ValidationError(
            _("The name holds an invisible or control character: type it again by hand."),
            code="invisible_character",
        )
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(
            _("The name is longer than %(count)d characters.") % {"count": DISPLAY_NAME_MAX},
            code="too_long",
        )
    return name


def validate_display_name(value: str) -> None:
    clean_display_name(value)


# What an erased person's name reads as, wherever it is shown: kept as data (in the record, an
# export, a ranking), so it reads the same in every language and in every file made from it.
ERASED_NAME = "(đã xoá)"


def _birth_year_validators():
    return [MinValueValidator(1900), MaxValueValidator(2100)]


class PeopleManager(UserManager):
    def get_by_natural_key(self, username):
        """Sign-in finds "An.Nguyen" for "an.nguyen": usernames are unique ignoring case."""
        return self.get(username__iexact=username)


class User(AbstractUser):
    """Anyone who signs in. Students sign in with a username; staff may use their email."""

    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX,
        validators=[validate_display_name],
        help_text=_("The name shown on the site. For students, a given name is enough."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=_birth_year_validators()
    )
    sex = models.CharField(_("sex"), max_length=12, choices=Sex, default=Sex.NOT_STATED)
    school = models.ForeignKey(
        "accounts.School",
        verbose_name=_("school"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("email address"), blank=True)
    area = models.ForeignKey(
        "accounts.Area",
        verbose_name=_("area of responsibility"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officers",
        help_text=_("For programme officers: the reach figures they may see."),
    )

    # A visitor's light account, made by a public contest sign-up; school accounts are made by
    # a teacher or with a class code, under the school's consent.
    public_sign_up = models.BooleanField(_("signed up publicly"), default=False, editable=False)
    # Who agreed to our keeping this person's data, and to which text: the person, or for a
    # minor a parent or guardian the minor says agreed (Decree 13/2023, art. 20).
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_by_guardian = models.BooleanField(
        _("consent given by a parent or guardian"), default=False
    )
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = PeopleManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Upper(), as Django's case-insensitive lookups compare on PostgreSQL: sign-in's lookup
        # uses the same index that keeps "An" and "an" from both existing.
        constraints = [
            models.UniqueConstraint(Upper("username"), name="user_username_unique_ignoring_case"),
            models.UniqueConstraint(
                Upper("email"), condition=~Q(email=""), name="user_email_unique_ignoring_case"
            ),
        ]
        indexes = [
            # Erased people are few: rankings look them up by this index, never by a scan.
            models.Index(
                fields=["erased_at"], condition=Q(erased_at__isnull=False), name="user_erased"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def get_full_name(self) -> str:
        return self.display_name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        return self.display_name or self.username

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's role names. One query, then cached for the request."""
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return self._roles_from(
            self.groups.filter(name__in=Role.values).values_list("name", flat=True)
        )

    def _roles_from(self, group_names) -> frozenset[str]:
        names = set(group_names) if self.is_active else set()
        if self.is_superuser and self.is_active:
            names.add(Role.ADMIN)
        return frozenset(names)

    def knows_roles(self, group_names) -> None:
        """Take the role names read in the same query as the user (`signed_in`'s cold read)."""
        self.__dict__["roles"] = self._roles_from(group_names)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_student(self) -> bool:
        return self.has_role(Role.STUDENT)

    @property
    def follows_reach(self) -> bool:
        return self.has_role(Role.OFFICER, Role.ADMIN)

    @property
    def judges_contests(self) -> bool:
        return self.has_role(Role.JUDGE)

    @property
    def is_teacher(self) -> bool:
        return self.has_role(Role.TEACHER)

    @property
    def hosts_live_games(self) -> bool:
        """Teachers, judges and editors run live games in a hall or a class."""
        return self.has_role(Role.TEACHER, Role.JUDGE, Role.EDITOR, Role.ADMIN)

    @property
    def sees_teacher_notes(self) -> bool:
        """Teachers and the people who write and check lessons; never students."""
        return self.has_role(Role.TEACHER, Role.EDITOR, Role.REVIEWER, Role.ADMIN)


class Area(MP_Node):
    """An administrative unit: the city, then wards and communes under it.

    Levels are data (`kind`), not code, because Vietnam merges and renames units: a merge is a
    move in this tree, not a migration. Its people, by year, sex and age band, are
    `population_figures` (AreaPopulation; read them with lms.reach.population).
    """

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind of unit"),
        max_length=40,
        help_text=_("For example: city, ward, commune."),
    )
    code = models.CharField(
        _("official code"), max_length=20, blank=True, help_text=_("The national unit code.")
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return self.name

    def with_descendants(self) -> models.QuerySet["Area"]:
        """This area and every unit under it, in one indexed prefix query."""
        return Area.objects.filter(path__startswith=self.path)


class School(models.Model):
    class Level(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
        CONTINUING = "continuing", _("Continuing education centre")

    GRADES = {
        Level.PRIMARY: range(1, 6),
        Level.LOWER_SECONDARY: range(6, 10),
        Level.UPPER_SECONDARY: range(10, 13),
        Level.CONTINUING: range(6, 13),
    }

    name = models.CharField(_("name"), max_length=160)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="schools"
    )
    code = models.CharField(_("school code"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="school_name_unique_in_area")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def grades(self) -> range:
        return self.GRADES[self.level]


class SchoolEnrolment(models.Model):
    """How many pupils a school has, by grade and sex, in a school year: the 80% denominator."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="enrolments")
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in, e.g. 2026.")
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    sex = models.CharField(_("sex"), max_length=12, choices=Sex)
    pupils = models.PositiveIntegerField(_("number of pupils"))

    class Meta:
        verbose_name = _("enrolment figure")
        verbose_name_plural = _("enrolment figures")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "grade", "sex"], name="one_enrolment_figure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} {school_year_label(self.school_year)} / {self.grade} / {self.sex}"


class AgeBand(models.TextChoices):
    """The population statistics' age bands: what population figures and reach by age use."""

    CHILDREN = "0-14", _("0–14 years")
    YOUTH = "15-24", _("15–24 years")
    ADULTS = "25-44", _("25–44 years")
    MIDDLE_AGED = "45-64", _("45–64 years")
    OLDER = "65+", _("65 years and over")

    @classmethod
    def of(cls, birth_year: int | None, year: int) -> str:
        """The band of someone born in `birth_year`, in `year`; "" when the year is unknown."""
        if birth_year is None:
            return ""
        age = year - birth_year
        for band, top in (
            (cls.CHILDREN, 14),
            (cls.YOUTH, 24),
            (cls.ADULTS, 44),
            (cls.MIDDLE_AGED, 64),
        ):
            if age <= top:
                return band
        return cls.OLDER


class AreaPopulation(models.Model):
    """How many people live in a ward or commune, by sex and age band, in a year: the
    denominator of the population measure. An empty age band holds a figure for all ages (files
    that give only the sexes)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_figures")
    year = models.PositiveSmallIntegerField(_("year of the figures"))
    sex = models.CharField(_("sex"), max_length=12, choices=Sex)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand, blank=True)
    people = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "sex", "age_band"], name="one_population_figure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year} / {self.sex} / {self.age_band or '*'}"

    @property
    def age_band_label(self) -> str:
        return self.get_age_band_display() if self.age_band else str(_("All ages"))


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, user: User) -> "ClassroomQuerySet":
        return self.filter(teachers=user)


class Classroom(models.Model):
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="classrooms"
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        default=current_school_year,
        help_text=_("The year the school year starts in, e.g. 2026."),
    )
    name = models.CharField(_("name"), max_length=40, help_text=_("For example: 8A2."))
    join_code = models.CharField(
        _("join code"), max_length=12, unique=True, default=new_join_code, editable=False
    )
    join_code_expires_at = models.DateTimeField(
        _("join code valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep the code valid for the whole school year."),
    )
    teachers = models.ManyToManyField(
        User, verbose_name=_("teachers"), related_name="taught_classrooms", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        verbose_name = _("classroom")
        verbose_name_plural = _("classrooms")
        ordering = ["-school_year", "grade", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "name"], name="classroom_name_unique_in_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({school_year_label(self.school_year)})"

    def join_code_is_open(self, at: datetime) -> bool:
        """A code works until its expiry, and never after its school year has ended."""
        if self.join_code_expires_at is not None and at >= self.join_code_expires_at:
            return False
        return school_year_of(timezone.localdate(at)) <= self.school_year

    def renew_join_code(self) -> None:
        self.join_code = new_join_code()


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        return self.filter(left_at__isnull=True)


class ClassroomMembership(models.Model):
    """A student in a classroom for one school year. Leaving keeps the row (and the history)."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    school_year = models.PositiveSmallIntegerField(_("school year"))
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("class membership")
        verbose_name_plural = _("class memberships")
        constraints = [
            # One current class per student per school year.
            models.UniqueConstraint(
                fields=["student", "school_year"],
                condition=Q(left_at__isnull=True),
                name="one_current_class_per_year",
            )
        ]
        indexes = [models.Index(fields=["classroom", "left_at"])]

    def __str__(self) -> str:
        return f"{self.student} → {self.classroom}"


class SchoolConsent(models.Model):
    """A school's consent, for one school year, to its pupils' accounts: the legal ground on which
    pupils made by a teacher or a class code are kept. Recorded by an officer or an admin from
    the school's letter; the letter itself stays with the school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="consents")
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in, e.g. 2026.")
    )
    reference = models.CharField(
        _("reference of the school's letter"),
        max_length=120,
        help_text=_("For example: Công văn số 12/THCS-AN, ngày 05/09/2026."),
    )
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("school consent")
        verbose_name_plural = _("school consents")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year"], name="one_school_consent_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} {school_year_label(self.school_year)}"


class PersonalDataAction(models.Model):
    """One export or erasure of a person's data: who did it, when and why. The person is kept as
    a plain number, so the record outlives the name it was about."""

    class Kind(models.TextChoices):
        EXPORT_JSON = "export_json", _("Exported (JSON)")
        EXPORT_PDF = "export_pdf", _("Exported (PDF)")
        ERASE = "erase", _("Erased")

    kind = models.CharField(_("action"), max_length=12, choices=Kind)
    person_id = models.PositiveIntegerField(_("person number"), db_index=True)
    done_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("done by")
    )
    done_at = models.DateTimeField(_("done"))
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("personal data action")
        verbose_name_plural = _("personal data actions")
        ordering = ["-done_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.person_id} {self.done_at:%Y-%m-%d %H:%M}"
