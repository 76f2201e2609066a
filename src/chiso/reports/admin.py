"""Admin for the office's editable texts; layouts are managed on /van-ban/mau/ (checked uploads)."""

from django.contrib import admin

from chiso.reports.models import ImprovementNote, ReportTemplate, SentenceTemplate


@admin.register(SentenceTemplate)
class SentenceTemplateAdmin(admin.ModelAdmin):
    list_display = ("indicator", "text", "updated_at")
    search_fields = ("indicator__code", "indicator__name", "text")
    list_filter = ("indicator__framework",)
    autocomplete_fields = ()
    raw_id_fields = ("indicator",)


@admin.register(ImprovementNote)
class ImprovementNoteAdmin(admin.ModelAdmin):
    list_display = ("indicator", "unit", "period_id", "lead", "updated_at")
    list_filter = ("period_id", "unit")
    search_fields = ("indicator__code", "cause", "solution")
    raw_id_fields = ("indicator", "unit")
    readonly_fields = ("updated_by",)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    """History of uploaded layouts; uploading goes through /van-ban/mau/ so every file is checked."""

    list_display = ("kind", "province", "file_name", "uploaded_at", "uploaded_by")
    fields = ("kind", "province", "file_name", "uploaded_at", "uploaded_by")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
