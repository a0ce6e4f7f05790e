"""Logging that stays readable when every request meets the same fault."""

import contextvars
import json
import logging
import time
from datetime import UTC, datetime

from lms.core.error_reports import redact


class OnceAMinute(logging.Filter):
    """Lets one record a minute through per message (and says how many it held back)."""

    def __init__(self, seconds: float = 60.0):
        super().__init__()
        self.seconds = seconds
        self._last: dict[str, tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key, now = str(record.msg), time.monotonic()
        last, held = self._last.get(key, (float("-inf"), 0))
        if now - last < self.seconds:
            self._last[key] = (last, held + 1)
            return False
        self._last[key] = (now, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like it in the last minute)"
        return True


# One line per record, as JSON in production (LOG_FORMAT=json) and readable on a developer's
# console (LOG_FORMAT=console). The request id travels in a context variable, so that every line
# a request causes, ours or a library's, carries it.

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# The attributes every LogRecord has; any other was passed in `extra` and belongs in the line.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "taskName",
    "request_id",
}
_make_record = logging.getLogRecordFactory()


def _record_with_request_id(*args, **kwargs) -> logging.LogRecord:
    """Each record takes the request id when it is made, whenever it is formatted."""
    record = _make_record(*args, **kwargs)
    record.request_id = request_id.get()
    return record


logging.setLogRecordFactory(_record_with_request_id)


def _extra(record: logging.LogRecord) -> dict:
    return {key: value for key, value in vars(record).items() if key not in _STANDARD}


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request id, then the record's own fields. Free text is
    redacted (addresses, e-mails, database DETAIL values, the signed-in user's names): an
    exception's message may quote what a pupil typed, a library's fields may hold a request.
    Our own request and audit lines hold ids and numbers only, and are many: left as they are."""

    OWN = frozenset({"lms.requests", "lms.audit"})

    def format(self, record: logging.LogRecord) -> str:
        clean = (lambda text: text) if record.name in self.OWN else redact
        when = datetime.fromtimestamp(record.created, tz=UTC)
        line = {
            "time": when.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": clean(record.getMessage()),
        }
        if rid := getattr(record, "request_id", ""):
            line["request_id"] = rid
        for key, value in _extra(record).items():
            plain = value is None or isinstance(value, bool | int | float)
            line[key] = value if plain else clean(str(value))
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


class ConsoleFormatter(logging.Formatter):
    """`12:04:05 INFO lms.requests [a1b2c3d4] GET /vi/ 200 in 12 ms`, fields after the message."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        rid = getattr(record, "request_id", "")
        text = f"{when} {record.levelname} {record.name}{f' [{rid[:8]}]' if rid else ''} "
        text += record.getMessage()
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def logging_config(*, format: str, level: str, request_level: str) -> dict:
    """settings.LOGGING: one console handler, in the chosen format."""
    formatters = {"json": "lms.core.log.JsonFormatter", "console": "lms.core.log.ConsoleFormatter"}
    if format not in formatters:
        raise ValueError(f"LOG_FORMAT must be json or console, not {format!r}")
    formatter = formatters[format]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"line": {"()": formatter}},
        "filters": {
            "once_a_minute": {"()": "lms.core.log.OnceAMinute"},
            "count_cache_errors": {"()": "lms.core.metrics.CountCacheErrors"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
        "loggers": {
            # Every request meets a cache that is down: one line a minute says so, not thousands
            # (each failure is still counted, for the metrics).
            "lms.core.cache": {
                "handlers": ["console"],
                "filters": ["count_cache_errors", "once_a_minute"],
                "propagate": False,
            },
            # One line per request; REQUEST_LOG_LEVEL=WARNING keeps only the slow ones.
            "lms.requests": {"level": request_level},
            # Domain events worth auditing (sign-ins, attempts started and submitted).
            "lms.audit": {"level": "INFO"},
            # Django's own "Not Found: /path" and 5xx lines repeat what the request line says.
            "django.request": {"level": "ERROR"},
        },
        "root": {"handlers": ["console"], "level": level},
    }
