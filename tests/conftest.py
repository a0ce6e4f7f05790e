import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fast_passwords_and_clean_cache(settings):
    """Argon2 is deliberately slow; tests that pin the hasher ask for it themselves."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
