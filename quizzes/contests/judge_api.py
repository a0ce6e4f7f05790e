"""The judges' API: a round's live figures and flags, an attempt's audit, decisions, finalising
and publishing, for the judges of each contest (and administrators). Someone who does not judge a
contest gets 404 from every endpoint of it, so contest ids reveal nothing.

The rules live in the app's other modules; these views validate, call them and shape the reply.
"""

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.accounts.models import Role
from lms.core.api_schema import raises
from lms.core.errors import Conflict, NotFound
from quizzes.api import AttemptOutcomeSerializer
from quizzes.contests import access, entries, errors, finalising, live, selectors, snapshots
from quizzes.contests.api import RowsQuerySerializer, valid_query
from quizzes.contests.records import JudgeDecision, RankingRow, RankingSnapshot

# Serializers ---------------------------------------------------------------------------------


class HistogramBarSerializer(serializers.Serializer):
    from_percent = serializers.IntegerField()
    participants = serializers.IntegerField()


class UnitLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="unit_id")
    name = serializers.CharField()
    participants = serializers.IntegerField()
    average = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    enrolment = serializers.IntegerField(allow_null=True)
    rate = serializers.DecimalField(
        max_digits=7, decimal_places=1, allow_null=True, help_text="Percent of enrolment."
    )


class TopRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    entry_id = serializers.IntegerField()
    display_name = serializers.CharField()
    unit = serializers.CharField()
    score = serializers.DecimalField(max_digits=9, decimal_places=2)


class DashboardSerializer(serializers.Serializer):
    participants = serializers.IntegerField(help_text="Ranked participants with a submit.")
    signed_up = serializers.IntegerField()
    attempts = serializers.IntegerField()
    open_attempts = serializers.IntegerField()
    histogram = HistogramBarSerializer(many=True)
    schools = UnitLineSerializer(many=True)
    wards = UnitLineSerializer(many=True, help_text="The ward named at sign-up, else the school's.")
    top = TopRowSerializer(many=True)
    computed_at = serializers.DateTimeField(help_text="Figures are at most 30 seconds old.")


class FlagSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["device", "address", "quick", "attempts"])
    key = serializers.CharField(help_text="Names the flag in its round, for a decision on it.")
    detail = serializers.CharField()
    entry_ids = serializers.ListField(child=serializers.IntegerField())
    attempt_ids = serializers.ListField(child=serializers.IntegerField())
    open = serializers.BooleanField(help_text="No judge has decided on this flag yet.")


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    entry_id = serializers.IntegerField(allow_null=True)
    action = serializers.ChoiceField(choices=JudgeDecision.Action.choices)
    reason = serializers.CharField(allow_blank=True)
    decided_by = serializers.CharField(allow_null=True, help_text="The judge's display name.")
    decided_at = serializers.DateTimeField()
    round = serializers.IntegerField(allow_null=True, help_text="The round of the flag, if any.")
    flag = serializers.CharField(allow_blank=True, help_text="The flag decided on; empty: none.")


class DecideSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=JudgeDecision.Action.choices,
        help_text="`valid`: the flag named by `round` and `flag` was checked and is valid.",
    )
    reason = serializers.CharField(
        max_length=500, allow_blank=True, required=False, default="", trim_whitespace=True
    )
    round = serializers.IntegerField(
        required=False, help_text="The round of the flag; needed with `valid`."
    )
    flag = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="A flag's `key` in that round; needed with `valid`, optional otherwise.",
    )

    def validate(self, data):
        needed = {"round", "flag"} if data["action"] == JudgeDecision.Action.VALID else set()
        if data.get("flag"):
            needed.add("round")
        missing = sorted(name for name in needed if not data.get(name))
        if missing:
            raise serializers.ValidationError(
                {name: [gettext("Name the flag: its round and its key.")] for name in missing}
            )
        return data


class ParticipantSerializer(serializers.Serializer):
    entry_id = serializers.IntegerField(allow_null=True, help_text="Null: no sign-up found.")
    display_name = serializers.CharField()
    unit = serializers.CharField()
    school = serializers.IntegerField(allow_null=True)
    ward = serializers.IntegerField(allow_null=True)
    signed_up_at = serializers.DateTimeField(allow_null=True)
    disqualified_at = serializers.DateTimeField(allow_null=True)
    disqualified_reason = serializers.CharField()
    decisions = DecisionSerializer(many=True)


class AuditAnswerSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    value = serializers.JSONField(allow_null=True)
    sequence = serializers.IntegerField()
    saved_at = serializers.DateTimeField()


class AuditChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    feedback = serializers.CharField(required=False)


class PaperEntrySerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    question_id = serializers.IntegerField(required=False)
    revision_id = serializers.IntegerField(required=False, allow_null=True)
    kind = serializers.CharField()
    marks = serializers.CharField()
    stem = serializers.CharField()
    choices = AuditChoiceSerializer(many=True)
    explanation = serializers.CharField(required=False)
    key = serializers.DictField(help_text="The answer key the attempt is scored against.")


class AttemptAuditSerializer(AttemptOutcomeSerializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField()
    contest = serializers.IntegerField()
    prediction = serializers.IntegerField(allow_null=True)
    origin_address = serializers.CharField(help_text="A keyed hash, never the address itself.")
    origin_device = serializers.CharField(help_text="A keyed hash of the device id.")
    participant = ParticipantSerializer()
    answers = AuditAnswerSerializer(many=True)
    paper = PaperEntrySerializer(many=True)


class FinaliseSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=500,
        allow_blank=True,
        required=False,
        default="",
        help_text="Needed from the second version on: why a new version (a regrade…).",
    )


class SnapshotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    contest = serializers.IntegerField(source="contest_id")
    round = serializers.IntegerField(source="round_id", allow_null=True)
    version = serializers.IntegerField()
    chain = serializers.ListField(child=serializers.CharField())
    actual_value = serializers.IntegerField(allow_null=True)
    participants = serializers.IntegerField()
    checksum = serializers.CharField(help_text="SHA-256 of the ranking's canonical form.")
    verified = serializers.BooleanField(help_text="The rows still match the checksum.")
    created_by = serializers.CharField(help_text="The judge's display name.")
    created_at = serializers.DateTimeField()
    reason = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class ChangeSerializer(serializers.Serializer):
    entry_id = serializers.IntegerField()
    public_name = serializers.CharField()
    old_rank = serializers.IntegerField(allow_null=True)
    new_rank = serializers.IntegerField(allow_null=True)
    old_score = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    new_score = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)


class JudgeRowSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit_name")
    public_name = serializers.CharField(source="shown_name")

    class Meta:
        model = RankingRow
        fields = [
            "position",
            "rank",
            "entry_id",
            "attempt_id",
            "public_name",
            "unit",
            "score",
            "prediction",
            "prediction_distance",
            "duration_seconds",
            "submitted_at",
        ]


class SnapshotDetailSerializer(SnapshotSerializer):
    previous_version = serializers.IntegerField(allow_null=True)
    changes = ChangeSerializer(many=True, help_text="What moved since the previous version.")
    rows = JudgeRowSerializer(many=True)


class PublicationSerializer(serializers.Serializer):
    snapshot = serializers.IntegerField()
    version = serializers.IntegerField()
    published_by = serializers.CharField()
    published_at = serializers.DateTimeField()


# Shaping -------------------------------------------------------------------------------------


def _summary(snapshot: RankingSnapshot) -> dict:
    return {
        "id": snapshot.pk,
        "contest_id": snapshot.contest_id,
        "round_id": snapshot.round_id,
        "version": snapshot.version,
        "chain": snapshot.chain,
        "actual_value": snapshot.actual_value,
        "participants": snapshot.participants,
        "checksum": snapshot.checksum,
        "verified": snapshots.verify(snapshot),
        "created_by": snapshot.created_by.display_name,
        "created_at": snapshot.created_at,
        "reason": snapshot.reason,
        "published_at": selectors.published_at(snapshot),
    }


def _decision(decision: JudgeDecision) -> dict:
    return {
        "id": decision.pk,
        "entry_id": decision.entry_id,
        "action": decision.action,
        "reason": decision.reason,
        "decided_by": decision.decided_by.display_name if decision.decided_by else None,
        "decided_at": decision.decided_at,
        "round": decision.round_id,
        "flag": decision.flag,
    }


# Judges --------------------------------------------------------------------------------------


class JudgesOnly(BasePermission):
    """Closed by default: only judges and administrators get past the door, and everyone else,
    anonymous callers included, gets the same 404 as a contest they do not judge, so the judge
    space discloses nothing. Each view still finds its contest among the caller's own."""

    refusal = errors.ContestNotFound  # for the schema (lms.core.api.ApiSchema)

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.has_role(Role.JUDGE, Role.ADMIN)):
            raise errors.ContestNotFound()
        return True


class JudgeView(APIView):
    """Judge endpoints: see `JudgesOnly`, then the `access.judged_*` lookups."""

    permission_classes = [JudgesOnly]


class DashboardView(JudgeView):
    """A round's live figures for its judges (at most 30 seconds old)."""

    @raises(errors.RoundNotFound, errors.FiguresNotReady)
    @extend_schema(responses=DashboardSerializer)
    def get(self, request, round_id: int):
        round_ = access.judged_round(request.user, round_id)
        figures = live.dashboard(round_, now=timezone.now())
        if figures is None:
            raise errors.FiguresNotReady()
        data = {
            "participants": figures.participants,
            "signed_up": figures.signed_up,
            "attempts": figures.attempts,
            "open_attempts": figures.open_attempts,
            "histogram": [
                {"from_percent": lower, "participants": n} for lower, n in figures.histogram
            ],
            "schools": figures.schools,
            "wards": figures.wards,
            "top": [
                {
                    "rank": ranked.rank,
                    "entry_id": ranked.entry.participant,
                    "display_name": name,
                    "unit": unit,
                    "score": ranked.entry.score,
                }
                for ranked, name, unit in figures.top
            ],
            "computed_at": figures.at,
        }
        return Response(DashboardSerializer(data).data)


class FlagsView(JudgeView):
    """Patterns worth a judge's look (shared devices or addresses, quick finishes)."""

    @raises(errors.RoundNotFound, errors.FiguresNotReady)
    @extend_schema(responses=FlagSerializer(many=True))
    def get(self, request, round_id: int):
        round_ = access.judged_round(request.user, round_id)
        figures = live.dashboard(round_, now=timezone.now())  # flags come with the figures
        if figures is None:
            raise errors.FiguresNotReady()
        still_open = {flag.key for flag in selectors.open_flags(round_, figures.flags)}
        data = [
            {
                "kind": flag.kind,
                "key": flag.key,
                "detail": flag.detail,
                "entry_ids": flag.entry_ids,
                "attempt_ids": flag.attempt_ids,
                "open": flag.key in still_open,
            }
            for flag in figures.flags
        ]
        return Response(FlagSerializer(data, many=True).data)


class AttemptAuditView(JudgeView):
    """One attempt in full for its judges: the participant, the answers and the keyed paper."""

    @raises(NotFound)
    @extend_schema(responses=AttemptAuditSerializer)
    def get(self, request, attempt_id: int):
        audit = selectors.attempt_audit(request.user, attempt_id)
        attempt, entry = audit.attempt, audit.entry
        participant = {
            "entry_id": entry.pk if entry else None,
            "display_name": attempt.user.display_name,
            "unit": entry.unit_name() if entry else "",
            "school": entry.school_id if entry else None,
            "ward": entry.ward_id if entry else None,
            "signed_up_at": entry.signed_up_at if entry else None,
            "disqualified_at": entry.disqualified_at if entry else None,
            "disqualified_reason": entry.disqualified_reason if entry else "",
            "decisions": [_decision(d) for d in audit.decisions],
        }
        data = {
            "id": attempt.pk,
            "round": audit.round.pk,
            "contest": audit.contest.pk,
            "number": attempt.number,
            "started_at": attempt.started_at,
            "deadline": attempt.deadline,
            "submitted_at": attempt.submitted_at,
            "closed_by_deadline": attempt.closed_by_deadline,
            "score": attempt.score,
            "maximum": attempt.maximum,
            "percent": attempt.percent,
            "duration_seconds": attempt.duration_seconds,
            "prediction": attempt.prediction,
            "origin_address": attempt.origin_address,
            "origin_device": attempt.origin_device,
            "participant": participant,
            "answers": selectors.saved_answers(attempt),
            "paper": attempt.paper,
        }
        return Response(AttemptAuditSerializer(data).data)


class DecisionsView(JudgeView):
    """Disqualify or reinstate a participant, or mark a flag they are in as checked and valid
    (`valid`, with the flag's round and key), with the reason kept in the audit trail."""

    @raises(
        NotFound,
        exceptions.ValidationError,
        errors.ReasonRequired,
        errors.UnknownFlag,
        errors.BadDecision,
    )
    @extend_schema(request=DecideSerializer, responses={201: DecisionSerializer})
    def post(self, request, entry_id: int):
        entry = access.judged_entry(request.user, entry_id)
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data, now = body.validated_data, timezone.now()
        round_ = None
        if data.get("round"):
            round_ = selectors.live_round(entry.contest, data["round"])
            if round_ is None:
                message = str(errors.RoundNotFound.message)
                raise errors.UnknownFlag(message, fields={"round": [message]})
        decision = entries.decide(
            entry=entry,
            action=data["action"],
            reason=data["reason"],
            by=request.user,
            now=now,
            round_=round_,
            flag=data["flag"],
        )
        return Response(
            DecisionSerializer(_decision(decision)).data, status=status.HTTP_201_CREATED
        )


class FinaliseRoundView(JudgeView):
    """Freeze the round's final ranking as a new version; 409 while open or if nothing changed."""

    @raises(
        errors.RoundNotFound,
        errors.ReasonRequired,
        errors.RoundStillOpen,
        errors.NothingChanged,
    )
    @extend_schema(request=FinaliseSerializer, responses={201: SnapshotSerializer})
    def post(self, request, round_id: int):
        round_ = access.judged_round(request.user, round_id)
        body = FinaliseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        snapshot = finalising.finalise_round(
            round_=round_, by=request.user, now=timezone.now(), reason=body.validated_data["reason"]
        )
        return Response(SnapshotSerializer(_summary(snapshot)).data, status=status.HTTP_201_CREATED)


class FinaliseOverallView(JudgeView):
    """Freeze the overall ranking from the latest version of each finalised round."""

    @raises(
        errors.ContestNotFound,
        errors.ReasonRequired,
        Conflict,  # no round finalised yet
        errors.NothingChanged,
    )
    @extend_schema(request=FinaliseSerializer, responses={201: SnapshotSerializer})
    def post(self, request, contest_id: int):
        contest = access.judged_contest(request.user, contest_id)
        body = FinaliseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        snapshot = finalising.finalise_overall(
            contest=contest,
            by=request.user,
            now=timezone.now(),
            reason=body.validated_data["reason"],
        )
        return Response(SnapshotSerializer(_summary(snapshot)).data, status=status.HTTP_201_CREATED)


class SnapshotView(JudgeView):
    """A finalised version: its checksum checked, what changed since the last one, and its rows."""

    @raises(NotFound, exceptions.ValidationError)
    @extend_schema(parameters=[RowsQuerySerializer], responses=SnapshotDetailSerializer)
    def get(self, request, snapshot_id: int):
        snapshot = access.judged_snapshot(request.user, snapshot_id)
        query = valid_query(RowsQuerySerializer, request)
        previous, changes = snapshots.differences(snapshot)
        data = _summary(snapshot) | {
            "previous_version": previous.version if previous else None,
            "changes": changes,
            "rows": snapshots.top_rows(snapshot, limit=query["limit"], offset=query["offset"]),
        }
        return Response(SnapshotDetailSerializer(data).data)


class PublishView(JudgeView):
    """Make a version the public one; only the latest version, and only once."""

    @raises(NotFound, errors.NotLatestVersion, errors.AlreadyPublished)
    @extend_schema(request=None, responses={201: PublicationSerializer})
    def post(self, request, snapshot_id: int):
        snapshot = access.judged_snapshot(request.user, snapshot_id)
        publication = finalising.publish(snapshot=snapshot, by=request.user, now=timezone.now())
        data = {
            "snapshot": snapshot.pk,
            "version": snapshot.version,
            "published_by": request.user.display_name,
            "published_at": publication.published_at,
        }
        return Response(PublicationSerializer(data).data, status=status.HTTP_201_CREATED)
