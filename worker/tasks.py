from django.core.management import call_command
from django.tasks import task


@task
def prune_task_results():
    """Forget the tasks finished more than a week ago (django-tasks-db keeps every row)."""
    call_command("prune_db_task_results", queue_name="*", min_age_days=7, verbosity=0)
