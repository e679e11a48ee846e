from django.urls import path  # noqa: F401 - routes are added below

app_name = "inspections"
urlpatterns: list = []
