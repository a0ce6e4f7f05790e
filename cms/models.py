from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms.snippets import Hotline, TrustedAddress
from courses.blocks import ARTICLE_BLOCKS
from courses.pages import ModulePage
from courses.selectors import continue_where_left_off, module_progress
from lms.accounts.models import Area
from lms.core.search import folded, stream_text
from lms.reach.selectors import SMALL_GROUP, public_summary
from quizzes.contests.pages import ContestPage, ContestRound

SIMPLE_RICH = ["bold", "italic", "link", "ul", "ol"]


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        default="Sở Giáo dục và Đào tạo thành phố Cần Thơ",
        help_text=_("Who runs the site, shown in the footer."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    zalo_url = models.URLField(_("Zalo page"), blank=True)
    quick_exit_url = models.URLField(
        _("quick exit goes to"),
        default="https://www.google.com/search?q=thoi+tiet+can+tho",
        help_text=_("A neutral site that the quick-exit button opens instead of this one."),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("zalo_url")],
            heading=_("Social links"),
        ),
        FieldPanel("quick_exit_url"),
    ]

    class Meta:
        verbose_name = _("site settings")


class HomePage(Page):
    """The front door: the current campaign, the core modules and where to find help."""

    intro = models.CharField(_("headline"), max_length=200, blank=True)
    body = RichTextField(_("introduction"), blank=True, features=SIMPLE_RICH)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.CampaignPage",
        "cms.HelpPage",
        "courses.CurriculumIndexPage",
        "contests.ContestPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a page in one query (by its indexed slug and depth), not one query per level.

        Pages that route by themselves (e.g. with sub-URLs) and pages that are not live fall back
        to Wagtail's walk down the tree, which raises the proper 404.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            candidates = Page.objects.filter(
                slug=path_components[-1],
                depth=self.depth + len(path_components),
                path__startswith=self.path,
            )
            page = next((p for p in candidates if p.url_path == url_path), None)
            if page is not None and page.live:
                page = page.specific
                if type(page).route is Page.route:
                    return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        campaigns = CampaignPage.objects.live().descendant_of(self).order_by("-start_date")
        context["campaign"] = (
            campaigns.filter(end_date__gte=today).order_by("start_date").first()
            or campaigns.first()
        )
        modules = list(
            ModulePage.objects.live()
            .descendant_of(self)
            .filter(is_core=True)
            .select_related("cover_image")
            .order_by("path")[:6]
        )
        context["modules"] = modules
        context["progress"] = module_progress(user=request.user, modules=modules)
        context["resume"] = continue_where_left_off(user=request.user)
        context["help_page"] = HelpPage.objects.live().descendant_of(self).first()
        context["reach"] = _public_reach()
        context["contests"] = _open_contests(self, timezone.now())
        return context


def _open_contests(home: "HomePage", now) -> list:
    """The public contests under this home with a round still to take (open or coming): two
    queries, a round's contest being its path less one step."""
    not_closed = Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    paths = {
        path[: -ContestPage.steplen]
        for path in ContestRound.objects.live()
        .descendant_of(home)
        .filter(not_closed)
        .values_list("path", flat=True)
    }
    if not paths:
        return []
    return list(ContestPage.objects.live().public().filter(path__in=paths).order_by("path")[:3])


def _contests_of(campaign) -> list:
    """The campaign's live contests, to reach them from the campaign and the home page."""
    if campaign is None:
        return []
    return list(ContestPage.objects.live().public().child_of(campaign).order_by("path"))


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(ARTICLE_BLOCKS, verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("folded_text")]
    api_fields = [APIField("intro"), APIField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def folded_text(self) -> str:
        return folded(f"{self.title} {self.intro}")


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.CampaignPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")[:30]
        return context


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=500)
    body = StreamField(ARTICLE_BLOCKS, verbose_name=_("content"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("folded_text"),
        index.FilterField("date"),
    ]
    api_fields = [APIField("date"), APIField("intro"), APIField("body")]
    parent_page_types = ["cms.NewsIndexPage", "cms.CampaignPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")

    def folded_text(self) -> str:
        return folded(" ".join([self.title, self.intro, stream_text(self.body)]))


class CampaignPage(Page):
    """The yearly Month of Action for gender equality, with its news and contests beneath it."""

    theme = models.CharField(_("theme"), max_length=300)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(ARTICLE_BLOCKS, verbose_name=_("content"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("folded_text"),
    ]
    api_fields = [
        APIField("theme"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("intro"),
        APIField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage", "cms.NewsIndexPage", "contests.ContestPage"]

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The campaign cannot end before it starts.")})

    def is_running(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    def folded_text(self) -> str:
        return folded(f"{self.title} {self.theme} {self.intro}")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = NewsPage.objects.live().descendant_of(self).order_by("-date", "-pk")[:10]
        context["contests"] = _contests_of(self)
        return context


class HelpPage(Page):
    """Hotlines and trusted addresses, filterable by area, with a quick exit."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_RICH)
    body = StreamField(ARTICLE_BLOCKS, verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("help page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hotlines"] = Hotline.objects.filter(locale=self.locale)
        addresses = TrustedAddress.objects.filter(is_active=True).select_related("area")
        used_area_ids = addresses.values("area_id")
        context["areas"] = Area.objects.filter(pk__in=used_area_ids).order_by("name")
        area_id = request.GET.get("area", "")
        if area_id.isdigit():
            area = Area.objects.filter(pk=int(area_id)).first()
            if area is not None:
                addresses = addresses.filter(area__path__startswith=area.path)
                context["selected_area"] = area
        context["addresses"] = addresses
        return context


def _public_reach() -> dict | None:
    """The city's reach for the home page, aggregated only, refreshed every ten minutes: the
    population measure when there are population figures, else the pupils' (`measure` says
    which); hidden while fewer than 5 are reached or there is nothing to divide by."""
    summary = cache.get("reach:public")
    if summary is None:
        summary = public_summary() or {}
        cache.set("reach:public", summary, 600)
    if not summary or summary["percent"] is None or summary["reached"] < SMALL_GROUP:
        return None
    return summary
