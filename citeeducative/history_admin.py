"""The back office's record history (django-simple-history), for every model that keeps one."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, whose revert form saves for anyone who may only view the record;
    here saving it needs the change permission, as the change form does."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            record = self.get_object(request, object_id)
            if not self.has_change_history_permission(request, record):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
