"""The question bank. Questions are Wagtail snippets with revisions, so an attempt can freeze the
exact version it was given (see `Question.freeze`) and later edits never change a live attempt."""

import secrets
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from quizzes.pages import QuizDraw, QuizPage, QuizQuestion  # noqa: F401 (page models, for Django)
from quizzes.scoring import FrozenQuestion, Kind, MultipleScoring, TextMatching

CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)


def question_problems(
    *,
    kind: str,
    choices: list[tuple[str, bool]],
    accepted_answers: str,
    numeric_answer: Decimal | None,
    grade_min: int,
    grade_max: int,
) -> dict[str, str]:
    """What keeps a question from being scorable, by field: one rule for the admin and imports."""
    problems: dict[str, str] = {}
    right = sum(1 for _text, is_correct in choices if is_correct)
    if kind in CHOICE_KINDS and len(choices) < 2:
        problems["choices"] = _("Give at least two choices.")
    elif kind in (Kind.SINGLE, Kind.TRUE_FALSE) and right != 1:
        problems["choices"] = _("Mark exactly one choice as correct.")
    elif kind == Kind.MULTIPLE and right < 1:
        problems["choices"] = _("Mark at least one choice as correct.")
    if kind == Kind.TRUE_FALSE and len(choices) != 2:
        problems["choices"] = _("A true-or-false question has exactly two choices.")
    if kind == Kind.SHORT_TEXT and not accepted_answers.strip():
        problems["accepted_answers"] = _("Write at least one accepted answer.")
    if kind == Kind.NUMERIC and numeric_answer is None:
        problems["numeric_answer"] = _("Give the right number.")
    if grade_min > grade_max:
        problems["grade_max"] = _("The last grade must not be before the first.")
    return problems


class QuestionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        choices = []
        formset = self.formsets.get("choices")
        # The parent form is cleaned before its formsets; clean them now to read the choices.
        if formset is not None and formset.is_valid():
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data and not data.get("DELETE") and data.get("text"):
                    choices.append((data["text"], bool(data.get("is_correct"))))
        problems = question_problems(
            kind=cleaned.get("kind", ""),
            choices=choices,
            accepted_answers=cleaned.get("accepted_answers", ""),
            numeric_answer=cleaned.get("numeric_answer"),
            grade_min=cleaned.get("grade_min") or 0,
            grade_max=cleaned.get("grade_max") or 0,
        )
        for name, message in problems.items():
            if name == "choices":
                self.add_error(None, message)
            else:
                self.add_error(name, message)
        return cleaned


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(RevisionMixin, index.Indexed, ClusterableModel):
    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MEDIUM = "medium", _("Medium")
        HARD = "hard", _("Hard")

    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=[
            (Kind.SINGLE, _("Single choice")),
            (Kind.MULTIPLE, _("Multiple choice")),
            (Kind.TRUE_FALSE, _("True or false")),
            (Kind.SHORT_TEXT, _("Short text")),
            (Kind.NUMERIC, _("Number")),
        ],
        default=Kind.SINGLE,
    )
    stem = RichTextField(_("question"), features=["bold", "italic", "link", "image"])
    explanation = RichTextField(
        _("explanation"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown at review, when the quiz's review policy allows it."),
    )
    marks = models.DecimalField(
        _("marks"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    multiple_scoring = models.CharField(
        _("multiple choice scoring"),
        max_length=20,
        choices=[
            (MultipleScoring.ALL_OR_NOTHING, _("All or nothing")),
            (MultipleScoring.PARTIAL, _("Partial credit")),
        ],
        default=MultipleScoring.ALL_OR_NOTHING,
    )
    penalty = models.DecimalField(
        _("penalty per wrong choice"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_(
            "Partial credit only: share of the marks lost per wrong choice ticked (0 to 1). "
            "Empty: as much as one right choice earns."
        ),
    )
    accepted_answers = models.TextField(
        _("accepted answers"), blank=True, help_text=_("Short text: one accepted answer per line.")
    )
    ignore_case = models.BooleanField(_("ignore upper and lower case"), default=True)
    ignore_spacing = models.BooleanField(_("ignore spaces"), default=True)
    ignore_diacritics = models.BooleanField(_("ignore Vietnamese diacritics"), default=False)
    numeric_answer = models.DecimalField(
        _("right number"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=14, decimal_places=4, default=Decimal(0)
    )
    grade_min = models.PositiveSmallIntegerField(_("from grade"), default=6)
    grade_max = models.PositiveSmallIntegerField(_("to grade"), default=12)
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty, default=Difficulty.MEDIUM
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    tags = ClusterTaggableManager(
        through=QuestionTag, blank=True, help_text=_("Topics, used to draw random questions.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="question")

    panels = [
        FieldPanel("kind"),
        FieldPanel("stem"),
        InlinePanel("choices", label=_("Choices"), heading=_("Choices")),
        MultiFieldPanel(
            [FieldPanel("multiple_scoring"), FieldPanel("penalty")],
            heading=_("Multiple choice"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepted_answers"),
                FieldRowPanel(
                    [
                        FieldPanel("ignore_case"),
                        FieldPanel("ignore_spacing"),
                        FieldPanel("ignore_diacritics"),
                    ]
                ),
            ],
            heading=_("Short text"),
        ),
        FieldRowPanel([FieldPanel("numeric_answer"), FieldPanel("tolerance")], heading=_("Number")),
        FieldPanel("explanation"),
        FieldRowPanel([FieldPanel("marks"), FieldPanel("difficulty"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("grade_min"), FieldPanel("grade_max")]),
        FieldPanel("tags"),
    ]
    search_fields = [index.SearchField("stem"), index.FilterField("kind")]
    base_form_class = QuestionForm

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["language", "difficulty"])]

    def __str__(self) -> str:
        return Truncator(strip_tags(self.stem)).chars(80)

    @property
    def revisions(self):
        return self._revisions

    @property
    def accepted_answer_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.accepted_answers.splitlines() if line.strip())

    def freeze(self, *, slot: int, choice_order: list[int] | None = None) -> FrozenQuestion:
        """This version of the question as scoring sees it, choices in the order shown."""
        choices = list(self.choices.all())
        ids = tuple(choice_order) if choice_order else tuple(choice.pk for choice in choices)
        return FrozenQuestion(
            slot=slot,
            kind=Kind(self.kind),
            marks=self.marks,
            choice_ids=ids,
            correct_choice_ids=frozenset(choice.pk for choice in choices if choice.is_correct),
            multiple_scoring=MultipleScoring(self.multiple_scoring),
            penalty=self.penalty,
            accepted_answers=self.accepted_answer_list,
            matching=TextMatching(
                ignore_case=self.ignore_case,
                ignore_spacing=self.ignore_spacing,
                ignore_diacritics=self.ignore_diacritics,
            ),
            numeric_answer=self.numeric_answer,
            tolerance=self.tolerance,
        )


class QuestionChoice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(
        _("feedback"), max_length=500, blank=True, help_text=_("Shown at review, if allowed.")
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text


class AttemptQuerySet(models.QuerySet):
    def open(self) -> "AttemptQuerySet":
        return self.filter(submitted_at__isnull=True)

    def of(self, user) -> "AttemptQuerySet":
        return self.filter(user=user)

    def with_question(self, question_id: int) -> "AttemptQuerySet":
        """Attempts whose paper holds the question, by JSON containment on PostgreSQL; elsewhere
        every attempt, for the caller to look into (SQLite serves small databases only)."""
        if connections[self.db].vendor != "postgresql":
            return self
        return self.filter(paper__contains=[{"question_id": question_id}])


class Attempt(models.Model):
    """One go at a quiz. Its paper is frozen at start; its score is written once, at submit."""

    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    paper = models.JSONField(_("paper"), default=list)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    closed_by_deadline = models.BooleanField(default=False)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    # Per question of the paper, in its order, as marked at submit (and again at a regrade):
    # [question id, fully right (0/1), answered (0/1), [ids of the choices picked]]. Item analysis
    # adds these up instead of reading and marking every frozen paper again on each request.
    # Written in the submit's one UPDATE; null on attempts scored before it existed (item
    # analysis fills those in on its first read: `quizzes.services.mark_items`).
    item_marks = models.JSONField(null=True, blank=True, editable=False)
    # What a kind of quiz keeps beside the answers (a contest round: the answer to its prediction
    # question, and keyed hashes of where the attempt came from, never the raw address; see
    # `QuizPage.accepted_prediction` and `origin_of`).
    prediction = models.PositiveIntegerField(_("prediction"), null=True, blank=True)
    origin_address = models.CharField(max_length=16, blank=True, db_index=True)
    origin_device = models.CharField(max_length=16, blank=True, db_index=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="one_attempt_number")
        ]
        indexes = [
            models.Index(fields=["quiz", "-score", "duration_seconds"]),
            models.Index(fields=["user", "-started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.quiz_id} #{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def passed(self) -> bool | None:
        if self.percent is None:
            return None
        return self.percent >= self.quiz.pass_mark_percent

    def slots(self) -> set[int]:
        return {entry["slot"] for entry in self.paper}

    def entry(self, slot: int) -> dict | None:
        return next((entry for entry in self.paper if entry["slot"] == slot), None)


class AnswerQuerySet(models.QuerySet):
    def save_latest(
        self,
        *,
        attempt_id: int,
        user_id: int,
        slot: int,
        value,
        sequence: int,
        at: datetime,
        open_after: datetime,
    ) -> bool:
        """Insert or replace one answer in one statement, only while the attempt is open.

        The row is written only if the attempt is the user's, unsubmitted, with no deadline before
        `open_after`, and only over an answer with an older sequence number. On PostgreSQL the
        attempt row is share-locked, so a submit that is scoring the attempt finishes first and
        this write then finds it submitted. Returns whether a row was written.
        """
        connection = connections[self.db]
        table, attempts = self.model._meta.db_table, Attempt._meta.db_table
        lock = " FOR SHARE OF a" if connection.vendor == "postgresql" else ""
        sql = (
            f"INSERT INTO {table} (attempt_id, slot, value, sequence, saved_at) "
            f"SELECT a.id, %s, %s, %s, %s FROM {attempts} a "
            "WHERE a.id = %s AND a.user_id = %s AND a.submitted_at IS NULL "
            f"AND (a.deadline IS NULL OR a.deadline >= %s){lock} "
            "ON CONFLICT (attempt_id, slot) DO UPDATE SET value = excluded.value, "
            f"sequence = excluded.sequence, saved_at = excluded.saved_at WHERE {table}.sequence < "
            "excluded.sequence"
        )
        json_value = self.model._meta.get_field("value").get_db_prep_save(value, connection)
        saved_at = connection.ops.adapt_datetimefield_value(at)
        cutoff = connection.ops.adapt_datetimefield_value(open_after)
        with connection.cursor() as cursor:
            cursor.execute(sql, [slot, json_value, sequence, saved_at, attempt_id, user_id, cutoff])
            return cursor.rowcount == 1


class Answer(models.Model):
    """The latest answer to one slot of an attempt; a client sequence number orders the saves."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    slot = models.PositiveSmallIntegerField()
    value = models.JSONField(null=True)
    sequence = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField()

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "slot"], name="one_answer_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.slot}"


CERTIFICATE_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes


def new_certificate_code() -> str:
    letters = "".join(secrets.choice(CERTIFICATE_CODE_ALPHABET) for _ in range(8))
    return f"HBD-{letters[:4]}-{letters[4:]}"


class Certificate(models.Model):
    """Proof that a person passed something (a module's knowledge check; later a contest award).

    It keeps its own copy of the name printed and of what it certifies, so that it reads the same
    years later; the public check shows only these, never an account name or birth year.
    """

    code = models.CharField(_("verification code"), max_length=16, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    display_name = models.CharField(_("name printed"), max_length=100)
    title = models.CharField(_("what it certifies"), max_length=255)
    quiz = models.ForeignKey(
        "quizzes.QuizPage", on_delete=models.SET_NULL, null=True, related_name="certificates"
    )
    attempt = models.ForeignKey(Attempt, on_delete=models.SET_NULL, null=True, related_name="+")
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    issued_at = models.DateTimeField(_("issued"))
    # Revoked when its holder's data is erased: the public check then says so, and shows no name.
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz"], name="one_certificate_per_quiz")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class RegradeRecord(models.Model):
    """One changed score: which attempt, because of which question, who asked, old and new."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="regrades")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="+")
    regraded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    regraded_at = models.DateTimeField()
    old_score = models.DecimalField(max_digits=7, decimal_places=2)
    new_score = models.DecimalField(max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("regrade record")
        verbose_name_plural = _("regrade records")
        ordering = ["-regraded_at"]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.old_score} → {self.new_score}"
