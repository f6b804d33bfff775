"""The repository is in order: migrations match the models, the code passes ruff."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def ruff(*args):
    executable = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    return subprocess.run([executable, *args, str(ROOT)], capture_output=True, text=True)


def test_the_code_passes_the_linter():
    result = ruff("check")
    assert result.returncode == 0, result.stdout


def test_the_code_is_formatted():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout


@pytest.mark.django_db  # SQLite's JSON support (the task queue's JSON fields) is checked live
def test_the_deployment_check_has_no_error():
    call_command("check", fail_level="ERROR")
