"""Org units and their lineage (mergers, splits, renames), within the office's province.

A unit is added under a parent the office reaches (so it is in reach from the moment it is
saved); nothing is deleted here: a unit that ceased gets its last day in «hết hiệu lực», which
keeps its reports and the history of the units merged into another.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import ModelAdmin

from chiso.accounts.permissions import reach_of
from chiso.administration.scope import OfficeAdmin
from chiso.administration.site import office_site
from chiso.orgunits.models import LineageEvent, OrgUnit


class UnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "code", "type", "parent", "valid_from", "valid_to", "note"]

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent is not None and self.instance.pk and parent.pk in reach_of(self.instance):
            raise forms.ValidationError("Đơn vị cấp trên không thể là chính đơn vị này hoặc một đơn vị trực thuộc nó.")
        return parent


class OfficeUnitAdmin(OfficeAdmin, ModelAdmin):
    list_display = ["name", "type", "parent", "valid_from", "valid_to"]
    list_filter = ["type"]
    search_fields = ["code", "name", "short_name"]
    form = UnitForm
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    def scope(self, queryset, reach):
        return queryset.filter(pk__in=reach)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser:
            # Only a superuser adds a province: an office's units hang below its own.
            form.base_fields["parent"].required = True
        return form


class OfficeLineageAdmin(OfficeAdmin, ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    fields = ["kind", "date", "predecessors", "successors", "note"]
    filter_horizontal = ["predecessors", "successors"]

    def scope(self, queryset, reach):
        mine = queryset.filter(predecessors__in=reach) | queryset.filter(successors__in=reach)
        outside = OrgUnit.objects.exclude(pk__in=reach)
        return (mine.exclude(predecessors__in=outside).exclude(successors__in=outside)).distinct()


office_site.register(OrgUnit, OfficeUnitAdmin)
office_site.register(LineageEvent, OfficeLineageAdmin)
