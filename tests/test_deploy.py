"""The files operators run (deploy/) hold together, and a small contest day runs through them:
nginx in front of two app servers and the task worker, which runs the every-minute commands."""

import configparser
import gc
import importlib.util
import multiprocessing
import os
import time
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from tests.bench import stack

UNITS = stack.DEPLOY / "systemd"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_the_timers_and_the_worker_start_every_scheduled_command_through_run_alone():
    commands = get_commands()
    started = []
    for timer in sorted(UNITS.glob("*.timer")):
        command = stack.timer_command(timer.name)
        assert command[1:3] == ["manage.py", "run_alone"], timer.name
        # Every minute would cost a Python start-up each minute: the worker runs those.
        assert "OnCalendar=*-*-* *:*:00" not in (UNITS / timer).read_text(), timer.name
        started += command[3:]
    worker = stack.unit_command("hocbinhdang-worker.service")
    every_minute = worker[worker.index("--every-minute") + 1 :]
    assert every_minute == ["close_overdue_attempts", "refresh_pending_reach", "publish_scheduled"]
    daily = ["erase_inactive_accounts", "prune_db_task_results", "take_reach_snapshot"]
    assert sorted(started) == daily
    assert all(name in commands for name in started + every_minute)


def test_the_app_server_unit_runs_gunicorn_with_the_shared_configuration(monkeypatch):
    # The configuration names the server's metrics folder in os.environ: not this process's.
    monkeypatch.setattr(
        os, "environ", {k: v for k, v in os.environ.items() if k != "GUNICORN_WORKERS"}
    )
    command = stack.unit_command("hocbinhdang-app@.service", "8001")
    assert command[command.index("--config") + 1] == str(stack.DEPLOY / "gunicorn.conf.py")
    assert "127.0.0.1:8001" in command and command[-1] == "lms.wsgi:application"
    path = stack.DEPLOY / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert conf.worker_class == "sync" and conf.timeout <= 30
    # One worker per two cores in each of the machine's two app servers: two per server cost a
    # quarter more CPU per pupil-minute in the contest-day drill and failed its deadline minute.
    assert conf.workers == max(1, multiprocessing.cpu_count() // 2)
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    assert os.path.basename(folder).startswith("hocbinhdang-app-metrics-")
    # Before the first fork, what the application made leaves the garbage collector's sight.
    try:
        conf.when_ready(None)
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
    conf.on_exit(None)  # the server removes its folder when it stops
    assert not os.path.exists(folder)
    service = _unit("hocbinhdang-app@.service")["Service"]
    assert service["EnvironmentFile"] == "/etc/hocbinhdang/env"
    assert service["Restart"] == "always"


def test_the_example_environment_names_every_variable_production_requires():
    example = (stack.DEPLOY / "env.example").read_text()
    for name in (
        "DJANGO_SECRET_KEY",
        "ALLOWED_HOSTS",
        "TASKS_BACKEND=database",
        "REDIS_URL",
        "WAGTAILADMIN_BASE_URL",
        "TRUSTED_PROXY_COUNT=1",
    ):
        assert name in example


def test_nginx_passes_on_one_client_address_and_never_a_post_twice():
    app = (stack.DEPLOY / "nginx" / "hocbinhdang-app.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in app
    assert "non_idempotent" not in app
    site = (stack.DEPLOY / "nginx" / "hocbinhdang.conf").read_text()
    assert site.count("server 127.0.0.1:") >= 2


def _block(text: str, opening: str) -> str:
    start = text.index(opening + " {")
    return text[start : text.index("\n}", start)]


def test_the_live_server_unit_runs_daphne_where_nginx_sends_the_websockets():
    command = stack.unit_command("hocbinhdang-live.service")
    assert command[0].endswith("/daphne") and command[-1] == "lms.asgi:application"
    # The socket's client is the address nginx passes on, which the join limits count.
    assert "--proxy-headers" in command
    address = f"{command[command.index('--bind') + 1]}:{command[command.index('--port') + 1]}"
    site = (stack.DEPLOY / "nginx" / "hocbinhdang.conf").read_text()
    assert f"server {address} " in _block(site, "upstream hocbinhdang_live")
    assert "default upgrade;" in _block(site, "map $http_upgrade $connection_upgrade")
    live, app = _unit("hocbinhdang-live.service"), _unit("hocbinhdang-app@.service")
    for name in ("User", "Group", "WorkingDirectory", "EnvironmentFile", "Restart"):
        assert live["Service"][name] == app["Service"][name], name
    assert int(live["Service"]["LimitNOFILE"]) >= 65536  # a descriptor per phone
    assert stack.unit_nofile("hocbinhdang-live.service") == int(live["Service"]["LimitNOFILE"])


def test_nginx_upgrades_websockets_under_ws_and_keeps_them_open_for_a_game():
    app = (stack.DEPLOY / "nginx" / "hocbinhdang-app.conf").read_text()
    ws = _block(app, "location /ws/")
    for line in (
        "proxy_pass http://hocbinhdang_live;",
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "proxy_set_header Host $host;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_read_timeout 1h;",
    ):
        assert line in ws, line


def test_the_drill_s_nginx_configuration_routes_ws_to_its_live_server(tmp_path):
    if not stack.nginx_present():
        pytest.skip("no nginx: install Debian's with `apt-get install nginx`")
    conf = stack.nginx_config(folder=tmp_path, listen=8080, upstreams=[8001, 8002], live=8123)
    assert "server 127.0.0.1:8123 " in _block(conf, "upstream hocbinhdang_live")
    (tmp_path / "nginx.conf").write_text(conf)
    check = stack.subprocess.run(
        [stack.NGINX, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_nginx_keeps_metrics_inside_and_passes_a_request_id_on():
    app = (stack.DEPLOY / "nginx" / "hocbinhdang-app.conf").read_text()
    assert "location = /metrics {\n    return 404;" in app
    assert "proxy_set_header X-Request-ID $request_id;" in app


def test_the_worker_counts_where_its_metrics_page_reads():
    worker = stack.unit_environment("hocbinhdang-worker.service", stack.Path("/run"))
    assert worker["PROMETHEUS_MULTIPROC_DIR"] == "/run/hocbinhdang-tasks-metrics"
    assert worker["METRICS_PROCESS"] == "worker"
    assert "--metrics-address" in stack.unit_command("hocbinhdang-worker.service")
    service = _unit("hocbinhdang-worker.service")["Service"]
    assert service["RuntimeDirectory"] == "hocbinhdang-tasks-metrics"
    assert _unit("hocbinhdang-app@.service")["Service"]["LogRateLimitIntervalSec"] == "0"


def test_background_work_yields_the_cores_to_the_app_servers_and_the_drill_does_as_systemd():
    """A round's start and deadline minutes need every core for pupils' requests; the task
    worker and the daily commands wait for them: Nice inside their own control group, and
    CPUWeight against the app servers' groups."""
    assert stack.unit_nice("hocbinhdang-app@.service") == 0
    background = ["hocbinhdang-worker.service", "hocbinhdang-command@.service"]
    assert all(stack.unit_nice(unit) == 10 for unit in background), background
    assert all(_unit(unit)["Service"]["CPUWeight"] == "10" for unit in background)
    assert "CPUWeight" not in _unit("hocbinhdang-app@.service")["Service"]  # systemd's 100
    assert stack.niced(0) is None
    child = stack.subprocess.run(
        ["sh", "-c", "cut -d' ' -f19 /proc/self/stat"],
        preexec_fn=stack.niced(10),
        capture_output=True,
        text=True,
    )
    assert int(child.stdout) == os.nice(0) + 10


@pytest.mark.django_db
def test_run_alone_runs_each_command_once_at_a_time():
    out = StringIO()
    call_command("run_alone", "close_overdue_attempts", "publish_scheduled", stdout=out)
    assert "closed 0 overdue attempt(s)" in out.getvalue()
    assert cache.get("run-alone:close_overdue_attempts") is None  # released when done
    cache.add("run-alone:close_overdue_attempts", "another server", 60)
    skipped = StringIO()
    call_command("run_alone", "close_overdue_attempts", stdout=skipped)
    assert "running elsewhere" in skipped.getvalue()
    assert "closed" not in skipped.getvalue()
    with pytest.raises(CommandError):
        call_command("run_alone", "run_alone")


def test_the_task_worker_runs_the_every_minute_commands_at_second_0(settings):
    from cms.management.commands import task_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert task_worker.seconds_to_next_minute(120.0) == 60.0  # on the second: the next minute
    assert task_worker.seconds_to_next_minute(179.5) == 0.5
    with pytest.raises(CommandError, match="no_such_command"):
        call_command("task_worker", every_minute=["close_overdue_attempts", "no_such_command"])
    with pytest.raises(CommandError, match="run_alone"):
        call_command("task_worker", every_minute=["run_alone"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_s_every_minute_run_closes_an_overdue_attempt_from_its_own_thread(
    monkeypatch,
):
    from datetime import timedelta

    from django.utils import timezone

    from cms.management.commands import task_worker
    from quizzes import services
    from quizzes.models import Attempt
    from tests.factories import StudentFactory, make_question
    from tests.pages import make_quiz

    quiz = make_quiz(make_question(), time_limit_minutes=1)
    started = timezone.now() - timedelta(minutes=10)
    attempt = services.start_attempt(quiz=quiz, user=StudentFactory(), now=started)
    monkeypatch.setattr(task_worker, "seconds_to_next_minute", lambda now: 0.05)
    every_minute = task_worker.EveryMinute(["close_overdue_attempts", "publish_scheduled"])
    every_minute.start()
    try:
        waited = time.monotonic()
        while not Attempt.objects.get(pk=attempt.pk).is_submitted:
            assert time.monotonic() - waited < 30, "the every-minute run never closed it"
            time.sleep(0.05)
    finally:
        every_minute.stopping.set()
        every_minute.join(10)
    assert not every_minute.is_alive()
    assert Attempt.objects.get(pk=attempt.pk).closed_by_deadline
    assert cache.get("run-alone:close_overdue_attempts") is None  # each run released its lock


def _drill_can_run() -> str | None:
    if not stack.nginx_present():
        return "no nginx: install Debian's with `apt-get install nginx` to run the drill"
    if not stack.postgres_answers():
        return "no PostgreSQL on 127.0.0.1:5432"
    if not stack.redis_answers():
        return "no Redis on 127.0.0.1:6379"
    return None


def test_a_small_contest_day_through_nginx_and_two_app_servers():
    """50 pupils of two schools (two addresses) sign in, start within a window, autosave, lose
    their link, submit or leave it to the deadline, while a judge watches: nothing lost, nothing
    refused, no 5xx, every attempt scored once (tests/bench/bench_contest_day.py --smoke)."""
    reason = _drill_can_run()
    if reason:
        pytest.skip(reason)
    from tests.bench import bench_contest_day as drill

    outcome = drill.run_drill_in_a_process(drill.smoke_options())
    assert outcome["failures"] == [], "\n".join(outcome["lines"])
    summary = "\n".join(outcome["lines"])
    assert "lost 0; 5xx 0; refused 0" in summary, summary
    # Each app server's /metrics added up its two gunicorn workers' counts (multi-process mode),
    # and the task worker's page its every-minute commands': each as the drill counted it.
    assert "every count as the drill's" in summary, summary


def test_redis_then_postgresql_stopped_under_autosave_load_lose_no_acknowledged_answer():
    """20 pupils autosave while the drill's own Redis and then its own PostgreSQL are stopped
    for 5 s each and started again: saves go on without Redis, the API answers 503 with
    Retry-After without PostgreSQL, nothing acknowledged is lost, no other 5xx, both recover
    within 30 s, every attempt is scored once (tests/bench/bench_faults.py --smoke)."""
    from tests.bench import bench_faults as drill

    missing = drill.missing_programs()
    if missing:
        pytest.skip("the fault drill needs " + ", ".join(missing))
    outcome = drill.run_drill_in_a_process(drill.smoke_options())
    summary = "\n".join(outcome["lines"])
    assert outcome["failures"] == [], summary
    assert "lost 0, wrong value 0" in summary, summary
    assert summary.count("every pupil saved again after") == 2, summary
    assert " inf s" not in summary, summary
