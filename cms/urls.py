"""The installable app's files, served from the site's root (included by lms/urls.py)."""

from django.urls import path

from cms import views

urlpatterns = [
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.web_manifest, name="web-manifest"),
]
