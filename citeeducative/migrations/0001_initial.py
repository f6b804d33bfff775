"""The Cité éducative's record, moved here from the catalogue app with its table
(``actions.0008``); 0002 gives it what makes the city data."""

from django.db import migrations, models


def _content_types_follow(app_label, models):
    """The content types of the moved models change app rather than being created anew, so
    that permissions, groups and the admin's log keep pointing at them."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label="actions", model__in=models).update(
            app_label=app_label
        )

    def move_back(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=app_label, model__in=models).update(
            app_label="actions"
        )

    return migrations.RunPython(move, move_back)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('actions', '0007_search_in_title'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CiteEducative',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=150, verbose_name='nom')),
                        ('presentation', models.TextField(blank=True, verbose_name='présentation')),
                        ('pupil_count', models.PositiveIntegerField(blank=True, null=True, verbose_name="nombre d'élèves")),
                        ('source', models.CharField(blank=True, max_length=255, verbose_name='source des chiffres')),
                    ],
                    options={
                        'verbose_name': 'présentation de la Cité éducative',
                        'verbose_name_plural': 'présentation de la Cité éducative',
                        'db_table': 'actions_citeeducative',
                    },
                ),
            ],
        ),
        _content_types_follow("citeeducative", ["citeeducative"]),
    ]
