from django.contrib import admin

from chiso.orgunits.models import LineageEvent, OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "parent", "valid_from", "valid_to", "provisional"]
    list_filter = ["type", "provisional"]
    search_fields = ["code", "name", "short_name", "aliases"]
    raw_id_fields = ["parent"]


@admin.register(LineageEvent)
class LineageEventAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note", "provisional"]
    list_filter = ["kind", "provisional"]
    search_fields = ["note", "predecessors__code", "successors__code"]
    filter_horizontal = ["predecessors", "successors"]
