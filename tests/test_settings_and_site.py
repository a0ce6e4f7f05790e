import ast
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import polib
import pytest
import wagtail as wagtail_package
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "prod-" + "x7Kq9#mZ2@vL5!pR8$wN3&tB6*yH4^jD1%fG0" * 2,
    "ALLOWED_HOSTS": "hocbinhdang.cantho.gov.vn",
    "DJANGO_SECURE_SSL": "1",
    "DATABASE_URL": "sqlite:////tmp/hbd-deploy-check.sqlite3",
    "TASKS_BACKEND": "database",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "WAGTAILADMIN_BASE_URL": "https://hocbinhdang.cantho.gov.vn",
}


def test_check_deploy_is_clean_with_production_variables(manage):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("opted_in", ["0", "1"])
def test_hsts_reaches_subdomains_and_the_preload_list_only_when_the_operator_opts_in(
    opted_in, manage
):
    show = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    env = PRODUCTION_ENV | {
        "DJANGO_HSTS_INCLUDE_SUBDOMAINS": opted_in,
        "DJANGO_HSTS_PRELOAD": opted_in,
    }
    shown = manage("shell", "-c", show, env=env)
    expected = "True True" if opted_in == "1" else "False False"
    assert shown.stdout.strip().splitlines()[-1] == expected, shown.stderr
    checked = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert checked.returncode == 0, checked.stderr + checked.stdout


@pytest.mark.parametrize(
    "missing",
    ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "TASKS_BACKEND", "REDIS_URL", "WAGTAILADMIN_BASE_URL"],
)
def test_production_start_up_stops_when_a_variable_is_missing(missing, manage):
    """Each of these has a default that is only safe in development."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "DJANGO_DEBUG" in result.stderr


def test_production_may_choose_a_per_process_cache_only_by_saying_so(manage):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = manage("check", env=env | {"DJANGO_LOCAL_CACHE": "1"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("debug", ["0", "1"])
def test_an_unknown_task_backend_stops_start_up_naming_the_choices(debug, manage):
    result = manage("check", env=PRODUCTION_ENV | {"DJANGO_DEBUG": debug, "TASKS_BACKEND": "db"})
    assert result.returncode != 0
    assert "TASKS_BACKEND is 'db'" in result.stderr
    assert "one of: immediate, database" in result.stderr


def test_debug_is_off_unless_asked():
    assert settings.DEBUG is False
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_home_is_vietnamese_by_default_with_the_hotline_in_the_footer(client):
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    assert "1800 8065" in page
    assert 'href="tel:18008065"' in page
    assert "Bỏ qua, đến nội dung chính" in page


@pytest.mark.django_db
def test_home_in_english_under_en(client):
    page = client.get("/en/").content.decode()
    assert '<html lang="en">' in page
    assert "Skip to main content" in page
    assert "1800 8065" in page


@pytest.mark.django_db
def test_switching_language_lands_on_the_same_page_in_the_other_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response["Location"] == "/en/accounts/login/"
    back = client.post("/i18n/setlang/", {"language": "vi", "next": "/en/accounts/login/"})
    assert back["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_home_page_makes_few_queries(client, django_assert_max_num_queries):
    client.get("/")  # warm Wagtail's site cache, as a running server has
    with django_assert_max_num_queries(12) as captured:
        assert client.get("/").status_code == 200
    print(f"home page queries: {len(captured.captured_queries)}")


@pytest.mark.django_db
def test_footer_hotline_is_the_editable_snippet_in_the_readers_language(client):
    from wagtail.models import Locale

    from cms.snippets import Hotline

    vi = Hotline.objects.create(
        name="Tổng đài 1800 1567",
        number="1800 1567",
        show_in_footer=True,
        locale=Locale.objects.get(language_code="vi"),
    )
    vi.copy_for_translation(Locale.objects.get(language_code="en")).save()
    assert "1800 1567" in client.get("/").content.decode()
    assert "1800 1567" in client.get("/en/").content.decode()


# Ours, made by makemessages; then ours for the Wagtail admin, its templates and its scripts.
CATALOGUES = (
    "locale/vi/LC_MESSAGES/django",
    "locale_wagtail/vi/LC_MESSAGES/django",
    "locale_wagtail/vi/LC_MESSAGES/djangojs",
)


@pytest.mark.parametrize("name", CATALOGUES)
def test_vietnamese_translation_is_complete_compiled_and_has_no_fuzzy_or_obsolete_entry(name):
    catalogue = polib.pofile(str(ROOT / f"{name}.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert untranslated == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []  # "#~" lines
    compiled = polib.mofile(str(ROOT / f"{name}.mo"))
    assert {e.msgid: e.msgstr for e in compiled if e.msgid} == {
        e.msgid: e.msgstr for e in catalogue.translated_entries() if not e.msgid_plural
    } | {e.msgid: e.msgstr for e in compiled if e.msgid_plural}


def test_catalogue_and_code_agree_both_ways(tmp_path):
    """makemessages finds nothing new (every translatable string has a Vietnamese entry) and
    nothing gone (every entry is still used somewhere: a changed source string is not left to
    rot beside its replacement)."""
    catalogue = polib.pofile(str(ROOT / "locale/vi/LC_MESSAGES/django.po"))
    known = {entry.msgid for entry in catalogue if not entry.obsolete}
    extracted = _extract_msgids(tmp_path)
    if extracted is None:
        pytest.skip("xgettext is not installed (apt-get install gettext)")
    assert extracted - known == set(), "not in the catalogue"
    assert known - extracted == set(), "in the catalogue but no longer in the code"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_our_wagtail_translations_use_wagtails_own_message_ids(domain):
    """The override only works when the msgid is Wagtail's to the letter, and it must not hide
    a translation Wagtail has since made (then the entry is to be dropped)."""
    wagtail = Path(wagtail_package.__file__).parent
    theirs: set[str] = set()
    translated_by_wagtail: set[str] = set()
    for po in wagtail.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
        theirs |= {entry.msgid for entry in polib.pofile(str(po))}
    for po in wagtail.glob(f"**/locale/vi/LC_MESSAGES/{domain}.po"):
        translated_by_wagtail |= {e.msgid for e in polib.pofile(str(po)).translated_entries()}
    ours = {e.msgid for e in polib.pofile(str(ROOT / f"locale_wagtail/vi/LC_MESSAGES/{domain}.po"))}
    assert ours - theirs == set()
    assert ours & translated_by_wagtail == set()


TRANSLATION_FUNCTIONS = {
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "gettext_noop",
}
PROJECT_PACKAGES = ("lms", "cms", "courses", "quizzes")


def _translation_misuse(source: str) -> list[str]:
    """What makemessages cannot see: a translation function imported or assigned under another
    name than its own or `_`, or called with anything but string literals for its messages."""
    tree = ast.parse(source)
    problems, names = [], {"_"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("translation"):
            for alias in node.names:
                if alias.name in TRANSLATION_FUNCTIONS:
                    names.add(alias.asname or alias.name)
                    if alias.asname not in (None, alias.name, "_"):
                        problems.append(f"line {node.lineno}: {alias.name} as {alias.asname}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name | ast.Attribute):
            value = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if value in names | TRANSLATION_FUNCTIONS:
                problems.append(f"line {node.lineno}: an alias of {value}")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in names | TRANSLATION_FUNCTIONS:
            continue
        messages = node.args[1:3] if name.startswith(("pgettext", "npgettext")) else node.args[:2]
        if name in ("gettext", "gettext_lazy", "gettext_noop", "_"):
            messages = node.args[:1]
        for arg in messages:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                problems.append(f"line {node.lineno}: {name}({ast.unparse(arg)[:60]})")
    return problems


def test_translation_misuse_is_found_in_an_example():
    bad = (
        "from django.utils.translation import gettext as _g, ngettext\n"
        "from django.utils.translation import gettext as _\n"
        "t = _g\n"
        "a = _(f'Place {n}')\n"
        "b = _('Place %s'.format(n))\n"
        "c = ngettext('one', 'many' + s, n)\n"
        "d = _('Place %(n)s') % {'n': n}\n"
    )
    assert len(_translation_misuse(bad)) == 5


def test_project_code_passes_only_literals_to_gettext_under_its_own_names():
    problems = {
        str(path.relative_to(ROOT)): found
        for package in PROJECT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and (found := _translation_misuse(path.read_text()))
    }
    assert problems == {}


def _extract_msgids(tmp_path) -> set[str] | None:
    if not shutil.which("xgettext"):
        return None
    work = tmp_path / "src"
    shutil.copytree(
        ROOT,
        work,
        ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "*.sqlite3", "staticfiles"),
    )
    (work / "locale/vi/LC_MESSAGES/django.po").unlink()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location"],
        cwd=work,
        env=os.environ | {"DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return {entry.msgid for entry in polib.pofile(str(work / "locale/vi/LC_MESSAGES/django.po"))}


def test_redis_cache_is_used_when_redis_url_is_set(manage, redis_url):
    """A real round trip through Redis, as several app servers would share it."""
    key = f"hbd-check-{uuid.uuid4().hex}"  # CI runs may share the Redis: a key of this run's
    script = (
        "from django.core.cache import caches; cache = caches['default']; "
        f"cache.set('{key}', 'xin chao', 30); "
        f"print(type(cache).__mro__[1].__name__, cache.get('{key}')); cache.delete('{key}')"
    )
    env = {"DJANGO_DEBUG": "1", "REDIS_URL": redis_url}
    result = manage("shell", "--verbosity", "0", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisCache", "xin", "chao"]  # counted (lms.core.cache)
