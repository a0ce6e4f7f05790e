from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisation")

    def ready(self) -> None:
        from lms.accounts import signed_in  # noqa: F401 (connects the cache's signal receivers)


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that hold only what we may keep about a minor."""

    default = False
    user_viewset = "lms.accounts.wagtail_hooks.UserViewSet"
