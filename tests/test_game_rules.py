"""The rules of a live game as a table: points by speed, elimination, rescue rounds, the
leaderboard's order and shared places, and the public nickname check. No database."""

import pytest
from django.utils import translation

from quizzes.contests.game_rules import (
    Rescue,
    Standing,
    clean_nickname,
    eliminates,
    fold,
    leaderboard,
    nickname_problem,
    points,
    rescued,
)

LIMIT = 20_000


@pytest.mark.parametrize(
    ("right", "late", "elapsed_ms", "expected"),
    [
        pytest.param(True, False, 0, 1000, id="instant-right-answer-earns-1000"),
        pytest.param(True, False, LIMIT, 500, id="right-at-the-limit-earns-500"),
        pytest.param(True, False, LIMIT // 2, 750, id="right-half-way-earns-750"),
        pytest.param(True, False, 1, 1000, id="one-ms-rounds-to-1000"),
        pytest.param(True, False, 30, 999, id="rounded-half-up-999.25"),
        pytest.param(True, False, 50, 999, id="half-up-998.75-is-999"),
        pytest.param(True, False, 40, 999, id="999.0-stays-999"),
        pytest.param(True, False, 20, 1000, id="999.5-rounds-up-to-1000"),
        pytest.param(False, False, 0, 0, id="wrong-earns-nothing-however-fast"),
        pytest.param(True, True, 3000, 0, id="late-earns-nothing"),
        pytest.param(True, False, LIMIT + 1, 0, id="over-the-limit-is-late"),
        pytest.param(True, False, -50, 1000, id="clock-before-open-counts-as-instant"),
    ],
)
def test_points_of_a_classic_answer(right, late, elapsed_ms, expected):
    assert points(right=right, late=late, elapsed_ms=elapsed_ms, limit_ms=LIMIT) == expected


@pytest.mark.parametrize(
    ("answered", "right", "late", "out"),
    [
        pytest.param(True, True, False, False, id="right-on-time-stays-in"),
        pytest.param(True, False, False, True, id="wrong-is-out"),
        pytest.param(True, True, True, True, id="right-but-late-is-out"),
        pytest.param(False, False, False, True, id="no-answer-is-out"),
    ],
)
def test_elimination(answered, right, late, out):
    assert eliminates(answered=answered, right=right, late=late) is out


# Players: 1 and 2 still in; 3 and 4 fell at question 4, 5 at 2, 6 at 4 too, 7 at 1.
FIELD = [
    Standing(1, right_answers=6, answer_time_ms=40_000),
    Standing(2, right_answers=6, answer_time_ms=30_000),
    Standing(3, right_answers=4, answer_time_ms=50_000, eliminated_at=4),
    Standing(4, right_answers=4, answer_time_ms=45_000, eliminated_at=4),
    Standing(5, right_answers=2, answer_time_ms=10_000, eliminated_at=2),
    Standing(6, right_answers=3, answer_time_ms=20_000, eliminated_at=4),
    Standing(7, right_answers=1, answer_time_ms=5_000, eliminated_at=1),
]


@pytest.mark.parametrize(
    ("rule", "n", "back"),
    [
        pytest.param(Rescue.ALL, 0, [3, 4, 5, 6, 7], id="all-brings-everyone-out-back"),
        pytest.param(Rescue.LAST, 0, [3, 4, 6], id="last-brings-back-the-latest-question-only"),
        pytest.param(Rescue.BEST, 1, [4], id="best-1-furthest-then-rights-then-less-time"),
        pytest.param(Rescue.BEST, 3, [4, 3, 6], id="best-3-right-answers-before-time"),
        pytest.param(Rescue.BEST, 4, [4, 3, 6, 5], id="best-4-reaches-an-earlier-question"),
        pytest.param(Rescue.BEST, 99, [4, 3, 6, 5, 7], id="best-more-than-are-out-brings-all"),
        pytest.param(Rescue.BEST, 0, [], id="best-0-brings-no-one"),
    ],
)
def test_rescue_rules(rule, n, back):
    assert rescued(FIELD, rule=rule, n=n) == back


@pytest.mark.parametrize("rule", list(Rescue))
def test_rescue_when_no_one_is_out_brings_no_one(rule):
    assert rescued([Standing(1), Standing(2)], rule=rule, n=2) == []


def _order(standings, *, elimination):
    return [
        (p.place, p.standing.player_id) for p in leaderboard(standings, elimination=elimination)
    ]


@pytest.mark.parametrize(
    ("standings", "expected"),
    [
        pytest.param(
            [Standing(1, score=900), Standing(2, score=1900), Standing(3, score=1500)],
            [(1, 2), (2, 3), (3, 1)],
            id="by-score",
        ),
        pytest.param(
            [Standing(1, 1000, 1, 100), Standing(2, 1000, 2, 900)],
            [(1, 2), (2, 1)],
            id="equal-score-more-right-answers-first",
        ),
        pytest.param(
            [Standing(1, 1000, 2, 900), Standing(2, 1000, 2, 100)],
            [(1, 2), (2, 1)],
            id="equal-score-and-rights-less-time-first",
        ),
        pytest.param(
            [
                Standing(1, 2000, 2, 100),
                Standing(2, 1000, 1, 500),
                Standing(3, 1000, 1, 500),
                Standing(4, 500, 1, 900),
            ],
            [(1, 1), (2, 2), (2, 3), (4, 4)],
            id="ties-share-a-place-and-skip-the-next-1-2-2-4",
        ),
        pytest.param([], [], id="no-players"),
    ],
)
def test_classic_leaderboard(standings, expected):
    assert _order(standings, elimination=False) == expected


@pytest.mark.parametrize(
    ("standings", "expected"),
    [
        pytest.param(FIELD, [(1, 2), (2, 1), (3, 4), (4, 3), (5, 6), (6, 5), (7, 7)], id="field"),
        pytest.param(
            [Standing(1, score=5000, eliminated_at=3), Standing(2, score=0)],
            [(1, 2), (2, 1)],
            id="still-in-beats-any-score",
        ),
        pytest.param(
            [Standing(1, 0, 5, 10, eliminated_at=2), Standing(2, 0, 1, 99, eliminated_at=3)],
            [(1, 2), (2, 1)],
            id="falling-later-beats-more-right-answers",
        ),
        pytest.param(
            [
                Standing(1, 0, 3, 100),
                Standing(2, 0, 3, 100),
                Standing(3, 0, 2, 100, eliminated_at=2),
            ],
            [(1, 1), (1, 2), (3, 3)],
            id="two-winners-tied-share-first-place",
        ),
    ],
)
def test_elimination_leaderboard(standings, expected):
    assert _order(standings, elimination=True) == expected


@pytest.mark.parametrize(
    ("nickname", "refused"),
    [
        pytest.param("Lan", False, id="a-name"),
        pytest.param("Nguyễn Thị Ánh Tuyết", False, id="vietnamese-letters-20-chars"),
        pytest.param("Bé_Na-2012", False, id="digits-dash-underscore"),
        pytest.param("Minh Lớn", False, id="everyday-word-that-folds-like-a-rude-one"),
        pytest.param("Ditto", False, id="short-listed-word-only-as-a-whole-word"),
        pytest.param("A", True, id="one-character-too-short"),
        pytest.param("Người chơi có tên dài quá", True, id="21-or-more-too-long"),
        pytest.param("Lan<script>", True, id="brackets-refused"),
        pytest.param("Lan 😀", True, id="emoji-refused"),
        pytest.param("Lan.Anh", True, id="dot-refused"),
        pytest.param("ĐỊT", True, id="rude-vietnamese-in-capitals"),
        pytest.param("dit me", True, id="rude-vietnamese-without-accents"),
        pytest.param("Đụ Má", True, id="rude-vietnamese-two-words"),
        pytest.param("vcl123", True, id="rude-abbreviation-with-digits"),
        pytest.param("FuckYou", True, id="rude-english-inside-a-word"),
        pytest.param("admin", True, id="admin"),
        pytest.param("Admin_2", True, id="admin-with-a-number"),
        pytest.param("Giáo viên Lan", True, id="a-teacher"),
        pytest.param("giaovien", True, id="a-teacher-written-together"),
        pytest.param("Ban Tổ Chức", True, id="the-organisers"),
        pytest.param("Giám khảo", True, id="a-judge"),
    ],
)
def test_public_nickname_check(nickname, refused):
    assert (nickname_problem(clean_nickname(nickname)) is not None) is refused


@pytest.mark.parametrize(
    ("nickname", "says"),
    [
        pytest.param("A", "2 đến 20 ký tự", id="length"),
        pytest.param("Lan!", "chỉ gồm chữ cái", id="characters"),
        pytest.param("vkl", "không được phép", id="rude"),
        pytest.param("Thầy giáo Nam", "giám khảo hay ban tổ chức", id="impersonation"),
    ],
)
def test_a_refused_nickname_says_why_in_vietnamese(nickname, says):
    with translation.override("vi"):
        assert says in nickname_problem(clean_nickname(nickname))


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        pytest.param("  Lan   Anh ", "Lan Anh", id="spaces-collapse"),
        pytest.param("A\u0301nh", "\u00c1nh", id="decomposed-accent-becomes-one-letter"),
    ],
)
def test_clean_nickname(raw, kept):
    assert clean_nickname(raw) == kept


def test_fold_drops_accents_and_case_and_d_stroke():
    assert fold("ĐỖ Thị Ánh") == "do thi anh"
