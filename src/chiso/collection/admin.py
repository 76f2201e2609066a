"""The DX office manages forms, items and assignments here; workflow fields stay read-only.

A report once sent (submitted or approved) is read-only here and cannot be deleted: a correction
goes through return or reopen, which the unit is told of and the audit trail keeps. What the
admin may still change on an open report is recorded in the audit trail.
"""

from django.contrib import admin

from chiso.audit.admin_changes import AuditedAdmin
from chiso.collection.models import (
    EnteredValue,
    FormAssignment,
    FormItem,
    Notice,
    Reminder,
    ReportForm,
    Submission,
    SubmissionStatus,
)

SENT = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


class FormItemInline(admin.TabularInline):
    model = FormItem
    extra = 0
    raw_id_fields = ["indicator"]


@admin.register(ReportForm)
class ReportFormAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "period_kind", "deadline_rule", "includes_tasks", "active"]
    list_filter = ["period_kind", "active"]
    search_fields = ["code", "name"]
    inlines = [FormItemInline]


@admin.register(FormItem)
class FormItemAdmin(admin.ModelAdmin):
    list_display = ["form", "indicator", "input_type", "unit_label", "required", "position"]
    list_filter = ["form", "input_type"]
    search_fields = ["indicator__code", "indicator__name", "form__name"]
    raw_id_fields = ["indicator"]


@admin.register(FormAssignment)
class FormAssignmentAdmin(admin.ModelAdmin):
    list_display = ["form", "unit", "first_period_id", "last_period_id"]
    list_filter = ["form"]
    search_fields = ["unit__code", "unit__name", "form__name"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["items"]


@admin.register(Submission)
class SubmissionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["unit", "period_id", "form", "status", "deadline", "received_at", "document", "on_time_written"]
    list_filter = ["period_id", "status", "form", "on_time_written", "narrative_complete", "appendix_complete"]
    search_fields = ["unit__code", "unit__name", "document", "note"]
    raw_id_fields = ["unit"]
    # Status changes go through the workflow, which audits them; not through this page.
    readonly_fields = ["status", "submitted_by", "reviewed_by", "reviewed_at", "received_at", "version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status in SENT:
            return [f.name for f in Submission._meta.fields if f.editable and f.name != "id"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status not in SENT) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk delete asks no question per row: it would delete sent reports with the rest.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(EnteredValue)
class EnteredValueAdmin(admin.ModelAdmin):
    list_display = ["submission", "item", "raw", "number", "updated_by", "updated_at", "version"]
    search_fields = ["submission__unit__name", "item__indicator__code", "raw", "text"]
    raw_id_fields = ["submission", "item"]
    # Values change through the entry page, which checks versions and writes the audit trail.
    readonly_fields = [f.name for f in EnteredValue._meta.fields if f.name != "id"]

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.submission.status not in SENT) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["submission", "day", "kind", "sent_at"]
    list_filter = ["kind", "day"]
    search_fields = ["submission__unit__name", "recipients"]
    raw_id_fields = ["submission"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["unit", "text", "created_at"]
    search_fields = ["unit__name", "text"]
    raw_id_fields = ["unit", "submission"]
