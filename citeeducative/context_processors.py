from django.db import DatabaseError

from .models import CiteEducative


def cite(request):
    """The Cité éducative every page names (``cite``), None before the first load, and None
    too while the database is out of reach: the page that says so must still be drawn."""
    try:
        return {"cite": CiteEducative.objects.current()}
    except DatabaseError:
        return {"cite": None}
