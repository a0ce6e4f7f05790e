from django.core.management.base import BaseCommand
from django.utils import timezone

from quizzes.services import close_overdue_attempts


class Command(BaseCommand):
    help = (
        "Score every attempt whose deadline and grace period have passed, from the answers saved. "
        "The task worker runs it every minute (task_worker --every-minute); reading an attempt "
        "closes it too."
    )

    def handle(self, *args, **options) -> None:
        closed = close_overdue_attempts(now=timezone.now())
        self.stdout.write(f"closed {closed} overdue attempt(s)")
