"""Tasks and projects in the Django admin.

A task's status and the progress notes behind it are what the units reported: they change
through the task page (audited), never here; every other change made here is audited too.
"""

from django.contrib import admin

from chiso.audit.admin_changes import AuditedAdmin
from chiso.tasks.models import ProgressNote, Project, ProjectEvent, ProjectGroup, Task, TaskIndicator


class TaskIndicatorInline(admin.TabularInline):
    model = TaskIndicator
    raw_id_fields = ["indicator"]
    extra = 0


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    raw_id_fields = ["unit", "user"]
    extra = 0
    readonly_fields = ["date", "unit", "user", "period_id", "status", "text"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "dataset", "short_description", "lead_text", "deadline_text", "due_date", "status"]
    list_filter = ["dataset", "status", "deadline_kind", "provisional"]
    search_fields = ["code", "description", "lead_text", "coordinating_text", "status_text", "plan"]
    filter_horizontal = ["lead_units", "coordinating_units"]
    inlines = [TaskIndicatorInline, ProgressNoteInline]
    readonly_fields = ["status", "status_text", "status_as_of"]

    @admin.display(description="nhiệm vụ")
    def short_description(self, obj: Task) -> str:
        return obj.description[:100]


@admin.register(TaskIndicator)
class TaskIndicatorAdmin(admin.ModelAdmin):
    list_display = ["task", "indicator", "provisional"]
    list_filter = ["provisional"]
    search_fields = ["task__code", "indicator__code", "note"]
    raw_id_fields = ["task", "indicator"]


@admin.register(ProgressNote)
class ProgressNoteAdmin(admin.ModelAdmin):
    list_display = ["task", "date", "unit", "user", "status"]
    list_filter = ["status", "date"]
    search_fields = ["task__code", "text", "unit__name"]
    raw_id_fields = ["task", "unit", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # shown, not edited: a unit's report as it was made

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProjectGroup)
class ProjectGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "dataset", "printed_total", "printed_central", "printed_local"]
    list_filter = ["dataset", "is_total"]
    search_fields = ["code", "title"]


class ProjectEventInline(admin.TabularInline):
    model = ProjectEvent
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "total", "central", "local", "period_text", "lead_text"]
    list_filter = ["dataset", "group", "provisional"]
    search_fields = ["code", "name", "lead_text", "status_text"]
    raw_id_fields = ["lead_unit", "group"]
    inlines = [ProjectEventInline]


@admin.register(ProjectEvent)
class ProjectEventAdmin(admin.ModelAdmin):
    list_display = ["project", "kind", "date_text", "document"]
    list_filter = ["kind", "imported", "provisional"]
    search_fields = ["project__name", "text", "document"]
    raw_id_fields = ["project"]
