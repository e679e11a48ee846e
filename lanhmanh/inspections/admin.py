"""The module's catalogues, kept as data by the national system administrator: business
types, the checklist (a new version when the items change, so old records keep theirs)
and the violation types with their legal basis and fine range."""

from django.contrib import admin

from lanhmanh.core.admin import VersionedAdmin

from .models import BusinessType, ChecklistItem, ChecklistVersion, ViolationType


@admin.register(BusinessType)
class BusinessTypeAdmin(VersionedAdmin):
    list_display = ["name", "code", "order", "is_active"]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 3


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(VersionedAdmin):
    list_display = ["number", "name", "valid_from", "is_active"]
    inlines = [ChecklistItemInline]


@admin.register(ViolationType)
class ViolationTypeAdmin(VersionedAdmin):
    list_display = [
        "description",
        "decree",
        "article",
        "fine_min",
        "fine_max",
        "warning_allowed",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["decree"]
    search_fields = ["description", "article"]
