import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from citeeducative.loading import catalogue_load
from citeeducative.permissions import COORDINATION, READ_ONLY, sync_groups

pytest_plugins = ["tests.browser", "tests.editions_kind", "tests.smtp"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite's test database in a file rather than in memory, so that a real worker process
    (tests/test_worker_process.py) can open it."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )


@pytest.fixture
def catalogue(db):
    """The 2020-2022 livret as transcribed in fixtures/."""
    return catalogue_load(directory=settings.FIXTURES_DIR)


def _staff_member(username, group_name):
    sync_groups()  # A transactional test flushes the groups that migrate created.
    user = User.objects.create_user(username, password="mot-de-passe-solide", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def coordinator(db):
    return _staff_member("coordinatrice", COORDINATION)


@pytest.fixture
def reader(db):
    """A member of the read-only group: sees the back office, changes nothing."""
    return _staff_member("lectrice", READ_ONLY)


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture(autouse=True)
def tasks_in_process(settings, tmp_path, monkeypatch):
    """Tasks run as they are enqueued (the worker's own tests use the database backend), and
    the PDF editions they make, like the files of import previews, go to folders of the
    test's own."""
    from django.core.files.storage import storages

    from editions.models import Edition

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "editions": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "editions")},
        },
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "imports")},
        },
    }
    # The field took its storage when the model was defined.
    monkeypatch.setattr(Edition.file.field, "storage", storages["editions"])


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test starts with an empty in-memory cache (pages and option lists are cached)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
