from django.urls import path

from . import views
from .views import export, imports, manage, tasks

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/export.docx", export.plan_export_docx, name="plan_export"),
    path("<int:pk>/edit/", manage.plan_update, name="plan_update"),
    path("<int:pk>/cascade/", manage.plan_cascade, name="plan_cascade"),
    path("<int:pk>/copy/", manage.plan_copy, name="plan_copy"),
    path("<int:pk>/derive/", manage.plan_derive, name="plan_derive"),
    path("tasks/mine/", tasks.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/<int:pk>/", imports.import_review, name="import_review"),
]
