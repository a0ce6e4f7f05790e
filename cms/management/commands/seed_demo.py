from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.demo import seed_home_pages, seed_site_content
from lms.accounts import demo
from lms.core import metrics
from lms.reach.demo import seed_reach
from quizzes.contests.demo import seed_contest


class Command(BaseCommand):
    help = (
        "Fill the database with demo data for Cần Thơ: wards, schools, classes, one login per "
        "role, students, and the curriculum, campaign and help pages in Vietnamese and English. "
        "Safe to run again; a larger --students only adds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--students",
            type=int,
            default=demo.DEFAULT_STUDENTS,
            help="How many demo students (hs000001…) there should be. Default: %(default)s.",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even though DJANGO_DEBUG is off, e.g. on a public demo server.",
        )

    def handle(self, *args, students: int, allow_without_debug: bool, **options) -> None:
        # Every demo login, a superuser among them, has a password printed in the README.
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Demo logins share a published password. Run with DJANGO_DEBUG=1, or add "
                "--allow-without-debug if this really is a demo server."
            )
        if students < 0:
            raise CommandError("--students cannot be negative.")
        # Demo attempts never happened: no audit line each, which would bury this summary.
        with metrics.audit_paused():
            summary = demo.seed_demo(students=students, stdout=self.stdout)
            home_pages = demo.summary_line("home pages updated", seed_home_pages())
            self.stdout.write("\n".join([*summary.lines(), home_pages]))
            content = seed_site_content(stdout=self.stdout)
            self.stdout.write(
                "site content: " + ", ".join(f"{name} {count}" for name, count in content.items())
            )
            self.stdout.write(f"reach: {seed_reach()} pupils reached, weekly figures for the trend")
            self.stdout.write(f"contest: {seed_contest()} participants, round 1 published")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins:"))
        rows = [("username", "password", "role"), *demo.demo_logins(students=students)]
        width = max(len(row[0]) for row in rows)
        for username, password, role in rows:
            self.stdout.write(
                f"  {username:<{width}}  {password:<{len(demo.DEMO_PASSWORD)}}  {role}"
            )
