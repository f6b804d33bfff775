"""The Cité éducative itself: the one row that names the portal, its territory and its look.

Nothing in the code or the templates names a city: another Cité éducative runs the portal with
its own row (and its own ``fixtures/``). Beside it, the version of the catalogue that cached
pages are keyed on."""

import re
import uuid

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .richtext import sanitize_html

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Une couleur s'écrit #RRVVBB, ex. #0b4f8a."))


class CiteEducativeQuerySet(models.QuerySet):
    def current(self):
        """The Cité éducative the portal is for (None before the first load), read once per
        catalogue version: every page shows it."""
        from .caching import catalogue_version

        key = f"cite:{catalogue_version()}"
        found = cache.get(key)
        if found is None:
            found = self.first() or False
            cache.set(key, found, timeout=None)
        return found or None


class CiteEducative(models.Model):
    """The presentation the home page gives of the Cité éducative, and what every page, livret
    and export says of it; a single row."""

    name = models.CharField(_("nom"), max_length=150, help_text=_("Ex. : Cité éducative de …"))
    territory = models.CharField(
        _("territoire"),
        max_length=100,
        blank=True,
        help_text=_("La commune ou le territoire, comme l'en-tête du site l'affiche."),
    )
    steering = models.CharField(
        _("pilotage"),
        max_length=255,
        blank=True,
        help_text=_("Les institutions qui la pilotent, comme la couverture du livret les cite."),
    )
    presentation = models.TextField(_("présentation"), blank=True)
    pupil_count = models.PositiveIntegerField(_("nombre d'élèves"), null=True, blank=True)
    source = models.CharField(_("source des chiffres"), max_length=255, blank=True)
    coordination_email = models.EmailField(_("e-mail de la coordination"), blank=True)
    insee_code = models.CharField(
        _("code INSEE de la commune"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d[\dAB]\d{3}$", _("Cinq caractères, ex. 59512."))],
    )
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    brand_colour = models.CharField(
        _("couleur principale"), max_length=7, default="#0b4f8a", validators=[COLOUR]
    )
    logo = models.ImageField(_("logo"), upload_to="cite/", blank=True)

    objects = CiteEducativeQuerySet.as_manager()

    class Meta:
        db_table = "actions_citeeducative"
        verbose_name = _("Cité éducative")
        verbose_name_plural = _("Cité éducative")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.presentation = sanitize_html(self.presentation)
        super().save(*args, **kwargs)

    @property
    def brand_dark_colour(self):
        """The main colour three quarters as bright: links on hover, pressed buttons."""
        red, green, blue = (int(part, 16) for part in re.findall("..", self.brand_colour[1:]))
        return "#" + "".join(f"{int(channel * 0.75):02x}" for channel in (red, green, blue))


class CatalogueVersion(models.Model):
    """What the public pages show, as one token (``caching.catalogue_version``): every change to
    the catalogue draws a new one in its own transaction, so that a page is cached under the
    token of the contents it was made from. Kept in the database, it cannot be lost by a cache
    that culls or fails; drawn at random rather than counted, a row restored or created anew
    never takes a token that pages were cached under for other contents."""

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("version du catalogue")

    def __str__(self):
        return self.token.hex
