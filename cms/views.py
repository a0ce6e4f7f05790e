from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from cms import offline
from cms.models import CampaignPage, NewsPage, StandardPage
from cms.sitemaps import TranslatedPagesSitemap, public_base_url
from cms.snippets import Hotline
from courses.pages import LessonPage, ModulePage
from lms.core.search import folded

SEARCHABLE = (LessonPage, ModulePage, NewsPage, CampaignPage, StandardPage)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Lessons and news, in the reader's language, with or without diacritics in the query."""
    query = " ".join(request.GET.get("q", "").split())[:100]
    results = Page.objects.none()
    if query:
        locale = Locale.objects.filter(language_code=get_language()).first()
        pages = Page.objects.live().public().type(*SEARCHABLE)
        if locale:
            pages = pages.filter(locale=locale)
        results = pages.specific().search(folded(query), operator="and")
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"query": query, "results": page})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /teacher/",
        f"Sitemap: {public_base_url(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so that its scope can be the whole public site; never cached, so a
    deploy reaches phones at their next visit."""
    response = HttpResponse(
        offline.service_worker_script(), content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def web_manifest(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        offline.manifest(),
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the phone shows for a page it does not have: the hotline and the quick exit."""
    hotlines = Hotline.objects.filter(locale__language_code=get_language())
    return render(request, "cms/offline.html", {"hotlines": hotlines})


def sitemap(request: HttpRequest) -> HttpResponse:
    """Both languages, with their alternates (cms.sitemaps)."""
    return wagtail_sitemap(request, sitemaps={"pages": TranslatedPagesSitemap})
