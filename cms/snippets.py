"""Where to find help: hotlines and trusted addresses, edited as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Hotline(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150)
    number = models.CharField(_("number"), max_length=30)
    description = models.CharField(_("what it helps with"), max_length=300, blank=True)
    hours = models.CharField(_("when it answers"), max_length=100, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    show_in_footer = models.BooleanField(
        _("show on every page"), default=False, help_text=_("The footer shows the first one.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("number"),
        FieldPanel("description"),
        FieldPanel("hours"),
        FieldPanel("is_free"),
        FieldPanel("show_in_footer"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("number")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class TrustedAddress(index.Indexed, models.Model):
    """A trusted address (địa chỉ tin cậy), shelter or service in the community."""

    class Kind(models.TextChoices):
        TRUSTED_ADDRESS = "trusted_address", _("Trusted address")
        SHELTER = "shelter", _("Temporary shelter")
        SOCIAL_WORK = "social_work", _("Social work centre")
        HEALTH = "health", _("Health centre")
        POLICE = "police", _("Police")
        LEGAL_AID = "legal_aid", _("Legal aid")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    area = models.ForeignKey(
        "accounts.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("shown on the site"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta:
        verbose_name = _("trusted address")
        verbose_name_plural = _("trusted addresses")
        ordering = ["area__name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
