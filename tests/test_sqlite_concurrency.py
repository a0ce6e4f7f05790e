"""SQLite, the zero-setup database, holds when a class starts, answers and submits together."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sqlite_writers_queue_for_the_lock_instead_of_failing():
    """The settings every SQLite database gets: immediate transactions, a busy timeout, WAL."""
    from lms.settings import sqlite_options

    options = sqlite_options()
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]


def test_sixteen_students_start_answer_and_submit_at_once_on_a_sqlite_file(tmp_path):
    """Threads against a real file database, through the services the API and pages call: with
    deferred transactions most of these failed with "database is locked"."""
    env = os.environ | {"DJANGO_DEBUG": "1", "TASKS_BACKEND": "immediate"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_writers", str(tmp_path / "db.sqlite3"), "48", "16"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"finished": 48, "errors": {}, "scored": 48}
