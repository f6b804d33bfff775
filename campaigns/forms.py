from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact

from .fiches import CONTACT_FIELDS, cleaned, contacts_of, snapshot


class FicheAnswerForm(forms.Form):
    """The fiche's editable fields, filled with the fiche as it is, and a contact's details
    for each of its contacts (``contact-<id>-<field>``)."""

    title = forms.CharField(label=_("Titre"), max_length=255)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Texte mis en forme en HTML simple : paragraphes <p>, listes <ul><li>, gras <strong>."
        ),
    )
    perimeter_details = forms.CharField(
        label=_("Précisions sur le périmètre"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Écoles, quartiers ou sites concernés."),
    )
    objectives = forms.CharField(
        label=_("Objectifs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Un objectif par ligne."),
    )
    comment = forms.CharField(
        label=_("Autre chose à signaler à la coordination"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Publics, partenaires, opérateurs… ce qui ne figure pas ci-dessus."),
    )

    def __init__(self, action, *args, **kwargs):
        current = snapshot(action)
        super().__init__(
            *args, initial={**current, "objectives": "\n".join(current["objectives"])}, **kwargs
        )
        self.contacts = contacts_of(action)
        for contact in self.contacts:
            for name, label in CONTACT_FIELDS.items():
                field_class = forms.EmailField if name == "email" else forms.CharField
                self.fields[self.contact_key(contact, name)] = field_class(
                    label=label,
                    required=name in ("first_name", "last_name"),
                    max_length=Contact._meta.get_field(name).max_length,
                    initial=current["contacts"][str(contact.pk)][name],
                )

    @staticmethod
    def contact_key(contact, name):
        return f"contact-{contact.pk}-{name}"

    def contact_groups(self):
        """[(contact, [its bound fields…])…], for the template."""
        return [
            (contact, [self[self.contact_key(contact, name)] for name in CONTACT_FIELDS])
            for contact in self.contacts
        ]

    def proposed(self):
        """The fiche as the person wrote it, in the shape of ``fiches.snapshot``, cleaned."""
        data = self.cleaned_data
        return cleaned(
            {
                "title": data["title"],
                "description": data["description"],
                "perimeter_details": data["perimeter_details"],
                "objectives": data["objectives"].splitlines(),
                "contacts": {
                    str(contact.pk): {
                        name: data[self.contact_key(contact, name)] for name in CONTACT_FIELDS
                    }
                    for contact in self.contacts
                },
            }
        )
