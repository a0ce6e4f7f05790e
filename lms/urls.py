from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import router as wagtail_api_router
from cms.views import robots_txt, search, sitemap
from lms.accounts.views import teacher_home
from lms.core.api import api_not_found
from lms.core.health import healthz
from lms.core.i18n import switch_language
from quizzes import urls as quiz_urls
from quizzes.contests import urls as contest_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v1/", include(("lms.api_urls", "api"))),
    path("api/v2/", wagtail_api_router.urls),
    re_path(r"^api/", api_not_found),  # every other address under /api/ answers in JSON too
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", switch_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("accounts/", include("lms.accounts.urls")),
    path("teacher/", teacher_home, name="teacher-home"),
    path("teacher/", include("lms.teacher_urls")),
    path("reach/", include("lms.reach.urls")),
    path("judge/", include((contest_urls.judge_patterns, "judge"))),
    path("search/", search, name="search"),
    path("", include("courses.urls")),
    # The quiz pages, and the contests' sign-up and results named beside them (`quizzes:`).
    path("", include((quiz_urls.urlpatterns + contest_urls.public_patterns, "quizzes"))),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "lms.core.api.bad_request"
handler500 = "lms.core.outage.server_error"
