from django.urls import path

from . import views
from .views import (
    dashboard,
    documents,
    excel,
    package,
    requests,
    review,
    setup,
    setup_forms,
    targets,
)

app_name = "reporting"
urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("open/", views.submission_open, name="submission_open"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/submit/", views.submission_submit_view, name="submission_submit"),
    path(
        "submissions/<int:pk>/approve/",
        review.submission_approve_view,
        name="submission_approve",
    ),
    path(
        "submissions/<int:pk>/return/",
        review.submission_return_view,
        name="submission_return",
    ),
    path(
        "submissions/<int:pk>/reopen/",
        review.submission_reopen_view,
        name="submission_reopen",
    ),
    path(
        "submissions/<int:pk>/template.xlsx",
        excel.submission_template,
        name="submission_template",
    ),
    path("submissions/<int:pk>/upload/", excel.submission_upload, name="submission_upload"),
    path("review/", review.review_list, name="review_list"),
    path("overdue/", review.overdue_list, name="overdue_list"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("units/<int:pk>/targets/", dashboard.unit_targets_page, name="unit_targets"),
    path("targets/<int:pk>/link/", dashboard.target_link, name="target_link"),
    path("targets/<int:pk>/limits/", targets.target_limits, name="target_limits"),
    path("report.docx", documents.report_document, name="report_docx"),
    path("report.xlsx", documents.report_figures_xlsx, name="report_xlsx"),
    path("setup/indicators/", setup.indicator_list, name="indicator_list"),
    path("setup/indicators/new/", setup.indicator_create, name="indicator_create"),
    path("setup/indicators/<int:pk>/", setup.indicator_edit, name="indicator_edit"),
    path("setup/breakdowns/", setup.breakdown_list, name="breakdown_list"),
    path("setup/breakdowns/new/", setup.breakdown_create, name="breakdown_create"),
    path("setup/breakdowns/<int:pk>/", setup.breakdown_edit, name="breakdown_edit"),
    path("setup/forms/", setup_forms.form_list, name="form_list"),
    path("setup/forms/new/", setup_forms.form_create, name="form_create"),
    path("setup/forms/<int:pk>/", setup_forms.form_edit, name="form_edit"),
    path("setup/package/", package.package, name="package"),
    path("setup/package.json", package.package_export, name="package_export"),
]
