from django.urls import path

from . import views
from .views import supervision

app_name = "committees"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:unit_pk>/", views.committee, name="committee"),
    path("units/<int:unit_pk>/members/new/", views.member_create, name="member_create"),
    path("members/<int:pk>/edit/", views.member_update, name="member_update"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("units/<int:unit_pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment_file"),
    path("meetings/<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("decisions/<int:pk>/task/", views.decision_task, name="decision_task"),
    path("visits/", supervision.visit_list, name="visit_list"),
    path("units/<int:unit_pk>/visits/new/", supervision.visit_create, name="visit_create"),
    path("visits/<int:pk>/", supervision.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", supervision.visit_update, name="visit_update"),
    path(
        "visits/<int:pk>/recommendations/",
        supervision.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "recommendations/<int:pk>/answer/",
        supervision.recommendation_answer,
        name="recommendation_answer",
    ),
    path("recommendations/", supervision.recommendation_list, name="recommendation_list"),
    path("commendations/", supervision.commendation_list, name="commendation_list"),
    path(
        "units/<int:unit_pk>/commendations/new/",
        supervision.commendation_create,
        name="commendation_create",
    ),
    path(
        "commendations/<int:pk>/edit/",
        supervision.commendation_update,
        name="commendation_update",
    ),
    path(
        "commendations/<int:pk>/delete/",
        supervision.commendation_delete,
        name="commendation_delete",
    ),
]
