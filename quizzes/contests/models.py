"""The contests' models, for Django to find: page models in `pages`, records in `records`."""

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
    "RankingRow",
    "RankingSnapshot",
    "SnapshotPublication",
]
