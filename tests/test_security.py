"""Security: headers, password guessing on /admin/, error pages that leak nothing."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")


def attempt(client, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN,
        {"username": "coordinatrice", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def test_every_page_sends_the_security_headers(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_inline_script_runs_without_the_nonce(client):
    page = client.get(reverse("actions:list")).text
    for tag in page.split("<script")[1:]:
        assert 'src="' in tag.split(">")[0]


def test_five_wrong_passwords_lock_the_account_from_that_address(client, coordinator):
    for _ in range(5):
        attempt(client, "mauvais")
    locked = attempt(client, "mot-de-passe-solide")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.text
    assert "Réessayez dans 15 minutes" in locked.text


def test_the_lock_is_for_that_address_only(client, coordinator):
    for _ in range(5):
        attempt(client, "mauvais")
    other = attempt(Client(), "mot-de-passe-solide", address="198.51.100.9")
    assert other.status_code == 302


def test_four_wrong_passwords_do_not_lock(client, coordinator):
    for _ in range(4):
        attempt(client, "mauvais")
    assert attempt(client, "mot-de-passe-solide").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, coordinator, settings):
    for _ in range(5):
        attempt(client, "mauvais")
    call_command("axes_reset_username", "coordinatrice", verbosity=0)
    assert attempt(client, "mot-de-passe-solide").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_real_client_address_is_locked(client, coordinator):
    # What one proxy (TRUSTED_PROXY_COUNT=1) sends: the address it saw, appended last.
    for _ in range(5):
        attempt(client, "mauvais", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    same_client = attempt(
        Client(), "mot-de-passe-solide", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert same_client.status_code == 429
    spoofing = attempt(
        Client(),
        "mot-de-passe-solide",
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7",
    )
    assert spoofing.status_code == 429
    other_client = attempt(
        Client(), "mot-de-passe-solide", address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert other_client.status_code == 302


def test_a_missing_page_is_a_french_404_that_leaks_nothing(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert "Traceback" not in response.text
    assert "urlpatterns" not in response.text


def test_a_server_error_is_a_french_500_that_leaks_nothing():
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.urls_broken"):
        response = client.get("/casse/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
    assert "secret interne" not in response.content.decode()


@contextmanager
def database_unreachable():
    """PostgreSQL: the connection goes to a closed port, as when the server is down. SQLite's
    test base lives in memory and cannot be closed: opening a cursor fails instead."""
    if connection.vendor == "sqlite":

        def refuse(*args, **kwargs):
            raise OperationalError("unable to open database file")

        original = connection.create_cursor
        connection.create_cursor = refuse
        try:
            yield
        finally:
            connection.create_cursor = original
        return
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_is_a_french_503_and_the_site_comes_back():
    ActionFactory(title="Toujours là")
    url = reverse("actions:list")
    client = Client(raise_request_exception=False)
    with database_unreachable():
        down = client.get(url)
    assert down.status_code == 503
    assert "Service momentanément indisponible" in down.text
    assert down["Retry-After"] == "30"
    back = client.get(url)
    assert back.status_code == 200
    assert "Toujours là" in back.text


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.9", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.9, 203.0.113.7", "203.0.113.7"),
        (2, "203.0.113.7, 192.0.2.1", "203.0.113.7"),
    ],
)
def test_the_client_address_is_the_one_our_proxies_wrote(settings, proxies, forwarded, expected):
    from django.test import RequestFactory

    from citeeducative.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
