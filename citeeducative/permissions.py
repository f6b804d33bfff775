"""The two groups of the back office, kept in step with the models at every migrate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# The apps whose records the back office keeps; and those it only shows (the PDF editions).
CATALOGUE_APPS = [
    "actions",
    "bilan",
    "campaigns",
    "citeeducative",
    "contacts",
    "livret",
    "partners",
]
SHOWN_APPS = ["editions"]
COORDINATION = "Coordination"
READ_ONLY = "Lecture seule"


def sync_groups(**kwargs):
    """Coordination edits the whole catalogue; Lecture seule only views it."""
    registry = kwargs.get("apps", global_apps)
    for label in [*CATALOGUE_APPS, *SHOWN_APPS]:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=registry)
    Group = registry.get_model("auth", "Group")
    Permission = registry.get_model("auth", "Permission")
    catalogue = Permission.objects.filter(content_type__app_label__in=CATALOGUE_APPS)
    coordination, _ = Group.objects.get_or_create(name=COORDINATION)
    coordination.permissions.set(catalogue)
    shown = Permission.objects.filter(
        content_type__app_label__in=SHOWN_APPS, codename__startswith="view_"
    )
    coordination.permissions.add(*shown)
    read_only, _ = Group.objects.get_or_create(name=READ_ONLY)
    read_only.permissions.set([*catalogue.filter(codename__startswith="view_"), *shown])
