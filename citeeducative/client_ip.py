import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT reverse proxies, each appends the address
    it saw to X-Forwarded-For: the client is the entry our outermost proxy wrote, counted from the
    right; whatever a client writes in the header itself stands further left and is ignored.

    The header is believed only from a peer in TRUSTED_PROXY_NETWORKS (our proxy's address:
    loopback or a private network by default). A request that reaches gunicorn straight from
    the Internet, with no proxy in front, would otherwise choose its own address, a new one at
    each password tried, and never be locked out."""
    peer = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return peer
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if not is_trusted_proxy(peer):
        if forwarded:
            logger.warning(
                "X-Forwarded-For ignoré : %s n'est pas dans TRUSTED_PROXY_NETWORKS, la requête "
                "n'est pas passée par le proxy (le site est-il joignable sans lui ?).",
                peer,
            )
        return peer
    if len(forwarded) >= count:
        return forwarded[-count]
    return peer


def is_trusted_proxy(address):
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in network for network in trusted_networks())


def trusted_networks():
    return [ipaddress.ip_network(network) for network in settings.TRUSTED_PROXY_NETWORKS]
