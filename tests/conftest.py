"""Fixtures every test module may ask for. Builders live in tests/factories.py and
tests/pages.py; no test module imports another (tests/test_suite_layout.py checks it)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploaded images and documents never land in the working tree."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _no_embed_fetching(settings):
    """Tests never call out to video sites: only embeds already stored in the database render."""
    settings.WAGTAILEMBEDS_FINDERS = []


def forget_all_kept() -> None:
    """The shared cache and what this worker keeps for itself, both emptied."""
    from frontend.templatetags.site_tags import kept_chrome
    from lms.core.live_pages import kept_routes
    from quizzes.pages import live_quizzes
    from quizzes.papers import answer_shapes, frozen_questions, paper_plans

    cache.clear()
    # Test databases reuse ids (attempt numbers, page revisions) after a rollback; a real
    # database never does, so what a worker keeps by id must go with each test.
    answer_shapes.clear()
    frozen_questions.clear()
    paper_plans.clear()
    live_quizzes.clear()
    kept_routes.clear()
    kept_chrome.clear()


@pytest.fixture
def cold_caches():
    """Call it to measure a request as the first one after a restart would be."""
    return forget_all_kept


@pytest.fixture(autouse=True)
def _fast_passwords_and_clean_cache(settings):
    """Argon2 is deliberately slow; tests that pin the hasher ask for it themselves."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    forget_all_kept()
    yield
    cache.clear()
    # A view that switches the language (set_language) leaves it active in the thread after the
    # request, as a server's next request would not see: each test starts in Vietnamese.
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def judge():
    from lms.accounts.models import Role
    from tests.factories import UserFactory

    return UserFactory(role=Role.JUDGE, display_name="Giám khảo Hòa")


@pytest.fixture
def contest(judge):
    """A live contest judged by `judge` (a module may give its own judge, e.g. signed in)."""
    from tests import pages

    return pages.contest(judges=[judge])


ROOT = Path(__file__).resolve().parent.parent
# The settings' variables: a `manage.py` started by a test sees only those the test gives it.
SETTINGS_PREFIXES = ("DJANGO_", "ALLOWED_", "TASKS_", "REDIS_", "WAGTAILADMIN_")


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS_PREFIXES)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def manage():
    """`manage("check", env={...})`: manage.py in a process of its own, as an operator starts it,
    with only the settings variables given (this run's own are left out)."""
    return run_manage


LOCAL_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A real Redis for the tests that need one (the suite's own cache stays per process).

    CI names it in TEST_REDIS_URL, and then a Redis that does not answer fails those tests rather
    than skipping them. Elsewhere they use database 15 on 127.0.0.1:6379 when something answers
    there, and are skipped when nothing does. CI runs may share that Redis: tests keep their keys
    under a prefix of their own and never flush the database."""
    url = os.environ.get("TEST_REDIS_URL", "")
    try:
        with redis.Redis.from_url(url or LOCAL_REDIS, socket_connect_timeout=1) as client:
            client.ping()
    except redis.RedisError as error:
        problem = str(error)
    else:
        return url or LOCAL_REDIS
    if url:
        pytest.fail(f"TEST_REDIS_URL={url} does not answer: {problem}", pytrace=False)
    pytest.skip(f"no Redis at {LOCAL_REDIS} (TEST_REDIS_URL names another)")


def tamper_with_rankings(sql: str, params=()) -> None:
    """Run `sql` on finalised rankings as someone holding the database's keys could, behind the
    application's back. On PostgreSQL their write-once triggers are off for that statement only
    (and the test's transaction rolls the rest back)."""
    tables = ("quizzes_rankingsnapshot", "quizzes_rankingrow")
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            # A table with checks still pending in the transaction (Django's foreign keys wait
            # for the commit) cannot be altered: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_write_once")
        try:
            cursor.execute(sql, params)
        finally:
            if postgresql:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for table in tables:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_write_once")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def tamper():
    """`tamper("UPDATE quizzes_rankingrow SET … WHERE snapshot_id = %s", [pk])`: a finalised
    ranking changed in the database itself, which only its checksum can then reveal."""
    return tamper_with_rankings
