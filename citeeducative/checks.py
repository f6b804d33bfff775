"""``check --deploy``: the public address must be set before the site goes live."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """Canonical links, the sitemap, robots.txt and e-mails give SITE_URL: left at its
    development value, search engines and readers would be sent to 127.0.0.1."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme == "https" and address.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return []
    return [
        Warning(
            f"SITE_URL vaut {settings.SITE_URL!r} : indiquez l'adresse publique du site en "
            "HTTPS (ex. https://catalogue.cite-educative.fr).",
            hint="Liens canoniques, plan du site, robots.txt et e-mails la donnent.",
            id="citeeducative.W001",
        )
    ]
