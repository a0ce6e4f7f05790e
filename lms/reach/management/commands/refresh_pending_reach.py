from django.core.management.base import BaseCommand

from lms.reach.services import refresh_pending


class Command(BaseCommand):
    help = (
        "Recount everyone whose attempts were scored since the last batch (the task worker "
        "runs it every minute too, for a batch whose task was lost)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh_pending()} people recounted.")
