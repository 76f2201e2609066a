"""A restore gives back every timestamp to the microsecond, as the audit trail recorded it.

Django's JSON cuts times to milliseconds: an entry made at …:59.000500 came back as …:59, and a
dump of the restored database differed from the original about once in a thousand timestamps.
"""

from datetime import UTC, datetime

import pytest

from chiso.audit.models import AuditEntry
from chiso.audit.trail import record
from chiso.backup.archive import create
from chiso.orgunits.models import OrgUnit

from .archives import run_restore

pytestmark = pytest.mark.django_db(transaction=True)

# Just before midnight in Hà Nội on the report deadline, and one with every digit in use.
TIMES = [datetime(2026, 11, 30, 16, 59, 59, 500, tzinfo=UTC), datetime(2026, 12, 1, 1, 2, 3, 123456, tzinfo=UTC)]


def test_restore_gives_back_audit_times_to_the_microsecond(media, tmp_path):
    unit = OrgUnit.objects.create(code="so-khcn", name="Sở Khoa học và Công nghệ", type="so")
    for at in TIMES:
        entry = record(None, unit, "name", "cũ", "mới", reason="thử")
        AuditEntry.objects.filter(pk=entry.pk).update(at=at)
    path = tmp_path / "chiso.zip"
    create(path)
    AuditEntry.objects.update(at=datetime(2027, 1, 1, tzinfo=UTC))
    assert run_restore(path).exit_code == 0
    assert sorted(AuditEntry.objects.values_list("at", flat=True)) == TIMES
