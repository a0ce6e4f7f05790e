import time

from django.core.management.base import BaseCommand

from lms.reach.services import recompute


class Command(BaseCommand):
    help = "Count everyone again under the current reach policy (after a policy change)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        reached = recompute()
        self.stdout.write(f"{reached} pupils reached ({time.perf_counter() - started:.1f} s).")
