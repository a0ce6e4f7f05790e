from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


def default_hotline() -> str:
    return settings.HOTLINE_NUMBER


@register_setting(icon="help")
class SiteSettings(BaseGenericSetting):
    """What every page shows in its footer: where to find help."""

    hotline_number = models.CharField(
        _("help hotline number"),
        max_length=30,
        default=default_hotline,
        help_text=_("Free hotline of the Social Work Centre, shown on every page."),
    )
    hotline_label = models.CharField(
        _("hotline description"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the standard description in the visitor's language."),
    )

    panels = [FieldPanel("hotline_number"), FieldPanel("hotline_label")]

    class Meta:
        verbose_name = _("site settings")

    @property
    def hotline_tel(self) -> str:
        return "".join(ch for ch in self.hotline_number if ch.isdigit() or ch == "+")


class HomePage(Page):
    """The front door: the campaign message and where to start."""

    intro = models.CharField(_("headline"), max_length=200, blank=True)
    body = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
