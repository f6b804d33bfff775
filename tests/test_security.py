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


def test_a_bad_request_is_a_french_400():
    response = Client(HTTP_HOST="site-inconnu.example").get("/")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.text
    assert "Bad Request" not in response.text


def test_the_page_for_an_address_too_long_is_french(client):
    response = client.get(reverse("request_too_long"))
    assert response.status_code == 414
    assert "Adresse trop longue" in response.text


def test_a_form_sent_without_its_token_gets_a_french_403():
    response = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.text


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_rotating_forwarded_address_sent_straight_to_gunicorn_is_still_locked(
    client, coordinator
):
    # No proxy in front: the peer is the attacker itself, on a public address.
    for index in range(5):
        attempt(client, "mauvais", HTTP_X_FORWARDED_FOR=f"198.51.100.{index}")
    locked = attempt(Client(), "mot-de-passe-solide", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert locked.status_code == 429


@pytest.mark.parametrize(
    ("peer", "expected"),
    [("10.0.0.1", "203.0.113.7"), ("127.0.0.1", "203.0.113.7"), ("192.0.2.50", "192.0.2.50")],
)
def test_the_forwarded_address_is_believed_from_our_proxy_networks_only(settings, peer, expected):
    from django.test import RequestFactory

    from citeeducative.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == expected


def deploy_warnings(ids):
    from django.core.checks import run_checks

    return sorted(
        check.id for check in run_checks(include_deployment_checks=True) if check.id in ids
    )


PROXY_CHECKS = {"citeeducative.W002", "citeeducative.W003", "citeeducative.W004"}


@pytest.mark.parametrize(
    ("proxy_header", "count", "networks", "expected"),
    [
        (("HTTP_X_FORWARDED_PROTO", "https"), 1, ["127.0.0.0/8"], []),
        (None, 0, ["127.0.0.0/8"], []),
        (None, 1, ["127.0.0.0/8"], ["citeeducative.W002"]),
        (("HTTP_X_FORWARDED_PROTO", "https"), 0, ["127.0.0.0/8"], ["citeeducative.W003"]),
        (("HTTP_X_FORWARDED_PROTO", "https"), 1, ["0.0.0.0/0"], ["citeeducative.W004"]),
    ],
)
def test_check_deploy_warns_when_the_proxy_settings_disagree(
    settings, proxy_header, count, networks, expected
):
    settings.SECURE_PROXY_SSL_HEADER = proxy_header
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXY_NETWORKS = networks
    assert deploy_warnings(PROXY_CHECKS) == expected
