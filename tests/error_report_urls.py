"""The site's addresses plus /boom/, a page that fails with the signed-in user's name in the error
(tests/test_error_reports.py checks that the report does not carry it)."""

import logging

from django.http import HttpRequest, HttpResponse
from django.urls import path

from lms import urls as site_urls

logger = logging.getLogger("tests.boom")


def boom(request: HttpRequest) -> HttpResponse:
    # A breadcrumb (a warning: the site logs nothing below that); a User's str is their name.
    logger.warning("Opening the page for %s", request.user)
    raise RuntimeError(f"boom for {request.user.username}")


urlpatterns = [path("boom/", boom), *site_urls.urlpatterns]
handler400 = site_urls.handler400
handler500 = site_urls.handler500
