"""Contests in the back office: a page holding a finalised ranking cannot be deleted."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from quizzes.contests.records import RankingSnapshot


def _holds_finalised_rankings(pages) -> bool:
    """Whether any of these pages, or a page under them, is a contest or round with a finalised
    ranking: such a record is kept for good, so the page cannot be deleted (unpublish it)."""
    under = Q()
    for page in pages:
        under |= Q(contest__path__startswith=page.path) | Q(round__path__startswith=page.path)
    return bool(under) and RankingSnapshot.objects.filter(under).exists()


def _refuse_deleting_rankings(request, pages):
    messages.error(
        request,
        _(
            "This page holds a contest with finalised rankings, which are kept for good. "
            "Unpublish it instead of deleting it."
        ),
    )
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)


@hooks.register("before_delete_page")
def keep_contests_with_finalised_rankings(request, page):
    if _holds_finalised_rankings([page]):
        return _refuse_deleting_rankings(request, [page])
    return None


@hooks.register("before_bulk_action")
def keep_contests_with_finalised_rankings_in_bulk(request, action_type, objects, action):
    pages = [item for item in objects if isinstance(item, Page)]
    if action_type == "delete" and pages and _holds_finalised_rankings(pages):
        return _refuse_deleting_rankings(request, pages)
    return None
