"""What a student's phone downloads and what the server spends on the home, module and lesson pages.

Run on demand (not collected by pytest):
    .venv/bin/python tests/bench/bench_pages.py [--requests 50] [--database-url URL] [--fresh]
    .venv/bin/python tests/bench/bench_pages.py --smoke   # CI's size: a fresh file, 3 requests

It migrates a throwaway database (SQLite in /tmp unless --database-url names another, PostgreSQL
included), seeds the demo content, then for each page in Vietnamese, anonymous and signed in as the
demo student, measures through Django's test client with DEBUG off:
  * bytes of HTML, and gzip (level 6) bytes of the HTML plus every stylesheet and script it links,
    each compressed on its own as a server would send it (images are not counted);
  * SQL queries of one render after a warm-up request (no response cache exists to hide them);
  * median and 95th-percentile time of N requests.
The lesson measured is the longest one published, so the budget holds for every lesson. Exits
non-zero when the lesson page misses a target: a slow 3G phone in a rural ward should get the
lesson in a few seconds, and one database round trip too many is paid on every reading.
"""

import argparse
import gzip
import io
import math
import os
import re
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
# Whitenoise warns that collectstatic has not run; the finders serve the files here instead.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

DEFAULT_DATABASE = "sqlite:////tmp/hbd-bench-pages.sqlite3"
DEMO_STUDENT = "hocsinh"
LESSON_MAX_GZIP_BYTES = 50_000
LESSON_MAX_QUERIES = 15
GZIP_LEVEL = 6


@dataclass
class Figures:
    page: str
    reader: str
    url: str
    status: int
    html_bytes: int
    assets_bytes: int
    gzip_bytes: int
    queries: int
    cold_queries: int
    median_ms: float
    p95_ms: float
    sql: list[str]


class AssetLinks(HTMLParser):
    """The stylesheets and scripts a page makes the browser fetch."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per row")
    parser.add_argument("--students", type=int, default=20, help="demo students to seed")
    parser.add_argument(
        "--fresh", action="store_true", help="delete the SQLite file first and migrate from zero"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="CI's size: a fresh SQLite file, 3 requests a row"
    )
    args = parser.parse_args()
    if args.smoke:
        args.database_url = "sqlite:////tmp/hbd-bench-pages-smoke.sqlite3"
        args.requests, args.fresh = 3, True
    return args


def prepare_database(args: argparse.Namespace) -> None:
    """Point Django at the throwaway database before it is set up."""
    os.environ["DATABASE_URL"] = args.database_url
    path = urlsplit(args.database_url).path
    if args.fresh and args.database_url.startswith("sqlite:") and path not in ("", "/"):
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)


def seed(students: int) -> None:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command("seed_demo", students=students, stdout=io.StringIO())
    print(f"seed: {time.perf_counter() - started:.1f} s")
    if heaviest_lesson() is None:
        raise SystemExit("seed_demo published no Vietnamese lesson: nothing to measure")


def heaviest_lesson():
    """The published Vietnamese lesson with the longest body."""
    from django.db.models.functions import Length

    from courses.pages import LessonPage

    return (
        LessonPage.objects.live()
        .filter(locale__language_code="vi")
        .annotate(size=Length("body"))
        .order_by("-size", "path")
        .first()
    )


def student():
    from lms.accounts.models import Role, User

    user = User.objects.filter(username=DEMO_STUDENT).first()
    if user is None:  # seed_demo not finished: a student of our own
        from django.contrib.auth.models import Group

        user = User.objects.create_user(username=DEMO_STUDENT, display_name="Ngọc Lan")
        group, _ = Group.objects.get_or_create(name=str(Role.STUDENT))
        user.groups.add(group)
    return user


def gzipped_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0))


def asset_content(url: str, client, cache: dict[str, bytes]) -> bytes:
    """A stylesheet or script: from the static finders, else fetched through the client."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    if url in cache:
        return cache[url]
    path = urlsplit(url).path
    content = None
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        if found:
            content = Path(found).read_bytes()
    if content is None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answers {response.status_code}")
        content = b"".join(response.streaming_content) if response.streaming else response.content
    cache[url] = content
    return content


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the samples fall."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(page: str, reader: str, url: str, client, requests: int, assets: dict) -> Figures:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    warm = client.get(url)  # fills the per-process caches: site root, settings, content types
    if warm.status_code != 200:
        raise RuntimeError(f"{page} ({reader}) at {url} answers {warm.status_code}")
    # The query log is capped (9,000); once the seed has filled it, nothing new would be counted.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Read now: the log is emptied when the next request starts.
    sql = [query["sql"] for query in captured.captured_queries]
    # The same render right after an editor published something: the page chrome is re-read.
    from cms.chrome import forget_site_chrome

    forget_site_chrome()
    reset_queries()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    cold_queries = len(cold.captured_queries)
    html = response.content
    links = AssetLinks()
    links.feed(html.decode(response.charset or "utf-8"))
    files = [asset_content(link, client, assets) for link in dict.fromkeys(links.urls)]
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return Figures(
        page=page,
        reader=reader,
        url=url,
        status=response.status_code,
        html_bytes=len(html),
        assets_bytes=sum(len(content) for content in files),
        gzip_bytes=gzipped_size(html) + sum(gzipped_size(content) for content in files),
        queries=len(sql),
        cold_queries=cold_queries,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        sql=sql,
    )


def print_table(rows: list[Figures]) -> None:
    header = (
        f"{'page':<8}{'reader':<11}{'HTML B':>9}{'CSS+JS B':>10}{'gzip all B':>12}"
        f"{'queries':>9}{'cold':>6}{'median ms':>11}{'p95 ms':>9}  url"
    )
    print(header)
    print("-" * len(header))
    print("(queries: a render as most readers get it; cold: right after an edit empties the")
    print(" cached page chrome, i.e. the footer hotline, help link and site settings)")
    for row in rows:
        print(
            f"{row.page:<8}{row.reader:<11}{row.html_bytes:>9,}{row.assets_bytes:>10,}"
            f"{row.gzip_bytes:>12,}{row.queries:>9}{row.cold_queries:>6}"
            f"{row.median_ms:>11.1f}{row.p95_ms:>9.1f}"
            f"  {row.url}"
        )


def check_targets(rows: list[Figures]) -> bool:
    passed = True
    for row in (row for row in rows if row.page == "lesson"):
        for label, value, limit in (
            ("gzip HTML+CSS+JS", row.gzip_bytes, LESSON_MAX_GZIP_BYTES),
            ("SQL queries", row.queries, LESSON_MAX_QUERIES),
        ):
            ok = value <= limit
            passed &= ok
            verdict = "PASS" if ok else "FAIL"
            print(f"{verdict}  lesson, {row.reader}: {label} {value:,} (target ≤ {limit:,})")
            if not ok and label == "SQL queries":
                for number, sql in enumerate(row.sql, 1):
                    print(f"      {number:>2}. {short_sql(sql)}")
    return passed


def short_sql(sql: str) -> str:
    """The table and the condition, which say where a query comes from; not the column list."""
    sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, flags=re.DOTALL)
    return sql if len(sql) <= 150 else sql[:149] + "…"


def main() -> None:
    args = parse_args()
    prepare_database(args)

    import django

    django.setup()

    from django.db import connection
    from django.test import Client, override_settings
    from django.utils import translation

    from cms.models import HomePage

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    seed(args.students)
    lesson = heaviest_lesson()
    module = lesson.get_parent()
    home = HomePage.objects.get(locale__language_code="vi")
    reader = student()
    translation.activate("vi")
    targets = [("home", home.url), ("module", module.url), ("lesson", lesson.url)]

    rows: list[Figures] = []
    assets: dict[str, bytes] = {}
    hosts = ["testserver", "localhost", "127.0.0.1"]
    # Rendered as in production: DEBUG off, so no debug-only work is timed.
    with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
        anonymous, signed_in = Client(), Client()
        signed_in.force_login(reader)
        for name, url in targets:
            for label, client in (("anonymous", anonymous), (reader.username, signed_in)):
                rows.append(measure(name, label, url, client, args.requests, assets))

    print(f"\n{args.requests} timed requests per row; gzip level {GZIP_LEVEL}; images not counted")
    print_table(rows)
    print()
    if not check_targets(rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
