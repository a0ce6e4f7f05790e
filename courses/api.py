from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import selectors, services
from courses.models import LessonProgress
from courses.pages import LessonPage, ModulePage
from lms.core.api_schema import raises
from lms.core.errors import NotFound


class LessonNotFound(NotFound):
    code = "lesson_not_found"
    message = _("There is no published lesson with this number.")


class ProgressReportSerializer(serializers.Serializer):
    seconds_spent = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text="The reader's running total of seconds on this lesson (kept up to 4 hours).",
    )
    completed = serializers.BooleanField(required=False, default=False)


class LessonProgressSerializer(serializers.ModelSerializer):
    lesson_id = serializers.IntegerField()
    title = serializers.CharField(source="lesson.title")
    completed = serializers.BooleanField(source="is_completed")

    class Meta:
        model = LessonProgress
        fields = [
            "lesson_id",
            "title",
            "started_at",
            "completed_at",
            "completed",
            "seconds_spent",
        ]


class ModuleProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    is_core = serializers.BooleanField()
    completed_lessons = serializers.IntegerField()
    total_lessons = serializers.IntegerField()
    percent = serializers.IntegerField()


class MyProgressSerializer(serializers.Serializer):
    modules = ModuleProgressSerializer(many=True)
    lessons = LessonProgressSerializer(many=True)


class LessonProgressView(APIView):
    """Record that the signed-in user read (or finished) a lesson. Repeating it is harmless."""

    @raises(LessonNotFound)
    @extend_schema(request=ProgressReportSerializer, responses=LessonProgressSerializer)
    def post(self, request, lesson_id: int):
        lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
        if lesson is None:
            raise LessonNotFound()
        report = ProgressReportSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        progress = services.record_lesson_progress(
            user=request.user,
            lesson=lesson,
            now=timezone.now(),
            seconds_spent=report.validated_data.get("seconds_spent"),
            completed=report.validated_data["completed"],
        )
        return Response(LessonProgressSerializer(progress).data)


class MyProgressView(APIView):
    """The signed-in user's progress: each module of the curriculum and each lesson opened."""

    @extend_schema(responses=MyProgressSerializer)
    def get(self, request):
        modules = list(ModulePage.objects.live().filter(locale__language_code=_language(request)))
        progress = selectors.module_progress(user=request.user, modules=modules)
        rows = (
            LessonProgress.objects.filter(user=request.user)
            .select_related("lesson")
            .order_by("-updated_at")
        )
        return Response(
            {
                "modules": [
                    {
                        "id": module.pk,
                        "title": module.title,
                        "is_core": module.is_core,
                        "completed_lessons": progress[module.pk].completed,
                        "total_lessons": progress[module.pk].total,
                        "percent": progress[module.pk].percent,
                    }
                    for module in modules
                ],
                "lessons": LessonProgressSerializer(rows, many=True).data,
            }
        )


def _language(request) -> str:
    return getattr(request, "LANGUAGE_CODE", "vi")
