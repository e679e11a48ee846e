from django.contrib import admin

# Django's admin is the national administrator's tool only: every other user works in the
# scoped pages, which is why a staff flag alone never opens it.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "Lành Mạnh — quản trị hệ thống"


class VersionedAdmin(admin.ModelAdmin):
    """Optimistic concurrency in the admin too: the change form posts the version it was
    made from (hidden, required) and a stale one is refused with both versions (409), as
    on the application's own edit pages. Not for ``list_editable``: its rows post none."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        from .concurrency import VersionField

        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        return type(form.__name__, (form,), {"version": VersionField(initial=obj.version)})

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "version"]
        return [*fields, "version"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if change:
            from .concurrency import version_claim

            version_claim(obj, form.cleaned_data.get("version"))
        super().save_model(request, obj, form, change)
