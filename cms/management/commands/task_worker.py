"""The task worker: django-tasks-db's `db_worker`, counting its tasks for the metrics and
serving them to Prometheus on a loopback address; with `--every-minute`, it also runs the
scheduled every-minute commands (through `run_alone`) at second 0 of each minute.

Those commands used to be started by a systemd timer, a new Python process each minute: loading
Django and Wagtail took 3-4 CPU-seconds every time, in a burst of several seconds. In a round's
deadline minute that burst queued pupils' requests (the 2,000-pupil drill, 2026-12-07: 329
waiting, autosave p95 2.2 s, while the commands themselves had nothing to do). Here, in a process
that is already loaded, they cost only their own work."""

import logging
import threading
import time
from io import StringIO

from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connections
from django_tasks_db.compat import task_finished
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from lms.core import metrics

logger = logging.getLogger(__name__)


def seconds_to_next_minute(now: float) -> float:
    """From `now` (seconds since the epoch) to second 0 of the next minute, as systemd's
    `OnCalendar=*:*:00` fires; never 0, so a run that ends on the second does not repeat."""
    return 60.0 - now % 60.0


class EveryMinute(threading.Thread):
    """Runs `run_alone <commands>` at second 0 of every minute beside the worker's tasks. The
    shared lock of run_alone lets task workers on several machines carry the same list."""

    def __init__(self, commands: list[str]) -> None:
        super().__init__(name="every-minute", daemon=True)
        self.commands = commands
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(seconds_to_next_minute(time.time())):
            self.run_once()

    def run_once(self) -> None:
        out = StringIO()
        try:
            call_command("run_alone", *self.commands, stdout=out, stderr=out)
        except Exception:  # a database or cache outage: the next minute tries again
            logger.exception("every-minute commands failed: %s", " ".join(self.commands))
        else:
            logger.info("every-minute commands: %s", out.getvalue().strip().replace("\n", "; "))
        finally:
            # This thread's own connections: a database restarted in between is met afresh.
            connections.close_all()


class Command(DatabaseWorker):
    help = (
        "Run the task worker (db_worker) with a metrics page for Prometheus and, if asked, the "
        "every-minute commands."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--metrics-address",
            default="",
            help="host:port of the metrics page, e.g. 127.0.0.1:9101 (none when empty)",
        )
        parser.add_argument(
            "--every-minute",
            nargs="+",
            default=[],
            metavar="COMMAND",
            help="management commands to run at second 0 of every minute, each through "
            "run_alone (e.g. close_overdue_attempts publish_scheduled)",
        )

    def handle(
        self, *args, metrics_address: str = "", every_minute: list[str] | None = None, **options
    ) -> None:
        task_finished.connect(metrics.task_finished)
        if metrics_address:
            metrics.serve_in_background(metrics_address)
        if every_minute:
            known = get_commands()
            wrong = [name for name in every_minute if name not in known or name == "run_alone"]
            if wrong:
                raise CommandError(f"--every-minute: not a command to run: {', '.join(wrong)}")
            EveryMinute(list(every_minute)).start()
        super().handle(*args, **options)
