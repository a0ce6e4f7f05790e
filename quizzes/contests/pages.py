"""Contests as Wagtail pages: a `ContestPage` (rules, audience, tie-break chain, judges) whose
children are its rounds. A `ContestRound` is a quiz (same paper, player, autosave and submit) with a
round number and an optional prediction question."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from lms.accounts.models import Classroom, ClassroomMembership, Role
from lms.core.live_pages import KeptViewRestrictions
from quizzes.contests.errors import BadPrediction, NotSignedUp
from quizzes.contests.ranking import DEFAULT_CHAIN, TieBreak
from quizzes.contests.records import ContestEntry
from quizzes.models import Question
from quizzes.pages import QuizPage, ReviewWhen, rules_panels
from quizzes.papers import paper_plans

DRAW_POOL_FACTOR = 3  # a draw's pool, at least this many times the questions it draws


class ContestAudience(models.TextChoices):
    PUBLIC = "public", _("Everyone, with a short sign-up")
    SCHOOLS = "schools", _("Students of the chosen schools")
    CLASSES = "classes", _("Students of the chosen classes")


class OverallMethod(models.TextChoices):
    SUM = "sum", _("Sum of the rounds")
    BEST = "best", _("Best round")


class PredictionCounts(models.TextChoices):
    PERFECT = "perfect", _("Participants who answer every question correctly")
    PARTICIPANTS = "participants", _("All participants of the round")


class CountedAttempt(models.TextChoices):
    BEST = "best", _("The best, by the contest's tie-break chain")
    FIRST = "first", _("The first")
    LATEST = "latest", _("The latest")


TIE_BREAK_LABELS = {
    TieBreak.SCORE: _("Score (higher first)"),
    TieBreak.PREDICTION: _("Prediction distance (nearer first)"),
    TieBreak.DURATION: _("Time taken (quicker first)"),
    TieBreak.SUBMITTED: _("Submit time (earlier first)"),
    TieBreak.SIGNED_UP: _("Sign-up time (earlier first)"),
}


class ContestPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("tie_breaks")
        if formset is not None:
            rules = [
                form.cleaned_data["rule"]
                for form in formset.forms
                if form.is_valid()
                and form.cleaned_data.get("rule")
                and not form.cleaned_data.get("DELETE")
            ]
            if len(rules) != len(set(rules)):
                self.add_error(None, _("Each tie-break may appear once in the chain."))
        return cleaned


class ContestPage(KeptViewRestrictions, Page):
    rules = RichTextField(_("rules"), features=["bold", "italic", "link", "ol", "ul"])
    organiser = models.CharField(_("organiser"), max_length=200)
    audience = models.CharField(
        _("who may take part"),
        max_length=10,
        choices=ContestAudience,
        default=ContestAudience.PUBLIC,
    )
    overall_method = models.CharField(
        _("overall ranking"), max_length=5, choices=OverallMethod, default=OverallMethod.SUM
    )
    award_places = models.PositiveSmallIntegerField(
        _("award places"), default=3, help_text=_("How many of the top places get a certificate.")
    )
    suspicious_seconds = models.PositiveIntegerField(
        _("suspiciously quick (seconds)"),
        default=30,
        help_text=_("Attempts finished faster than this are flagged for the judges to review."),
    )
    shared_origin_accounts = models.PositiveSmallIntegerField(
        _("accounts on one device or address"),
        default=3,
        help_text=_("This many participants or more on one device or address are flagged."),
    )
    judges = ParentalManyToManyField(
        "accounts.User",
        verbose_name=_("judges"),
        blank=True,
        related_name="judged_contests",
        limit_choices_to={"groups__name": Role.JUDGE},
    )

    content_panels = Page.content_panels + [
        FieldPanel("organiser"),
        FieldPanel("rules"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                InlinePanel("audience_schools", label=_("School")),
                InlinePanel("audience_classes", label=_("Class")),
            ],
            heading=_("Audience"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("tie_breaks", label=_("Tie-break")),
                FieldPanel("overall_method"),
                FieldPanel("award_places"),
            ],
            heading=_("Ranking"),
            help_text=_("Empty chain: score, then prediction distance, then submit time."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("judges", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel(
                    [FieldPanel("suspicious_seconds"), FieldPanel("shared_origin_accounts")]
                ),
            ],
            heading=_("Judging"),
        ),
    ]
    base_form_class = ContestPageForm
    parent_page_types = ["cms.HomePage", "cms.CampaignPage"]
    subpage_types = ["contests.ContestRound"]
    template = "quizzes/contest_page.html"

    class Meta:
        db_table = "quizzes_contestpage"
        verbose_name = _("contest")

    def chain(self) -> tuple[TieBreak, ...]:
        rules = [TieBreak(row.rule) for row in self.tie_breaks.all()]
        return tuple(rules) or DEFAULT_CHAIN

    def rounds(self):
        return ContestRound.objects.child_of(self).live().order_by("number")

    def is_judge(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.has_role(Role.ADMIN):
            return True
        return user.has_role(Role.JUDGE) and self.judges.filter(pk=user.pk).exists()

    def may_join(self, user) -> bool:
        """Whether this person may sign up: anyone for a public contest (a visitor gets an
        account at sign-up), otherwise students of the chosen schools or classes."""
        if self.audience == ContestAudience.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        if self.audience == ContestAudience.SCHOOLS:
            return self.audience_schools.filter(school_id=user.school_id).exists()
        classes = self.audience_classes.values("classroom")
        return (
            ClassroomMembership.objects.current()
            .filter(student=user, classroom__in=classes)
            .exists()
        )

    def entry_of(self, user) -> ContestEntry | None:
        """This person's sign-up, if they have one."""
        if not user.is_authenticated:
            return None
        return ContestEntry.objects.signed_up(contest_id=self.pk, user_id=user.pk)

    def get_context(self, request, *args, **kwargs):
        # A real cycle: what the page shows (standings, live ranks, published rankings) is read
        # by modules that read these page models.
        from quizzes.contests.access import contest_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(contest_page_context(self, request.user))
        return context


class ContestTieBreak(Orderable):
    contest = ParentalKey(ContestPage, on_delete=models.CASCADE, related_name="tie_breaks")
    rule = models.CharField(
        _("rule"),
        max_length=12,
        choices=[(rule.value, label) for rule, label in TIE_BREAK_LABELS.items()],
    )

    panels = [FieldPanel("rule")]

    class Meta(Orderable.Meta):
        db_table = "quizzes_contesttiebreak"


class ContestAudienceSchool(Orderable):
    contest = ParentalKey(ContestPage, on_delete=models.CASCADE, related_name="audience_schools")
    school = models.ForeignKey(
        "accounts.School", verbose_name=_("school"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("school")]

    class Meta(Orderable.Meta):
        db_table = "quizzes_contestaudienceschool"


class ContestAudienceClass(Orderable):
    contest = ParentalKey(ContestPage, on_delete=models.CASCADE, related_name="audience_classes")
    classroom = models.ForeignKey(
        Classroom, verbose_name=_("class"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("classroom")]

    class Meta(Orderable.Meta):
        db_table = "quizzes_contestaudienceclass"


class ContestRound(QuizPage):
    """A round: a quiz with a number, taken by the contest's participants only."""

    number = models.PositiveSmallIntegerField(_("round number"), default=1)
    counted_attempt = models.CharField(
        _("which attempt counts"),
        max_length=6,
        choices=CountedAttempt,
        default=CountedAttempt.BEST,
    )
    prediction_question = models.CharField(
        _("prediction question"),
        max_length=300,
        blank=True,
        help_text=_(
            "For example: How many participants will answer every question correctly this round? "
            "Empty: no prediction."
        ),
    )
    prediction_counts = models.CharField(
        _("the prediction counts"),
        max_length=12,
        choices=PredictionCounts,
        default=PredictionCounts.PERFECT,
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("counted_attempt")]),
        FieldPanel("intro"),
        InlinePanel("fixed_questions", heading=_("Questions"), label=_("Question")),
        InlinePanel("draws", heading=_("Random draws"), label=_("Draw")),
        *rules_panels(
            heading=_("Rules (times in Vietnam time, Asia/Ho_Chi_Minh)"),
            # The contest ranks its rounds by the attempt that counts (chosen above): no grading
            # method or pass mark.
            grading=False,
            before_review=[
                MultiFieldPanel(
                    [FieldPanel("prediction_question"), FieldPanel("prediction_counts")],
                    heading=_("Prediction question"),
                ),
            ],
        ),
    ]
    base_form_class = WagtailAdminPageForm
    parent_page_types = ["contests.ContestPage"]
    subpage_types: list[str] = []
    template = "quizzes/contest_round.html"

    class Meta:
        db_table = "quizzes_contestround"
        verbose_name = _("contest round")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not args:  # a new round, not one read from the database: contest defaults
            # As many attempts as a participant likes, the best counting; answers shown only
            # once the round is over, or the first attempt would hand out the key.
            kwargs.setdefault("attempts_allowed", 0)
            kwargs.setdefault("review_when", ReviewWhen.AFTER_CLOSE)
            self.attempts_allowed = kwargs["attempts_allowed"]
            self.review_when = kwargs["review_when"]

    def clean(self):
        super().clean()
        if self.review_when == ReviewWhen.IMMEDIATELY and self.attempts_allowed != 1:
            # Even marks per question tell which answers were right: the next attempt would
            # start with the key.
            raise ValidationError(
                {
                    "review_when": _(
                        "With more than one attempt, a review straight after submitting would "
                        "hand the right answers to the next attempt: show it after the round "
                        "closes, or allow one attempt."
                    )
                }
            )

    @cached_property
    def contest(self) -> ContestPage:
        return ContestPage.objects.get(path=self.path[: -self.steplen])

    def may_view(self, user) -> bool:
        contest = self.contest
        return (
            contest.audience == ContestAudience.PUBLIC
            or contest.entry_of(user) is not None
            or contest.is_judge(user)
        )

    def scores_hidden_until(self, now):
        """While a round that allows more than one attempt is open, each attempt's score would
        give its key away: answering one question per attempt and comparing the scores reveals
        the whole key in a dozen attempts. So scores wait for the close, unless each paper is
        drawn at random from a bank large enough that no two papers share much (see
        `draws_widely`)."""
        if self.attempts_allowed == 1 or self.closes_at is None or now >= self.closes_at:
            return None
        return None if self.draws_widely else self.closes_at

    @cached_property
    def draws_widely(self) -> bool:
        """Every question drawn at random, each from a pool at least DRAW_POOL_FACTOR times
        larger than the draw: the judge's round page says so when a round with several attempts
        is not."""
        plan = paper_plans.of(self)
        if plan.fixed or not plan.draws:
            return False
        pools = dict(
            Question.objects.filter(tags__name__in=[tag for tag, _count in plan.draws])
            .values_list("tags__name")
            .annotate(size=Count("pk", distinct=True))
        )
        return all(pools.get(tag, 0) >= DRAW_POOL_FACTOR * count for tag, count in plan.draws)

    def may_take(self, user) -> bool:
        """Only signed-up participants take a round."""
        return user.is_authenticated and self.contest.entry_of(user) is not None

    # The quiz engine's hooks, as a round answers them ----------------------------------------

    stands_alone = False  # reached through its contest, by its participants only

    def start_refusal(self, user) -> NotSignedUp | None:
        return None if self.may_take(user) else NotSignedUp()

    def origin_of(self, address: str, device: str) -> tuple[str, str]:
        """Keyed hashes, for the judges' flags of shared devices and addresses."""
        return origin_hash(address), origin_hash(device)

    @property
    def prediction_asked(self) -> str:
        return self.prediction_question

    def player_strings(self) -> dict[str, str]:
        return {"bad_prediction": str(BadPrediction.message)}

    result_template = "quizzes/contest_round_result.html"

    def result_context(self, attempt, user, now, attempts: list) -> dict:
        # A real cycle: the place so far is read by modules that read these page models.
        from quizzes.contests.access import round_result_context

        return round_result_context(self, attempt, user, now, attempts)

    def serve(self, request, *args, **kwargs):
        # A round's rules are public when the contest is; taking it needs a sign-up (start).
        return Page.serve(self, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contest = self.contest
        context.update(contest=contest, entry=contest.entry_of(request.user))
        return context


# What a round keeps of an attempt ------------------------------------------------------------


def origin_hash(value: str) -> str:
    """A keyed hash of an address or device id: equal values still match for the judges' flags,
    but the raw address of a minor is never stored."""
    if not value:
        return ""
    return salted_hmac("contest-origin", value, algorithm="sha256").hexdigest()[:16]
