"""Quizzes as Wagtail pages: a module's knowledge check, and the hooks through which a kind of
quiz built on it (a contest's round) decides who may start it and what its attempts keep."""

from collections import OrderedDict
from collections.abc import Sequence
from datetime import timedelta

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, get_page_models

from lms.accounts.models import Classroom, ClassroomMembership, Role
from lms.core.errors import DomainError
from lms.core.input import whole_number
from lms.core.live_pages import KeptViewRestrictions, pages_version
from quizzes import assigned_work, errors
from quizzes.scoring import GradingMethod


class ReviewWhen(models.TextChoices):
    IMMEDIATELY = "immediately", _("Right after submitting")
    AFTER_CLOSE = "after_close", _("After the quiz closes")
    NEVER = "never", _("Never")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone: visitors see it, anyone with an account may take it")
    SIGNED_IN = "signed_in", _("Signed-in users only")
    CLASSES = "classes", _("Students of the chosen classes")


# Staff who write, check or judge quizzes may open any of them, to try them as a student would.
QUIZ_STAFF_ROLES = (Role.EDITOR, Role.REVIEWER, Role.JUDGE, Role.ADMIN)
# How long before its opening a quiz's page waits with a countdown and a start button that works
# at the opening: a school opens the page while signing in, not all in the opening minute.
WAITING_ROOM = timedelta(hours=12)


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.CLASSES:
            formset = self.formsets["audience_classes"]
            # The page form is cleaned before its inline rows: clean each row to read it.
            kept = [
                form
                for form in formset.forms
                if form.is_valid()
                and form.cleaned_data.get("classroom")
                and not form.cleaned_data.get("DELETE")
            ]
            if not kept:
                self.add_error("audience", _("Choose at least one class, or another audience."))
        return cleaned


def rules_panels(
    *, heading: str, grading: bool = True, before_review: Sequence[Panel] = ()
) -> list[Panel]:
    """The rules of taking a quiz, as its admin form shows them: when it opens, its limits and
    order, then what the review after an attempt shows.

    A quiz built on QuizPage adds its own: `before_review` goes between the two sections, and
    `grading=False` leaves out the grading method and pass mark where the quiz decides those itself.
    """
    grading_row = FieldRowPanel([FieldPanel("grading_method"), FieldPanel("pass_mark_percent")])
    return [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("attempts_allowed")]),
                *([grading_row] if grading else []),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("one_question_per_screen"),
            ],
            heading=heading,
        ),
        *before_review,
        MultiFieldPanel(
            [
                FieldPanel("review_when"),
                FieldPanel("review_shows_correctness"),
                FieldPanel("review_shows_right_answers"),
                FieldPanel("review_shows_explanations"),
            ],
            heading=_("Review"),
        ),
    ]


MAX_PREDICTION = 1_000_000


def clean_prediction(value: object) -> int | None:
    """The prediction as sent by a form or JSON: empty, or a whole number from 0 to
    MAX_PREDICTION (a bound that keeps sums of distances over many rounds in an integer)."""
    if value is None or value == "":
        return None
    number = value if type(value) is int else whole_number(value)  # never a bool or a float
    if number is None or not 0 <= number <= MAX_PREDICTION:
        raise errors.BadPrediction(fields={"prediction": [str(errors.BadPrediction.message)]})
    return number


class QuizPage(KeptViewRestrictions, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, help_text=_("0: as many as the student likes.")
    )
    grading_method = models.CharField(
        _("which attempt counts"),
        max_length=10,
        choices=[
            (GradingMethod.HIGHEST, _("Highest")),
            (GradingMethod.LATEST, _("Latest")),
            (GradingMethod.FIRST, _("First")),
            (GradingMethod.AVERAGE, _("Average")),
        ],
        default=GradingMethod.HIGHEST,
    )
    pass_mark_percent = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    one_question_per_screen = models.BooleanField(
        _("one question per screen"),
        default=True,
        help_text=_("Off: every question on one page (quick checks of a few questions)."),
    )
    review_when = models.CharField(
        _("review"), max_length=12, choices=ReviewWhen, default=ReviewWhen.IMMEDIATELY
    )
    review_shows_correctness = models.BooleanField(_("show which answers were right"), default=True)
    review_shows_right_answers = models.BooleanField(_("show the right answers"), default=True)
    review_shows_explanations = models.BooleanField(_("show explanations"), default=True)
    audience = models.CharField(
        _("who may take it"), max_length=10, choices=Audience, default=Audience.SIGNED_IN
    )
    for_families = models.BooleanField(
        _("for families"),
        default=False,
        help_text=_(
            "A short quiz a pupil sends home after finishing the module: families answer its "
            "fixed questions without an account. It is not one of the module's knowledge checks."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("for_families"),
        InlinePanel("fixed_questions", heading=_("Questions"), label=_("Question")),
        InlinePanel("draws", heading=_("Random draws"), label=_("Draw")),
        *rules_panels(heading=_("Rules")),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                InlinePanel("audience_classes", label=_("Class")),
            ],
            heading=_("Audience"),
        ),
    ]
    base_form_class = QuizPageForm
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")

    def may_view(self, user) -> bool:
        """Whether this person may read the quiz's description and rules."""
        if self.for_families:
            # Families answer it through a pupil's invitation, never as an attempt; staff try it.
            return user.is_authenticated and user.has_role(*QUIZ_STAFF_ROLES)
        if self.audience == Audience.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        if self.audience == Audience.SIGNED_IN or user.has_role(*QUIZ_STAFF_ROLES):
            return True
        classes = self.audience_classes.values("classroom")
        return (
            ClassroomMembership.objects.current()
            .filter(student=user, classroom__in=classes)
            .exists()
            or Classroom.objects.taught_by(user).filter(pk__in=classes).exists()
            or assigned_work.is_assigned(quiz=self, user=user)
        )

    def may_take(self, user) -> bool:
        """Taking a quiz always needs an account: attempts and reach belong to a person."""
        return user.is_authenticated and self.may_view(user)

    def scores_hidden_until(self, now):
        """Until when a participant sees that an attempt was submitted but not what it scored;
        None: at once. A quiz shows each score."""
        return None

    # What each kind of quiz decides for itself. The engine asks; a kind of quiz built on it (a
    # contest's round) answers in its own way, and the engine never imports it.

    stands_alone = True
    """Listed among the quizzes a student may take, and given by teachers. A kind of quiz that is
    reached through something else (a contest's round, by the contest's participants) says
    False: `standalone_quizzes` leaves it out, and no teacher's extension applies to it."""

    def start_refusal(self, user) -> DomainError | None:
        """Why this person may not start an attempt, or None: a quiz asks that they may take it."""
        return None if self.may_take(user) else errors.NotInAudience()

    def origin_of(self, address: str, device: str) -> tuple[str, str]:
        """What an attempt keeps of where it was started (a network address, a device id), as
        (address, device): nothing, for a quiz."""
        return "", ""

    @property
    def prediction_asked(self) -> str:
        """A question the submit may answer with a whole number, beside the paper (a contest
        round's prediction); empty: none."""
        return ""

    def accepted_prediction(self, value: object) -> int | None:
        """What an attempt keeps of the prediction sent with its submit, checked before anything
        is written (else a `SubmitRefused`). Every quiz refuses a malformed one, as the API
        promises; only one that asks a prediction (`prediction_asked`) keeps it."""
        prediction = clean_prediction(value)
        return prediction if self.prediction_asked else None

    def player_strings(self) -> dict[str, str]:
        """What the player's script says about what this kind of quiz adds (its prediction
        question), beside what it says for every quiz."""
        return {}

    result_template = "quizzes/result.html"
    """The page of a submitted attempt; a kind of quiz may extend it (its blocks `verdict`,
    `next_step` and `back`)."""

    def result_context(self, attempt, user, now, attempts: list) -> dict:
        """What this kind of quiz adds to an attempt's result page (a contest round: the place
        so far, another try, the close); nothing, for a quiz, whose page says passed or not.
        `attempts`: the person's attempts of this quiz, oldest first, without their papers (the
        page lists them)."""
        return {}

    @property
    def gives_certificate(self) -> bool:
        """A module's knowledge check certifies the module; other kinds of quiz (contest rounds)
        and a quiz for families do not. Read from the row and its content type: no query."""
        return self.specific_class is QuizPage and not self.for_families

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated and self.audience != Audience.PUBLIC:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        # A real cycle: the selectors read attempts of these pages (quizzes.models imports them).
        from quizzes.selectors import quiz_status

        now = timezone.now()
        context = super().get_context(request, *args, **kwargs)
        context["may_view"] = self.may_view(request.user)
        context["status"] = quiz_status(self, now)
        context["now"] = now
        # Opening today: the page counts down and its start button works at the opening.
        context["opens_soon"] = bool(self.opens_at) and now < self.opens_at <= now + WAITING_ROOM
        if request.user.is_authenticated:
            attempts = list(
                self.attempts.filter(user=request.user).defer("paper").order_by("number")
            )
            hidden_until = self.scores_hidden_until(now)  # the same for all of them
            for attempt in attempts:
                attempt.scores_hidden_until = hidden_until
            context["attempts"] = attempts
            context["open_attempt"] = next((a for a in attempts if not a.is_submitted), None)
            context["attempts_left"] = (
                not self.attempts_allowed or len(attempts) < self.attempts_allowed
            )
        return context

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})
        if self.pass_mark_percent > 100:
            raise ValidationError({"pass_mark_percent": _("A pass mark is at most 100%.")})


class QuizAudienceClass(Orderable):
    """A class whose students may take the quiz when its audience is "chosen classes"."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="audience_classes")
    classroom = models.ForeignKey(
        "accounts.Classroom", verbose_name=_("class"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("classroom")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["quiz", "classroom"], name="one_audience_row_per_class")
        ]


class QuizQuestion(Orderable):
    """A question every student gets."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(
        "quizzes.Question", verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("question")]


class QuizDraw(Orderable):
    """N questions drawn at random, per student, from the questions with a tag."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="draws")
    tag = models.CharField(_("tag"), max_length=100)
    count = models.PositiveSmallIntegerField(_("how many"), default=5)

    panels = [FieldRowPanel([FieldPanel("count"), FieldPanel("tag")])]


def standalone_quizzes():
    """Live quizzes that stand alone (`QuizPage.stands_alone`): a kind of quiz reached through
    something else, such as a contest's rounds, is left out, and so is a quiz for families (it is
    reached through a pupil's invitation)."""
    quizzes = QuizPage.objects.live().filter(for_families=False)
    reached_elsewhere = [
        model
        for model in get_page_models()
        if issubclass(model, QuizPage) and not model.stands_alone
    ]
    return quizzes.not_type(*reached_elsewhere) if reached_elsewhere else quizzes


# Live quiz pages kept per worker ------------------------------------------------------------


class LiveQuizzes:
    """Live quiz pages, as their specific type, kept per worker under the pages' version.

    Every start reads its quiz, and on contest day a whole school opens the same round within a
    minute: the page, the round and its contest are then read once per worker, not per start.
    Kept pages are shared by the requests of a worker: read them, never change them.
    """

    def __init__(self, size: int = 2_000):
        self.size = size
        self._pages: OrderedDict[tuple[int, str], QuizPage | None] = OrderedDict()

    def get(self, quiz_id: int) -> QuizPage | None:
        version = pages_version()
        if version is None:
            return self._load(quiz_id)
        key = (quiz_id, version)
        if key not in self._pages:
            self._pages[key] = self._load(quiz_id)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return self._pages[key]

    @staticmethod
    def _load(quiz_id: int) -> QuizPage | None:
        quiz = QuizPage.objects.live().filter(pk=quiz_id).first()
        return quiz.specific if quiz is not None else None

    def clear(self) -> None:
        self._pages.clear()


live_quizzes = LiveQuizzes()
