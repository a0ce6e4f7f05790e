"""Time the large demo seed, then the repeat that should find nothing to do.

    DJANGO_SETTINGS_MODULE=lms.settings DJANGO_DEBUG=1 [DATABASE_URL=...] \\
        .venv/bin/python tests/bench/bench_seed_demo.py --students 300000
    .venv/bin/python tests/bench/bench_seed_demo.py --smoke   # CI's size: 300, a fresh SQLite file

Use a throwaway, migrated database: the seed adds hundreds of schools and their people to it.
Not collected by pytest (the file name does not start with test_).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")


def tables() -> dict:
    from lms.accounts.models import (
        Area,
        AreaPopulation,
        Classroom,
        ClassroomMembership,
        School,
        SchoolEnrolment,
        User,
    )

    return {
        "areas": Area.objects,
        "population figures": AreaPopulation.objects,
        "schools": School.objects,
        "enrolment figures": SchoolEnrolment.objects,
        "classrooms": Classroom.objects,
        "class-teacher links": Classroom.teachers.through.objects,
        "users": User.objects,
        "user-group links": User.groups.through.objects,
        "class memberships": ClassroomMembership.objects,
    }


def row_counts() -> dict[str, int]:
    return {name: manager.count() for name, manager in tables().items()}


def timed_seed(students: int):
    from django.db import reset_queries

    from lms.accounts import demo

    reset_queries()
    started = time.perf_counter()
    summary = demo.seed_demo(students=students, stdout=sys.stdout)
    return time.perf_counter() - started, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300_000)
    parser.add_argument(
        "--smoke", action="store_true", help="CI's size: 300 students in a fresh SQLite file"
    )
    args = parser.parse_args()
    if args.smoke:
        args.students = 300
        folder = tempfile.mkdtemp(prefix="hbd-bench-seed-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/seed.sqlite3"
        os.environ.setdefault("DJANGO_DEBUG", "1")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.smoke:
        call_command("migrate", interactive=False, verbosity=0)
    settings = connection.settings_dict
    print(f"database: {connection.vendor} {settings['NAME']}")
    before = row_counts()
    seconds, summary = timed_seed(args.students)
    after = row_counts()
    added = {name: after[name] - before[name] for name in after}
    created = summary.students.new

    print("\n".join(summary.lines()))
    print("rows added:")
    for name, count in added.items():
        print(f"  {name:<22}{count:>10,}")
    print(f"  {'total':<22}{sum(added.values()):>10,}")
    print(f"seed: {seconds:,.1f} s for {created:,} new students")
    if created:
        rate, row_rate = created / seconds, sum(added.values()) / seconds
        print(f"      {rate:,.0f} students/s, {row_rate:,.0f} rows/s")

    repeat_seconds, repeat = timed_seed(args.students)
    assert repeat.students.new == 0 and row_counts() == after, "the repeat must add nothing"
    print(f"repeat (nothing to add): {repeat_seconds:,.1f} s")


if __name__ == "__main__":
    main()
