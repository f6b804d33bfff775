from django.conf import settings


def client_ip(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT reverse proxies, each appends the address
    it saw to X-Forwarded-For: the client is the entry our outermost proxy wrote, counted from the
    right; whatever a client writes in the header itself stands further left and is ignored."""
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    count = settings.TRUSTED_PROXY_COUNT
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
