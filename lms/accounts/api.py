from axes.exceptions import AxesBackendPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.accounts import errors, services, sign_in_limits, signed_in
from lms.accounts.errors import SignInFailed, SignInLocked
from lms.accounts.models import ClassroomMembership, Role, User, clean_display_name
from lms.accounts.permissions import HasRole
from lms.core.api import StringField
from lms.core.api_schema import raises
from lms.core.security import client_ip


class ClassroomSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="classroom.id")
    name = serializers.CharField(source="classroom.name")
    grade = serializers.IntegerField(source="classroom.grade")
    school_year = serializers.IntegerField()
    school = serializers.CharField(source="classroom.school.name")


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    school = serializers.CharField(source="school.name", default=None, read_only=True)
    classrooms = serializers.SerializerMethodField()

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StringField,  # a display name sent as a number is refused, not kept
    }

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "birth_year",
            "sex",
            "school",
            "classrooms",
            "roles",
        ]
        read_only_fields = ["id", "username", "birth_year", "sex", "school"]

    def get_roles(self, user: User) -> list[str]:
        return sorted(user.roles)

    @extend_schema(responses=ClassroomSummarySerializer(many=True))
    def get_classrooms(self, user: User) -> list[dict]:
        memberships = (
            ClassroomMembership.objects.current()
            .filter(student=user)
            .select_related("classroom__school")
        )
        return ClassroomSummarySerializer(memberships, many=True).data

    def validate_display_name(self, value: str) -> str:
        try:
            value = clean_display_name(value)
        except DjangoValidationError as problem:
            raise serializers.ValidationError(problem.messages) from problem
        if not value:
            raise serializers.ValidationError(_("The display name cannot be empty."))
        return value


class MeView(APIView):
    """The signed-in user: who they are, their roles and their current classes."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=MeSerializer, responses=MeSerializer)
    def patch(self, request):
        serializer = MeSerializer(
            request.user, data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenView(APIView):
    """Exchange a username and password for an API token (for apps and scripts).

    It goes through the same limits and lock-out as the sign-in page.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []  # the sign-in limits stand in: a school signs in from one address

    @raises(SignInFailed, SignInLocked, sign_in_limits.SignInPaused)
    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = sign_in_limits.authenticate(request._request, **serializer.validated_data)
        except AxesBackendPermissionDenied as exc:
            raise SignInLocked() from exc
        if getattr(request._request, "axes_locked_out", False):
            raise SignInLocked()
        if user is None:
            raise SignInFailed()
        token, _created = Token.objects.get_or_create(user=user)
        signed_in.keep_for_token(token.key, user)
        return Response({"token": token.key})


class JoinRequestSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=12)


class JoinResponseSerializer(serializers.Serializer):
    classroom = serializers.CharField()
    school = serializers.CharField()
    school_year = serializers.IntegerField()


class JoinClassView(APIView):
    """A signed-in student joins a class with the code their teacher gave."""

    permission_classes = [HasRole.of(Role.STUDENT)]

    @raises(
        errors.JoinCodeUnknown,
        errors.JoinCodeExpired,
        errors.JoinCodeGuessesPaused,
        errors.OnlyStudentsJoin,
        errors.AlreadyMember,
        errors.InClassThisYear,
    )
    @extend_schema(request=JoinRequestSerializer, responses={201: JoinResponseSerializer})
    def post(self, request):
        serializer = JoinRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.join_classroom(
            student=request.user,
            code=serializer.validated_data["code"],
            now=timezone.now(),
            address=client_ip(request),
        )
        classroom = membership.classroom
        return Response(
            {
                "classroom": classroom.name,
                "school": classroom.school.name,
                "school_year": membership.school_year,
            },
            status=status.HTTP_201_CREATED,
        )
