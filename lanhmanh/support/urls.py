from django.urls import path
from django.views.generic import RedirectView

from . import api
from .views import cases, counts, registers, work

app_name = "support"
c, w, r, n = cases, work, registers, counts
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="support:case_list"), name="index"),
    path("cases/", c.case_list, name="case_list"),
    path("cases/new/", c.case_create, name="case_create"),
    path("cases/<int:pk>/", c.case_detail, name="case_detail"),
    path("cases/<int:pk>/identity/", c.case_identity, name="case_identity"),
    path("cases/<int:pk>/edit/", c.case_update, name="case_update"),
    path("cases/<int:pk>/plan/", c.case_plan, name="case_plan"),
    path("cases/<int:pk>/close/", c.case_close, name="case_close"),
    path("cases/<int:pk>/workers/", c.case_workers, name="case_workers"),
    path("cases/<int:pk>/audit/", c.case_audit, name="case_audit"),
    path("cases/<int:pk>/export/", c.case_export, name="case_export"),
    path("cases/<int:pk>/consents/new/", w.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", w.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/document/", w.consent_document, name="consent_document"),
    path("cases/<int:pk>/assessments/new/", w.assessment_add, name="assessment_add"),
    path("cases/<int:pk>/services/new/", w.service_add, name="service_add"),
    path("cases/<int:pk>/referrals/new/", w.referral_add, name="referral_add"),
    path("referrals/", w.referral_followups, name="referral_followups"),
    path("referrals/<int:pk>/", w.referral_update, name="referral_update"),
    path("cases/<int:pk>/victim/", w.victim_edit, name="victim_edit"),
    path("cases/<int:pk>/victim/supports/new/", w.victim_support_add, name="victim_support_add"),
    path("cases/<int:pk>/child-steps/new/", w.child_step_add, name="child_step_add"),
    path("access-log/", c.access_log, name="access_log"),
    path("providers/", r.provider_list, name="provider_list"),
    path("providers/new/", r.provider_create, name="provider_create"),
    path("providers/<int:pk>/", r.provider_update, name="provider_update"),
    path("models/", r.model_list, name="model_list"),
    path("models/new/", r.model_create, name="model_create"),
    path("models/<int:pk>/", r.model_update, name="model_update"),
    path("teams/", r.team_list, name="team_list"),
    path("teams/new/", r.team_create, name="team_create"),
    path("teams/<int:pk>/", r.team_update, name="team_update"),
    path("outreach/", r.outreach_list, name="outreach_list"),
    path("outreach/new/", r.outreach_create, name="outreach_create"),
    path("overview/", n.overview, name="overview"),
    path("overview/xlsx/", n.overview_export_xlsx, name="overview_xlsx"),
    path("overview/docx/", n.overview_export_docx, name="overview_docx"),
    path("api/counts/", api.CountsView.as_view(), name="api_counts"),
]
