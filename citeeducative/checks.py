"""``check --deploy``: settings that must be right before the site goes live."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

from .client_ip import trusted_networks


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


@register(Tags.security, deploy=True)
def proxy_settings_agree(app_configs, **kwargs):
    """The login lockout counts failures by the client's address (``client_ip``). Whether a
    proxy stands in front is known from two settings that must agree: a proxy that terminates
    HTTPS sets BEHIND_HTTPS_PROXY (or every request would be redirected to HTTPS again), and
    TRUSTED_PROXY_COUNT counts it. At run time, X-Forwarded-For is believed only from a peer
    in TRUSTED_PROXY_NETWORKS, which must not take in the whole Internet."""
    behind_proxy = settings.SECURE_PROXY_SSL_HEADER is not None
    count = settings.TRUSTED_PROXY_COUNT
    warnings = []
    if count and not behind_proxy:
        warnings.append(
            Warning(
                f"TRUSTED_PROXY_COUNT vaut {count} mais BEHIND_HTTPS_PROXY est faux : sans proxy "
                "devant gunicorn, un client choisirait son adresse par X-Forwarded-For et "
                "échapperait au blocage des essais de mots de passe.",
                hint="Avec un proxy HTTPS : BEHIND_HTTPS_PROXY=True. Sans proxy : "
                "TRUSTED_PROXY_COUNT=0.",
                id="citeeducative.W002",
            )
        )
    if behind_proxy and not count:
        warnings.append(
            Warning(
                "BEHIND_HTTPS_PROXY est vrai mais TRUSTED_PROXY_COUNT vaut 0 : tous les "
                "visiteurs ont l'adresse du proxy, et cinq échecs bloquent un compte pour tous.",
                hint="TRUSTED_PROXY_COUNT=1 pour un proxy (nginx, Caddy…) devant gunicorn.",
                id="citeeducative.W003",
            )
        )
    public = [network for network in trusted_networks() if not network.is_private]
    if count and public:
        warnings.append(
            Warning(
                "TRUSTED_PROXY_NETWORKS contient des adresses publiques "
                f"({', '.join(map(str, public))}) : un client qui s'y trouve choisirait son "
                "adresse par X-Forwarded-For.",
                hint="N'y mettez que l'adresse de vos proxys.",
                id="citeeducative.W004",
            )
        )
    return warnings
