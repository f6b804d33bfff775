from citeeducative.sitemaps import PublicSitemap

from .models import Action


class FicheSitemap(PublicSitemap):
    """Every published fiche, with its last change."""

    def items(self):
        return (
            Action.objects.published()
            .order_by("programmation", "number")
            .only("slug", "updated_at")
        )

    def lastmod(self, action):
        return action.updated_at
