from django.urls import path

from quizzes import api, views

app_name = "quizzes"

urlpatterns = [
    path("quizzes/<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.player, name="player"),
    path("attempts/<int:attempt_id>/submit/", views.submit_form, name="submit"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
    path("certificates/", views.verify, name="verify-form"),
    path("certificates/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate-pdf"),
]

# Under /api/v1/ (lms/api_urls.py).
api_patterns = [
    path("quizzes/<int:quiz_id>/", api.QuizView.as_view(), name="quiz"),
    path(
        "quizzes/<int:quiz_id>/attempts/",
        api.StartAttemptView.as_view(),
        name="quiz-start",
    ),
    path(
        "quizzes/<int:quiz_id>/item-analysis/",
        api.ItemAnalysisView.as_view(),
        name="quiz-item-analysis",
    ),
    path("attempts/<int:attempt_id>/", api.AttemptView.as_view(), name="attempt"),
    path(
        "attempts/<int:attempt_id>/answers/<int:slot>/",
        api.AnswerView.as_view(),
        name="attempt-answer",
    ),
    path(
        "attempts/<int:attempt_id>/submit/",
        api.SubmitView.as_view(),
        name="attempt-submit",
    ),
    path(
        "attempts/<int:attempt_id>/review/",
        api.ReviewView.as_view(),
        name="attempt-review",
    ),
    path("me/attempts/", api.MyAttemptsView.as_view(), name="my-attempts"),
]
