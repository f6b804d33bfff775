from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Contact(models.Model):
    """One person, linked to as many fiches as needed, so that a new phone number is typed once."""

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    title = models.CharField(_("fonction"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="contact_email_unique_ci",
                violation_error_message=_("Un contact a déjà cette adresse e-mail."),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name.upper()}"

    def get_absolute_url(self):
        return reverse("contacts:list") + f"#{self.slug}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def phone_uri(self):
        digits = "".join(char for char in self.phone if char.isdigit() or char == "+")
        if digits.startswith("0") and len(digits) == 10:
            digits = "+33" + digits[1:]
        return f"tel:{digits}"


class ActionContact(models.Model):
    """The role a contact holds on a fiche, in the order the fiche lists them."""

    class Role(models.TextChoices):
        TROIKA = "troika", _("Troïka")
        VILLE = "ville", _("Ville")
        STRUCTURE = "structure", _("Structure")
        MEDIATHEQUE = "mediatheque", _("Médiathèque")
        REGION = "region", _("Région")

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="contact_links"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.PROTECT, related_name="action_links"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact de la fiche")
        verbose_name_plural = _("contacts de la fiche")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "contact", "role"],
                name="action_contact_role_unique",
                violation_error_message=_("Ce contact a déjà ce rôle sur cette fiche."),
            ),
        ]

    def __str__(self):
        return f"{self.contact} ({self.get_role_display()})"
