"""Django's JSON serializer, with times kept to the microsecond: the format of a backup's data.

Django's encoder cuts datetimes and times to milliseconds. A backup then lost the last three
digits of every timestamp, and one whose microseconds were 1–999 came back as a whole second
(dumped "…:05.000" before, "…:05" after), so the restored database was not the one backed up.
ISO 8601 with six digits is what Django's JSON deserializer already reads, so ``loaddata``
restores these files as they are, and older backups (milliseconds) still restore.
"""

import datetime

from django.core.serializers import json as django_json

FORMAT = "chiso-exact-json"


class ExactEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = django_json.Deserializer
