"""The task worker: django-tasks-db's `db_worker`, counting its tasks for the metrics and
serving them (and the every-minute commands' counts) to Prometheus on a loopback address."""

from django_tasks_db.compat import task_finished
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from lms.core import metrics


class Command(DatabaseWorker):
    help = "Run the task worker (db_worker) with a metrics page for Prometheus."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--metrics-address",
            default="",
            help="host:port of the metrics page, e.g. 127.0.0.1:9101 (none when empty)",
        )

    def handle(self, *args, metrics_address: str = "", **options) -> None:
        task_finished.connect(metrics.task_finished)
        if metrics_address:
            metrics.serve_in_background(metrics_address)
        super().handle(*args, **options)
