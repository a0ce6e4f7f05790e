"""Help content in the back office: hotlines and trusted addresses, grouped under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.snippets import Hotline, TrustedAddress


class HotlineViewSet(SnippetViewSet):
    model = Hotline
    icon = "mail"
    menu_label = _("Hotlines")
    list_display = ["name", "number", "show_in_footer", "locale"]
    search_fields = ["name", "number"]


class TrustedAddressViewSet(SnippetViewSet):
    model = TrustedAddress
    icon = "home"
    menu_label = _("Trusted addresses")
    list_display = ["name", "kind", "area", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]

    def get_queryset(self, request):
        return TrustedAddress.objects.select_related("area")


class HelpGroup(SnippetViewSetGroup):
    menu_label = _("Hotlines and addresses")
    menu_icon = "mail"
    menu_order = 260
    items = [HotlineViewSet, TrustedAddressViewSet]


register_snippet(HelpGroup)
