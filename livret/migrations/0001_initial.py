"""The seminars, their programme and contributions, moved here from the catalogue app with
their tables (``actions.0008``)."""

from importlib import import_module

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


_content_types_follow = import_module(
    "citeeducative.migrations.0001_initial"
)._content_types_follow


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('actions', '0007_search_in_title'),
        ('citeeducative', '0001_initial'),
        ('contacts', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalSeminar',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, verbose_name='identifiant')),
                        ('title', models.CharField(max_length=255, verbose_name='titre')),
                        ('date', models.DateField(verbose_name='date')),
                        ('place', models.CharField(blank=True, max_length=255, verbose_name='lieu')),
                        ('introduction', models.TextField(blank=True, verbose_name='introduction du livret')),
                        ('preamble_title', models.CharField(blank=True, max_length=255, verbose_name='titre du préambule')),
                        ('preamble', models.TextField(blank=True, verbose_name='préambule du programme')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='modifié le')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programmation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.programmation', verbose_name='programmation')),
                    ],
                    options={
                        'verbose_name': 'historical séminaire',
                        'verbose_name_plural': 'historical séminaires',
                        'db_table': 'actions_historicalseminar',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ProgrammeItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                        ('start_time', models.TimeField(blank=True, null=True, verbose_name='début')),
                        ('end_time', models.TimeField(blank=True, null=True, verbose_name='fin')),
                        ('kind', models.CharField(choices=[('section', 'Temps de la journée'), ('plenary', 'Plénière'), ('workshop', 'Ateliers'), ('break', 'Pause')], default='plenary', max_length=20, verbose_name='type')),
                        ('title', models.CharField(max_length=255, verbose_name='titre')),
                        ('subtitle', models.CharField(blank=True, max_length=500, verbose_name='sous-titre')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('axe', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='actions.axe', verbose_name='axe')),
                    ],
                    options={
                        'verbose_name': 'temps du programme',
                        'verbose_name_plural': 'programme',
                        'db_table': 'actions_programmeitem',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Contribution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                        ('topic', models.CharField(blank=True, max_length=500, verbose_name='sujet')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='intervenant·e')),
                        ('function', models.CharField(blank=True, max_length=300, verbose_name='fonction')),
                        ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contributions', to='contacts.contact', verbose_name='contact')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributions', to='livret.programmeitem')),
                    ],
                    options={
                        'verbose_name': 'intervention',
                        'verbose_name_plural': 'interventions',
                        'db_table': 'actions_contribution',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Seminar',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='identifiant')),
                        ('title', models.CharField(max_length=255, verbose_name='titre')),
                        ('date', models.DateField(verbose_name='date')),
                        ('place', models.CharField(blank=True, max_length=255, verbose_name='lieu')),
                        ('introduction', models.TextField(blank=True, verbose_name='introduction du livret')),
                        ('preamble_title', models.CharField(blank=True, max_length=255, verbose_name='titre du préambule')),
                        ('preamble', models.TextField(blank=True, verbose_name='préambule du programme')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                        ('programmation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='seminars', to='actions.programmation', verbose_name='programmation')),
                    ],
                    options={
                        'verbose_name': 'séminaire',
                        'verbose_name_plural': 'séminaires',
                        'db_table': 'actions_seminar',
                        'ordering': ['-date'],
                    },
                ),
                migrations.AddField(
                    model_name='programmeitem',
                    name='seminar',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='livret.seminar'),
                ),
                migrations.AddConstraint(
                    model_name='programmeitem',
                    constraint=models.CheckConstraint(condition=models.Q(('end_time__isnull', True), ('start_time__isnull', True), ('end_time__gt', models.F('start_time')), _connector='OR'), name='programme_item_ends_after_start', violation_error_message="L'heure de fin doit suivre l'heure de début."),
                ),
            ],
        ),
        _content_types_follow("livret", ["seminar", "historicalseminar", "programmeitem", "contribution"]),
    ]
