from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from lms.reach.population_sample import SAMPLE_FILE, sample_xlsx


class Command(BaseCommand):
    help = (
        "Write the sample population file (the demo wards by sex and age band) that the figures "
        "import page offers. Run it after changing lms/accounts/content/demo/areas.yaml."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=SAMPLE_FILE, help="Default: %(default)s."
        )

    def handle(self, *args, output: Path, **options) -> None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(sample_xlsx())
        self.stdout.write(f"Wrote {output}")
