"""Reads of a live game: its leaderboard, and the open question as a phone may see it (the
choices only: the key stays on the server)."""

from quizzes import papers
from quizzes.contests import game_rules
from quizzes.contests.game_records import LiveGame, LivePlayer


def standing_of(player: LivePlayer) -> game_rules.Standing:
    return game_rules.Standing(
        player_id=player.pk,
        score=player.score,
        right_answers=player.right_answers,
        answer_time_ms=player.answer_time_ms,
        eliminated_at=player.eliminated_at,
    )


def leaderboard(game: LiveGame) -> list[dict]:
    """Every player still in the game (removed ones are not shown), in order with their place.
    Nicknames only: this is what the projector shows."""
    players = {
        p.pk: p
        for p in game.players.filter(removed=False).only(
            "pk", "nickname", "score", "right_answers", "answer_time_ms", "eliminated_at"
        )
    }
    placed = game_rules.leaderboard(
        [standing_of(p) for p in players.values()], elimination=game.is_elimination
    )
    return [
        {
            "place": row.place,
            "player_id": row.standing.player_id,
            "nickname": players[row.standing.player_id].nickname,
            "score": row.standing.score,
            "right_answers": row.standing.right_answers,
            "answer_time_ms": row.standing.answer_time_ms,
            "still_in": row.standing.is_in,
            "eliminated_at": row.standing.eliminated_at,
        }
        for row in placed
    ]


def phone_question(game: LiveGame) -> dict | None:
    """The open question as a phone shows it: its number, stem and choices, and when it closes
    (the server's time); no key, feedback or explanation. None when no question is open."""
    if game.state != LiveGame.State.QUESTION:
        return None
    entry = game.questions[game.question_index]
    return {
        "index": game.question_index,
        "number": game.question_index + 1,
        "count": len(game.questions),
        "closes_at": game.closes_at.isoformat(),
        "seconds": game.seconds_per_question,
        **{k: v for k, v in papers.student_view(entry).items() if k != "slot"},
    }
