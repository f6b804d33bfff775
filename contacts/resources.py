"""Spreadsheet resource of the contacts directory: one person a row, by slug; the structure by
its slug. A fiche names its contacts by slug or e-mail (``actions.resources.ActionResource``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actions.resources import CatalogueResource
from partners.models import Organisation
from spreadsheets.columns import Column, ForeignKeyColumn

from .models import Contact


class ContactResource(CatalogueResource):
    slug = Column("identifiant", "slug")
    first_name = Column("prénom", "first_name")
    last_name = Column("nom", "last_name")
    title = Column("fonction", "title")
    organisation = ForeignKeyColumn(
        "structure",
        "organisation",
        Organisation,
        unknown=gettext_lazy("structure inconnue « %(value)s »."),
    )
    email = Column("e-mail", "email")
    phone = Column("téléphone", "phone")

    required_columns = ("prénom", "nom")
    import_prefetch = ("organisation",)
    export_select_related = ("organisation",)

    class Meta(CatalogueResource.Meta):
        model = Contact
        name = "Contacts"
        fields = ("slug", "first_name", "last_name", "title", "organisation", "email", "phone")
        import_order = export_order = fields
        import_id_fields = ["slug"]

    def check_instance(self, instance, row, errors):
        if not instance.slug and instance.last_name and "slug" not in errors:
            instance.slug = self.unique_slug(
                f"{instance.first_name} {instance.last_name}", Contact, 80
            )
        problems = super().check_instance(instance, row, errors)
        if instance.email and "email" not in errors:
            problem = self._email_problem(instance)
            if problem:
                problems["email"] = problem
        return problems

    def _email_problem(self, instance):
        # The database refuses two contacts with one address (whatever the case): say which.
        email = instance.email.casefold()
        first = self.seen_before("email", email, self._line)
        if first:
            return _("l'adresse %(email)s est aussi celle de la ligne %(line)d du fichier.") % {
                "email": instance.email,
                "line": first,
            }
        other = (
            Contact.objects.filter(email__iexact=instance.email)
            .exclude(pk=instance.pk)
            .values_list("slug", flat=True)
            .first()
        )
        if other:
            return _("l'adresse %(email)s est déjà celle du contact « %(slug)s ».") % {
                "email": instance.email,
                "slug": other,
            }
        return None
