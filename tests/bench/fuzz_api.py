"""Fuzz the API over HTTP with schemathesis: no 5xx, and no status or body the schema does not
document, for a visitor and for a signed-in pupil.

    .venv/bin/python tests/bench/fuzz_api.py --smoke   # a few examples per operation, ~2 minutes
    .venv/bin/python tests/bench/fuzz_api.py           # 300 examples per operation
    .venv/bin/python tests/bench/fuzz_api.py --examples 1000 --seed 42

It starts what an operator runs (gunicorn with deploy/gunicorn.conf.py, production settings) on a
free port, over a throwaway PostgreSQL database (hbd_fuzz_<pid>: created, migrated, seeded with
`seed_demo --students 20`, dropped) and Redis database 12 when Redis answers (emptied before and
after). Then `st run` with every check, once without credentials and once with the token a demo
pupil gets from POST /api/v1/auth/token/. The API's request throttles and sign-in limits are raised
through their environment variables, so the fuzzer keeps reaching the code behind them; django-axes'
lock-out (5 wrong passwords for one username) stays, and its 429 is documented.

Half of the ids drawn for path parameters name something that exists (a live quiz, the pupil's own
attempt, the demo contest and its rounds...: schemathesis "dictionaries"). Two checks are told what
the schema cannot say (see `config`): schema-valid data may still be refused with a 400 (a wrong
password, an id that names nothing), and a 414 from gunicorn refuses an address too long to read.

Prints, per phase: operations, cases, statuses seen, failures by check; exits 1 on any failure
or server error, and then keeps the folder of reports and the server's log (HBD_KEEP_FUZZ=1
keeps it always).
"""

import argparse
import collections
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.stack import (  # noqa: E402
    POSTGRES,
    ROOT,
    free_port,
    postgres_answers,
    redis_answers,
    unit_command,
    wait_for_port,
)

REDIS_DB = 12
GENEROUS = "1000000/1m"  # a rate no fuzzing run reaches
PUPIL = "hocsinh"  # seed_demo's student with a class

# Ids that exist in the seeded database, for path and query parameters: half of the values
# drawn come from these, so requests reach a live quiz, the pupil's own attempt, a contest with
# its rounds and published ranking, and not only the 404 of a number that names nothing.
EXISTING = """
import json
from lms.teaching.models import Assignment
from courses.pages import LessonPage
from lms.accounts.models import Classroom, User
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.models import ContestEntry, RankingSnapshot
from quizzes.models import Attempt
from quizzes.pages import QuizPage

pupil = User.objects.get(username=%(pupil)r)
quizzes = QuizPage.objects.live().not_type(ContestRound).specific()
takes = [quiz.pk for quiz in quizzes if quiz.may_take(pupil)]
print(json.dumps({
    "quiz_id": list(QuizPage.objects.live().values_list("pk", flat=True)),
    "takes": takes,
    "lesson_id": list(LessonPage.objects.live().values_list("pk", flat=True)[:10]),
    "contest_id": list(ContestPage.objects.live().values_list("pk", flat=True)),
    "round_id": list(ContestRound.objects.live().values_list("pk", flat=True)),
    "attempt_id": list(Attempt.objects.values_list("pk", flat=True)[:5]),
    "classroom_id": list(Classroom.objects.values_list("pk", flat=True)[:5]),
    "entry_id": list(ContestEntry.objects.values_list("pk", flat=True)[:5]),
    "snapshot_id": list(RankingSnapshot.objects.values_list("pk", flat=True)[:5]),
    "assignment_id": list(Assignment.objects.values_list("pk", flat=True)[:5]),
}))
"""


def environment(folder: Path, database: str, *, redis: bool) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ALLOWED_", "TASKS_", "REDIS_", "WAGTAILADMIN_"))
        and key not in ("DATABASE_URL", "API_THROTTLE_ANON", "API_THROTTLE_USER")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL="0",  # plain HTTP on 127.0.0.1
        DJANGO_STATIC_MANIFEST="0",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DATABASE_URL=f"{POSTGRES}/{database}",
        TASKS_BACKEND="immediate",  # background work runs in the request: its errors show as 5xx
        TRUSTED_PROXY_COUNT="0",  # no nginx in front
        MEDIA_ROOT=str(folder / "media"),
        GUNICORN_WORKERS="2",
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_USER="1000000/minute",
        SIGN_IN_FAILURES_PER_USERNAME=GENEROUS,
        SIGN_IN_FAILURES_PER_ADDRESS=GENEROUS,
        SIGN_IN_SUCCESSES_PER_ADDRESS=GENEROUS,
        JOIN_CODE_GUESSES_PER_ADDRESS=GENEROUS,
        PYTHONDONTWRITEBYTECODE="1",
    )
    if redis:
        env["REDIS_URL"] = f"redis://127.0.0.1:6379/{REDIS_DB}"
    else:
        env["DJANGO_LOCAL_CACHE"] = "1"
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    return done.stdout


def pupil_password(seed_output: str) -> str:
    """The demo pupil's password, from the table of logins `seed_demo` prints."""
    for line in seed_output.splitlines():
        cells = line.split()
        if len(cells) == 3 and cells[0] == PUPIL and cells[2] == "student":
            return cells[1]
    raise RuntimeError(f"seed_demo printed no login for {PUPIL}")


def call(base: str, method: str, path: str, body: dict | None = None, token: str = "") -> dict:
    request = urllib.request.Request(
        f"{base}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Token {token}"} if token else {}),
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def config(env: dict, base: str, token: str, folder: Path) -> Path:
    """schemathesis.toml: the existing ids as dictionaries for the parameters of those names."""
    found = json.loads(manage(env, "shell", "-c", EXISTING % {"pupil": PUPIL}).splitlines()[-1])
    # The pupil's own attempt, started as the app would, so that autosave and submit are fuzzed
    # against a real paper; the other attempts are someone else's (404).
    mine = call(base, "POST", f"/api/v1/quizzes/{found.pop('takes')[0]}/attempts/", {}, token)
    found["attempt_id"].insert(0, mine["id"])
    found["slot"] = list(range(1, 11))
    lines = []
    for name, values in found.items():
        if values:
            lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    bindings = {f"path.{name}": name for name, values in found.items() if values}
    if found["round_id"]:
        bindings["query.round"] = "round_id"  # the rankings of one round
    lines.append("[parameters]")
    for where, name in bindings.items():
        lines.append(f'"{where}" = {{ dictionary = "{name}", probability = 0.5 }}')
    # A request the schema allows can still break a rule no schema states: a wrong password, an
    # id that names nothing (ward 0), a round of another contest, a name holding an invisible
    # character. Those are 400s, with a code that says which; any other refusal still fails.
    lines += [
        "",
        "[checks.positive_data_acceptance]",
        'expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]',
    ]
    # And an address too long for gunicorn to read (414, documented) refuses the values in it.
    lines += [
        "",
        "[checks.negative_data_rejection]",
        'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "414", "415", '
        '"422", "428", "429", "5xx"]',
    ]
    path = folder / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def fuzz(
    name: str,
    base: str,
    folder: Path,
    args: argparse.Namespace,
    headers: list[str],
    settings: Path,
) -> dict:
    """One `st run`; its figures, from the JSON report and the HAR of every exchange."""
    reports = folder / name
    command = [
        str(Path(sys.executable).parent / "st"),
        "--config-file",
        str(settings),
        "run",
        f"{base}/api/v1/schema/?format=json",
        "--checks",
        "all",
        "--max-examples",
        str(args.examples),
        "--seed",
        str(args.seed),
        "--workers",
        str(args.workers),
        "--request-timeout",
        "30",
        "--report",
        "json,har",
        "--report-json-path",
        str(reports / "report.json"),
        "--report-har-path",
        str(reports / "exchanges.har"),
        *[option for header in headers for option in ("--header", header)],
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=folder,  # its cache (.schemathesis/) and hypothesis' examples stay out of the tree
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"},
    )
    seconds = time.perf_counter() - started
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "output.txt").write_text(done.stdout + done.stderr)
    report_path, har = reports / "report.json", reports / "exchanges.har"
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    statuses: collections.Counter[int] = collections.Counter()
    if har.exists():
        for entry in json.loads(har.read_text())["log"]["entries"]:
            statuses[entry["response"]["status"]] += 1
    failures: collections.Counter[str] = collections.Counter()
    for group in report.get("failures") or []:
        failures[f"{group.get('code')} {group.get('title')}"] += group.get("count", 1)
    for error in report.get("errors") or []:
        failures[f"error: {error['title']}"] += error.get("count", 1)
    return {
        "name": name,
        "seconds": seconds,
        "exit": done.returncode,
        "operations": (report.get("operations") or {}).get("tested"),
        "cases": (report.get("test_cases") or {}).get("generated"),
        "statuses": statuses,
        "failures": failures,
        "report": report,
        "output": done.stdout + done.stderr,
    }


def show(result: dict) -> None:
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(result["statuses"].items()))
    print(
        f"\n== {result['name']}: {result['operations']} operations, {result['cases']} cases, "
        f"{sum(result['statuses'].values())} requests in {result['seconds']:.0f} s"
    )
    print(f"   statuses seen: {statuses}")
    if result["failures"]:
        print("   failures:")
        for title, count in result["failures"].most_common():
            print(f"     {count:5d}  {title}")
        for group in result["report"].get("failures") or []:
            print(f"       {group.get('title')}: {', '.join(group.get('operations') or [])}")
    else:
        print("   failures: none")
    if result["exit"] != 0 and not result["failures"]:
        print(result["output"][-3000:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="10 examples per operation")
    parser.add_argument("--examples", type=int, default=None, help="per operation (default 300)")
    parser.add_argument(
        "--seed", type=int, default=None, help="default: random, or 1 with --smoke (as CI runs it)"
    )
    # One: hypothesis describing strategies in two threads at once can trip CPython 3.11's parser
    # ("AST constructor recursion depth mismatch"), an error of the tool, not of the API.
    parser.add_argument("--workers", type=int, default=1, help="schemathesis' concurrent workers")
    args = parser.parse_args()
    args.examples = args.examples or (10 if args.smoke else 300)
    if args.seed is None:
        args.seed = 1 if args.smoke else secrets.randbelow(2**31)
    if not postgres_answers():
        print(f"PostgreSQL does not answer at {POSTGRES}", file=sys.stderr)
        return 2

    import psycopg

    folder = Path(tempfile.mkdtemp(prefix="hbd-fuzz-"))
    database = f"hbd_fuzz_{os.getpid()}"
    redis = redis_answers()
    env = environment(folder, database, redis=redis)
    server, failed = None, True
    log = open(folder / "server.log", "wb")  # noqa: SIM115 (closed in finally)
    try:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database}"')
        if redis:
            import redis as redis_client

            redis_client.Redis.from_url(env["REDIS_URL"]).flushdb()
        started = time.perf_counter()
        manage(env, "migrate", "--noinput")
        password = pupil_password(
            manage(env, "seed_demo", "--students", "20", "--allow-without-debug")
        )
        port = free_port()
        server = subprocess.Popen(
            unit_command("hocbinhdang-app@.service", str(port)),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(port)
        base = f"http://127.0.0.1:{port}"
        # The pupil signs in as an app would: through the API's token endpoint.
        credentials = {"username": PUPIL, "password": password}
        token = call(base, "POST", "/api/v1/auth/token/", credentials)["token"]
        settings = config(env, base, token, folder)
        print(
            f"server {base} over {database}, {'Redis' if redis else 'local cache'}; ready in "
            f"{time.perf_counter() - started:.0f} s. Pupil {PUPIL}. "
            f"{args.examples} examples per operation, seed {args.seed}."
        )
        results = [
            fuzz("anonymous", base, folder, args, [], settings),
            fuzz("pupil", base, folder, args, [f"Authorization: Token {token}"], settings),
        ]
        for result in results:
            show(result)
        server_errors = (folder / "server.log").read_text(errors="replace").count("Traceback")
        print(f"\ntracebacks in the server's log: {server_errors}")
        failed = bool(server_errors) or any(r["exit"] != 0 or r["failures"] for r in results)
        if failed:
            print(f"reports (output.txt: each failure with a curl line) and the log: {folder}")
        return 1 if failed else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if redis:
            import redis as redis_client

            redis_client.Redis.from_url(env["REDIS_URL"]).flushdb()
        if not failed and not os.environ.get("HBD_KEEP_FUZZ"):
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
