from django.urls import path

from quizzes import views

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
