"""The format of the backups (``backup`` and ``restore`` commands): Django's JSON, with times
to the microsecond. Django's own JSON cuts them to the millisecond (ECMA-262's format), so that
a restored base would differ from the saved one in every timestamp."""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "json-exact"
# The restore reads a backup as plain JSON (``loaddata`` by the file's extension): a date
# written in full is read in full.
Deserializer = json.Deserializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()
