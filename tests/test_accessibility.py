"""RGAA / WCAG 2.1 AA: axe-core finds no violation on the pages people use."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from citeeducative.loading import catalogue_load
from tests.livret_fiches import livret_fiche

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).with_name("vendor") / "axe.min.js"  # axe-core 4.14.1, from npm
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


@pytest.fixture
def audited_page(browser):
    # The site's CSP rightly refuses injected scripts; the audit needs to inject axe-core.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def violations(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("options => axe.run(document, options)", RULES)["violations"]
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
        for violation in found
    ]


@pytest.mark.parametrize(
    "path",
    [
        lambda: reverse("home"),
        lambda: reverse("actions:list"),
        lambda: reverse("actions:list") + "?q=parents&secteur=nord&age=abc",
        lambda: reverse("actions:list") + "?q=astronomie",
        lambda: livret_fiche(2).get_absolute_url(),
        lambda: reverse("contacts:list"),
        lambda: reverse("partners:list"),
        lambda: reverse("actions:list") + "?q=decrochaje",
        lambda: reverse("selection:page") + f"?fiche={livret_fiche(2).slug}",
        lambda: reverse("alerts:subscribe") + "?q=parents&secteur=nord",
        lambda: reverse("alerts:privacy"),
    ],
    ids=[
        "home",
        "catalogue",
        "catalogue-filtered",
        "catalogue-empty",
        "fiche",
        "contacts",
        "partners",
        "catalogue-suggestion",
        "selection-shared",
        "alert-subscription",
        "privacy",
    ],
)
def test_the_page_has_no_accessibility_violation(audited_page, live_server, livret, path):
    for width in (375, 1280):  # a phone, a desktop
        assert violations(audited_page, live_server.url + path(), width) == [], width
