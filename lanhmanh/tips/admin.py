"""Only the deadline rules are edited in Django's admin (national administrator). Tips
themselves are not registered: the admin would show them without the module's scope,
audit of reads and protection of the sender."""

from django.contrib import admin

from .models import DeadlineRule


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "days", "extension_days", "legal_basis"]
