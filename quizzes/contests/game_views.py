"""The live game's pages: the host's list of games and the form that opens one, the host's
screen for the projector, and the phone's page a pupil opens with the PIN (or the QR code).

The pages are light: what moves is sent over the game's WebSocket (`game_socket`) and drawn
by one small script (frontend/static/js/live-game.js)."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from lms.accounts.permissions import role_required
from lms.core.errors import DomainError
from lms.core.qr import qr_svg
from quizzes.contests import errors, games
from quizzes.contests.game_records import SECONDS_MAX, SECONDS_MIN, LiveGame
from quizzes.pages import QuizPage

HOST_ROLES = games.HOST_ROLES
RECENT_GAMES = 30


class OpenGameForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=_("Questions from the quiz"), queryset=QuizPage.objects.none(), empty_label=None
    )
    format = forms.ChoiceField(label=_("Format"), choices=LiveGame.Format.choices)
    seconds_per_question = forms.IntegerField(
        label=_("Seconds per question"), min_value=SECONDS_MIN, max_value=SECONDS_MAX, initial=20
    )
    public = forms.BooleanField(
        label=_("Public event: players join with a nickname, without an account"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = QuizPage.objects.live().order_by("title")


@role_required(*HOST_ROLES)
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """The host's games, newest first, and the form that opens a new one."""
    form = OpenGameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            game = games.open_game(
                host=request.user,
                quiz=form.cleaned_data["quiz"],
                format=form.cleaned_data["format"],
                seconds_per_question=form.cleaned_data["seconds_per_question"],
                public=form.cleaned_data["public"],
                now=timezone.now(),
            )
        except DomainError as error:
            error.add_to_form(form)
        else:
            return redirect("games:host", game_id=game.pk)
    hosted = LiveGame.objects.filter(host=request.user).defer("questions").order_by("-created_at")
    return render(
        request,
        "games/home.html",
        {"form": form, "games": hosted[:RECENT_GAMES]},
        status=400 if form.errors else 200,
    )


@role_required(*HOST_ROLES)
def host(request: HttpRequest, game_id: int) -> HttpResponse:
    """The projector's screen: the PIN and QR code, who joined, each question with its
    countdown, the right answer and the leaderboard, the podium."""
    try:
        game = games.hosted_game(game_id, request.user)
    except errors.NotHost:
        raise Http404 from None
    join_link = request.build_absolute_uri(reverse("games:play") + f"?pin={game.pin}")
    return render(
        request,
        "games/host.html",
        {
            "game": game,
            "join_link": join_link,
            "join_address": request.build_absolute_uri(reverse("games:play")),
            "qr_svg": qr_svg(join_link, title=_("QR code to join the game")),
        },
    )


def play(request: HttpRequest) -> HttpResponse:
    """The phone's page: the PIN (filled in from the QR code's link), a nickname when the game
    is a public event, then the choices of each question as big buttons."""
    pin = request.GET.get("pin", "")
    return render(
        request,
        "games/play.html",
        {"pin": pin if pin.isdigit() and len(pin) == 6 else ""},
    )
