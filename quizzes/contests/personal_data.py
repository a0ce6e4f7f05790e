"""What contests keep about a person, for the export and the erasure of their data
(lms/accounts/personal_data.py). Contest entries stay, so rankings keep their places; the name in
the judges' decisions about the person is replaced, and so is their name in live games."""

from datetime import datetime

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import ERASED_NAME, User
from lms.accounts.personal_data import Section, register
from quizzes.contests.game_records import LivePlayer
from quizzes.contests.records import ContestEntry, JudgeDecision


def _entries(person: User, now: datetime) -> list[dict]:
    entries = (
        ContestEntry.objects.filter(user=person)
        .select_related("contest", "school", "ward")
        .order_by("-signed_up_at")
    )
    return [
        {
            "contest": entry.contest.title,
            "signed_up_at": entry.signed_up_at,
            "school": entry.school.name if entry.school_id else None,
            "ward": entry.ward.name if entry.ward_id else None,
            "disqualified_at": entry.disqualified_at,
            "disqualified_reason": entry.disqualified_reason,
        }
        for entry in entries
    ]


def _erase_names_in_decisions(person: User, now: datetime) -> None:
    JudgeDecision.objects.filter(entry__user=person).update(participant_name=ERASED_NAME)


register(
    Section(
        key="contest_entries",
        title=_("Contest sign-ups"),
        columns=(
            ("contest", _("Contest")),
            ("signed_up_at", _("Signed up")),
            ("school", _("School")),
            ("ward", _("Ward or commune")),
            ("disqualified_at", _("Disqualified")),
            ("disqualified_reason", _("Reason")),
        ),
        rows=_entries,
        erase=_erase_names_in_decisions,
        order=40,
    )
)


def _live_games(person: User, now: datetime) -> list[dict]:
    players = LivePlayer.objects.filter(user=person).select_related("game").order_by("-joined_at")
    return [
        {
            "game": player.game.title,
            "joined_at": player.joined_at,
            "nickname": player.nickname,
            "score": player.score,
            "right_answers": player.right_answers,
        }
        for player in players
    ]


def _erase_nicknames(person: User, now: datetime) -> None:
    """A nickname is a given name: replaced, numbered by the row so that two erased players of
    one game stay apart (a nickname is unique in its game). Scores and answers stay."""
    numbered = Concat(Value(f"{ERASED_NAME} "), Cast("pk", CharField()))
    LivePlayer.objects.filter(user=person).update(nickname=numbered)


register(
    Section(
        key="live_games",
        title=_("Live games played"),
        columns=(
            ("game", _("Live game")),
            ("joined_at", _("Joined")),
            ("nickname", _("Name shown in the game")),
            ("score", _("Score")),
            ("right_answers", _("Right answers")),
        ),
        rows=_live_games,
        erase=_erase_nicknames,
        order=45,
    )
)
