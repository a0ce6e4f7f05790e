"""Everything under /api/v1/. Each app adds its endpoints here as it grows."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from courses import api as courses_api
from lms.accounts import api as accounts_api
from lms.core.api import api_not_found
from lms.reach import api as reach_api
from lms.teaching import api as teacher_api
from quizzes import api as quizzes_api
from quizzes.contests import api as contest_api
from quizzes.contests import judge_api

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("auth/token/", accounts_api.TokenView.as_view(), name="auth-token"),
    path("classrooms/join/", accounts_api.JoinClassView.as_view(), name="classroom-join"),
    path("me/progress/", courses_api.MyProgressView.as_view(), name="my-progress"),
    path(
        "lessons/<int:lesson_id>/progress/",
        courses_api.LessonProgressView.as_view(),
        name="lesson-progress",
    ),
    path("quizzes/<int:quiz_id>/", quizzes_api.QuizView.as_view(), name="quiz"),
    path(
        "quizzes/<int:quiz_id>/attempts/",
        quizzes_api.StartAttemptView.as_view(),
        name="quiz-start",
    ),
    path(
        "quizzes/<int:quiz_id>/item-analysis/",
        quizzes_api.ItemAnalysisView.as_view(),
        name="quiz-item-analysis",
    ),
    path("attempts/<int:attempt_id>/", quizzes_api.AttemptView.as_view(), name="attempt"),
    path(
        "attempts/<int:attempt_id>/answers/<int:slot>/",
        quizzes_api.AnswerView.as_view(),
        name="attempt-answer",
    ),
    path(
        "attempts/<int:attempt_id>/submit/",
        quizzes_api.SubmitView.as_view(),
        name="attempt-submit",
    ),
    path(
        "attempts/<int:attempt_id>/review/",
        quizzes_api.ReviewView.as_view(),
        name="attempt-review",
    ),
    path("me/attempts/", quizzes_api.MyAttemptsView.as_view(), name="my-attempts"),
    path("reach/", reach_api.ReachView.as_view(), name="reach"),
    path("classes/", teacher_api.ClassesView.as_view(), name="classes"),
    path("classes/<int:classroom_id>/", teacher_api.ClassView.as_view(), name="class"),
    path(
        "classes/<int:classroom_id>/assignments/",
        teacher_api.AssignmentsView.as_view(),
        name="class-assignments",
    ),
    path(
        "classes/<int:classroom_id>/assignments/<int:assignment_id>/extensions/",
        teacher_api.ExtensionsView.as_view(),
        name="class-extensions",
    ),
    path(
        "classes/<int:classroom_id>/progress/",
        teacher_api.ProgressView.as_view(),
        name="class-progress",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("contests/", contest_api.ContestsView.as_view(), name="contests"),
    path("contests/<int:contest_id>/", contest_api.ContestView.as_view(), name="contest"),
    path(
        "contests/<int:contest_id>/entries/",
        contest_api.EntriesView.as_view(),
        name="contest-entries",
    ),
    path(
        "contests/<int:contest_id>/rankings/",
        contest_api.RankingsView.as_view(),
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
    re_path(r"^.*$", api_not_found),
]
