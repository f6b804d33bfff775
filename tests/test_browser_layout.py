"""On a phone, nothing moves once drawn: the filters are folded from the first paint, the
print button has its room before it shows (layout shift measured by the browser)."""

import pytest
from django.conf import settings
from django.urls import reverse

from citeeducative.loading import catalogue_load
from tests.livret_fiches import livret_fiche

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Sums the layout shifts the browser reports, as Lighthouse's CLS does for one load.
MEASURE_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="fr-FR",
        viewport={"width": 412, "height": 823},
        device_scale_factor=1.75,
        is_mobile=True,
        has_touch=True,
    )
    context.add_init_script(MEASURE_SHIFTS)
    page = context.new_page()
    # A slow mobile network: the page is drawn before its scripts arrive, as on a phone.
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 300,
            "downloadThroughput": 50_000,
            "uploadThroughput": 50_000,
        },
    )
    yield page
    context.close()


def layout_shift(page, url):
    page.goto(url, wait_until="load", timeout=60_000)
    page.wait_for_timeout(500)
    return page.evaluate("window.layoutShift")


def test_the_catalogue_does_not_move_as_its_filters_fold(phone, live_server, livret):
    assert layout_shift(phone, live_server.url + reverse("actions:list")) == 0
    assert phone.evaluate("document.querySelector('.filters__more').open") is False
    summary = phone.locator(".filters__more > summary")
    summary.click()
    assert phone.get_by_label("Âge (en années)").is_visible()


def test_a_fiche_does_not_move_as_its_print_button_shows(phone, live_server, livret):
    url = live_server.url + livret_fiche(2).get_absolute_url()
    assert layout_shift(phone, url) == 0
    assert phone.get_by_role("button", name="Imprimer").is_visible()


def test_on_a_desktop_the_filters_stay_open(page, live_server, livret):
    page.goto(live_server.url + reverse("actions:list"))
    assert page.get_by_label("Âge (en années)").is_visible()
