"""Changes made in the Django admin go to the audit trail like every other change.

The admin is the one way to edit a row outside the pages, which record their own changes. A
ModelAdmin that mixes :class:`AuditedAdmin` in records each field changed through its form (old,
new, who, "Sửa trong trang quản trị") in the admin's own transaction, many-to-many fields too.
"""

from __future__ import annotations

from chiso.audit.trail import record

REASON = "Sửa trong trang quản trị"


def _text(obj, name: str) -> str:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(sorted(str(o) for o in getattr(obj, name).all()))
    return "" if getattr(obj, name) is None else str(getattr(obj, name))


class AuditedAdmin:
    """Mix into a ``ModelAdmin`` before it: ``class XAdmin(AuditedAdmin, admin.ModelAdmin)``."""

    def save_model(self, request, obj, form, change):
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        # Read before the save; many-to-many values change only in save_related, read there.
        request._audit_before = {name: _text(stored, name) for name in form.changed_data} if stored else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        for name, old in getattr(request, "_audit_before", {}).items():
            new = _text(obj, name)
            if new != old:  # a form may call a field changed that reads back the same
                record(request.user, obj, self.audit_field(obj, name), old, new, reason=REASON)

    def audit_field(self, obj, name: str) -> str:
        """The field as the trail names it (a subclass may give its Vietnamese label)."""
        return name
