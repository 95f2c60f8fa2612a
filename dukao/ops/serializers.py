"""``json_exact``: Django's JSON serializer with times to the microsecond. Django's own encoder cuts them to the
millisecond (ECMA-262), and the audit chain hashes the microseconds: a backup restored from a cut archive would
fail ``dukao audit_verify``. Django's JSON deserializer reads these times as they are."""

import datetime

from django.core.serializers import json as django_json


class ExactEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and getattr(o, "microsecond", 0):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = django_json.Deserializer
