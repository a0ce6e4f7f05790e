"""Reach: who counts as having basic gender-equality knowledge, kept as records per person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.live_pages import kept_routes, pages_version


class Rule(models.TextChoices):
    CORE_MODULES = (
        "core_modules",
        _("Every lesson of every core module read, and each core module's knowledge check passed"),
    )
    ANY_QUIZ_SCORE = "any_quiz_score", _("Any quiz or contest round passed at the chosen score")


class ReachPolicy(models.Model):
    """One version of the rule. Versions are never edited: a change is a new version, and the
    reached records are recomputed for it (`manage.py recompute_reach`)."""

    rule = models.CharField(_("rule"), max_length=20, choices=Rule, default=Rule.CORE_MODULES)
    min_percent = models.PositiveSmallIntegerField(
        _("score needed (%)"), default=80, help_text=_("For the “any quiz” rule.")
    )
    target_percent = models.PositiveSmallIntegerField(_("target (%)"), default=80)
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

    Written when lessons are completed and attempts scored (or regraded), so that no dashboard
    ever reads attempts. Areas come through the school (its area's path), never copied here: a
    school may move to another ward, and adding a ward renumbers its siblings' paths."""

    policy = models.ForeignKey(ReachPolicy, on_delete=models.CASCADE, related_name="reached")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reached"
    )
    reached_at = models.DateTimeField(_("reached"))
    school = models.ForeignKey(
        "accounts.School", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    grade = models.PositiveSmallIntegerField(null=True)
    sex = models.CharField(max_length=12)
    birth_year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["policy", "user"], name="reached_once_per_policy")
        ]
        indexes = [
            models.Index(fields=["policy", "school", "reached_at"]),
            models.Index(fields=["policy", "school", "grade", "sex"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ v{self.policy_id}"


class ReachSnapshot(models.Model):
    """The count for one area on one day (taken weekly), for the trend and the projection."""

    policy = models.ForeignKey(ReachPolicy, on_delete=models.CASCADE, related_name="snapshots")
    area = models.ForeignKey("accounts.Area", on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField()
    reached = models.PositiveIntegerField()
    enrolled = models.PositiveIntegerField(null=True)

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
