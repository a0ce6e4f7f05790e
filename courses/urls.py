"""The curriculum's own addresses beside its Wagtail pages (included by lms/urls.py)."""

from django.urls import path

from courses import views

urlpatterns = [
    path(
        "offline/modules/<int:module_id>.json",
        views.module_offline_list,
        name="module-offline-files",
    ),
]
