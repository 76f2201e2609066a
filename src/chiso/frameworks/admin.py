from django.contrib import admin

from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "period_id", "max_points"]
    list_filter = ["kind", "period_id"]
    search_fields = ["code", "name", "legal_basis", "issuer"]


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "name", "max_points", "position"]
    list_filter = ["framework"]
    search_fields = ["code", "name"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "name", "measure", "max_points", "provisional"]
    list_filter = ["framework", "measure", "aggregation", "provisional"]
    search_fields = ["code", "name", "note"]
    raw_id_fields = ["group"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period_id", "unit", "text", "deadline", "provisional"]
    list_filter = ["indicator__framework", "period_id", "provisional"]
    search_fields = ["indicator__code", "indicator__name", "text", "lead", "unit__name"]
    raw_id_fields = ["indicator", "unit"]
