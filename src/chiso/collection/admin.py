from django.contrib import admin

from chiso.collection.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["unit", "period_id", "deadline", "document_date", "document", "on_time_written"]
    list_filter = ["period_id", "on_time_written", "narrative_complete", "appendix_complete"]
    search_fields = ["unit__code", "unit__name", "document", "note"]
    raw_id_fields = ["unit"]
