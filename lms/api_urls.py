"""Everything under /api/v1/: each app's endpoints come from its own urls.py (`api_patterns`)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from courses import urls as courses_urls
from lms.accounts import urls as accounts_urls
from lms.core.api import api_not_found
from lms.reach import urls as reach_urls
from lms.teaching import urls as teaching_urls
from quizzes import urls as quiz_urls
from quizzes.contests import urls as contest_urls

urlpatterns = [
    *accounts_urls.api_patterns,
    *courses_urls.api_patterns,
    *quiz_urls.api_patterns,
    *reach_urls.api_patterns,
    *teaching_urls.api_patterns,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *contest_urls.api_patterns,
    re_path(r"^.*$", api_not_found),
]
