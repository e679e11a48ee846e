from django.urls import path

from . import views, views_export, views_import, views_manage, views_tasks

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/export.docx", views_export.plan_export_docx, name="plan_export"),
    path("<int:pk>/edit/", views_manage.plan_update, name="plan_update"),
    path("<int:pk>/cascade/", views_manage.plan_cascade, name="plan_cascade"),
    path("<int:pk>/copy/", views_manage.plan_copy, name="plan_copy"),
    path("<int:pk>/derive/", views_manage.plan_derive, name="plan_derive"),
    path("tasks/mine/", views_tasks.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views_tasks.task_detail, name="task_detail"),
    path("import/", views_import.import_upload, name="import_upload"),
    path("import/<int:pk>/", views_import.import_review, name="import_review"),
]
