"""Settings come from the environment; production ones pass Django's deployment check."""

import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "t3st-0nly-" + "k9#Xq2!vZ7@pL4$wR8^mN1&bT6*" * 2,
    "ALLOWED_HOSTS": "citeeducative.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://citeeducative.example.org",
    "BEHIND_HTTPS_PROXY": "True",
    "TRUSTED_PROXY_COUNT": "1",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://citeeducative.example.org",
}


def manage(*args, **environment):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_check_asks_for_the_public_address():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SITE_URL"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode != 0
    assert "citeeducative.W001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY est obligatoire quand DEBUG vaut False."),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS est obligatoire quand DEBUG vaut False"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    environment = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_wrong_boolean_is_a_clear_error():
    result = manage("check", DEBUG="peut-être")
    assert "DEBUG doit valoir True ou False" in result.stderr


def test_a_wrong_number_is_a_clear_error():
    result = manage("check", CATALOGUE_PAGE_SIZE="trente")
    assert "CATALOGUE_PAGE_SIZE doit être un nombre entier" in result.stderr


def test_redis_is_the_cache_when_redis_url_is_set():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default'])",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert "RedisCache" in result.stdout


def test_without_redis_the_cache_is_kept_in_files():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])"
    )
    assert "citeeducative.caching.FileCache" in result.stdout


def test_postgresql_connections_tell_the_planner_the_catalogue_is_in_memory():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/citeeducative",
    )
    assert "-c random_page_cost=1.1" in result.stdout


def test_a_wrong_planner_cost_is_a_clear_error():
    result = manage(
        "check",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/citeeducative",
        DB_RANDOM_PAGE_COST="1; DROP",
    )
    assert "DB_RANDOM_PAGE_COST doit être un nombre" in result.stderr


def test_a_wrong_listed_limit_is_a_clear_error():
    result = manage("check", CATALOGUE_LISTED_LIMIT="mille")
    assert "CATALOGUE_LISTED_LIMIT doit être un nombre entier" in result.stderr


def test_sqlite_connections_read_the_file_mapped_in_memory(tmp_path):
    result = manage(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA mmap_size').fetchone()[0])",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.stdout.split()[-1] == "268435456"


def test_kept_connections_are_checked_before_a_request_reuses_them():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/citeeducative",
    )
    assert result.stdout.split()[-2:] == ["60", "True"]


def test_the_file_cache_has_a_chosen_size():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])"
    )
    assert "'MAX_ENTRIES': 2000" in result.stdout
    assert "'CULL_FREQUENCY': 3" in result.stdout
