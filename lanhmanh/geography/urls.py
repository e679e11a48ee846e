from django.urls import path

from . import views

app_name = "geography"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/children/", views.unit_children_fragment, name="unit_children"),
]
