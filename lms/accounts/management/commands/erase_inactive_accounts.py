from django.core.management.base import BaseCommand
from django.utils import timezone

from lms.accounts.personal_data import (
    INACTIVE_MONTHS,
    erase_inactive_accounts,
    inactive_public_accounts,
)


class Command(BaseCommand):
    help = (
        f"Erase light public accounts (public contest sign-ups) with no activity for "
        f"{INACTIVE_MONTHS} months: no sign-in, attempt or lesson read. Each erasure is audited. "
        "A daily timer runs it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be erased."
        )

    def handle(self, *args, **options):
        now = timezone.now()
        if options["dry_run"]:
            count = inactive_public_accounts(now=now).count()
            self.stdout.write(f"{count} inactive public accounts would be erased.")
            return
        self.stdout.write(f"{erase_inactive_accounts(now=now)} inactive public accounts erased.")
