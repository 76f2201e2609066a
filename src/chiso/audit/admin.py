from django.contrib import admin

from chiso.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "content_type", "object_id", "field", "old", "new", "reason"]
    list_filter = ["content_type", "field"]
    search_fields = ["username", "old", "new", "reason"]

    def has_change_permission(self, request, obj=None):
        # The trail is evidence: nobody edits it, not even an administrator.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
