"""The one settings module. Everything that differs between machines comes from the environment.

Defaults are safe for production: DEBUG is off unless DJANGO_DEBUG=1, and without DEBUG every
variable whose default is only safe in development (the secret key, the host list, where background
work runs, the shared cache, the public address) must be given, or start-up stops with a message
naming what is missing.
"""

import ipaddress
import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lms.core import error_reports
from lms.core.log import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

_DEV_SECRET = "django-insecure-dev-only-key-never-use-in-production-3f9c1a7b2e"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
# Background work: "immediate" runs a task inside the request (development, tests, a one-process
# trial); "database" queues it for `manage.py task_worker`, which production runs beside the web
# servers. Production must choose: a forgotten value would put minutes of work inside requests.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate" if DEBUG else "")
# Redis is the cache every process shares (throttles, sign-in limits, live contest figures).
# Without it each process keeps its own: fine for development, wrong for several processes, so
# production must name Redis or say DJANGO_LOCAL_CACHE=1 (one process only, e.g. tests).
REDIS_URL = env.str("REDIS_URL", default="")
LOCAL_CACHE = env.bool("DJANGO_LOCAL_CACHE", default=DEBUG)
# The public address, for links in the back office's notifications.
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000" if DEBUG else ""
)


def production_problems() -> list[str]:
    """The variables production needs and does not have, each with why."""
    problems = []
    if not SECRET_KEY:
        problems.append("DJANGO_SECRET_KEY (a long random string)")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS (the site's host names, comma-separated)")
    if not TASKS_BACKEND:
        problems.append("TASKS_BACKEND (database: background work in `manage.py task_worker`)")
    if not REDIS_URL and not LOCAL_CACHE:
        problems.append("REDIS_URL (the cache every app server shares)")
    if not WAGTAILADMIN_BASE_URL:
        problems.append("WAGTAILADMIN_BASE_URL (the public address, e.g. https://example.vn)")
    return problems


if not DEBUG and (missing := production_problems()):
    raise ImproperlyConfigured(
        "Production mode (DJANGO_DEBUG is off) needs these environment variables: "
        + "; ".join(missing)
        + ". See the README's production section. For local development set DJANGO_DEBUG=1, "
        "or use `make run`."
    )
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND is {TASKS_BACKEND!r}; it must be one of: {', '.join(TASK_BACKENDS)}."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",  # first: `runserver` then serves the live games' WebSockets too
    "lms.accounts",
    "courses",
    "quizzes",
    "lms.teaching",
    "quizzes.contests",
    "lms.reach",
    "cms",
    "frontend",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # The request under way, for error reports and log lines: its user's id, and what to blank.
    "lms.core.error_reports.CurrentRequestMiddleware",
    # Its time covers the rest, and it answers /metrics before any host check or redirect.
    "lms.core.observability.ObserveRequests",
    "django.middleware.security.SecurityMiddleware",
    "lms.core.security.ContentSecurityPolicyMiddleware",
    # An autosave with its answer pass is answered here, without the rest (quizzes/answer_lane).
    "quizzes.answer_lane.AnswerLane",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.core.api.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lms.core.i18n.ApiLanguageMiddleware",
    "lms.core.live_pages.KeptRoutesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"
# The live games' WebSockets (quizzes/contests/game_socket.py): Channels, served by daphne beside
# gunicorn (deploy/), and by `runserver` in development.
ASGI_APPLICATION = "lms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.core.i18n.context",
                "cms.context_processors.site_help",
            ],
        },
    },
]

# Database: SQLite needs no server (the run command); PostgreSQL is production and CI.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same, checking a kept connection only after a quiet second (lms/core/postgresql).
    DATABASES["default"]["ENGINE"] = "lms.core.postgresql"


def sqlite_options() -> dict:
    """Several requests write at once on contest day. SQLite refuses at once a transaction that
    read first and then wants to write while another writes; BEGIN IMMEDIATE takes the write lock
    at the start instead, so writers queue (up to the busy timeout, in seconds) and never fail.
    WAL lets readers go on while one writes."""
    return {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(sqlite_options())
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url: str) -> dict:
    """The shared cache on Redis. Redis down must not take the site down: a read that fails is
    a miss, a write is skipped (logged once a minute, lms.core.log), no request waits long for
    it."""
    return {
        "BACKEND": "lms.core.cache.ObservedRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


# Cache: Redis when REDIS_URL is given (shared by every app server), else local memory.
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "lms.core.cache"
    # Sessions read from Redis, written through to the database so a Redis restart signs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The live games' channel layer: Redis publish/subscribe when REDIS_URL is given, so every ASGI
# server hears every game and a question goes to Redis once however many phones wait for it; else
# one process's memory (the `make run` demo). A game's state is in the database, not here: a
# message lost while Redis restarts is made good when the phone reconnects.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# Scored attempts are recounted for reach in batches, one task per app worker and window.
REACH_RECOUNT_WINDOW_SECONDS = env.float("REACH_RECOUNT_WINDOW_SECONDS", default=5.0)

# Accounts and sign-in
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.accounts.backends.UsernameOrStaffEmailBackend",
]
# Ours verifies any Argon2 hash (the parameters travel in the hash) and re-hashes those made with
# other parameters; Django's own Argon2 hasher must not follow, as it would claim "argon2" again.
PASSWORD_HASHERS = [
    "lms.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
WAGTAILADMIN_USER_LOGIN_FORM = "lms.accounts.forms.AdminSignInForm"
LOGIN_REDIRECT_URL = "accounts:after-login"
LOGOUT_REDIRECT_URL = "/"


def _rate(name: str, default: str) -> tuple[int, int]:
    """A limit written "count/period", the period in s, m or h: "30/10m" is 30 per 10 minutes."""
    text = env.str(name, default=default)
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smh])\s*", text)
    if match is None or int(match[1]) < 1 or int(match[2] or 1) < 1:
        raise ImproperlyConfigured(f"{name} is {text!r}; write it as count/period, e.g. {default}.")
    seconds = int(match[2] or 1) * {"s": 1, "m": 60, "h": 3600}[match[3]]
    return int(match[1]), seconds


# Sign-in limits that let a whole school in from one address and keep guessing out (see
# lms/accounts/sign_in_limits.py): failures per username from any address, failures per address
# (plus one per two accounts that signed in from it), and a ceiling on successes per address.
SIGN_IN_LIMITS = {
    "failures_per_username": _rate("SIGN_IN_FAILURES_PER_USERNAME", "10/15m"),
    "failures_per_address": _rate("SIGN_IN_FAILURES_PER_ADDRESS", "30/10m"),
    "successes_per_address": _rate("SIGN_IN_SUCCESSES_PER_ADDRESS", "3000/10m"),
}
# Wrong class codes per network address: a school's typos pass, trying codes to learn which
# classes and schools exist does not (six letters and digits: ~900 million codes).
JOIN_CODE_GUESSES_PER_ADDRESS = _rate("JOIN_CODE_GUESSES_PER_ADDRESS", "20/10m")
# Live games (quizzes/contests/games.py): wrong PINs per network address (six digits: a million
# PINs, so guessing is cut short), and joins per address, high enough for a school hall behind one.
GAME_PIN_GUESSES_PER_ADDRESS = _rate("GAME_PIN_GUESSES_PER_ADDRESS", "30/10m")
GAME_JOINS_PER_ADDRESS = _rate("GAME_JOINS_PER_ADDRESS", "3000/10m")
# Family quiz answers sent from one network address (lms/reach/family.py): a household, a school
# gate's wifi or a carrier's shared address pass; a script filling the form in a loop does not.
FAMILY_ANSWERS_PER_ADDRESS = _rate("FAMILY_ANSWERS_PER_ADDRESS", "30/10m")
# Five failures for one username from one address lock that pair for fifteen minutes.
# The state lives in the database, so every app server sees the same lock.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lms.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "lms.core.security.client_ip"
AXES_USERNAME_CALLABLE = "lms.accounts.lockout.lockout_username"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Its log lines name neither the username nor the address (lms.core.security).
AXES_CLIENT_STR_CALLABLE = "lms.accounts.lockout.axes_client_str"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Languages: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our catalogue (made by makemessages), then our Vietnamese for the Wagtail admin strings that
# Wagtail's own vi catalogue leaves in English: both take precedence over the apps' catalogues,
# and the second is kept apart so that makemessages never sees its msgids as obsolete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Production serves hashed, compressed files made by collectstatic; development and tests,
# which never run collectstatic, set DJANGO_STATIC_MANIFEST=0 (DEBUG does it by itself).
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (tests, `make run`) whitenoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
WHITENOISE_MANIFEST_STRICT = False

# Request limits: one megabyte of JSON is far more than any answer or form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
API_MAX_BODY_BYTES = 1024 * 1024
# Wagtail's page editor posts many fields at once.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers. HTTPS settings switch on in production and can be relaxed for a plain-HTTP
# staging box by setting DJANGO_SECURE_SSL=0.
SECURE_SSL = env.bool("DJANGO_SECURE_SSL", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if SECURE_SSL else 0)
# Subdomains and the browsers' preload list are each operator's choice, not ours: HSTS on every
# subdomain breaks any other service of the domain still on plain HTTP, and a preloaded domain
# takes months to leave the list. Until they opt in, Django's reminders about them stay quiet.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
LANGUAGE_COOKIE_SECURE = SECURE_SSL
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Wagtail
WAGTAIL_SITE_NAME = "Học Bình Đẳng"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Plain ASCII addresses survive being pasted into Zalo, SMS and school notices.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# The free hotline of Cần Thơ's Social Work Centre; editors can change it in the site settings.
HOTLINE_NUMBER = "1800 8065"

# API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous call gets 401 with a WWW-Authenticate header.
        "lms.accounts.signed_in.CachedTokenAuthentication",
        "lms.accounts.signed_in.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["lms.core.api.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "lms.core.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "lms.core.api.AnonRateThrottle",
        "lms.core.api.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
    "EXCEPTION_HANDLER": "lms.core.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "lms.core.api_schema.ApiSchema",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Học Bình Đẳng API",
    "DESCRIPTION": _(
        "Lessons, quizzes, contests and the reach of gender-equality knowledge in schools."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Only our API: Wagtail's internal admin API is not part of the public contract.
    "PREPROCESSING_HOOKS": ["lms.core.api.public_endpoints_only"],
    # Quizzes and contests both have an `audience`: name the contest's enum so they do not clash.
    "ENUM_NAME_OVERRIDES": {
        "ContestAudienceEnum": "quizzes.contests.pages.ContestAudience",
        # Reach's two measures each have a `group`, with their own choices.
        "PupilsGroupEnum": "lms.reach.selectors.GROUPS",
        "PeopleGroupEnum": "lms.reach.selectors.PEOPLE_GROUPS",
    },
}

# Logs: one line per record on standard error (the journal), JSON unless a developer's DEBUG.
LOGGING = logging_config(
    format=env.str("LOG_FORMAT", default="console" if DEBUG else "json"),
    level=env.str("LOG_LEVEL", default="WARNING"),
    request_level=env.str("REQUEST_LOG_LEVEL", default="INFO"),
)
SLOW_REQUEST_SECONDS = env.float("SLOW_REQUEST_SECONDS", default=1.0)

# Metrics at /metrics on each app server: for Prometheus on these addresses, or with the token.
METRICS_ALLOWED_ADDRESSES = env.list("METRICS_ALLOWED_ADDRESSES", default=["127.0.0.1", "::1"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
for _entry in METRICS_ALLOWED_ADDRESSES:
    try:
        ipaddress.ip_network(_entry, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_ADDRESSES: {_entry!r} is not an address or a network ({_error})"
        ) from None

# Error reports to Sentry when SENTRY_DSN is given, scrubbed of personal data
# (lms.core.error_reports).
error_reports.start(
    dsn=env.str("SENTRY_DSN", default=""),
    environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    release=env.str("SENTRY_RELEASE", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
