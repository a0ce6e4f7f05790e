"""Django's PostgreSQL backend, with a cheaper check of the connection each worker keeps.

With `CONN_HEALTH_CHECKS`, Django sends `SELECT 1` before the first query of every request: one
more round trip to the database for each autosave, the platform's most frequent request. Here a
connection that answered a statement less than `TRUSTED_SECONDS` ago is used without that check.
A PostgreSQL restart takes longer than that, so the first request after one still checks and
reconnects; a connection cut within that second (an operator ending it) fails its next request,
which answers 503 with Retry-After, as during any outage, and is then replaced (Django closes a
connection that raised a database error).
"""

import time

from django.db.backends.postgresql import base

TRUSTED_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answered_at = float("-inf")
        self.execute_wrappers.append(self._note_answer)

    def _note_answer(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.answered_at = time.monotonic()
        return result

    def connect(self) -> None:
        self.answered_at = float("-inf")  # a new connection is checked by connecting
        super().connect()

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self.answered_at < TRUSTED_SECONDS
        ):
            self.health_check_done = True
        super().close_if_health_check_failed()
