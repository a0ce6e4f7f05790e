from django.urls import path

from lms.reach import views

urlpatterns = [
    path("", views.dashboard, name="reach-dashboard"),
    path("enrolment/", views.enrolment_import, name="reach-enrolment"),
]
