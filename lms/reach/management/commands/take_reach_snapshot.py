from django.core.management.base import BaseCommand

from lms.reach.snapshots import take_snapshot


class Command(BaseCommand):
    help = "Record this week's reach figures for every area (run weekly from cron)."

    def handle(self, *args, **options):
        count = take_snapshot()
        self.stdout.write(f"{count} area figures recorded.")
