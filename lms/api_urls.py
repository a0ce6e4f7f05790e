"""Everything under /api/v1/: each app's endpoints come from its own urls.py (`api_patterns`)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from courses import teacher_api
from courses import urls as courses_urls
from lms.accounts import urls as accounts_urls
from lms.core.api import api_not_found
from lms.reach import urls as reach_urls
from quizzes import urls as quiz_urls
from quizzes.contests import urls as contest_urls

urlpatterns = [
    *accounts_urls.api_patterns,
    *courses_urls.api_patterns,
    *quiz_urls.api_patterns,
    *reach_urls.api_patterns,
    path("classes/", teacher_api.ClassesView.as_view(), name="classes"),
    path("classes/<int:classroom_id>/", teacher_api.ClassView.as_view(), name="class"),
    path(
        "classes/<int:classroom_id>/assignments/",
        teacher_api.AssignmentsView.as_view(),
        name="class-assignments",
    ),
    path(
        "classes/<int:classroom_id>/assignments/<int:assignment_id>/extensions/",
        teacher_api.ExtensionsView.as_view(),
        name="class-extensions",
    ),
    path(
        "classes/<int:classroom_id>/progress/",
        teacher_api.ProgressView.as_view(),
        name="class-progress",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *contest_urls.api_patterns,
    re_path(r"^.*$", api_not_found),
]
