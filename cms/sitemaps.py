"""The sitemap: every live public page in every language, each naming its translations
(`hreflang`), at the site's public address rather than the host the request came in by."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def public_base_url(request: HttpRequest | None) -> str:
    """The address search engines should see: WAGTAILADMIN_BASE_URL (required in production),
    else the request's own scheme and host (development, tests)."""
    if settings.WAGTAILADMIN_BASE_URL:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request else ""


class TranslatedPagesSitemap(Sitemap):
    """Wagtail's sitemap lists only the pages under the site's root page, that is the Vietnamese
    tree: this one adds the root's translations (the English tree) and the alternates."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .select_related("locale")
            .order_by("path")
        )

    def _location(self, page: Page) -> str | None:
        parts = page.get_url_parts(self.request)  # None: under no site, so no address
        return public_base_url(self.request) + parts[2] if parts else None

    def _urls(self, page, protocol, domain):
        listed = list(self.paginator.page(page).object_list)
        versions = defaultdict(list)  # translation key -> the live public pages sharing it
        for version in self.items().filter(translation_key__in={p.translation_key for p in listed}):
            versions[version.translation_key].append(version)
        urls = []
        for item in listed:
            location = self._location(item)
            if location is None:
                continue
            alternates = [
                {"lang_code": version.locale.language_code, "location": address}
                for version in versions[item.translation_key]
                if (address := self._location(version))
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if len(alternates) > 1 and default:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            urls.append(
                {
                    "location": location,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
