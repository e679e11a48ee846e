from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_update, name="agency_update"),
    path("units/options/", views.unit_options, name="unit_options"),
    path("units/<int:unit_pk>/actions/", views.unit_actions, name="unit_actions"),
    path("units/<int:unit_pk>/agencies/new/", views.agency_create, name="agency_create"),
    path(
        "units/<int:unit_pk>/agencies/usual/",
        views.agencies_create_usual,
        name="agencies_create_usual",
    ),
    path(
        "units/<int:unit_pk>/standing-agency/",
        views.standing_agency_assign,
        name="standing_agency_assign",
    ),
    path("units/<int:unit_pk>/teams/new/", views.team_create, name="team_create"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/edit/", views.team_update, name="team_update"),
    path("teams/<int:pk>/members/new/", views.team_member_add, name="team_member_add"),
    path(
        "teams/<int:pk>/members/<int:member_pk>/remove/",
        views.team_member_remove,
        name="team_member_remove",
    ),
]
