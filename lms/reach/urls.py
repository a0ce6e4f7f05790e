from django.urls import path

from lms.reach import api, views

urlpatterns = [
    path("", views.dashboard, name="reach-dashboard"),
    path("enrolment/", views.enrolment_import, name="reach-enrolment"),
]

# Under /api/v1/ (lms/api_urls.py).
api_patterns = [
    path("reach/", api.ReachView.as_view(), name="reach"),
]
