"""What a contest keeps: who signed up, what the judges decided, and finalised rankings.

A finalised ranking (`RankingSnapshot` and its `RankingRow`s) is a record judges must be able to
defend: it is written once and never changed, by the ORM (these models refuse updates and
deletes), by the admin (not editable there) or by SQL (a PostgreSQL trigger refuses it). A
correction makes a new version beside it; publishing is a separate row.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import ERASED_NAME, Sex

# A sign-up is read by a round's page, its start and its result: a whole school asks within the
# same minute, and the query cost a start a tenth of its work. It is kept in the shared cache,
# dropped when the entry is saved or deleted; a change made without signals (a queryset
# `update`, a school's deletion setting `school` to null) shows within this many seconds.
KEPT_ENTRY_TTL = 300


def _kept_entry_key(contest_id: int, user_id: int) -> str:
    return f"contest-entry:{contest_id}:{user_id}"


class ContestEntryQuerySet(models.QuerySet):
    def signed_up(self, *, contest_id: int, user_id: int) -> "ContestEntry | None":
        """This person's sign-up to this contest, from the cache when it is there. Only a found
        entry is kept: a new sign-up counts at once. Without Redis, read from the database."""
        key = _kept_entry_key(contest_id, user_id)
        entry = cache.get(key)
        if entry is None:
            entry = self.filter(contest_id=contest_id, user_id=user_id).first()
            if entry is not None:
                cache.set(key, entry, KEPT_ENTRY_TTL)
        return entry


class ContestEntry(models.Model):
    """One person's sign-up to a contest. Rankings identify participants by this row."""

    contest = models.ForeignKey(
        "contests.ContestPage", on_delete=models.CASCADE, related_name="entries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contest_entries"
    )
    school = models.ForeignKey(
        "accounts.School",
        verbose_name=_("school"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ward = models.ForeignKey(
        "accounts.Area",
        verbose_name=_("ward or commune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_up_at = models.DateTimeField(_("signed up"))
    disqualified_at = models.DateTimeField(_("disqualified"), null=True, blank=True)
    disqualified_reason = models.CharField(_("reason"), max_length=500, blank=True)

    objects = ContestEntryQuerySet.as_manager()

    class Meta:
        db_table = "quizzes_contestentry"
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="one_entry_per_contest")
        ]

    def __str__(self) -> str:
        return f"{self.contest_id}: {self.user_id}"

    @property
    def is_disqualified(self) -> bool:
        return self.disqualified_at is not None

    def unit_name(self) -> str:
        """What public results show beside the abbreviated name: the school, else the ward."""
        if self.school_id:
            return self.school.name
        return self.ward.name if self.ward_id else ""


class JudgeDecision(models.Model):
    """A disqualification, a reinstatement or a flag checked and found valid, with its reason:
    the audit trail of judges' calls. A decision taken on a flag names it (`round`, `flag`), and
    the flag is no longer open."""

    class Action(models.TextChoices):
        DISQUALIFY = "disqualify", _("Disqualified")
        REINSTATE = "reinstate", _("Reinstated")
        VALID = "valid", _("Checked, valid")

    # The audit trail outlives the account: a deleted participant leaves the decision, its
    # contest and the name it was taken about.
    contest = models.ForeignKey(
        "contests.ContestPage", on_delete=models.CASCADE, related_name="decisions"
    )
    entry = models.ForeignKey(
        ContestEntry, on_delete=models.SET_NULL, null=True, related_name="decisions"
    )
    participant_name = models.CharField(_("participant"), max_length=100, blank=True)
    action = models.CharField(_("decision"), max_length=10, choices=Action)
    reason = models.CharField(_("reason"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    # The flag the decision was taken on (`flags.Flag.key`, in that round); empty: none.
    round = models.ForeignKey(
        "contests.ContestRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    flag = models.CharField(_("flag"), max_length=40, blank=True)

    class Meta:
        db_table = "quizzes_judgedecision"
        verbose_name = _("judges' decision")
        verbose_name_plural = _("judges' decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["round", "flag"], name="judgedecision_round_flag")]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.action}"


class SnapshotIsFinal(Exception):
    """Raised by any attempt to change or delete a finalised ranking."""


class WriteOnceQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise SnapshotIsFinal("A finalised ranking cannot be changed; finalise a new version.")

    def delete(self):
        raise SnapshotIsFinal("A finalised ranking cannot be deleted.")


class WriteOnce(models.Model):
    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise SnapshotIsFinal("A finalised ranking cannot be changed; finalise a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SnapshotIsFinal("A finalised ranking cannot be deleted.")


class RankingSnapshot(WriteOnce):
    """A finalised ranking of one round (or of the whole contest when `round` is empty)."""

    contest = models.ForeignKey(
        "contests.ContestPage", on_delete=models.PROTECT, related_name="snapshots"
    )
    round = models.ForeignKey(
        "contests.ContestRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="snapshots",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    chain = models.JSONField(_("tie-break chain"))
    actual_value = models.PositiveIntegerField(_("actual value"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"))
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)
    reason = models.CharField(_("why this version"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("finalised"))

    class Meta:
        db_table = "quizzes_rankingsnapshot"
        verbose_name = _("ranking snapshot")
        verbose_name_plural = _("ranking snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "round", "version"], name="one_snapshot_version"
            ),
            models.UniqueConstraint(
                fields=["contest", "version"],
                condition=models.Q(round__isnull=True),
                name="one_overall_snapshot_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id}/{self.round_id or 'overall'} v{self.version}"


class RankingRowQuerySet(WriteOnceQuerySet):
    pass


class RankingRowManager(models.Manager.from_queryset(RankingRowQuerySet)):
    def get_queryset(self) -> RankingRowQuerySet:
        """Every row read knows whether its participant's data was erased since (one indexed
        lookup per row): the row keeps the name it was finalised with, readers show
        `shown_name`."""
        erased = ContestEntry.objects.filter(
            pk=models.OuterRef("entry_id"), user__erased_at__isnull=False
        )
        return super().get_queryset().annotate(name_erased=models.Exists(erased))


class RankingRow(WriteOnce):
    """One place in a snapshot, with copies of what it was decided on: rows never follow later
    edits of people, schools or attempts. An erased participant keeps the place, and the row
    keeps the name it was decided with (the checksum covers it); everything that shows the row
    shows `shown_name` instead."""

    snapshot = models.ForeignKey(RankingSnapshot, on_delete=models.PROTECT, related_name="rows")
    position = models.PositiveIntegerField()
    rank = models.PositiveIntegerField()
    entry_id = models.PositiveIntegerField()  # plain numbers: the record outlives its sources
    attempt_id = models.PositiveIntegerField(null=True)
    score = models.DecimalField(max_digits=9, decimal_places=2)
    prediction = models.PositiveIntegerField(null=True)
    prediction_distance = models.PositiveIntegerField(null=True)
    duration_seconds = models.PositiveIntegerField(null=True)
    submitted_at = models.DateTimeField(null=True)
    public_name = models.CharField(max_length=80)
    unit_name = models.CharField(max_length=200, blank=True)
    school_id = models.PositiveIntegerField(null=True)
    area_id = models.PositiveIntegerField(null=True)
    sex = models.CharField(max_length=12, choices=Sex, blank=True)

    objects = RankingRowManager()

    class Meta:
        db_table = "quizzes_rankingrow"
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "position"], name="one_row_per_position"),
            models.UniqueConstraint(fields=["snapshot", "entry_id"], name="one_row_per_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.shown_name}"

    @property
    def shown_name(self) -> str:
        return ERASED_NAME if getattr(self, "name_erased", False) else self.public_name


class SnapshotPublication(models.Model):
    """Publishing a snapshot: the public results show the latest published version."""

    snapshot = models.OneToOneField(
        RankingSnapshot, on_delete=models.PROTECT, related_name="publication"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"))

    class Meta:
        db_table = "quizzes_snapshotpublication"

    def __str__(self) -> str:
        return f"{self.snapshot} @ {self.published_at:%Y-%m-%d %H:%M}"


@receiver(post_save, sender=ContestEntry)
@receiver(post_delete, sender=ContestEntry)
def _forget_kept_entry(sender, instance: ContestEntry, **kwargs) -> None:
    """Now, and again at the commit: a page read in between would keep the old row."""
    key = _kept_entry_key(instance.contest_id, instance.user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
