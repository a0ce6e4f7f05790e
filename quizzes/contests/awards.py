"""Certificates for the award places of a published ranking."""

from datetime import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from quizzes.certificates import issue
from quizzes.contests.errors import NotPublished
from quizzes.contests.records import ContestEntry, RankingSnapshot, SnapshotPublication
from quizzes.models import Certificate


def award_certificates(*, snapshot: RankingSnapshot, now: datetime) -> list:
    """Certificates for the award places of a published ranking; awarding twice adds nothing."""
    if not SnapshotPublication.objects.filter(snapshot=snapshot).exists():
        raise NotPublished()
    contest = snapshot.contest
    winners = snapshot.rows.filter(rank__lte=contest.award_places).order_by("position")
    users = {
        entry.pk: entry.user
        for entry in ContestEntry.objects.filter(
            pk__in=[r.entry_id for r in winners]
        ).select_related("user")
    }
    issued = []
    for row in winners:
        user = users.get(row.entry_id)
        if user is None or user.is_erased:  # deleted or erased since: nobody to award
            continue
        title = award_title(snapshot, row.rank)
        existing = Certificate.objects.filter(user=user, title=title).first()
        issued.append(existing or issue(user=user, title=title, at=now))
    return issued


def award_title(snapshot: RankingSnapshot, rank: int) -> str:
    """A certificate's title, always in the site's first language: the certificate is printed in
    it, and awarding again from a page in English must find the same certificate."""
    with translation.override(settings.LANGUAGE_CODE):
        what = snapshot.round.title if snapshot.round_id else gettext("Overall")
        return gettext("Place %(rank)d — %(what)s — %(contest)s") % {
            "rank": rank,
            "what": what,
            "contest": snapshot.contest.title,
        }
