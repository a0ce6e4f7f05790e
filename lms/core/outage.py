"""When a service the site stands on fails: answers a person or a client can act on."""

import logging
import sys

from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from lms.core.api import API_PREFIX, error_body
from lms.core.log import OnceAMinute

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)
# A value the database refuses to hold (a number out of range, a NUL character) came from the
# request that carried it: that request was bad, and saying so helps more than "server error".
UNSTORABLE = DataError

# A database that does not answer fails every request the same way: one line a minute says so,
# not a traceback per request (the fault drill, tests/bench/bench_faults.py, saw 226,000 lines
# from two app servers in 20 s), as for the cache (lms.core.cache in settings.LOGGING).
logger = logging.getLogger(__name__)
logger.addFilter(OnceAMinute())


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: 503 with Retry-After when the database does not answer (it is
    restarting; saved work is kept), 400 for a value the database cannot store, 500 otherwise;
    JSON in the API's error shape under /api/, a page elsewhere."""
    error = sys.exc_info()[1]
    database_down = isinstance(error, DATABASE_DOWN)
    if database_down:
        status, code, template = 503, "unavailable", "503.html"
        message = _("The service is restarting. What you saved is kept: try again in a minute.")
        logger.error("The database does not answer: %s", error)
    elif isinstance(error, UNSTORABLE):
        status, code, template = 400, "malformed_request", "400.html"
        message = _("A value in the request is too large or holds a character that is not allowed.")
    else:
        status, code, template = 500, "server_error", "500.html"
        message = _("Something went wrong on our side. Try again.")
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(error_body(code, message), status=status)
    else:
        response = HttpResponse(loader.render_to_string(template), status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if database_down:
        # Logged above, once a minute: Django's request logger skips a response marked so.
        response._has_been_logged = True
    return response
