"""The seminars moved to the livret app and the Cité éducative's own record to the project's
app (``livret.0001``, ``citeeducative.0001``): here they leave the catalogue app's state. The
tables stay where they are, under their names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0007_search_in_title'),
        ('citeeducative', '0001_initial'),
        ('livret', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.DeleteModel(
                name='CiteEducative',
            ),
            migrations.RemoveField(
                model_name='contribution',
                name='contact',
            ),
            migrations.RemoveField(
                model_name='contribution',
                name='item',
            ),
            migrations.RemoveField(
                model_name='historicalseminar',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalseminar',
                name='programmation',
            ),
            migrations.RemoveConstraint(
                model_name='programmeitem',
                name='programme_item_ends_after_start',
            ),
            migrations.RemoveField(
                model_name='seminar',
                name='programmation',
            ),
            migrations.DeleteModel(
                name='Contribution',
            ),
            migrations.DeleteModel(
                name='HistoricalSeminar',
            ),
            migrations.DeleteModel(
                name='ProgrammeItem',
            ),
            migrations.DeleteModel(
                name='Seminar',
            ),
    
            ],
        ),
    ]
