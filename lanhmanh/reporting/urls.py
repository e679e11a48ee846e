from django.urls import path

from . import (
    views,
    views_dashboard,
    views_documents,
    views_excel,
    views_package,
    views_review,
    views_setup,
    views_setup_forms,
)

app_name = "reporting"
urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("open/", views.submission_open, name="submission_open"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/submit/", views.submission_submit_view, name="submission_submit"),
    path(
        "submissions/<int:pk>/approve/",
        views_review.submission_approve_view,
        name="submission_approve",
    ),
    path(
        "submissions/<int:pk>/return/",
        views_review.submission_return_view,
        name="submission_return",
    ),
    path(
        "submissions/<int:pk>/reopen/",
        views_review.submission_reopen_view,
        name="submission_reopen",
    ),
    path(
        "submissions/<int:pk>/template.xlsx",
        views_excel.submission_template,
        name="submission_template",
    ),
    path("submissions/<int:pk>/upload/", views_excel.submission_upload, name="submission_upload"),
    path("review/", views_review.review_list, name="review_list"),
    path("overdue/", views_review.overdue_list, name="overdue_list"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("units/<int:pk>/targets/", views_dashboard.unit_targets_page, name="unit_targets"),
    path("targets/<int:pk>/link/", views_dashboard.target_link, name="target_link"),
    path("report.docx", views_documents.report_document, name="report_docx"),
    path("report.xlsx", views_documents.report_figures_xlsx, name="report_xlsx"),
    path("setup/indicators/", views_setup.indicator_list, name="indicator_list"),
    path("setup/indicators/new/", views_setup.indicator_create, name="indicator_create"),
    path("setup/indicators/<int:pk>/", views_setup.indicator_edit, name="indicator_edit"),
    path("setup/breakdowns/", views_setup.breakdown_list, name="breakdown_list"),
    path("setup/breakdowns/new/", views_setup.breakdown_create, name="breakdown_create"),
    path("setup/breakdowns/<int:pk>/", views_setup.breakdown_edit, name="breakdown_edit"),
    path("setup/forms/", views_setup_forms.form_list, name="form_list"),
    path("setup/forms/new/", views_setup_forms.form_create, name="form_create"),
    path("setup/forms/<int:pk>/", views_setup_forms.form_edit, name="form_edit"),
    path("setup/package/", views_package.package, name="package"),
    path("setup/package.json", views_package.package_export, name="package_export"),
]
