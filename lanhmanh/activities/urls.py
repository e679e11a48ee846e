from django.urls import path

from . import views
from .views import imports

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("export/", views.activity_export, name="activity_export"),
    path("new/", views.activity_create, name="activity_create"),
    path("import/", imports.activity_import, name="activity_import"),
    path("import/save/", imports.activity_import_save, name="activity_import_save"),
    path("calendar/", views.activity_calendar, name="activity_calendar"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_update, name="activity_update"),
    path("<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path("files/<int:pk>/", views.attachment_file, name="attachment_file"),
    path("plans/<int:plan_pk>/budget/", views.plan_budget, name="plan_budget"),
]
