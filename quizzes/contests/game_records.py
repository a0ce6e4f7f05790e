"""What a live game keeps: the game with its frozen questions, its players and their answers.

A game is played from these rows (the state of a question, its server-side close, who is still
in), so a restarted server or a phone that reconnects finds the game where it was. The
questions are frozen once when the game opens, with their key, which never leaves the server
(`game_selectors.phone_question` is what a phone is shown).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SECONDS_MIN, SECONDS_MAX = 5, 120


def new_rejoin_token() -> str:
    """The secret a phone keeps to come back as the same player after losing its link."""
    return secrets.token_urlsafe(24)


class LiveGame(models.Model):
    class Format(models.TextChoices):
        CLASSIC = "classic", _("Classic: points for right and fast answers")
        ELIMINATION = "elimination", _("Elimination (Rung chuông vàng)")

    class State(models.TextChoices):
        LOBBY = "lobby", _("Waiting for players")
        QUESTION = "question", _("Question open")
        REVEAL = "reveal", _("Answer shown")
        FINISHED = "finished", _("Finished")

    # A game's results outlive its host's account and its quiz: its questions are frozen here.
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="hosted_games",
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    pin = models.CharField(
        _("game PIN"), max_length=6, validators=[RegexValidator(r"^\d{6}\Z")], db_index=True
    )
    format = models.CharField(_("format"), max_length=12, choices=Format, default=Format.CLASSIC)
    public = models.BooleanField(
        _("public event"),
        default=False,
        help_text=_("Players join with a nickname, without an account."),
    )
    seconds_per_question = models.PositiveSmallIntegerField(
        _("seconds per question"),
        default=20,
        validators=[MinValueValidator(SECONDS_MIN), MaxValueValidator(SECONDS_MAX)],
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.LOBBY)
    locked = models.BooleanField(_("locked"), default=False)
    questions = models.JSONField(default=list, editable=False)  # frozen paper entries, with keys
    question_index = models.PositiveSmallIntegerField(null=True, blank=True)  # None: in the lobby
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("live game")
        verbose_name_plural = _("live games")
        constraints = [
            # A PIN names one game being played; finished games give theirs back.
            models.UniqueConstraint(
                fields=["pin"], condition=~Q(state="finished"), name="live_game_pin_in_play"
            ),
            models.CheckConstraint(
                condition=Q(seconds_per_question__gte=SECONDS_MIN)
                & Q(seconds_per_question__lte=SECONDS_MAX),
                name="live_game_seconds_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.pin})"

    @property
    def is_elimination(self) -> bool:
        return self.format == self.Format.ELIMINATION

    @property
    def is_finished(self) -> bool:
        return self.state == self.State.FINISHED


class LivePlayer(models.Model):
    game = models.ForeignKey(LiveGame, on_delete=models.CASCADE, related_name="players")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )  # None: a nickname at a public event
    nickname = models.CharField(_("nickname"), max_length=60)
    rejoin_token = models.CharField(max_length=40, unique=True, default=new_rejoin_token)
    score = models.IntegerField(_("score"), default=0)
    right_answers = models.PositiveIntegerField(_("right answers"), default=0)
    answer_time_ms = models.PositiveBigIntegerField(default=0)
    eliminated_at = models.PositiveSmallIntegerField(null=True, blank=True)  # question index
    removed = models.BooleanField(_("removed"), default=False)
    joined_at = models.DateTimeField(_("joined"))

    class Meta:
        verbose_name = _("player")
        verbose_name_plural = _("players")
        constraints = [
            models.UniqueConstraint(fields=["game", "user"], name="live_player_once_per_game"),
            models.UniqueConstraint(
                fields=["game", "nickname"], name="live_player_nickname_once_per_game"
            ),
        ]

    def __str__(self) -> str:
        return self.nickname

    @property
    def is_in(self) -> bool:
        return self.eliminated_at is None and not self.removed


class LiveAnswer(models.Model):
    player = models.ForeignKey(LivePlayer, on_delete=models.CASCADE, related_name="answers")
    question_index = models.PositiveSmallIntegerField()
    value = models.JSONField(null=True)
    answered_at = models.DateTimeField()
    elapsed_ms = models.PositiveIntegerField()
    right = models.BooleanField(default=False)
    points = models.PositiveIntegerField(default=0)
    late = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("live game answer")
        verbose_name_plural = _("live game answers")
        constraints = [
            models.UniqueConstraint(
                fields=["player", "question_index"], name="live_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.player_id}: {self.question_index}"
