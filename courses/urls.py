"""The lessons' own routes: marking one complete (a form, and the API)."""

from django.urls import path

from courses import api, views

urlpatterns = [
    path("lessons/<int:lesson_id>/complete/", views.mark_lesson_complete, name="lesson-complete"),
]

# Under /api/v1/ (lms/api_urls.py).
api_patterns = [
    path("me/progress/", api.MyProgressView.as_view(), name="my-progress"),
    path(
        "lessons/<int:lesson_id>/progress/",
        api.LessonProgressView.as_view(),
        name="lesson-progress",
    ),
]
