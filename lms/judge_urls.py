"""The judge space: /judge/... (in the site's languages, like the teacher space)."""

from django.urls import path

from quizzes import judge

app_name = "judge"

urlpatterns = [
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
