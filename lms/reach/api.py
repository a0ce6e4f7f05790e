"""`/api/v1/reach/`: the officer's figures as JSON, with the same scope and checks as the page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.accounts.models import Role
from lms.accounts.permissions import HasRole
from lms.core.api_schema import raises
from lms.reach import selectors
from lms.reach.models import ReachPolicy


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    reached = serializers.IntegerField(
        source="reached_shown", allow_null=True, help_text="Null for a group of fewer than 5."
    )
    enrolled = serializers.IntegerField(allow_null=True)
    percent = serializers.DecimalField(
        source="percent_shown", max_digits=5, decimal_places=1, allow_null=True
    )
    suppressed = serializers.BooleanField(
        help_text="Fewer than 5 reached: the figures are withheld so no pupil can be singled out."
    )


class ReachSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    group = serializers.ChoiceField(choices=selectors.GROUPS)
    target_percent = serializers.IntegerField()
    target_year = serializers.IntegerField()
    policy_version = serializers.IntegerField()
    headline = FigureSerializer()
    groups = FigureSerializer(many=True)


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
                description="Omitted: the next level down (areas, else schools, else grades).",
            ),
            OpenApiParameter("date", OpenApiTypes.DATE, description="Figures as of this day."),
        ],
        responses=ReachSerializer,
    )
    def get(self, request):
        query = selectors.resolve(user=request.user, params=request.query_params)
        policy = ReachPolicy.current()
        place = {"area": query["area"], "school": query["school"], "as_of": query["as_of"]}
        return Response(
            ReachSerializer(
                {
                    "as_of": query["as_of"],
                    "group": query["group"],
                    "target_percent": policy.target_percent,
                    "target_year": policy.target_year,
                    "policy_version": policy.pk,
                    "headline": selectors.headline(policy=policy, **place),
                    "groups": selectors.breakdown(policy=policy, group=query["group"], **place),
                }
            ).data
        )
