"""The rules of a live game ("Rung chuông vàng", or a classic quiz game) as pure functions: no
database, table-tested. The services in `games` read the rows, ask these, and write what they say.

Question indexes count from 0, as in `LiveGame.questions`; times are in milliseconds on the
server's clock (a phone's clock decides nothing).
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

FASTEST_POINTS = 1000  # an instant right answer
SLOWEST_POINTS = 500  # a right answer at the last moment: speed counts, being right counts more

NICKNAME_MIN = 2
NICKNAME_MAX = 20
NICKNAME_PUNCTUATION = frozenset(" -_")

# Words a public nickname may not contain, folded (no accents, lower case; see `fold`). Short on
# purpose: the host can still remove a player. Vietnamese words whose folded form is an everyday
# word ("các", "lớn", "đeo") are left out, or a child called "Minh Lớn" could not play.
RUDE_WORDS = frozenset(
    {
        # Vietnamese, and the abbreviations pupils type for them
        "dit",
        "du ma",
        "dit me",
        "dm",
        "dmm",
        "dcm",
        "cmm",
        "vcl",
        "vkl",
        "vl",
        "clgt",
        "thang ngu",
        "con ngu",
        # English
        "fuck",
        "shit",
        "bitch",
        "cunt",
        "dick",
        "asshole",
        "pussy",
        "whore",
        "slut",
    }
)
# Names that would pass for the people running the game, or for the site.
OFFICIAL_WORDS = frozenset(
    {
        "admin",
        "administrator",
        "moderator",
        "quan tri",
        "he thong",
        "giao vien",
        "thay giao",
        "co giao",
        "giam khao",
        "ban to chuc",
        "hieu truong",
        "teacher",
        "organiser",
        "organizer",
    }
)
# A word of this many letters or more is also found inside a longer one ("admin123",
# "giaovienLan"); a shorter one only as a word of its own ("dit" is not refused in "Ditto").
INSIDE_FROM = 4


class Rescue(StrEnum):
    """Who a rescue round brings back into an elimination game."""

    ALL = "all"  # everyone eliminated
    LAST = "last"  # those eliminated on the latest question that eliminated anyone
    BEST = "best"  # the n eliminated players who went furthest


@dataclass(frozen=True)
class Standing:
    """What the leaderboard and a rescue read of a player."""

    player_id: int
    score: int = 0
    right_answers: int = 0
    answer_time_ms: int = 0
    eliminated_at: int | None = None  # the question index they fell at; None while still in

    @property
    def is_in(self) -> bool:
        return self.eliminated_at is None


@dataclass(frozen=True)
class Placed:
    place: int
    standing: Standing


def points(*, right: bool, late: bool, elapsed_ms: int, limit_ms: int) -> int:
    """A classic answer's points: nothing when wrong or late, else from 1000 (at once) down to
    500 (at the time limit), so a right answer always beats speed."""
    if not right or late or elapsed_ms > limit_ms:
        return 0
    elapsed = max(elapsed_ms, 0)
    exact = FASTEST_POINTS - (FASTEST_POINTS - SLOWEST_POINTS) * elapsed / limit_ms
    return int(exact + 0.5)  # half up: the same on every server, unlike round()'s half-even


def eliminates(*, answered: bool, right: bool, late: bool) -> bool:
    """In the elimination format a missing, wrong or late answer puts the player out."""
    return not answered or not right or late


def rescued(standings: Iterable[Standing], *, rule: Rescue, n: int = 0) -> list[int]:
    """The players a rescue round brings back (ids, in the order they are brought back)."""
    out = [s for s in standings if not s.is_in]
    if rule == Rescue.ALL:
        chosen = out
    elif rule == Rescue.LAST:
        latest = max((s.eliminated_at for s in out), default=None)
        chosen = [s for s in out if s.eliminated_at == latest]
    else:
        best = sorted(
            out, key=lambda s: (-s.eliminated_at, -s.right_answers, s.answer_time_ms, s.player_id)
        )
        chosen = best[: max(n, 0)]
    return [s.player_id for s in chosen]


def _classic_key(s: Standing) -> tuple:
    return (-s.score, -s.right_answers, s.answer_time_ms)


def _elimination_key(s: Standing) -> tuple:
    fell_at = -1 if s.is_in else s.eliminated_at
    return (not s.is_in, -fell_at, -s.right_answers, s.answer_time_ms)


def leaderboard(standings: Iterable[Standing], *, elimination: bool) -> list[Placed]:
    """Players in order with their places; players the rules cannot tell apart share a place
    and the next place is skipped (1, 2, 2, 4). Classic: score, right answers, least time.
    Elimination: still in first, then the later a player fell the better, then right answers,
    then least time."""
    key = _elimination_key if elimination else _classic_key
    ordered = sorted(standings, key=lambda s: (key(s), s.player_id))
    placed: list[Placed] = []
    for number, standing in enumerate(ordered, start=1):
        if placed and key(placed[-1].standing) == key(standing):
            placed.append(Placed(placed[-1].place, standing))
        else:
            placed.append(Placed(number, standing))
    return placed


def clean_nickname(raw: str) -> str:
    """A nickname as it is kept and shown: one code point per letter (NFC), single spaces."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def fold(text: str) -> str:
    """Lower case, accents dropped (đ becomes d): how the word lists are compared, so "ĐỊT" and
    "dit" are the same word."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _allowed(character: str) -> bool:
    category = unicodedata.category(character)
    return category[0] in "LM" or category == "Nd" or character in NICKNAME_PUNCTUATION


def _contains(words: Sequence[str], compact: str, listed: Iterable[str]) -> bool:
    phrase = f" {' '.join(words)} "
    for entry in listed:
        if f" {entry} " in phrase:
            return True
        joined = entry.replace(" ", "")
        if len(joined) >= INSIDE_FROM and joined in compact:
            return True
    return False


def nickname_problem(nickname: str) -> str | None:
    """Why a public nickname is refused, in words the player can act on; None when it is fine.
    `nickname` is cleaned first (`clean_nickname`)."""
    if not NICKNAME_MIN <= len(nickname) <= NICKNAME_MAX:
        return _("A nickname has 2 to 20 characters.")
    if not all(_allowed(c) for c in nickname):
        return _("A nickname may have letters, digits, spaces, - and _ only.")
    folded = fold(nickname)
    words = [w for w in re.split(r"[\s_\-\d]+", folded) if w]
    compact = re.sub(r"[\s_\-]+", "", folded)
    if _contains(words, compact, RUDE_WORDS):
        return _("This nickname has a word that is not allowed here. Choose another one.")
    if _contains(words, compact, OFFICIAL_WORDS):
        return _(
            "A nickname must not look like a teacher's, a judge's or the organisers'. "
            "Choose another one."
        )
    return None
