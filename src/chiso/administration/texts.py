"""Narrative sentences: how the report writes each indicator's result ("{name} đạt {value}.").

A sentence belongs to an indicator of a national framework, so it is the install's wording, not
one province's: an office edits the sentences of indicators on its own forms and reads the rest.
The text is checked by the model (only the blanks the report knows).
"""

from __future__ import annotations

from django.contrib.admin import ModelAdmin

from chiso.administration.report_forms import forms_of
from chiso.administration.scope import OfficeAdmin, office_reach
from chiso.administration.site import office_site
from chiso.collection.models import FormItem
from chiso.frameworks.models import Indicator
from chiso.reports.models import SentenceTemplate


class OfficeSentenceAdmin(OfficeAdmin, ModelAdmin):
    list_display = ["indicator", "text", "updated_at"]
    search_fields = ["indicator__code", "indicator__name", "text"]
    fields = ["indicator", "text"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["indicator"]

    def scope(self, queryset, reach):
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        reach = office_reach(request)
        if db_field.name == "indicator" and reach is not None:
            on_forms = FormItem.objects.filter(form__in=forms_of(reach)).values("indicator")
            kwargs["queryset"] = Indicator.objects.filter(pk__in=on_forms)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        reach = office_reach(request)
        if obj is None or reach is None:
            return True
        return FormItem.objects.filter(indicator=obj.indicator_id, form__in=forms_of(reach)).exists()


office_site.register(SentenceTemplate, OfficeSentenceAdmin)
