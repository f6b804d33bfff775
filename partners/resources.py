"""Spreadsheet resource of the structures (partners and operators), one a row, by slug."""

from actions.resources import CatalogueResource
from spreadsheets.cells import ChoiceWidget
from spreadsheets.columns import Column

from .models import Organisation


class OrganisationResource(CatalogueResource):
    slug = Column("identifiant", "slug")
    name = Column("nom", "name")
    acronym = Column("sigle", "acronym")
    kind = Column("type", "kind", ChoiceWidget(Organisation.Kind, default=Organisation.Kind.AUTRE))
    description = Column("description", "description")
    website = Column("site internet", "website")

    required_columns = ("nom",)

    class Meta(CatalogueResource.Meta):
        model = Organisation
        name = "Structures"
        fields = ("slug", "name", "acronym", "kind", "description", "website")
        import_order = export_order = fields
        import_id_fields = ["slug"]

    def check_instance(self, instance, row, errors):
        if not instance.slug and instance.name and "slug" not in errors:
            instance.slug = self.unique_slug(instance.name, Organisation, 80)
        return super().check_instance(instance, row, errors)
