"""Reach: who counts as having basic gender-equality knowledge, kept as records per person."""

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from lms.core.live_pages import kept_routes, pages_version


class Rule(models.TextChoices):
    CORE_MODULES = (
        "core_modules",
        _("Every lesson of every core module read, and each core module's knowledge check passed"),
    )
    ANY_QUIZ_SCORE = "any_quiz_score", _("Any quiz or contest round passed at the chosen score")


class Channel(models.TextChoices):
    """How a person came to be counted toward the population measure (each person once)."""

    PUPIL = "pupil", _("Pupil, through their school")
    CONTEST = "contest", _("Public contest participant")
    LESSONS = "lessons", _("Light account that passed the core checks")
    FAMILY = "family", _("Family member, through a pupil's family quiz")


class ReachPolicy(models.Model):
    """One version of the rule. Versions are never edited: a change is a new version, and the
    reached records are recomputed for it (`manage.py recompute_reach`)."""

    rule = models.CharField(_("rule"), max_length=20, choices=Rule, default=Rule.CORE_MODULES)
    min_percent = models.PositiveSmallIntegerField(
        _("score needed (%)"), default=80, help_text=_("For the “any quiz” rule.")
    )
    target_percent = models.PositiveSmallIntegerField(_("target (%)"), default=80)
    # Who counts toward the population measure besides pupils (a pupil always counts).
    counts_contests = models.BooleanField(
        _("count public contest participants"),
        default=True,
        help_text=_("A round passed at the chosen score counts them in the ward they gave."),
    )
    counts_light_accounts = models.BooleanField(
        _("count light accounts"),
        default=True,
        help_text=_("Every core module's knowledge check passed counts them in their ward."),
    )
    counts_families = models.BooleanField(
        _("count families"),
        default=True,
        help_text=_("A family quiz passed, with consent, counts the family member in their ward."),
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), default=2030)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reach policy")
        verbose_name_plural = _("reach policies")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"v{self.pk}: {self.get_rule_display()}"

    @classmethod
    def current(cls) -> "ReachPolicy":
        """The latest policy, kept by each worker under the pages' version: every scored attempt
        asks whether it concerns reach. A saved or deleted policy renews that version
        (lms/reach/receivers.py), so every worker reads it again within a second."""
        version = pages_version()
        kept = kept_routes.get(("reach policy", version)) if version is not None else None
        if kept is not None:
            return kept
        policy = cls.objects.order_by("-pk").first()
        if policy is None:
            # Not kept: the transaction that creates it may still roll back.
            return cls.objects.create()
        if version is not None:
            kept_routes.keep(("reach policy", version), policy)
        return policy


class Reached(models.Model):
    """A person counted as reached under one policy version, with what dashboards group by.

    A person is a user or a family member who answered a pupil's family quiz (no account), and
    is counted once whatever the channel. Pupils count in both measures, through their school:
    areas come through the school (its area's path), never copied here, as a school may move to
    another ward and adding a ward renumbers its siblings' paths. Everyone else counts toward
    the population measure only, in the ward they gave (`area`).

    Written when lessons are completed and attempts scored (or regraded), so that no dashboard
    ever reads attempts."""

    policy = models.ForeignKey(ReachPolicy, on_delete=models.CASCADE, related_name="reached")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="reached"
    )
    family = models.ForeignKey(
        "reach.FamilyEntry", on_delete=models.CASCADE, null=True, related_name="reached"
    )
    channel = models.CharField(max_length=10, choices=Channel, default=Channel.PUPIL)
    reached_at = models.DateTimeField(_("reached"))
    school = models.ForeignKey(
        "accounts.School", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    area = models.ForeignKey(
        "accounts.Area", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    grade = models.PositiveSmallIntegerField(null=True)
    sex = models.CharField(max_length=12)
    birth_year = models.PositiveSmallIntegerField(null=True)
    age_band = models.CharField(max_length=8, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["policy", "user"], name="reached_once_per_policy"),
            models.UniqueConstraint(
                fields=["policy", "family"], name="family_reached_once_per_policy"
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) ^ models.Q(family__isnull=False),
                name="reached_is_a_user_or_a_family",
            ),
        ]
        indexes = [
            models.Index(fields=["policy", "school", "reached_at"]),
            models.Index(fields=["policy", "school", "grade", "sex"]),
            models.Index(fields=["policy", "area", "reached_at"]),
            # The dashboards' one grouped read of a place, answered from this index alone.
            models.Index(
                fields=["policy", "reached_at"],
                include=["area", "school", "sex", "age_band", "grade"],
                name="reached_counts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id or f'family {self.family_id}'} @ v{self.policy_id}"


class ReachedCountQuerySet(models.QuerySet):
    def groups(self, *, policy: "ReachPolicy", areas: list[int], schools: list[int]):
        """(area id, school id, sex, age band, grade, n) of today's records given a ward of
        `areas` or a school of `schools`: the same tuples as grouping `Reached` (None for none)."""
        rows = self.filter(policy_id=policy.pk, n__gt=0).filter(
            models.Q(area_id__in=areas) | models.Q(school_id__in=schools)
        )
        return [
            (area or None, school or None, sex, band, grade or None, n)
            for area, school, sex, band, grade, n in rows.values_list(
                "area_id", "school_id", "sex", "age_band", "grade", "n"
            )
        ]


class ReachedCount(models.Model):
    """How many reached records share a policy, a place (the ward given, or the school), a sex,
    an age band and a grade: the dashboards' grouped read of today, a few thousand rows for a
    whole city instead of every record.

    Kept by PostgreSQL triggers on `Reached` (migration 0008), in the transaction of every write
    to it, bulk writes, cascades and SET_NULL included, so no code path can forget it. Plain
    numbers, not foreign keys: 0 stands for none (so a group is unique), and a deleted policy's
    or place's counts never stand in the way of deleting it. SQLite keeps no counts; its pages
    group the records, as every page of a past day does."""

    policy_id = models.IntegerField()
    area_id = models.IntegerField(default=0)
    school_id = models.IntegerField(default=0)
    grade = models.SmallIntegerField(default=0)
    sex = models.CharField(max_length=12)
    age_band = models.CharField(max_length=8, blank=True)
    n = models.IntegerField(default=0)

    objects = ReachedCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["policy_id", "area_id", "school_id", "grade", "sex", "age_band"],
                name="one_count_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"v{self.policy_id} {self.area_id}/{self.school_id} {self.sex}: {self.n}"

    @staticmethod
    def kept() -> bool:
        """Whether this database keeps the counts (PostgreSQL, through its triggers)."""
        return connection.vendor == "postgresql"


class ReachSnapshot(models.Model):
    """The counts for one area on one day (taken weekly), for the trend and the projections:
    pupils reached and enrolled, people reached and the population."""

    policy = models.ForeignKey(ReachPolicy, on_delete=models.CASCADE, related_name="snapshots")
    area = models.ForeignKey("accounts.Area", on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField()
    reached = models.PositiveIntegerField()  # pupils
    enrolled = models.PositiveIntegerField(null=True)
    # The population measure (empty in snapshots taken before it was kept).
    people_reached = models.PositiveIntegerField(null=True)
    population = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "area", "taken_on"], name="one_snapshot_per_area_and_day"
            )
        ]
        ordering = ["taken_on"]

    def __str__(self) -> str:
        return f"{self.area_id} {self.taken_on}: {self.reached}"


class PendingRecount(models.Model):
    """A person to recount: an attempt of theirs was scored. Written in the scoring transaction
    (so it exists exactly when the score does) and taken in batches by `services.refresh_pending`:
    a contest's deadline minute queues 3,000 rows, not 3,000 tasks."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.queued_at:%Y-%m-%d %H:%M}"


class FamilyInvite(models.Model):
    """A pupil's invitation to their family, after finishing a core module: a link (and QR code)
    with an unguessable token. One per pupil and module, so one family entry at most."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_invites"
    )
    module_key = models.UUIDField()  # the core module's translation key
    token = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "module_key"], name="one_family_invite")
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id} / {self.module_key}"


class FamilyEntry(models.Model):
    """A family member's answers to a pupil's family quiz: no account and no name, only a ward,
    an age band and a sex, under the consent given on the form. Counted when passed, unless
    flagged as a duplicate of an earlier entry (`duplicate_of`)."""

    invite = models.OneToOneField(FamilyInvite, on_delete=models.CASCADE, related_name="entry")
    ward = models.ForeignKey("accounts.Area", on_delete=models.PROTECT, related_name="+")
    age_band = models.CharField(max_length=8)
    sex = models.CharField(max_length=12)
    consent_given_at = models.DateTimeField()
    answers = models.JSONField(default=dict)
    score = models.DecimalField(max_digits=7, decimal_places=2)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    passed = models.BooleanField()
    submitted_at = models.DateTimeField()
    address_hash = models.CharField(max_length=64, blank=True)  # keyed hash, for duplicates only
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["address_hash", "submitted_at"])]

    def __str__(self) -> str:
        return f"family {self.pk} / {self.ward_id}"
