from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["unit", "agency"]
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Lành Mạnh", {"fields": ("full_name", "position", "phone")}),
    )
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    inlines = [MembershipInline]
