"""The quiz API: metadata, start, paper, autosave, submit, review, my attempts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.accounts.permissions import HasRole
from lms.accounts.signed_in import CachedTokenAuthentication, SessionAuthentication
from lms.core.api_schema import raises
from lms.core.errors import Conflict, NotFound
from lms.core.security import client_ip
from quizzes import errors, papers, scoring, selectors, services
from quizzes.answer_pass import AnswerPassAuthentication
from quizzes.models import Attempt
from quizzes.pages import Audience, QuizPage, live_quizzes


class QuizNotFound(NotFound):
    code = "quiz_not_found"
    message = _("There is no published quiz with this number.")


class ReviewNotAvailable(Conflict):
    code = "review_not_available"
    message = _("The review of this attempt is not available now.")


def _live_quiz(quiz_id: int) -> QuizPage:
    """The live quiz as its specific type: a kind of quiz may have its own rule of who may take it
    (`QuizPage.start_refusal`)."""
    quiz = live_quizzes.get(quiz_id)
    if quiz is None:
        raise QuizNotFound()
    return quiz


class QuizSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    intro = serializers.CharField()
    status = serializers.CharField()
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    time_limit_minutes = serializers.IntegerField(allow_null=True)
    attempts_allowed = serializers.IntegerField()
    attempts_used = serializers.IntegerField()
    grading_method = serializers.CharField()
    pass_mark_percent = serializers.IntegerField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    may_take = serializers.BooleanField(help_text="False for a visitor who is not signed in.")
    grade = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class AttemptOutcomeSerializer(serializers.Serializer):
    """When an attempt ran and what it scored: the student's and the judges' views share these.
    Declared field by field: a ModelSerializer derives its fields again for every response, and
    the summary answers every start and submit."""

    number = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    closed_by_deadline = serializers.BooleanField()
    score = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    maximum = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    duration_seconds = serializers.IntegerField(allow_null=True)


class AttemptSummarySerializer(AttemptOutcomeSerializer):
    id = serializers.IntegerField(read_only=True)
    quiz_id = serializers.IntegerField()
    passed = serializers.BooleanField(allow_null=True, read_only=True)
    scores_hidden_until = serializers.DateTimeField(
        allow_null=True,
        read_only=True,
        default=None,
        help_text="Set while the round is open and allows several attempts: score, maximum, "
        "percent and passed are null until then (they would give the key away).",
    )

    HIDDEN = ("score", "maximum", "percent", "passed")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if data.get("scores_hidden_until"):
            data.update(dict.fromkeys(self.HIDDEN))
        return data


MAX_SEQUENCE = 2_000_000_000


class AnswerRequestSerializer(serializers.Serializer):
    value = serializers.JSONField(allow_null=True)
    sequence = serializers.IntegerField(min_value=0, max_value=MAX_SEQUENCE)


class AnswerResponseSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    saved = serializers.BooleanField(help_text="False: a newer answer was already saved.")
    sequence = serializers.IntegerField()


class ChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class PaperQuestionSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    kind = serializers.CharField()
    marks = serializers.CharField()
    stem = serializers.CharField()
    choices = ChoiceSerializer(many=True)


class AttemptPaperSerializer(AttemptSummarySerializer):
    server_now = serializers.DateTimeField()
    questions = PaperQuestionSerializer(many=True)
    answers = serializers.DictField(child=serializers.JSONField())


class ReviewSerializer(AttemptSummarySerializer):
    questions = serializers.ListField(
        child=serializers.DictField(),
        help_text="Per question, only what the quiz's review policy shows.",
    )


class QuizView(APIView):
    """A quiz's rules; visitors who are not signed in may read those of a public quiz."""

    permission_classes = [AllowAny]

    @raises(QuizNotFound, errors.NotInAudience)
    @extend_schema(responses=QuizSerializer)
    def get(self, request, quiz_id: int):
        quiz = _live_quiz(quiz_id)
        if not quiz.may_view(request.user):
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            raise errors.NotInAudience()
        now = timezone.now()
        attempts = (
            list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
            if request.user.is_authenticated
            else []
        )
        results = [
            scoring.Result(marks=(), score=a.score, maximum=a.maximum)
            for a in attempts
            if a.score is not None
        ]
        return Response(
            QuizSerializer(
                {
                    "id": quiz.pk,
                    "title": quiz.title,
                    "intro": quiz.intro,
                    "status": selectors.quiz_status(quiz, now),
                    "opens_at": quiz.opens_at,
                    "closes_at": quiz.closes_at,
                    "time_limit_minutes": quiz.time_limit_minutes,
                    "attempts_allowed": quiz.attempts_allowed,
                    "attempts_used": len(attempts),
                    "grading_method": quiz.grading_method,
                    "pass_mark_percent": quiz.pass_mark_percent,
                    "audience": quiz.audience,
                    "may_take": request.user.is_authenticated,
                    "grade": scoring.grade(results, scoring.GradingMethod(quiz.grading_method)),
                }
            ).data
        )


class StartAttemptView(APIView):
    @raises(
        QuizNotFound,
        errors.NotInAudience,
        (403, "not_signed_up"),  # a kind of quiz's own refusal (QuizPage.start_refusal)
        errors.QuizNotOpen,
        errors.QuizClosed,
        errors.AttemptsUsedUp,
    )
    @extend_schema(request=None, responses={201: AttemptSummarySerializer})
    def post(self, request, quiz_id: int):
        quiz = _live_quiz(quiz_id)
        attempt = services.start_attempt(
            quiz=quiz,
            user=request.user,
            now=timezone.now(),
            address=client_ip(request),
            device=request.COOKIES.get("hbd_device", ""),
        )
        return Response(AttemptSummarySerializer(attempt).data, status=status.HTTP_201_CREATED)


class AttemptView(APIView):
    """The paper as the student may see it while answering, with the answers saved so far."""

    @raises(errors.AttemptNotFound)
    @extend_schema(responses=AttemptPaperSerializer)
    def get(self, request, attempt_id: int):
        now = timezone.now()
        attempt = selectors.attempt_of(user=request.user, attempt_id=attempt_id, now=now)
        selectors.hide_scores([attempt], now)
        saved = attempt.answers.values("slot", "value", "sequence")
        return Response(
            AttemptSummarySerializer(attempt).data
            | {
                "server_now": now,
                "questions": [papers.student_view(entry) for entry in attempt.paper],
                "answers": {str(row["slot"]): row for row in saved},
            }
        )


class AnswerView(APIView):
    """Autosave one answer. Older sequence numbers are ignored; late answers get 409. The player
    signs in with its page's answer pass (`Authorization: Attempt …`), else by the session."""

    authentication_classes = [
        CachedTokenAuthentication,  # first: an anonymous call gets 401 and WWW-Authenticate
        AnswerPassAuthentication,
        SessionAuthentication,
    ]

    @raises(errors.AttemptNotFound, errors.AttemptClosed, errors.NotOnPaper, errors.BadAnswer)
    @extend_schema(request=AnswerRequestSerializer, responses=AnswerResponseSerializer)
    def put(self, request, attempt_id: int, slot: int):
        body = AnswerRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.save_answer(
            attempt_id=attempt_id,
            user=request.user,
            slot=slot,
            value=body.validated_data["value"],
            sequence=body.validated_data["sequence"],
            now=timezone.now(),
        )
        return Response({"slot": slot, "saved": saved, "sequence": body.validated_data["sequence"]})


class SubmitSerializer(serializers.Serializer):
    """For the schema only: the prediction goes to the service as sent, which checks it."""

    prediction = serializers.IntegerField(
        min_value=0,
        max_value=1_000_000,  # the bound the quizzes that ask a prediction check (a test says so)
        required=False,
        allow_null=True,
        help_text="A contest round's prediction: a whole number from 0 to 1,000,000. "
        "Null or absent: none.",
    )


class SubmitView(APIView):
    # A prediction its quiz refuses (QuizPage.accepted_prediction) answers with its own code.
    @raises(errors.AttemptNotFound, (400, "bad_prediction"))
    @extend_schema(request=SubmitSerializer, responses=AttemptSummarySerializer)
    def post(self, request, attempt_id: int):
        body = request.data
        if not hasattr(body, "get"):  # a list, a number, null
            raise serializers.ValidationError(
                {"non_field_errors": [_('Send a JSON object, for example {"prediction": 3}.')]}
            )
        if isinstance(body.get("prediction"), str):  # "" or "3": a form's spelling, not JSON's
            invalid = serializers.IntegerField.default_error_messages["invalid"]
            raise serializers.ValidationError({"prediction": [invalid]})
        # Only the owner may submit: the service's lock finds the attempt among the caller's.
        # The prediction is passed on uncoerced: 2.0 or true must be refused, not made 2 or 1.
        attempt = services.submit_attempt(
            attempt_id=attempt_id,
            user=request.user,
            now=timezone.now(),
            prediction=body.get("prediction"),
        )
        selectors.hide_scores([attempt], timezone.now())
        return Response(AttemptSummarySerializer(attempt).data)


class ReviewView(APIView):
    """The marked attempt, as far as the quiz's review policy allows; 409 until it does."""

    @raises(errors.AttemptNotFound, ReviewNotAvailable)
    @extend_schema(responses=ReviewSerializer)
    def get(self, request, attempt_id: int):
        now = timezone.now()
        attempt = selectors.attempt_of(user=request.user, attempt_id=attempt_id, now=now)
        if not selectors.review_allowed(attempt.quiz, attempt, now):
            raise ReviewNotAvailable()
        return Response(
            AttemptSummarySerializer(attempt).data | {"questions": selectors.review(attempt, now)}
        )


class MyAttemptsView(ListAPIView):
    serializer_class = AttemptSummarySerializer

    def get_queryset(self):
        return (
            Attempt.objects.filter(user=self.request.user)
            .select_related("quiz")
            .defer("paper")
            .order_by("-started_at")
        )

    def get_serializer(self, *args, **kwargs):
        if args:  # the attempts of the page (the schema generator passes none)
            args = (selectors.hide_scores(args[0], timezone.now()), *args[1:])
        return super().get_serializer(*args, **kwargs)


class ChoiceCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    is_correct = serializers.BooleanField()
    count = serializers.IntegerField()


class ItemStatsSerializer(serializers.Serializer):
    question_id = serializers.IntegerField()
    stem = serializers.CharField()
    attempts = serializers.IntegerField()
    facility = serializers.FloatField(help_text="Share of attempts fully right, 0 to 1.")
    discrimination = serializers.FloatField(
        allow_null=True, help_text="Upper 27% minus lower 27%; null under 10 attempts."
    )
    unanswered = serializers.IntegerField()
    choices = ChoiceCountSerializer(many=True)


class ItemAnalysisView(APIView):
    """How each question of a quiz behaved: for the people who write and check questions."""

    permission_classes = [HasRole.of(*selectors.ITEM_ANALYSIS_ROLES)]

    @raises(QuizNotFound)
    @extend_schema(responses=ItemStatsSerializer(many=True))
    def get(self, request, quiz_id: int):
        # A live quiz as the worker keeps it; a draft or an unpublished one read from the database.
        quiz = live_quizzes.get(quiz_id) or QuizPage.objects.filter(pk=quiz_id).first()
        if quiz is None:
            raise QuizNotFound()
        return Response([stats.as_dict() for stats in selectors.item_analysis(quiz=quiz)])
