from django.urls import path

from . import views
from .views import public, statistics

app_name = "tips"
urlpatterns = [
    # Public: the only pages open without an account (their addresses are checked by
    # middleware.PUBLIC_ROUTES, which strips the sender's address from the request).
    path("bao-tin/", public.public_form, name="public_form"),
    path("tra-cuu/", public.public_receipt, name="public_receipt"),
    path("xa-phuong/", public.public_communes, name="public_communes"),
    # Staff
    path("", views.tip_list, name="tip_list"),
    path("new/", views.tip_create, name="tip_create"),
    path("deadlines/", views.deadline_rules, name="deadline_rules"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("<int:pk>/", views.tip_detail, name="tip_detail"),
    path("<int:pk>/triage/", views.tip_triage, name="tip_triage"),
    path("<int:pk>/status/", views.tip_status, name="tip_status"),
    path("<int:pk>/extend/", views.tip_extend, name="tip_extend"),
    path("<int:pk>/ask/", views.tip_ask, name="tip_ask"),
    path("<int:pk>/link/", views.tip_link, name="tip_link"),
    path("<int:pk>/inspect/", views.tip_inspect, name="tip_inspect"),
    path("<int:pk>/contact/", views.tip_contact, name="tip_contact"),
    path("<int:pk>/files/<int:attachment_pk>/", views.tip_attachment, name="tip_attachment"),
]
