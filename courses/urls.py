"""The curriculum's own addresses beside its Wagtail pages: marking a lesson complete (a form, and
the API) and a module's file list for reading offline."""

from django.urls import path

from courses import api, views

urlpatterns = [
    path("lessons/<int:lesson_id>/complete/", views.mark_lesson_complete, name="lesson-complete"),
    path(
        "offline/modules/<int:module_id>.json",
        views.module_offline_list,
        name="module-offline-files",
    ),
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
