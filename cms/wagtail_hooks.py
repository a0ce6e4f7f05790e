"""Help content in the back office: hotlines and trusted addresses, grouped under one menu; and
the editor's fields named for screen readers where Wagtail leaves them unnamed."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("insert_editor_js")
def name_the_editors_fields():
    """Draftail's text box and a list block's inputs get the name of the label people see
    (frontend/static/js/editor-names.js says why Wagtail leaves them without one)."""
    return format_html('<script src="{}" defer></script>', static("js/editor-names.js"))
