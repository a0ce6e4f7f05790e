"""The contests' models, for Django to find: page models in `pages`, records in `records`,
live games in `game_records`."""

from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer
from quizzes.contests.pages import (
    ContestAudienceClass,
    ContestAudienceSchool,
    ContestPage,
    ContestRound,
    ContestTieBreak,
)
from quizzes.contests.records import (
    ContestEntry,
    JudgeDecision,
    RankingRow,
    RankingSnapshot,
    SnapshotPublication,
)

__all__ = [
    "ContestAudienceClass",
    "ContestAudienceSchool",
    "ContestEntry",
    "ContestPage",
    "ContestRound",
    "ContestTieBreak",
    "JudgeDecision",
    "LiveAnswer",
    "LiveGame",
    "LivePlayer",
    "RankingRow",
    "RankingSnapshot",
    "SnapshotPublication",
]
