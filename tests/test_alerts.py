"""Saved searches with e-mail alerts: subscribe from the catalogue, confirm (double opt-in),
one digest of what is new, unsubscribe from any mail."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from alerts import tasks
from alerts.digests import send_digests
from alerts.models import Subscription
from alerts.tokens import CONFIRM, UNSUBSCRIBE, token
from tests.factories import ActionFactory, CiteEducativeFactory, SectorFactory

pytestmark = pytest.mark.django_db
SUBSCRIBE = reverse("alerts:subscribe")


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://catalogue.example"
    CiteEducativeFactory()


def subscribe(client, email="lea@example.org", search="q=parents"):
    return client.post(SUBSCRIBE, {"email": email, "recherche": search})


def link(message, name):
    path = reverse(f"alerts:{name}", kwargs={"token": "TOKEN"}).replace("TOKEN/", "")
    found = re.search(rf"https://catalogue\.example({re.escape(path)}[^/\s]+/)", message.body)
    return found.group(1)


def confirmed(email="lea@example.org", query="", days_ago=1):
    moment = timezone.now() - timedelta(days=days_ago)
    return Subscription.objects.create(
        email=email, query=query, confirmed_at=moment, notified_until=moment
    )


def test_the_catalogue_offers_to_follow_its_search(client):
    page = client.get(reverse("actions:list"), {"q": "parents", "page": "2"}).text
    assert "Recevoir les nouveautés de cette recherche" in page
    assert '<input type="hidden" name="recherche" value="q=parents">' in page
    assert reverse("alerts:privacy") in page


def test_subscribing_mails_a_confirmation_and_keeps_the_search(client, mailoutbox):
    SectorFactory(slug="nord")
    response = subscribe(client, email=" Lea@Example.org ", search="q=parents&secteur=nord")
    assert response.status_code == 200
    assert "Un e-mail de confirmation part vers lea@example.org" in response.text
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.query) == ("lea@example.org", "q=parents&secteur=nord")
    assert subscription.confirmed_at is None
    (message,) = mailoutbox
    assert message.to == ["lea@example.org"]
    assert message.subject == "Confirmez votre abonnement aux nouveautés du catalogue"
    assert "« parents »" in message.body and "Secteur : Secteur Nord" in message.body
    assert link(message, "confirm")


def test_a_search_is_kept_without_its_sort_and_page_and_in_one_order(client):
    SectorFactory(slug="nord")
    SectorFactory(slug="sud")
    subscribe(client, search="tri=titre&secteur=sud&page=2&secteur=nord&q=")
    assert Subscription.objects.get().query == "secteur=nord&secteur=sud"


def test_a_wrong_address_or_search_is_refused_in_french(client, mailoutbox):
    response = subscribe(client, email="pas-une-adresse")
    assert response.status_code == 400
    assert "Saisissez une adresse de courriel valide." in response.text
    response = subscribe(client, search="secteur=lune")
    assert response.status_code == 400
    assert "Cette recherche contient un critère inconnu" in response.text
    assert not Subscription.objects.exists() and mailoutbox == []


def test_the_confirmation_link_shows_a_button_and_only_the_button_confirms(client, mailoutbox):
    subscribe(client, search="q=parents")
    url = link(mailoutbox[0], "confirm")
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmer l'abonnement" in page.text
    assert Subscription.objects.get().confirmed_at is None  # A mail scanner opened the link.
    assert "Abonnement confirmé" in client.post(url).text
    assert Subscription.objects.get().confirmed_at is not None


def test_subscribing_again_sends_no_second_mail_the_same_day(client, mailoutbox):
    subscribe(client)
    response = subscribe(client)
    assert "Un e-mail de confirmation part vers" in response.text  # The same answer.
    assert len(mailoutbox) == 1
    assert Subscription.objects.count() == 1


def test_an_address_gets_three_confirmations_a_day_at_most(client, mailoutbox):
    for word in ["un", "deux", "trois", "quatre"]:
        subscribe(client, search=f"q={word}")
    assert len(mailoutbox) == 3
    assert Subscription.objects.count() == 3


def test_a_confirmed_search_is_not_confirmed_again(client, mailoutbox):
    confirmed(query="q=parents")
    subscribe(client, search="q=parents")
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["confirm", "unsubscribe"])
def test_a_forged_or_altered_link_reveals_nothing(client, name):
    subscription = confirmed()
    genuine = token(subscription, CONFIRM if name == "confirm" else UNSUBSCRIBE)
    for forged in [genuine[:-2] + "xx", signing.dumps(subscription.key, salt="autre"), "abc"]:
        response = client.get(reverse(f"alerts:{name}", kwargs={"token": forged}))
        assert response.status_code == 404
        assert subscription.email not in response.text


def test_an_unsubscribe_link_cannot_confirm(client):
    subscription = Subscription.objects.create(email="lea@example.org")
    url = reverse("alerts:confirm", kwargs={"token": token(subscription, UNSUBSCRIBE)})
    assert client.post(url).status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_an_old_confirmation_link_has_expired(client, monkeypatch):
    subscription = Subscription.objects.create(email="lea@example.org")
    eight_days_ago = int(time.time()) - 8 * 86400
    with monkeypatch.context() as past:
        past.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago)
        )
        old = token(subscription, CONFIRM)
    response = client.get(reverse("alerts:confirm", kwargs={"token": old}))
    assert response.status_code == 410
    assert "Ce lien ne sert plus" in response.text


def test_the_digest_lists_what_is_new_for_the_search(mailoutbox):
    nord = SectorFactory(slug="nord", name="Secteur Nord")
    subscription = confirmed(query="q=parents&secteur=nord")
    ActionFactory(title="Ateliers parents").sectors.add(nord)
    ActionFactory(title="Ateliers parents du sud").sectors.add(SectorFactory(slug="sud"))
    ActionFactory(title="Sport au collège")
    ActionFactory(title="Parents en brouillon", status=Action.Status.DRAFT)
    assert send_digests()["mailed"] == 1
    (message,) = mailoutbox
    assert message.subject == "1 fiche nouvelle ou mise à jour pour votre recherche"
    assert "Ateliers parents (nouvelle)" in message.body
    assert "du sud" not in message.body and "brouillon" not in message.body
    assert "https://catalogue.example/actions/?q=parents&secteur=nord" in message.body
    subscription.refresh_from_db()
    assert subscription.last_sent_at == subscription.notified_until


def test_a_fiche_is_mailed_once_then_again_when_it_changes(mailoutbox):
    confirmed()
    action = ActionFactory(title="Ateliers parents")
    send_digests()
    send_digests()
    assert len(mailoutbox) == 1
    action.title = "Ateliers des parents"
    action.save()
    send_digests()
    assert len(mailoutbox) == 2
    assert "Ateliers des parents (mise à jour)" in mailoutbox[1].body


def test_a_fiche_published_before_the_confirmation_is_not_news(mailoutbox):
    ActionFactory()
    confirmed(days_ago=0)
    assert send_digests()["mailed"] == 0


def test_an_unconfirmed_search_gets_no_digest_and_is_forgotten_after_a_week(mailoutbox):
    Subscription.objects.create(email="lea@example.org", confirmation_sent_at=timezone.now())
    old = Subscription.objects.create(email="old@example.org")
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    ActionFactory()
    counts = send_digests()
    assert (counts["mailed"], counts["purged"]) == (0, 1)
    assert list(Subscription.objects.values_list("email", flat=True)) == ["lea@example.org"]


def test_a_search_whose_criterion_is_gone_is_counted_not_widened(mailoutbox):
    confirmed(query="secteur=disparu")
    ActionFactory()
    assert send_digests()["invalid"] == 1
    assert mailoutbox == []


def test_every_mail_has_an_unsubscribe_link_and_the_one_click_headers(client, mailoutbox):
    subscribe(client)
    confirmed(email="zoe@example.org")
    ActionFactory()
    send_digests()
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        url = link(message, "unsubscribe")
        assert message.extra_headers["List-Unsubscribe"] == f"<https://catalogue.example{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "https://catalogue.example/alertes/donnees-personnelles/" in message.body
        html, _ = message.alternatives[0]
        assert f'href="https://catalogue.example{url}"' in html


def test_the_unsubscribe_link_shows_buttons_and_deletes_the_address(client):
    subscription = confirmed()
    url = reverse("alerts:unsubscribe", kwargs={"token": token(subscription, UNSUBSCRIBE)})
    assert "Me désabonner de cette recherche" in client.get(url).text
    assert Subscription.objects.exists()
    response = client.post(url, {"portee": "celle-ci"})
    assert "Désabonnement effectué" in response.text
    assert not Subscription.objects.exists()
    assert client.get(url).status_code == 410


def test_one_click_unsubscribing_needs_no_token_of_the_site(client):
    subscription = confirmed()
    url = reverse("alerts:unsubscribe", kwargs={"token": token(subscription, UNSUBSCRIBE)})
    client.handler.enforce_csrf_checks = True
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_unsubscribing_from_every_search_forgets_the_address(client):
    subscription = confirmed(query="q=un")
    confirmed(query="q=deux")
    confirmed(email="autre@example.org")
    url = reverse("alerts:unsubscribe", kwargs={"token": token(subscription, UNSUBSCRIBE)})
    client.post(url, {"portee": "toutes"})
    assert list(Subscription.objects.values_list("email", flat=True)) == ["autre@example.org"]


def test_the_privacy_notice_is_in_french_and_names_who_to_ask(client):
    page = client.get(reverse("alerts:privacy")).text
    assert "Vos données personnelles" in page
    assert "RGPD" in page and "CNIL" in page
    assert 'href="mailto:cite@valmont.example"' in page


def test_the_command_and_the_task_send_the_digests(mailoutbox, capsys):
    confirmed(email="un@example.org")
    ActionFactory()
    call_command("send_search_alerts")
    assert "1 e-mail(s) envoyé(s) pour 1 recherche(s) suivie(s)" in capsys.readouterr().out
    confirmed(email="deux@example.org")
    ActionFactory()
    result = tasks.send_search_alerts.enqueue()
    assert result.return_value["mailed"] == 2


def test_a_page_of_a_search_whose_criterion_is_gone_says_so(client):
    subscription = confirmed(query="secteur=disparu")
    url = reverse("alerts:unsubscribe", kwargs={"token": token(subscription, UNSUBSCRIBE)})
    assert "Un critère de cette recherche n'existe plus" in client.get(url).text
