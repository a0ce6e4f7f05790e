"""Reads of a live game: its leaderboard, and the open question as a phone may see it (the
choices only: the key stays on the server)."""

from django.utils import timezone

from quizzes import papers
from quizzes.contests import game_rules
from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer


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
    # With `game_id`: the related manager reads it on every row, one query each if deferred.
    fields = ["pk", "game_id", "nickname", "score", "right_answers", "answer_time_ms"]
    players = {p.pk: p for p in game.players.filter(removed=False).only(*fields, "eliminated_at")}
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
        # What is left on the server's clock now: a phone counts down from this, not its clock.
        "seconds_left": round(max((game.closes_at - timezone.now()).total_seconds(), 0), 1),
        **{k: v for k, v in papers.student_view(entry).items() if k != "slot"},
    }


def you(player: LivePlayer) -> dict:
    """What a phone shows its player of themselves."""
    return {
        "id": player.pk,
        "nickname": player.nickname,
        "score": player.score,
        "right_answers": player.right_answers,
        "still_in": player.is_in,
    }


def game_summary(game: LiveGame) -> dict:
    return {
        "id": game.pk,
        "title": game.title,
        "pin": game.pin,
        "format": game.format,
        "public": game.public,
        "state": game.state,
        "locked": game.locked,
        "question_count": len(game.questions),
        "question_index": game.question_index,
    }


def phone_state(player: LivePlayer) -> dict:
    """Everything a phone needs when it joins or comes back: the player, the token to come back
    with, and where the game is (the open question, and whether this player has answered it)."""
    game = player.game
    question = phone_question(game)
    answered = (
        question is not None and player.answers.filter(question_index=game.question_index).exists()
    )
    return {
        "you": you(player),
        "token": player.rejoin_token,
        "game": {k: v for k, v in game_summary(game).items() if k != "pin"},
        "question": question,
        "answered": answered,
    }


def answer_count(game: LiveGame) -> int:
    if game.question_index is None:
        return 0
    return LiveAnswer.objects.filter(
        player__game=game, question_index=game.question_index, player__removed=False
    ).count()


def reveal(game: LiveGame) -> dict:
    """The question just closed, with its right answer (shown now that no one can answer it)
    and how many picked each choice."""
    index = game.question_index
    entry = game.questions[index]
    counts = dict.fromkeys((choice["id"] for choice in entry["choices"]), 0)
    values = LiveAnswer.objects.filter(
        player__game=game, question_index=index, player__removed=False
    ).values_list("value", flat=True)
    for value in values:
        for choice_id in value if isinstance(value, list) else [value]:
            if choice_id in counts:
                counts[choice_id] += 1
    return {
        "index": index,
        "right_choice_ids": list(entry["key"]["correct_choice_ids"]),
        "accepted_answers": list(entry["key"]["accepted_answers"])[:1],
        "choice_counts": [{"id": choice_id, "count": n} for choice_id, n in counts.items()],
        "answered": sum(counts.values()) if entry["choices"] else len(values),
    }


def standings_map(board: list[dict]) -> dict[str, list]:
    """Each player's [place, score, still in] by id (as text: the channel layer's maps take
    text keys), so each phone can show its own line of the leaderboard the host's screen shows."""
    return {str(row["player_id"]): [row["place"], row["score"], row["still_in"]] for row in board}


def host_state(game: LiveGame) -> dict:
    """What the host's screen needs when it opens or reconnects."""
    players = game.players.filter(removed=False).order_by("joined_at", "pk")
    state = {
        "game": game_summary(game),
        "players": [
            {"id": p.pk, "nickname": p.nickname, "still_in": p.is_in}
            for p in players.only("pk", "nickname", "eliminated_at", "removed")
        ],
        "question": phone_question(game),
        "answered": answer_count(game),
        "leaderboard": None,
        "reveal": None,
    }
    if game.state in (LiveGame.State.REVEAL, LiveGame.State.FINISHED):
        state["leaderboard"] = leaderboard(game)[:10]
        if game.question_index is not None:
            state["reveal"] = reveal(game)
    return state
