"""The teacher space's API: classes, their assignments and extensions, progress, and the
item analysis of a quiz given to a class.

A teacher reaches only the classes they teach (another's is 404); other roles get 403.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from courses.pages import ModulePage
from lms.accounts import errors, services
from lms.accounts.models import Classroom, Role, School, User
from lms.accounts.permissions import ClassroomAccess, HasRole
from lms.core.api_schema import raises
from lms.core.errors import NotFound
from lms.teaching import assignments
from lms.teaching.models import Assignment
from quizzes.api import ItemStatsSerializer
from quizzes.pages import standalone_quizzes

TeacherOnly = HasRole.of(Role.TEACHER, Role.ADMIN)


class ClassNotFound(NotFound):
    code = "class_not_found"
    message = _("You teach no class with this number.")


def _classroom(request, classroom_id: int) -> Classroom:
    classroom = (
        ClassroomAccess.scope(request.user, Classroom.objects.select_related("school"))
        .filter(pk=classroom_id)
        .first()
    )
    if classroom is None:
        raise ClassNotFound()
    return classroom


class QuizNotGiven(NotFound):
    code = "quiz_not_given"
    message = _("This quiz was not given to this class.")


class StudentSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(source="get_short_name")

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "birth_year", "sex"]


class ClassroomSerializer(serializers.ModelSerializer):
    school = serializers.PrimaryKeyRelatedField(queryset=School.objects.all())
    students = serializers.IntegerField(source="student_count", read_only=True, default=None)

    class Meta:
        model = Classroom
        fields = ["id", "school", "grade", "school_year", "name", "join_code", "students"]
        read_only_fields = ["join_code"]
        validators = []  # the unique name is checked on save, with a clear message


class ClassroomDetailSerializer(ClassroomSerializer):
    roster = StudentSerializer(many=True, read_only=True)

    class Meta(ClassroomSerializer.Meta):
        fields = [*ClassroomSerializer.Meta.fields, "roster"]


class ClassesView(APIView):
    permission_classes = [TeacherOnly]

    @extend_schema(responses=ClassroomSerializer(many=True))
    def get(self, request):
        classes = ClassroomAccess.scope(request.user, Classroom.objects.all()).annotate(
            student_count=Count("memberships", filter=Q(memberships__left_at__isnull=True))
        )
        return Response(ClassroomSerializer(classes, many=True).data)

    @raises(errors.NotYourSchool, errors.ClassNameTaken)
    @extend_schema(request=ClassroomSerializer, responses={201: ClassroomSerializer})
    def post(self, request):
        body = ClassroomSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        classroom = services.open_classroom(teacher=request.user, **body.validated_data)
        return Response(ClassroomSerializer(classroom).data, status=status.HTTP_201_CREATED)


class ClassView(APIView):
    permission_classes = [TeacherOnly]

    @raises(ClassNotFound)
    @extend_schema(responses=ClassroomDetailSerializer)
    def get(self, request, classroom_id: int):
        classroom = _classroom(request, classroom_id)
        classroom.roster = User.objects.filter(
            memberships__classroom=classroom, memberships__left_at__isnull=True
        ).order_by("display_name")
        classroom.student_count = len(classroom.roster)
        return Response(ClassroomDetailSerializer(classroom).data)


class AssignmentSerializer(serializers.ModelSerializer):
    module = serializers.PrimaryKeyRelatedField(
        queryset=ModulePage.objects.live(), required=False, allow_null=True
    )
    quiz = serializers.IntegerField(source="quiz_id", required=False, allow_null=True)
    students = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.all(), required=False
    )

    class Meta:
        model = Assignment
        fields = ["id", "module", "quiz", "students", "opens_at", "due_at"]


class ExtensionSerializer(serializers.Serializer):
    student = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    due_at = serializers.DateTimeField()
    extra_minutes = serializers.IntegerField(min_value=0, max_value=600, default=0)


class AssignmentsView(APIView):
    permission_classes = [TeacherOnly]

    @raises(ClassNotFound)
    @extend_schema(responses=AssignmentSerializer(many=True))
    def get(self, request, classroom_id: int):
        classroom = _classroom(request, classroom_id)
        given = Assignment.objects.filter(classroom=classroom).prefetch_related("students")
        return Response(AssignmentSerializer(given, many=True).data)

    @raises(ClassNotFound, assignments.BadAssignment)
    @extend_schema(request=AssignmentSerializer, responses={201: AssignmentSerializer})
    def post(self, request, classroom_id: int):
        classroom = _classroom(request, classroom_id)
        body = AssignmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        quiz = None
        if data.get("quiz_id") is not None:
            quiz = standalone_quizzes().filter(pk=data["quiz_id"]).first()
            if quiz is None:
                raise assignments.BadAssignment(
                    _("The assignment could not be saved."),
                    fields={"quiz": [str(_("There is no published quiz with this number."))]},
                )
        given = assignments.assign(
            classroom=classroom,
            by=request.user,
            opens_at=data["opens_at"],
            due_at=data["due_at"],
            module=data.get("module"),
            quiz=quiz,
            students=data.get("students") or None,
        )
        return Response(AssignmentSerializer(given).data, status=status.HTTP_201_CREATED)


class ExtensionsView(APIView):
    permission_classes = [TeacherOnly]

    @raises(ClassNotFound, assignments.BadAssignment)
    @extend_schema(request=ExtensionSerializer, responses={201: ExtensionSerializer})
    def post(self, request, classroom_id: int, assignment_id: int):
        classroom = _classroom(request, classroom_id)
        given = get_object_or_404(Assignment, pk=assignment_id, classroom=classroom)
        body = ExtensionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        extension = assignments.extend(assignment=given, **body.validated_data)
        return Response(
            ExtensionSerializer(extension).data | {"student": extension.student_id},
            status=status.HTTP_201_CREATED,
        )


class CellSerializer(serializers.Serializer):
    assignment = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[s.value for s in assignments.Status])
    due_at = serializers.DateTimeField()
    lessons_done = serializers.IntegerField()
    lessons_total = serializers.IntegerField()
    best_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    attempts = serializers.IntegerField()
    extended = serializers.BooleanField()


class ProgressRowSerializer(serializers.Serializer):
    student = StudentSerializer()
    cells = CellSerializer(many=True, help_text="Only the assignments given to this student.")


class ProgressView(APIView):
    permission_classes = [TeacherOnly]

    @raises(ClassNotFound)
    @extend_schema(responses=ProgressRowSerializer(many=True))
    def get(self, request, classroom_id: int):
        classroom = _classroom(request, classroom_id)
        report = assignments.class_progress(classroom=classroom, now=timezone.now())
        rows = [
            {
                "student": row.student,
                "cells": [
                    cell.__dict__ | {"assignment": given.pk}
                    for given, cell in zip(report.assignments, row.cells, strict=True)
                    if cell is not None
                ],
            }
            for row in report.rows
        ]
        return Response(ProgressRowSerializer(rows, many=True).data)


class ItemAnalysisView(APIView):
    """How each question of a quiz behaved in this class, from its present students' attempts:
    the figures of the teacher's page. A quiz not given to the class (by itself or in a module)
    is 404, like another teacher's class."""

    permission_classes = [TeacherOnly]

    @raises(ClassNotFound, QuizNotGiven)
    @extend_schema(responses=ItemStatsSerializer(many=True))
    def get(self, request, classroom_id: int, quiz_id: int):
        classroom = _classroom(request, classroom_id)
        found = assignments.class_item_analysis(classroom=classroom, quiz_id=quiz_id)
        if found is None:
            raise QuizNotGiven()
        _quiz, items = found
        return Response([item.as_dict() for item in items])
