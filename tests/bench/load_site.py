"""The site as gunicorn serves it in the quiz load benchmark, plus the floor to compare against.

Used as DJANGO_SETTINGS_MODULE by `bench_quiz_load.py` only: the production settings with one more
URL (see load_urls.py), `/bench/floor/<attempt>/<slot>/`, a bare Django view doing the one indexed
upsert an autosave cannot do without (no DRF, no authentication, no validation). Never part of the
real site.
"""

from lms.settings import *  # noqa: F403 (the real settings, unchanged)

ROOT_URLCONF = "tests.bench.load_urls"
