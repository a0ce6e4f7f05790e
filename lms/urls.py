from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import router as wagtail_api_router
from cms.views import offline_page, robots_txt, search, sitemap
from lms.core.api import api_not_found
from lms.core.health import healthz
from lms.core.i18n import switch_language
from lms.teaching import urls as teaching_urls
from quizzes import urls as quiz_urls
from quizzes.contests import game_urls
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
    path("", include("cms.urls")),  # the installable app: /sw.js, /manifest.webmanifest
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("accounts/", include("lms.accounts.urls")),
    path("teacher/", include("lms.teaching.urls")),
    path("reach/", include("lms.reach.urls")),
    path("gia-dinh/", include("lms.reach.family_urls")),  # the family path: pupil, then family
    path("judge/", include((contest_urls.judge_patterns, "judge"))),
    path("", include((game_urls.page_patterns, "games"))),
    path("search/", search, name="search"),
    path("offline/", offline_page, name="offline"),
    path("", include("courses.urls")),
    # The quiz pages, and named beside them (`quizzes:`) the student's home, with the work their
    # classes gave them, and the contests' sign-up and results.
    path(
        "",
        include(
            (
                quiz_urls.urlpatterns
                + teaching_urls.student_patterns
                + contest_urls.public_patterns,
                "quizzes",
            )
        ),
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "lms.core.api.bad_request"
handler500 = "lms.core.outage.server_error"
