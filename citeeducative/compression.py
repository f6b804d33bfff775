"""Gzip for what the public reads, never for a response that may hold a secret.

BREACH recovers a secret from the size of compressed responses that also reflect what an
attacker sends (a search, a filter). Compression is therefore kept to anonymous visitors (no
session worth stealing, no draft, no editorial note). A form's CSRF token is no such secret:
Django masks it anew in every response, so no two pages carry the same bytes for it, and its
middleware adds random bytes to each response as well ("Heal The Breach"). Static files are
compressed ahead of time by whitenoise, which serves them before this middleware is reached.
"""

from django.middleware.gzip import GZipMiddleware

# Text worth compressing; PDFs, images and fonts are compressed already.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/javascript",
    "image/svg+xml",
)


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if self.may_hold_a_secret(request, response):
            return response
        return super().process_response(request, response)

    @staticmethod
    def may_hold_a_secret(request, response):
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated:
            return True
        return not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
