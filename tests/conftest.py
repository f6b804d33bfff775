import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User

from actions.loading import catalogue_load

pytest_plugins = ["tests.browser"]


@pytest.fixture
def catalogue(db):
    """The 2020-2022 livret as transcribed in fixtures/."""
    return catalogue_load(directory=settings.FIXTURES_DIR)


@pytest.fixture
def coordinator(db):
    user = User.objects.create_user("coordinatrice", password="mot-de-passe-solide", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["actions", "contacts", "partners"])
    )
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test starts with an empty in-memory cache (livrets are cached)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
