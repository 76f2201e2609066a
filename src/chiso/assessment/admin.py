from django.contrib import admin

from chiso.assessment.models import DtiRound, RoundPoints


@admin.register(DtiRound)
class DtiRoundAdmin(admin.ModelAdmin):
    list_display = ["year", "province", "framework", "form", "opened_at"]
    search_fields = ["province__name", "province__code", "form__name"]
    raw_id_fields = ["province", "form"]


@admin.register(RoundPoints)
class RoundPointsAdmin(admin.ModelAdmin):
    list_display = ["round", "indicator", "kind", "points", "entered_by", "entered_at"]
    list_filter = ["kind"]
    search_fields = ["indicator__code", "reason", "round__province__name"]
    raw_id_fields = ["indicator"]
