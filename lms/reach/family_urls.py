"""The family path's addresses, under /gia-dinh/: the pupil's pages, and the family's quiz at its
invitation's unguessable token (43 characters of `secrets.token_urlsafe(32)`)."""

from django.urls import path, re_path

from lms.reach import family_views

urlpatterns = [
    path("", family_views.family_home, name="family-home"),
    path("chu-de/<uuid:module_key>/", family_views.family_invite, name="family-invite"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{43})/$", family_views.family_quiz, name="family-quiz"),
]
