"""`/api/v1/reach/`: the officer's figures as JSON, with the same scope and checks as the page:
both measures, named (`pupils`: reached / enrolment; `people`: reached / population), and when
each ward reaches the target on the population measure."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.accounts.models import Role
from lms.accounts.permissions import HasRole
from lms.core.api_schema import raises
from lms.reach import people, selectors
from lms.reach.models import ReachPolicy

WITHHELD = "Fewer than 5 reached: the figures are withheld so no one can be singled out."


class FigureSerializer(serializers.Serializer):
    """A group of the pupils measure: pupils reached against the enrolment."""

    key = serializers.CharField()
    label = serializers.CharField()
    reached = serializers.IntegerField(
        source="reached_shown", allow_null=True, help_text="Null for a group of fewer than 5."
    )
    enrolled = serializers.IntegerField(
        allow_null=True, help_text="Pupils enrolled this school year; null: no figures."
    )
    percent = serializers.DecimalField(
        source="percent_shown", max_digits=5, decimal_places=1, allow_null=True
    )
    suppressed = serializers.BooleanField(help_text=WITHHELD)


class PeopleFigureSerializer(serializers.Serializer):
    """A group of the population measure: people reached against the population."""

    key = serializers.CharField()
    label = serializers.CharField()
    reached = serializers.IntegerField(
        source="reached_shown", allow_null=True, help_text="Null for a group of fewer than 5."
    )
    population = serializers.IntegerField(
        source="enrolled",
        allow_null=True,
        help_text="People living there (latest figures up to the year); null: no data.",
    )
    percent = serializers.DecimalField(
        source="percent_shown", max_digits=5, decimal_places=1, allow_null=True
    )
    suppressed = serializers.BooleanField(help_text=WITHHELD)


class PupilsMeasureSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=selectors.GROUPS)
    headline = FigureSerializer()
    groups = FigureSerializer(many=True)


class WardSerializer(PeopleFigureSerializer):
    outlook = serializers.ChoiceField(
        source="status",
        choices=["reached", "date", "not_at_this_pace", "too_early", "no_data"],
        help_text="Already reached, reached on `target_date`, not at the recent pace, fewer than "
        "two weekly figures, or no population figures.",
    )
    target_date = serializers.DateField(allow_null=True)
    weekly_pace = serializers.DecimalField(
        max_digits=12,
        decimal_places=1,
        allow_null=True,
        help_text="People reached a week, over the last weekly figures.",
    )


class PeopleMeasureSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=selectors.PEOPLE_GROUPS)
    headline = PeopleFigureSerializer()
    groups = PeopleFigureSerializer(many=True)
    wards = WardSerializer(
        many=True, help_text="Every ward under the place, the furthest behind the target first."
    )


class ReachSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    target_percent = serializers.IntegerField()
    target_year = serializers.IntegerField()
    policy_version = serializers.IntegerField()
    pupils = PupilsMeasureSerializer(help_text="Pupils reached / enrolment.")
    people = PeopleMeasureSerializer(
        help_text="People reached / population: pupils by their school's ward, everyone else by "
        "the ward they gave, each person once. The target is drawn on this measure."
    )
    group = serializers.ChoiceField(
        choices=selectors.GROUPS, help_text="Kept for older clients: `pupils.group`."
    )
    headline = FigureSerializer(help_text="Kept for older clients: `pupils.headline`.")
    groups = FigureSerializer(many=True, help_text="Kept for older clients: `pupils.groups`.")


def _ward(row: people.WardRow) -> dict:
    figure, shown = row.figure, not row.figure.suppressed
    return {
        "key": figure.key,
        "label": figure.label,
        "reached_shown": figure.reached_shown,
        "enrolled": figure.enrolled,
        "percent_shown": figure.percent_shown,
        "suppressed": figure.suppressed,
        "status": row.outlook.status if shown else "no_data",
        "target_date": row.outlook.on if shown else None,
        "weekly_pace": row.outlook.weekly_pace if shown else None,
    }


class ReachView(APIView):
    permission_classes = [HasRole.of(Role.OFFICER, Role.ADMIN)]

    @raises(selectors.BadQuery, selectors.AreaNotFound)
    @extend_schema(
        parameters=[
            OpenApiParameter("area", OpenApiTypes.INT, description="An area in your scope."),
            OpenApiParameter("school", OpenApiTypes.INT, description="A school in your scope."),
            OpenApiParameter(
                "group",
                OpenApiTypes.STR,
                enum=list(selectors.GROUPS),
                description="Pupils measure. Omitted: the next level down (areas, else schools, "
                "else grades).",
            ),
            OpenApiParameter(
                "people_group",
                OpenApiTypes.STR,
                enum=list(selectors.PEOPLE_GROUPS),
                description="Population measure. Omitted: wards, else (in a ward) sexes.",
            ),
            OpenApiParameter("date", OpenApiTypes.DATE, description="Figures as of this day."),
        ],
        responses=ReachSerializer,
    )
    def get(self, request):
        query = selectors.resolve(user=request.user, params=request.query_params)
        policy = ReachPolicy.current()
        measure = people.PeopleMeasure(policy=policy, area=query["area"], as_of=query["as_of"])
        place = {"area": query["area"], "school": query["school"], "as_of": query["as_of"]}
        place["counted"] = measure.pupils
        pupils = {
            "group": query["group"],
            "headline": selectors.headline(policy=policy, **place),
            "groups": selectors.breakdown(policy=policy, group=query["group"], **place),
        }
        wards = people.ward_outlooks(measure, target=policy.target_percent)
        return Response(
            ReachSerializer(
                {
                    "as_of": query["as_of"],
                    "target_percent": policy.target_percent,
                    "target_year": policy.target_year,
                    "policy_version": policy.pk,
                    "pupils": pupils,
                    "people": {
                        "group": query["people_group"],
                        "headline": measure.headline(),
                        "groups": measure.breakdown(query["people_group"]),
                        "wards": [_ward(row) for row in wards],
                    },
                    **pupils,
                }
            ).data
        )
