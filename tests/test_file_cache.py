"""The file cache that keeps pages and option lists when there is no Redis."""

import pickle

import pytest

from citeeducative.caching import FileCache


@pytest.fixture
def file_cache(tmp_path):
    return FileCache(str(tmp_path), {})


PAGE = ("<html>" + "<li class='action-card'>Fiche</li>" * 2000 + "</html>", "text/html")


def test_it_reads_back_what_it_keeps(file_cache):
    file_cache.set("page", PAGE)
    assert file_cache.get("page") == PAGE


def test_it_keeps_pages_compressed(file_cache, tmp_path):
    file_cache.set("page", PAGE)
    (stored,) = tmp_path.glob("*.djcache")
    assert stored.stat().st_size < len(pickle.dumps(PAGE)) / 5


def test_an_expired_entry_is_gone(file_cache):
    file_cache.set("page", PAGE, timeout=-1)
    assert file_cache.get("page") is None
