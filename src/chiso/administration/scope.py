"""Which rows an office sees here, and the audit trail of what it changes.

An office (a quản trị grant) reaches the units under its grant and the former units merged into
them (:func:`chiso.accounts.permissions.reach_of`); a superuser reaches every unit. Every admin
on the office site derives from :class:`OfficeAdmin` (or :class:`OfficeInline`), which asks
:func:`is_office` instead of Django's model permissions (an office is not staff) and narrows the
queryset and every unit choice to that reach, so a row of another province "does not exist" (the
admin says so and goes back to its home) and a unit of another province is not a valid choice.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import admin
from django.db.models import QuerySet

from chiso.accounts.models import Grant, Role
from chiso.accounts.permissions import is_office_here, reach_of
from chiso.audit.admin_changes import REASON, AuditedAdmin
from chiso.audit.trail import record
from chiso.engine.numbers import format_number
from chiso.orgunits.models import OrgUnit


def office_reach(request) -> set[int] | None:
    """Ids of the units the signed-in office manages; None for a superuser (every unit).

    Read once per request: every list, choice and object check of a page asks for it.
    """
    if not hasattr(request, "_office_reach"):
        user = request.user
        if user.is_superuser:
            request._office_reach = None
        else:
            roots = Grant.objects.filter(user=user, role=Role.ADMIN).values_list("unit_id", flat=True)
            request._office_reach = set().union(*(reach_of(unit_id) for unit_id in roots))
    return request._office_reach


def units_in_reach(request) -> QuerySet[OrgUnit]:
    reach = office_reach(request)
    units = OrgUnit.objects.all()
    return units if reach is None else units.filter(pk__in=reach)


class OfficePermissions:
    """An office may view, add and change here; deleting is each admin's own choice."""

    def has_module_permission(self, request):
        return is_office_here(request)

    def has_view_permission(self, request, obj=None):
        return is_office_here(request)

    def has_add_permission(self, request, *args):
        return is_office_here(request)

    def has_change_permission(self, request, obj=None):
        return is_office_here(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is OrgUnit:
            kwargs["queryset"] = units_in_reach(request)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model is OrgUnit and field is not None:
            field.label_from_instance = unit_choice_label
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is OrgUnit:
            kwargs["queryset"] = units_in_reach(request)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is OrgUnit and field is not None:
            field.label_from_instance = unit_choice_label
        return field


def unit_choice_label(unit: OrgUnit) -> str:
    """A unit as a choice: a former unit says until when, so the Sở of the merged province and
    today's Sở of the same name can be told apart ("Sở Khoa học và Công nghệ (đến 30/06/2025)")."""
    if unit.valid_to is None:
        return unit.name
    return f"{unit.name} (đến {unit.valid_to:%d/%m/%Y})"


class OfficeInline(OfficePermissions, admin.TabularInline):
    extra = 0


class OfficeAdmin(OfficePermissions, AuditedAdmin, admin.ModelAdmin):
    """A model the office manages: scoped by :meth:`scope`, every change in the audit trail.

    AuditedAdmin records the fields changed on a row; this adds what it does not see: a row
    created, and the rows added, changed or removed in its inline tables.
    """

    change_form_template = "quan_tri/change_form.html"
    show_facets = admin.ShowFacets.NEVER  # its link reads "Show counts", in English

    def scope(self, queryset: QuerySet, reach: set[int]) -> QuerySet:
        """The rows of ``queryset`` that belong to an office reaching the units ``reach``."""
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        reach = office_reach(request)
        return queryset if reach is None else self.scope(queryset, reach)

    def get_actions(self, request):
        # The bulk delete asks no question per row and bypasses the trail.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def audit_field(self, obj, name: str) -> str:
        return str(obj._meta.get_field(name).verbose_name)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            record(request.user, obj, "tạo mới", "", str(obj), reason=REASON)

    def describe(self, obj) -> str:
        """A row of an inline table as the trail shows it (its unit's or indicator's name)."""
        return str(obj)

    def save_formset(self, request, form, formset, change):
        parent, label = form.instance, formset.model._meta.verbose_name
        # Fresh from the database: the formset's own rows already carry what was typed.
        stored = formset.model._default_manager.in_bulk([f.instance.pk for f in formset.initial_forms])
        # Read before saving: many-to-many values change in save_m2m, rows in save.
        before = {
            f.instance.pk: {
                n: shown(stored[f.instance.pk], n) for n in f.changed_data if n in _model_fields(formset.model)
            }
            for f in formset.initial_forms
            if f.instance.pk in stored
        }
        names = {pk: self.describe(o) for pk, o in stored.items()}
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record(request.user, parent, label, names.get(obj.pk, ""), "", reason=REASON)
            obj.delete()
        for obj in instances:
            obj.save()
        formset.save_m2m()
        for obj in formset.new_objects:
            record(request.user, parent, label, "", self.describe(obj), reason=REASON)
        for obj, _names in formset.changed_objects:
            for name, old in before.get(obj.pk, {}).items():
                new = shown(obj, name)
                if new != old:
                    field = obj._meta.get_field(name).verbose_name
                    record(
                        request.user,
                        parent,
                        label,
                        f"{names[obj.pk]} — {field}: {old}",
                        f"{self.describe(obj)} — {field}: {new}",
                        reason=REASON,
                    )


def _model_fields(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}


def shown(obj, name: str) -> str:
    """A field's value as a person reads it: a choice's label, the names of related rows.

    >>> shown(grant, "role")  # doctest: +SKIP
    'Cán bộ nhập liệu'
    """
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(sorted(str(o) for o in getattr(obj, name).all()))
    value = getattr(obj, name)
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, Decimal):
        return format_number(value)
    return "" if value is None else str(value)
