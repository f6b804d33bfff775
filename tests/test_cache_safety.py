"""What the cache keeps may be lost or refused at any time: a page is then made again, never
served from before a change, and never a server error."""

import errno
import logging

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from actions.models import Action
from citeeducative.caching import FileCache, catalogue_version
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

MAX_ENTRIES = 30


class FullDisk(FileCache):
    """A file cache on a disk with no room left: every write fails."""

    def _write_content(self, file, timeout, value):
        raise OSError(errno.ENOSPC, "No space left on device")


class FailingDisk(FileCache):
    """A file cache whose files are written but cannot be read back."""

    def _is_expired(self, file):
        raise OSError(errno.EIO, "Input/output error")


def use_cache(settings, backend, location, **options):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": location, "OPTIONS": options}}


def test_a_flooded_file_cache_never_brings_back_an_unpublished_fiche(client, settings, tmp_path):
    use_cache(
        settings,
        "citeeducative.caching.FileCache",
        str(tmp_path),
        MAX_ENTRIES=MAX_ENTRIES,
        CULL_FREQUENCY=3,
    )
    action = ActionFactory(title="Fiche bientôt retirée")
    # The fiche cached under many addresses, so that some copies outlive each cull.
    copies = [f"{action.get_absolute_url()}?retour=page-{number}" for number in range(8)]
    for url in [reverse("actions:list"), *copies]:
        assert client.get(url).status_code == 200
    action.status = Action.Status.DRAFT
    action.save()
    other = ActionFactory()
    for flood in range(20):
        # Other pages fill the cache past its limit: each round culls a third of the files,
        # while coordinators go on editing.
        for number in range(MAX_ENTRIES // 3 + 1):
            cache.set(f"page:other:{flood}:{number}", "<html>autre page</html>")
        for _edit in range(4):
            other.save()
            assert all(client.get(url).status_code == 404 for url in copies)
        assert "Fiche bientôt retirée" not in client.get(reverse("actions:list")).text
    assert len(list(tmp_path.glob("*.djcache"))) <= MAX_ENTRIES


def test_a_change_rolled_back_keeps_the_catalogue_version():
    action = ActionFactory()
    before = catalogue_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        action.title = "Jamais enregistré"
        action.save()
        assert catalogue_version() != before
        raise RuntimeError
    assert catalogue_version() == before


@pytest.mark.parametrize(
    ("backend", "location"),
    [
        ("tests.test_cache_safety.FullDisk", "disk"),
        ("tests.test_cache_safety.FailingDisk", "disk"),
        ("citeeducative.caching.RedisCache", "redis://127.0.0.1:1/0"),
    ],
    ids=["full disk", "unreadable disk", "Redis out of reach"],
)
def test_a_failing_cache_serves_every_page_uncached_and_says_so(
    client, settings, tmp_path, caplog, backend, location
):
    use_cache(settings, backend, str(tmp_path) if location == "disk" else location)
    action = ActionFactory(title="Ateliers parents")
    with caplog.at_level(logging.WARNING, logger="citeeducative.caching"):
        for _visit in range(2):
            assert client.get(reverse("home")).status_code == 200
            for url in [reverse("actions:list"), action.get_absolute_url()]:
                response = client.get(url)
                assert response.status_code == 200, url
                assert "Ateliers parents" in response.text
    assert "servi sans cache" in caplog.text
