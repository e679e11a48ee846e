from django.urls import path

from . import views

app_name = "sanctions"
urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("export/", views.decision_export, name="decision_export"),
    path("new/", views.decision_create, name="decision_create"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<int:pk>/edit/", views.decision_update, name="decision_update"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/edit/", views.violation_type_update, name="violation_type_update"),
]
