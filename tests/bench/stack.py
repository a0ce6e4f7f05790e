"""The platform as an operator runs it, started from the files in deploy/ for a drill.

nginx (Debian's package) in front of one or more app servers, each started with the command line
of deploy/systemd/hocbinhdang-app@.service; the task worker with that of
hocbinhdang-worker.service (which also runs the every-minute commands); when asked, the live
games' server (daphne) with that of hocbinhdang-live.service, behind nginx's /ws/;
PostgreSQL (a throwaway database) or a SQLite file, and Redis (one numbered database, emptied
first) as the shared state. Only what must differ on a test machine is rewritten: the paths
(/srv/hocbinhdang → this checkout), the ports, and nginx's own files (pid, logs) in a folder of
the drill's. Traffic stays on 127.0.0.1.
"""

import os
import re
import resource
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SRV = "/srv/hocbinhdang"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
LIVE_UNIT = "hocbinhdang-live.service"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_answers(server: str = POSTGRES) -> bool:
    try:
        import psycopg

        psycopg.connect(f"{server}/postgres", connect_timeout=2).close()
    except Exception:
        return False
    return True


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def nginx_present() -> bool:
    return Path(NGINX).exists()


def missing_services(*, postgres: bool = True) -> list[str]:
    """What a drill through the stack needs and this machine lacks, as a person would fix it."""
    needed = (
        ("nginx (apt-get install nginx)", nginx_present()),
        ("Redis on 127.0.0.1:6379", redis_answers()),
        ("PostgreSQL on 127.0.0.1:5432", not postgres or postgres_answers()),
    )
    return [what for what, present in needed if not present]


def unit_command(unit: str, instance: str = "") -> list[str]:
    """The ExecStart of a unit in deploy/systemd/, for this checkout."""
    text = (DEPLOY / "systemd" / unit).read_text()
    line = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    command = line.removeprefix("ExecStart=").replace("%i", instance)
    command = command.replace(f"{SRV}/.venv/bin/python", sys.executable)
    command = command.replace(f"{SRV}/.venv/bin/", f"{Path(sys.executable).parent}/")
    return shlex.split(command.replace(SRV, str(ROOT)))


def unit_environment(unit: str, run: Path) -> dict[str, str]:
    """The Environment= lines of a unit in deploy/systemd/, with /run/ moved to `run`."""
    text = (DEPLOY / "systemd" / unit).read_text()
    found = {}
    for line in re.findall(r"^Environment=(.+)$", text, re.M):
        for pair in shlex.split(line):
            name, _, value = pair.partition("=")
            found[name] = value.replace("/run/", f"{run}/")
    return found


def unit_nice(unit: str) -> int:
    """The Nice= of a unit in deploy/systemd/ (0 when it sets none)."""
    found = re.search(r"^Nice=(-?\d+)$", (DEPLOY / "systemd" / unit).read_text(), re.M)
    return int(found[1]) if found else 0


def niced(nice: int):
    """For Popen's preexec_fn: the child runs at the unit's priority, as systemd starts it."""
    return (lambda: os.nice(nice)) if nice else None


def unit_nofile(unit: str) -> int:
    """The LimitNOFILE= of a unit in deploy/systemd/ (0 when it sets none)."""
    found = re.search(r"^LimitNOFILE=(\d+)$", (DEPLOY / "systemd" / unit).read_text(), re.M)
    return int(found[1]) if found else 0


def started_as(*, nice: int = 0, nofile: int = 0):
    """For Popen's preexec_fn: the unit's priority and open-files limit, as far as this machine
    lets (the limit goes no higher than this process's hard limit)."""
    if not nofile:
        return niced(nice)

    def start() -> None:
        _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = nofile if hard == resource.RLIM_INFINITY else min(nofile, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        if nice:
            os.nice(nice)

    return start


def timer_command(timer: str) -> list[str]:
    """What a timer in deploy/systemd/ starts: its service's ExecStart."""
    text = (DEPLOY / "systemd" / timer).read_text()
    unit = re.search(r"^Unit=(.+)$", text, re.M)[1]
    if "@" in unit:  # a template: hocbinhdang-command@<command>.service
        template, instance = unit.split("@")
        return unit_command(f"{template}@.service", instance.removesuffix(".service"))
    return unit_command(unit)


def nginx_config(*, folder: Path, listen: int, upstreams: list[int], live: int = 0) -> str:
    """nginx.conf for the drill: the upstreams of deploy/nginx/hocbinhdang.conf with the drill's
    app servers and live server (`live`, its port; without one /ws/ answers 502), the map its
    WebSocket location reads, and a plain-HTTP server block that includes hocbinhdang-app.conf."""
    site = (DEPLOY / "nginx" / "hocbinhdang.conf").read_text()
    upstream = re.search(r"upstream hocbinhdang_app \{.*?\n\}", site, re.S)[0]
    options = re.search(r"server 127\.0\.0\.1:\d+( [^;]*);", upstream)[1]
    servers = "".join(f"    server 127.0.0.1:{port}{options};\n" for port in upstreams)
    upstream = re.sub(r"(    server [^\n]*;\n)+", servers, upstream, count=1)
    live_upstream = re.search(r"upstream hocbinhdang_live \{.*?\n\}", site, re.S)[0]
    live_upstream = re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{live or free_port()}", live_upstream)
    upgrade = re.search(r"map \$http_upgrade \$connection_upgrade \{.*?\n\}", site, re.S)[0]
    app = (DEPLOY / "nginx" / "hocbinhdang-app.conf").read_text().replace(SRV, str(ROOT))
    (folder / "hocbinhdang-app.conf").write_text(app)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(exist_ok=True)
        os.chmod(folder / name, 0o777)
    temp = "".join(
        f"    {name}_temp_path {folder / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\nworker_rlimit_nofile 20000;\n"
        "events { worker_connections 8192; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}"
        f"{upstream}\n{live_upstream}\n{upgrade}\n"
        f"    server {{\n        listen 127.0.0.1:{listen} backlog=4096;\n"
        f"        include {folder / 'hocbinhdang-app.conf'};\n    }}\n"
        "}\n"
    )


@dataclass
class Stack:
    """Start with `with Stack(...) as stack:`; `stack.url` is nginx's address."""

    database: str = "postgres"  # or "sqlite"
    servers: int = 2
    workers: int = 2  # gunicorn workers per app server
    live: bool = False  # the live games' server (hocbinhdang-live.service), behind nginx's /ws/
    redis_db: int = 7
    # Where the throwaway database is made and what the cache is: the machine's shared services
    # unless a drill brings its own (tests/bench/bench_faults.py stops and starts them).
    postgres: str = POSTGRES
    redis_url: str = ""  # "" → redis://127.0.0.1:6379/<redis_db>
    extra_env: dict = field(default_factory=dict)
    url: str = ""
    env: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict)
    commands: dict = field(default_factory=dict)
    app_urls: list = field(default_factory=list)  # each app server, without nginx
    live_url: str = ""  # the live server, without nginx (ws://127.0.0.1:<port>)
    worker_metrics_url: str = ""
    folder: Path | None = None
    database_name: str = ""

    def __enter__(self) -> "Stack":
        self.folder = Path(tempfile.mkdtemp(prefix="hbd-drill-"))
        os.chmod(self.folder, 0o755)
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    # The environment of /etc/hocbinhdang/env, for this drill.
    def _environment(self) -> dict:
        if self.database == "postgres":
            import psycopg

            self.database_name = f"hbd_drill_{os.getpid()}"
            with psycopg.connect(f"{self.postgres}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{self.database_name}"')
            database_url = f"{self.postgres}/{self.database_name}"
        else:
            database_url = f"sqlite:///{self.folder / 'drill.sqlite3'}"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(
                ("DJANGO_", "ALLOWED_", "TASKS_", "REDIS_", "WAGTAILADMIN_", "PROMETHEUS_")
            )
        }
        env.update(
            DJANGO_SETTINGS_MODULE="lms.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL="0",  # the drill speaks plain HTTP to nginx
            DJANGO_STATIC_MANIFEST="0",
            WAGTAILADMIN_BASE_URL="http://127.0.0.1",
            DATABASE_URL=database_url,
            REDIS_URL=self.redis_url or f"redis://127.0.0.1:6379/{self.redis_db}",
            TASKS_BACKEND="database",
            TRUSTED_PROXY_COUNT="1",
            MEDIA_ROOT=str(self.folder / "media"),
            GUNICORN_WORKERS=str(self.workers),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update(self.extra_env)
        return env

    def _start(self) -> None:
        import redis

        self.env = self._environment()
        redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
        self.manage("migrate", "--noinput")
        ports = [free_port() for _ in range(self.servers)]
        self.app_urls = [f"http://127.0.0.1:{port}" for port in ports]
        for number, port in enumerate(ports):
            self._spawn(f"app-{number + 1}", unit_command("hocbinhdang-app@.service", str(port)))
        # The worker's metrics page on a port of the drill's; its folder (systemd's
        # RuntimeDirectory) in the drill's folder.
        metrics_port = free_port()
        self.worker_metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"
        worker = [
            part.replace("127.0.0.1:9101", f"127.0.0.1:{metrics_port}")
            for part in unit_command("hocbinhdang-worker.service")
        ]
        (self.folder / "hocbinhdang-tasks-metrics").mkdir()
        self._spawn(
            "worker",
            worker,
            self._unit_env("hocbinhdang-worker.service"),
            nice=unit_nice("hocbinhdang-worker.service"),
        )
        live = 0
        if self.live:
            # Its port, the one in the unit, is the drill's; systemd's LimitNOFILE is the
            # hard limit this process may raise it to.
            live = free_port()
            command = [part.replace("8010", str(live)) for part in unit_command(LIVE_UNIT)]
            self._spawn("live", command, nofile=unit_nofile(LIVE_UNIT))
            self.live_url = f"ws://127.0.0.1:{live}"
        for port in ports + ([live] if live else []):
            wait_for_port(port)
        listen = free_port()
        conf = self.folder / "nginx.conf"
        conf.write_text(nginx_config(folder=self.folder, listen=listen, upstreams=ports, live=live))
        check = subprocess.run(
            [NGINX, "-t", "-q", "-p", str(self.folder), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the drill's configuration:\n{check.stderr}")
        self._spawn("nginx", [NGINX, "-p", str(self.folder), "-c", str(conf), "-g", "daemon off;"])
        wait_for_port(listen)
        self.url = f"http://127.0.0.1:{listen}"

    def _unit_env(self, unit: str) -> dict:
        return {**self.env, **unit_environment(unit, self.folder)}

    def _spawn(
        self,
        name: str,
        command: list[str],
        env: dict | None = None,
        nice: int = 0,
        nofile: int = 0,
    ) -> None:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        self.commands[name] = (command, env, nice, nofile)
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=started_as(nice=nice, nofile=nofile),
        )

    def restart_exited(self) -> list[str]:
        """What systemd does for a unit with Restart=always: start again each process that has
        exited. Returns their names."""
        exited = [name for name, process in self.processes.items() if process.poll() is not None]
        for name in exited:
            self._spawn(name, *self.commands[name])
        return exited

    def manage(self, *args: str) -> str:
        return run_or_raise([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def pids(self) -> dict[str, set[int]]:
        """Process ids by kind, children included (gunicorn's and nginx's workers)."""
        kinds: dict[str, set[int]] = {}
        parents = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            parents[int(pid)] = int(stat[stat.rindex(")") + 2 :].split()[1])
        for name, process in self.processes.items():
            kind = name.split("-")[0]
            found = {process.pid} | {p for p, parent in parents.items() if parent == process.pid}
            kinds.setdefault(kind, set()).update(found)
        return kinds

    def __exit__(self, *exc) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.database == "postgres" and self.database_name:
            import psycopg

            with psycopg.connect(f"{self.postgres}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
        if self.folder is not None and not os.environ.get("HBD_KEEP_DRILL"):
            shutil.rmtree(self.folder, ignore_errors=True)


def parse_metrics(text: str) -> dict[tuple, float]:
    """A metrics page as {(name, (label, value), ...): value}."""
    from prometheus_client.parser import text_string_to_metric_families

    return {
        (sample.name, *sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(url: str, token: str = "") -> dict[tuple, float]:
    """The metrics page at `url`, parsed."""
    import urllib.request

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as page:
        return parse_metrics(page.read().decode())


def total(samples: dict[tuple, float], name: str, **labels: str) -> float:
    """The sum of a metric's samples whose labels include these."""
    wanted = set(labels.items())
    return sum(value for key, value in samples.items() if key[0] == name and wanted <= set(key[1:]))


def run_or_raise(command: list[str], *, timeout: float = 600, **options) -> str:
    """Run a command to its end: what it printed, or RuntimeError with what it said."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **options)
    if done.returncode != 0:
        said = (done.stdout + done.stderr)[-4000:]
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{said}")
    return done.stdout


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {timeout:.0f} s")
