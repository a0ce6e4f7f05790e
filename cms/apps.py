from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self) -> None:
        # Models and what imports them load only once every app is: ready() is Django's place.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.chrome import forget_site_chrome
        from cms.models import SiteSettings
        from cms.snippets import Hotline
        from lms.core.live_pages import forget_pages, forget_pages_if_one_changed

        # The cached page chrome (footer hotline, help link) must follow the editors at once.
        for model in (Hotline, SiteSettings):
            post_save.connect(forget_site_chrome, sender=model, dispatch_uid=f"chrome-{model}")
            post_delete.connect(forget_site_chrome, sender=model, dispatch_uid=f"chrome-d-{model}")
        page_published.connect(forget_site_chrome, dispatch_uid="chrome-published")
        page_unpublished.connect(forget_site_chrome, dispatch_uid="chrome-unpublished")
        post_delete.connect(forget_site_chrome, sender=Page, dispatch_uid="chrome-page-deleted")

        # What workers keep of pages (lms/core/live_pages.py, quizzes.pages.live_quizzes) follows
        # every change of a page, a site, a locale or a view restriction at once.
        post_save.connect(forget_pages_if_one_changed, dispatch_uid="pages-saved")
        post_delete.connect(forget_pages_if_one_changed, dispatch_uid="pages-deleted")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(
                forget_pages, dispatch_uid=f"pages-{signal.__class__.__name__}-{id(signal)}"
            )
