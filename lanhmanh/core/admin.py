from django.contrib import admin

# Django's admin is the national administrator's tool only: every other user works in the
# scoped pages, which is why a staff flag alone never opens it.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "Lành Mạnh — quản trị hệ thống"
