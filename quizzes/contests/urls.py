"""The contests' pages that are not Wagtail pages: sign-up and published results for everyone,
and the judge space under /judge/ (in the site's languages, like the teacher space).

Sign-up and results keep the names they were given in the `quizzes` namespace
(`quizzes:contest-results`); lms/urls.py includes them there, and the judge space as `judge`."""

from django.urls import path

from quizzes.contests import judge, views

public_patterns = [
    path("contests/<int:contest_id>/sign-up/", views.sign_up, name="contest-sign-up"),
    path("contests/<int:contest_id>/results/", views.results, name="contest-results"),
]

judge_patterns = [
    path("", judge.home, name="home"),
    path("contests/<int:contest_id>/", judge.contest_detail, name="contest"),
    path(
        "contests/<int:contest_id>/finalise-overall/",
        judge.finalise_overall,
        name="finalise-overall",
    ),
    path("rounds/<int:round_id>/", judge.round_dashboard, name="round"),
    path("rounds/<int:round_id>/finalise/", judge.finalise_round, name="finalise-round"),
    path("attempts/<int:attempt_id>/", judge.attempt_audit, name="attempt"),
    path("entries/<int:entry_id>/decide/", judge.decide, name="decide"),
    path("snapshots/<int:snapshot_id>/", judge.snapshot_detail, name="snapshot"),
    path("snapshots/<int:snapshot_id>/publish/", judge.publish, name="publish"),
    path("snapshots/<int:snapshot_id>/awards/", judge.award, name="awards"),
    path("snapshots/<int:snapshot_id>/export/", judge.export, name="export"),
]
