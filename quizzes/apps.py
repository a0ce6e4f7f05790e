from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Question bank, quizzes and contests, attempts, scoring and rankings."""

    name = "quizzes"
    verbose_name = _("Quizzes and contests")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from quizzes.pages import forget_pages, forget_pages_if_one_changed

        # Kept quiz pages (pages.live_quizzes) follow every change of any page at once.
        post_save.connect(forget_pages_if_one_changed, dispatch_uid="quizzes-page-saved")
        post_delete.connect(forget_pages_if_one_changed, dispatch_uid="quizzes-page-deleted")
        page_published.connect(forget_pages, dispatch_uid="quizzes-page-published")
        page_unpublished.connect(forget_pages, dispatch_uid="quizzes-page-unpublished")
        post_page_move.connect(forget_pages, dispatch_uid="quizzes-page-moved")
