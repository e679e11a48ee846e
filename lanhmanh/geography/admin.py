from django.contrib import admin

from .models import AdministrativeUnit, UnitChange


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "code", "scheme", "valid_from", "valid_to"]
    list_filter = ["scheme", "level", "kind"]
    search_fields = ["search_key", "code"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path"]


@admin.register(UnitChange)
class UnitChangeAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "partial", "effective_on"]
    list_filter = ["kind", "partial", "effective_on"]
    raw_id_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]
