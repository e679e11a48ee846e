from django.urls import path
from django.views.generic import RedirectView

from .views import establishments as est
from .views import hotspots as hot
from .views import imports as imp
from .views import inspections as ins
from .views import plans

app_name = "inspections"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="inspections:establishment_list"), name="index"),
    path("establishments/", est.establishment_list, name="establishment_list"),
    path("establishments/export/", est.establishment_export, name="establishment_export"),
    path("establishments/new/", est.establishment_create, name="establishment_create"),
    path("establishments/<int:pk>/", est.establishment_detail, name="establishment_detail"),
    path("establishments/<int:pk>/edit/", est.establishment_update, name="establishment_update"),
    path("establishments/<int:pk>/status/", est.establishment_status, name="establishment_status"),
    path("establishments/<int:pk>/commitments/new/", est.commitment_add, name="commitment_add"),
    path("commitments/<int:pk>/document/", est.commitment_document, name="commitment_document"),
    path("establishments/<int:pk>/inspect/", ins.inspection_create, name="inspection_create"),
    path("import/", imp.import_upload, name="import_upload"),
    path("import/<int:pk>/", imp.import_review, name="import_review"),
    path("inspections/", ins.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", ins.inspection_detail, name="inspection_detail"),
    path("follow-ups/", ins.followup_list, name="followup_list"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("teams/<int:team_pk>/plans/new/", plans.plan_create, name="plan_create"),
    path("hotspots/", hot.hotspot_list, name="hotspot_list"),
    path("hotspots/new/", hot.hotspot_create, name="hotspot_create"),
    path("hotspots/<int:pk>/", hot.hotspot_detail, name="hotspot_detail"),
    path("hotspots/<int:pk>/status/", hot.hotspot_status, name="hotspot_status"),
    path("hotspots/<int:pk>/patrols/new/", hot.hotspot_patrol, name="hotspot_patrol"),
]
