from django.contrib import admin

from lanhmanh.core.admin import VersionedAdmin

from . import models


@admin.register(models.Sector)
class SectorAdmin(VersionedAdmin):
    list_display = ["name", "code", "order"]


@admin.register(models.AgencyTemplate)
class AgencyTemplateAdmin(VersionedAdmin):
    list_display = ["name", "level", "sector", "valid_from", "valid_to", "is_standing"]
    list_filter = ["level", "sector"]


@admin.register(models.Agency)
class AgencyAdmin(VersionedAdmin):
    list_display = ["name", "unit", "sector", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["search_key"]
    raw_id_fields = ["unit"]
    list_select_related = ["unit", "sector"]


class TeamMemberInline(admin.TabularInline):
    model = models.TeamMember
    raw_id_fields = ["agency"]
    extra = 0


@admin.register(models.InspectionTeam)
class InspectionTeamAdmin(VersionedAdmin):
    list_display = ["name", "unit", "decision_number", "established_on"]
    raw_id_fields = ["unit"]
    inlines = [TeamMemberInline]


@admin.register(models.StandingAgency)
class StandingAgencyAdmin(admin.ModelAdmin):
    list_display = ["unit", "agency", "valid_from", "valid_to"]
    raw_id_fields = ["unit", "agency"]
