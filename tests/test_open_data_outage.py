"""During a database outage the open data answer like every page: the French 503, never a
file that starts with a 200 and stops half-way."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ActionFactory
from tests.test_security import database_unreachable

EXPORTS = ["opendata:csv", "opendata:json", "opendata:data_inclusion"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url_name", EXPORTS)
def test_an_export_during_an_outage_is_the_french_503_and_comes_back(url_name):
    ActionFactory(title="Toujours exportée")
    client = Client(raise_request_exception=False)
    b"".join(client.get(reverse(url_name)).streaming_content)  # what the cache keeps, kept
    with database_unreachable():
        down = client.get(reverse(url_name))
    assert down.status_code == 503
    assert not down.streaming
    assert "Service momentanément indisponible" in down.text
    assert down["Retry-After"] == "30"
    back = client.get(reverse(url_name))
    assert back.status_code == 200
    assert "Toujours exportée" in b"".join(back.streaming_content).decode()
