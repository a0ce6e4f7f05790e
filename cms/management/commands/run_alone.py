"""Run management commands, each unless the same one is already running on any server.

The scheduled commands (closing overdue attempts, publishing scheduled pages, reach snapshots)
are started by systemd timers on every app server (deploy/systemd/); a lock per command in the
shared cache lets one server run it at a time. Several commands in one call share one process
start (a second of CPU each minute saved). The commands are safe to overlap anyway (each locks
the rows it changes), so when the cache does not answer a command runs rather than being skipped.
"""

import logging
import time

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.utils import get_random_secret_key

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run management commands, each unless another server is running it (a shared lock)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="+", help="the commands, e.g. close_overdue_attempts")
        parser.add_argument(
            "--hold",
            type=int,
            default=600,
            help="seconds after which a lock left by a stopped server lapses (default 600)",
        )

    def handle(self, *args, names: list[str], hold: int, **options) -> None:
        if "run_alone" in names:
            raise CommandError("run_alone runs other commands.")
        for name in names:
            self.run_alone(name, hold=hold)

    def run_alone(self, name: str, *, hold: int) -> None:
        key, token = f"run-alone:{name}", get_random_secret_key()
        try:
            taken = cache.add(key, token, hold)
        except Exception:
            logger.warning("run_alone: the cache did not answer; running %s anyway", name)
            taken = None
        if taken is False:
            self.stdout.write(f"{name} is running elsewhere: skipped.")
            return
        started = time.monotonic()
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        finally:
            if taken:
                try:
                    if cache.get(key) == token:  # not a lock that lapsed and was taken again
                        cache.delete(key)
                except Exception:
                    logger.warning("run_alone: lock on %s left to lapse", name)
        logger.info("run_alone: %s took %.1f s", name, time.monotonic() - started)
