"""The contests' pages that are not Wagtail pages: sign-up and published results for everyone,
and the judge space under /judge/ (in the site's languages, like the teacher space).

Sign-up and results keep the names they were given in the `quizzes` namespace
(`quizzes:contest-results`); lms/urls.py includes them there, and the judge space as `judge`."""

from django.urls import path

from quizzes.contests import api, judge, judge_api, views

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
    path("rounds/<int:round_id>/flags/decide/", judge.decide_flag, name="flag-decide"),
    path("attempts/<int:attempt_id>/", judge.attempt_audit, name="attempt"),
    path("entries/<int:entry_id>/decide/", judge.decide, name="decide"),
    path("snapshots/<int:snapshot_id>/", judge.snapshot_detail, name="snapshot"),
    path("snapshots/<int:snapshot_id>/publish/", judge.publish, name="publish"),
    path("snapshots/<int:snapshot_id>/awards/", judge.award, name="awards"),
    path("snapshots/<int:snapshot_id>/export/", judge.export, name="export"),
]

# Under /api/v1/ (lms/api_urls.py): the public contests, then the judges' space.
api_patterns = [
    path("contests/", api.ContestsView.as_view(), name="contests"),
    path("contests/<int:contest_id>/", api.ContestView.as_view(), name="contest"),
    path(
        "contests/<int:contest_id>/entries/",
        api.EntriesView.as_view(),
        name="contest-entries",
    ),
    path(
        "contests/<int:contest_id>/rankings/",
        api.RankingsView.as_view(),
        name="contest-rankings",
    ),
    path(
        "judge/rounds/<int:round_id>/dashboard/",
        judge_api.DashboardView.as_view(),
        name="judge-round-dashboard",
    ),
    path(
        "judge/rounds/<int:round_id>/flags/",
        judge_api.FlagsView.as_view(),
        name="judge-round-flags",
    ),
    path(
        "judge/rounds/<int:round_id>/finalise/",
        judge_api.FinaliseRoundView.as_view(),
        name="judge-round-finalise",
    ),
    path(
        "judge/contests/<int:contest_id>/finalise-overall/",
        judge_api.FinaliseOverallView.as_view(),
        name="judge-contest-finalise-overall",
    ),
    path(
        "judge/attempts/<int:attempt_id>/",
        judge_api.AttemptAuditView.as_view(),
        name="judge-attempt",
    ),
    path(
        "judge/entries/<int:entry_id>/decisions/",
        judge_api.DecisionsView.as_view(),
        name="judge-entry-decisions",
    ),
    path(
        "judge/snapshots/<int:snapshot_id>/",
        judge_api.SnapshotView.as_view(),
        name="judge-snapshot",
    ),
    path(
        "judge/snapshots/<int:snapshot_id>/publish/",
        judge_api.PublishView.as_view(),
        name="judge-snapshot-publish",
    ),
]
