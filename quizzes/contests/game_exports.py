"""A live game's results as a workbook, for its host (or an administrator): the final
leaderboard, a row per player. Nicknames only, for every game: a public event knows no one's
name, and a class's host has the pupils' names in the progress view."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lms.accounts.permissions import role_required
from lms.accounts.services import ascii_slug
from lms.core.spreadsheets import download, xlsx_bytes
from quizzes.contests import errors, games
from quizzes.contests.game_records import LiveGame
from quizzes.contests.game_selectors import leaderboard


def results_rows(game: LiveGame) -> list[list]:
    """A header row, then one row per player in leaderboard order (removed players are not on
    it). An elimination game adds where each player went out."""
    header = [
        _("Place"),
        _("Nickname"),
        _("Score"),
        _("Right answers"),
        _("Answer time (seconds)"),
    ]
    if game.is_elimination:
        header.append(_("Still in or out"))
    rows: list[list] = [header]
    still_in = _("Still in")
    for row in leaderboard(game):
        line = [
            row["place"],
            row["nickname"],
            row["score"],
            row["right_answers"],
            round(row["answer_time_ms"] / 1000, 1),
        ]
        if game.is_elimination:
            out_at = row["eliminated_at"]
            line.append(
                still_in
                if out_at is None
                else _("Out at question %(number)d") % {"number": out_at + 1}
            )
        rows.append(line)
    return rows


def export_filename(game: LiveGame) -> str:
    """ASCII only (a slug and the game's number): safe in a Content-Disposition header."""
    return f"ket-qua-tro-choi-{ascii_slug(game.title)[:40] or 'game'}-{game.pk}"


@role_required(*games.HOST_ROLES)
def export(request: HttpRequest, game_id: int) -> HttpResponse:
    """The workbook, for the game's host or an administrator; anyone else is answered 404, so
    game numbers reveal nothing (as on the host's screen)."""
    try:
        game = games.hosted_game(game_id, request.user)
    except errors.NotHost:
        raise Http404 from None
    content = xlsx_bytes(results_rows(game), title=_("Results"), freeze="A2")
    return download(content, filename=export_filename(game), kind="xlsx")
