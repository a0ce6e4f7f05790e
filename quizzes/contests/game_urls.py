"""The live game's addresses: its pages (in the site's languages, named `games:`), and its
WebSockets under /ws/ (lms/asgi.py; nginx sends /ws/ to the ASGI server)."""

from django.urls import path

from quizzes.contests import game_exports, game_socket, game_views

page_patterns = [
    path("choi/", game_views.play, name="play"),  # "chơi", play: short, for pupils to type
    path("games/", game_views.home, name="home"),
    path("games/<int:game_id>/", game_views.host, name="host"),
    path("games/<int:game_id>/results.xlsx", game_exports.export, name="export"),
]

websocket_patterns = [
    path("ws/games/play/", game_socket.PhoneSocket.as_asgi()),
    path("ws/games/host/<int:game_id>/", game_socket.HostSocket.as_asgi()),
]
