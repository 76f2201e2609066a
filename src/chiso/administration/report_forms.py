"""Report forms as the office manages them: items, aggregation, targets, deadline, assignments.

A form belongs to the office whose reach holds every unit it is assigned to; a new form, not
yet assigned, is seen by every office of the install until it is (forms carry no province of
their own). Indicators belong to the national frameworks: an office reads them all, to put
them on its forms, and changes only the aggregation of indicators its own forms use. Targets
are the office's when their unit is in its reach, or — the plan's own, without a unit — when
the indicator is on one of its forms.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import ModelAdmin, display
from django.db import models
from django.db.models import Q

from chiso.administration.scope import OfficeAdmin, OfficeInline, office_reach
from chiso.administration.site import office_site
from chiso.collection.entry import SECTIONS
from chiso.collection.models import FormAssignment, FormItem, ReportForm
from chiso.engine.errors import EngineError
from chiso.engine.numbers import vietnamese_decimals
from chiso.engine.periods import parse_period
from chiso.engine.schedules import parse_rule
from chiso.frameworks.models import Indicator, Target
from chiso.observations import kept_verdicts
from chiso.orgunits.models import OrgUnit


def forms_of(reach: set[int] | None):
    """The office's forms: those with no assignment outside ``reach`` (None: every form)."""
    if reach is None:
        return ReportForm.objects.all()
    return ReportForm.objects.exclude(assignments__unit__in=OrgUnit.objects.exclude(pk__in=reach))


def _period_id(text: str) -> str:
    if not text.strip():
        return ""
    try:
        return parse_period(text).id
    except EngineError as error:
        raise forms.ValidationError(error.message_vi) from None


class ReportFormForm(forms.ModelForm):
    sections = forms.MultipleChoiceField(
        label="Phần thuyết minh",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(key, label) for key, (_field, label) in SECTIONS.items()],
    )

    class Meta:
        model = ReportForm
        fields = ["name", "code", "framework", "period_kind", "deadline_rule", "sections", "includes_tasks", "active"]
        help_texts = {"deadline_rule": "Ví dụ: 18 (ngày 18 của tháng báo cáo); 15/5; 15/5; 15/11; 20/12."}

    def clean_deadline_rule(self):
        rule = self.cleaned_data["deadline_rule"]
        try:
            parse_rule(rule)
        except EngineError as error:
            raise forms.ValidationError(error.message_vi) from None
        return rule


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = FormAssignment
        fields = ["unit", "items", "first_period_id", "last_period_id"]
        help_texts = {
            "items": "Để trống: đơn vị báo cáo mọi chỉ tiêu của mẫu.",
            "first_period_id": "Ví dụ: Tháng 1/2027. Để trống: từ đầu.",
            "last_period_id": "Để trống: chưa kết thúc.",
        }

    def clean_first_period_id(self):
        return _period_id(self.cleaned_data["first_period_id"])

    def clean_last_period_id(self):
        return _period_id(self.cleaned_data["last_period_id"])


class ItemInline(OfficeInline):
    model = FormItem
    fields = [
        "position",
        "indicator",
        "aggregation",
        "input_type",
        "unit_label",
        "required",
        "min_value",
        "max_value",
        "jump_warning",
    ]
    readonly_fields = ["aggregation"]
    autocomplete_fields = ["indicator"]
    formfield_overrides = {models.DecimalField: {"localize": True}}  # 0,5 not 0.500

    def has_delete_permission(self, request, obj=None):
        return True  # an item with entered values is protected: the admin says so and keeps it

    def get_queryset(self, request):
        # Each row shows its indicator's aggregation and its title names the form ("ky: 3.3"):
        # read with the items, not two queries a row (the monthly form has 47 items).
        return super().get_queryset(request).select_related("form", "indicator")

    @display(description="Cách tổng hợp")
    def aggregation(self, item):
        return item.indicator.get_aggregation_display() if item.pk else ""


class AssignmentInline(OfficeInline):
    model = FormAssignment
    form = AssignmentForm
    autocomplete_fields = ["unit"]

    def has_delete_permission(self, request, obj=None):
        return True

    def get_queryset(self, request):
        reach = office_reach(request)
        queryset = super().get_queryset(request)
        return queryset if reach is None else queryset.filter(unit__in=reach)

    def get_formset(self, request, obj=None, **kwargs):
        request._office_report_form = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "items":
            report_form = getattr(request, "_office_report_form", None)
            kwargs["queryset"] = (
                report_form.items.select_related("indicator") if report_form else FormItem.objects.none()
            )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "items":
            field.label_from_instance = lambda item: str(item.indicator)  # not the form's code
        return field


class OfficeReportFormAdmin(OfficeAdmin, ModelAdmin):
    form = ReportFormForm
    list_display = ["name", "period_kind", "deadline_rule", "active"]
    list_filter = ["period_kind", "active"]
    search_fields = ["code", "name"]
    inlines = [ItemInline, AssignmentInline]

    def scope(self, queryset, reach):
        return queryset.filter(pk__in=forms_of(reach).values("pk"))

    def describe(self, obj) -> str:
        if isinstance(obj, FormAssignment):
            return obj.unit.name
        if isinstance(obj, FormItem):
            return f"{obj.indicator} ({obj.get_input_type_display()}, {obj.unit_label or 'không có đơn vị tính'})"
        return str(obj)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["aggregation"]


class OfficeIndicatorAdmin(OfficeAdmin, ModelAdmin):
    """Indicators to pick for a form; the aggregation of those on the office's forms is editable."""

    form = IndicatorForm
    list_display = ["code", "name", "framework", "aggregation"]
    list_filter = ["framework"]
    search_fields = ["code", "name"]
    fields = ["framework", "code", "name", "measure", "aggregation"]
    readonly_fields = ["framework", "code", "name", "measure"]
    list_select_related = ["framework"]

    def scope(self, queryset, reach):
        return queryset  # national frameworks: every office reads them

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        reach = office_reach(request)
        if obj is None or reach is None:
            return True
        return FormItem.objects.filter(indicator=obj, form__in=forms_of(reach)).exists()


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "unit", "period_id", "text", "lead", "deadline", "note"]
        help_texts = {
            "period_id": "Ví dụ: 2027, Tháng 12/2026, 2021-2025.",
            "text": "Như văn bản giao, ví dụ: ≥ 80%, 100%, ít nhất 200 doanh nghiệp.",
        }

    def clean_period_id(self):
        return _period_id(self.cleaned_data["period_id"]) or self.cleaned_data["period_id"]


TARGET_KEY = ("indicator_id", "unit_id", "period_id")


class OfficeTargetAdmin(OfficeAdmin, ModelAdmin):
    form = TargetForm
    list_display = ["indicator", "unit", "period_id", "target_text"]
    list_filter = ["period_id"]
    search_fields = ["indicator__code", "indicator__name", "unit__name", "text"]
    autocomplete_fields = ["indicator", "unit"]
    list_select_related = ["indicator", "unit"]

    @display(description="mục tiêu", ordering="text")
    def target_text(self, obj: Target) -> str:
        # Stored as the source printed it (the DTI plan writes "1.5%"); listed the Vietnamese way.
        return vietnamese_decimals(obj.text)

    def scope(self, queryset, reach):
        on_forms = FormItem.objects.filter(form__in=forms_of(reach)).values("indicator")
        return queryset.filter(Q(unit__in=reach) | Q(unit__isnull=True, indicator__in=on_forms))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if office_reach(request) is not None and (obj is None or obj.unit_id is not None):
            form.base_fields["unit"].required = True  # a plan's own target stays the install's
        return form

    # Its figures' verdicts are kept (observations.kept_verdicts): judged again as it was and as it is.
    # (The office deletes no target: has_delete_permission.)
    def save_model(self, request, obj, form, change):
        before = list(Target.objects.filter(pk=obj.pk).values_list(*TARGET_KEY)) if obj.pk else []
        super().save_model(request, obj, form, change)
        kept_verdicts.targets_changed([*before, (obj.indicator_id, obj.unit_id, obj.period_id)])


office_site.register(ReportForm, OfficeReportFormAdmin)
office_site.register(Indicator, OfficeIndicatorAdmin)
office_site.register(Target, OfficeTargetAdmin)
