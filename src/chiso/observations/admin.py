from django.contrib import admin

from chiso.observations.models import (
    Dataset,
    DataValue,
    IndicatorPoints,
    PillarPoints,
    TotalPoints,
    WrittenEvaluation,
    WrittenSummary,
)


class PublishedYearMixin:
    # USE_THOUSAND_SEPARATOR would print the integer year 2025 as "2.025".
    @admin.display(description="năm công bố", ordering="published_year")
    def published(self, obj: IndicatorPoints | PillarPoints | TotalPoints) -> str:
        return "" if obj.published_year is None else str(obj.published_year)


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "loaded_at", "file_sha256"]
    search_fields = ["code", "title"]
    list_filter = ["loaded_at"]


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "period_id", "kind", "raw", "number", "provisional"]
    list_filter = ["dataset", "kind", "period_id", "uncertain_unit", "provisional"]
    search_fields = ["indicator__code", "indicator__name", "unit__name", "raw", "note"]
    raw_id_fields = ["indicator", "unit"]


@admin.register(WrittenEvaluation)
class WrittenEvaluationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "period_id", "target_period_id", "written", "status"]
    list_filter = ["dataset", "status", "period_id", "target_period_id", "provisional"]
    search_fields = ["indicator__code", "indicator__name", "unit__name", "written"]
    raw_id_fields = ["indicator", "unit"]


@admin.register(IndicatorPoints)
class IndicatorPointsAdmin(PublishedYearMixin, admin.ModelAdmin):
    list_display = ["indicator", "unit", "period_id", "published", "kind", "points"]
    list_filter = ["dataset", "kind", "period_id", "published_year", "provisional"]
    search_fields = ["indicator__code", "indicator__name", "unit__name", "cause", "lead"]
    raw_id_fields = ["indicator", "unit"]


@admin.register(PillarPoints)
class PillarPointsAdmin(PublishedYearMixin, admin.ModelAdmin):
    list_display = ["group", "unit", "period_id", "published", "kind", "points", "rank"]
    list_filter = ["dataset", "kind", "period_id", "published_year", "provisional"]
    search_fields = ["group__code", "group__name", "unit__name"]
    raw_id_fields = ["group", "unit"]


@admin.register(TotalPoints)
class TotalPointsAdmin(PublishedYearMixin, admin.ModelAdmin):
    list_display = ["framework", "unit", "period_id", "published", "kind", "points", "rank"]
    list_filter = ["dataset", "framework", "kind", "period_id", "provisional"]
    search_fields = ["unit__name", "rank"]
    raw_id_fields = ["unit"]


@admin.register(WrittenSummary)
class WrittenSummaryAdmin(admin.ModelAdmin):
    list_display = ["unit", "framework", "period_id", "target_period_id", "text"]
    list_filter = ["dataset", "period_id", "target_period_id", "provisional"]
    search_fields = ["unit__name", "text"]
    raw_id_fields = ["unit"]
