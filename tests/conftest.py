import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
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
    from lms.live_pages import kept_routes
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
