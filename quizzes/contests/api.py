"""The contest API for everyone: live contests, sign-up and published rankings (the judges'
endpoints are `judge_api`'s).

The rules live in the app's other modules; these views validate, call them and shape the reply.
Public replies carry abbreviated names only: never a full name, username, birth year or entry id.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.rich_text import expand_db_html

from lms.accounts.models import Area, School
from lms.core.api_schema import raises
from lms.core.errors import DomainError, NotFound
from quizzes.contests import access, entries, errors, selectors, snapshots
from quizzes.contests.pages import ContestAudience, CountedAttempt, OverallMethod
from quizzes.contests.ranking import TieBreak
from quizzes.selectors import quiz_status

MAX_ROWS = 200


class RankingNotPublished(NotFound):
    code = "ranking_not_published"
    message = _(
        "No ranking of this contest or round has been published yet. "
        "The judges publish it after the round closes."
    )


class RoundNotInContest(DomainError):
    code = "round_not_in_contest"
    message = _("This contest has no published round with this number.")


# Serializers ---------------------------------------------------------------------------------


class ContestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True, help_text="The contest's page on the site.")
    organiser = serializers.CharField()
    audience = serializers.ChoiceField(choices=ContestAudience.choices)
    round_count = serializers.IntegerField(help_text="How many published rounds it has.")


class RoundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=["not_open", "open", "closed"])
    attempts_allowed = serializers.IntegerField(help_text="0: as many as the participant likes.")
    counted_attempt = serializers.ChoiceField(choices=CountedAttempt.choices)
    prediction_question = serializers.CharField(help_text="Empty: this round has no prediction.")
    ranking_published = serializers.BooleanField()


class EntrySerializer(serializers.Serializer):
    signed_up_at = serializers.DateTimeField()
    school = serializers.IntegerField(source="school_id", allow_null=True)
    ward = serializers.IntegerField(source="ward_id", allow_null=True)
    disqualified = serializers.BooleanField(source="is_disqualified")


class ContestDetailSerializer(ContestSerializer):
    rules = serializers.CharField(help_text="HTML.")
    overall_method = serializers.ChoiceField(choices=OverallMethod.choices)
    tie_breaks = serializers.ListField(
        child=serializers.ChoiceField(choices=[rule.value for rule in TieBreak]),
        help_text="The tie-break chain, in the order it is applied.",
    )
    rounds = RoundSerializer(many=True)
    overall_ranking_published = serializers.BooleanField()
    my_entry = EntrySerializer(allow_null=True, help_text="Null: the caller has not signed up.")


class SignUpSerializer(serializers.Serializer):
    school = serializers.PrimaryKeyRelatedField(
        queryset=School.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("There is no school with this number.")},
        help_text="Your school; students of a school bring theirs by default.",
    )
    ward = serializers.PrimaryKeyRelatedField(
        queryset=Area.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("There is no ward or commune with this number.")},
    )


class PublicRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    public_name = serializers.CharField(
        source="shown_name",
        help_text="Abbreviated, e.g. “Trần T. M.”; “(đã xoá)” once the person's data is erased.",
    )
    unit = serializers.CharField(source="unit_name", help_text="School, else ward.")
    score = serializers.DecimalField(max_digits=9, decimal_places=2)
    prediction_distance = serializers.IntegerField(allow_null=True)


class PublicRankingSerializer(serializers.Serializer):
    round = serializers.IntegerField(allow_null=True, help_text="Null: the overall ranking.")
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    actual_value = serializers.IntegerField(
        allow_null=True, help_text="The answer to the prediction question."
    )
    participants = serializers.IntegerField()
    rows = PublicRowSerializer(many=True)
    me = PublicRowSerializer(allow_null=True, help_text="The caller's own row, if ranked.")


class RowsQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_ROWS, default=100)
    offset = serializers.IntegerField(min_value=0, max_value=10**9, default=0)


class RankingQuerySerializer(RowsQuerySerializer):
    round = serializers.IntegerField(
        required=False, min_value=1, help_text="A round of this contest; omitted: overall."
    )


def valid_query(serializer_class: type[serializers.Serializer], request) -> dict:
    """Query parameters, checked: a bad one is a 400 that names it."""
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


# Public and participants ---------------------------------------------------------------------


class ContestsView(APIView):
    """The live contests, newest first; anyone may read them."""

    permission_classes = [AllowAny]

    @extend_schema(responses=ContestSerializer(many=True))
    def get(self, request):
        rows = [
            {
                "id": contest.pk,
                "title": contest.title,
                "url": contest.get_url(request=request),
                "organiser": contest.organiser,
                "audience": contest.audience,
                "round_count": round_count,
            }
            for contest, round_count in selectors.public_contests()
        ]
        return Response(ContestSerializer(rows, many=True).data)


class ContestView(APIView):
    """A contest's rules and rounds, with the caller's own sign-up if there is one."""

    permission_classes = [AllowAny]

    @raises(errors.ContestNotFound)
    @extend_schema(responses=ContestDetailSerializer)
    def get(self, request, contest_id: int):
        contest = access.published_contest(contest_id)
        now = timezone.now()
        rounds = list(contest.rounds())
        published = selectors.published_rankings(contest)
        data = {
            "id": contest.pk,
            "title": contest.title,
            "url": contest.get_url(request=request),
            "organiser": contest.organiser,
            "audience": contest.audience,
            "round_count": len(rounds),
            "rules": expand_db_html(contest.rules),
            "overall_method": contest.overall_method,
            "tie_breaks": [str(rule) for rule in contest.chain()],
            "rounds": [
                {
                    "id": round_.pk,
                    "number": round_.number,
                    "title": round_.title,
                    "opens_at": round_.opens_at,
                    "closes_at": round_.closes_at,
                    "status": quiz_status(round_, now),
                    "attempts_allowed": round_.attempts_allowed,
                    "counted_attempt": round_.counted_attempt,
                    "prediction_question": round_.prediction_question,
                    "ranking_published": round_.pk in published,
                }
                for round_ in rounds
            ],
            "overall_ranking_published": None in published,
            "my_entry": contest.entry_of(request.user),
        }
        return Response(ContestDetailSerializer(data).data)


class EntriesView(APIView):
    """Sign the caller up. Visitors without an account sign up on the contest's page."""

    @raises(
        errors.ContestNotFound,
        errors.NotInContestAudience,
        errors.JudgeCannotTakePart,
        errors.AlreadySignedUp,
    )
    @extend_schema(request=SignUpSerializer, responses={201: EntrySerializer})
    def post(self, request, contest_id: int):
        contest = access.published_contest(contest_id)
        body = SignUpSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entry = entries.sign_up(
            contest=contest,
            user=request.user,
            now=timezone.now(),
            school=body.validated_data.get("school"),
            ward=body.validated_data.get("ward"),
        )
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class RankingsView(APIView):
    """The latest published ranking of a round (or the overall one), a page of it at a time."""

    permission_classes = [AllowAny]

    @raises(
        exceptions.ValidationError,
        RoundNotInContest,
        errors.ContestNotFound,
        RankingNotPublished,
    )
    @extend_schema(parameters=[RankingQuerySerializer], responses=PublicRankingSerializer)
    def get(self, request, contest_id: int):
        contest = access.published_contest(contest_id)
        query = valid_query(RankingQuerySerializer, request)
        round_ = None
        if "round" in query:
            round_ = selectors.live_round(contest, query["round"])
            if round_ is None:
                raise RoundNotInContest(fields={"round": [str(RoundNotInContest.message)]})
        snapshot = snapshots.published_snapshot(contest, round_)
        if snapshot is None:
            raise RankingNotPublished()
        mine = snapshots.own_row(snapshot, contest.entry_of(request.user))
        data = {
            "round": snapshot.round_id,
            "version": snapshot.version,
            "published_at": selectors.published_at(snapshot),
            "actual_value": snapshot.actual_value,
            "participants": snapshot.participants,
            "rows": snapshots.top_rows(snapshot, limit=query["limit"], offset=query["offset"]),
            "me": mine,
        }
        return Response(PublicRankingSerializer(data).data)
