from django.urls import path

from . import (
    views,
    views_dashboard,
    views_documents,
    views_excel,
    views_requests,
    views_review,
    views_targets,
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
    path("requests/", views_requests.request_list, name="request_list"),
    path("requests/new/", views_requests.request_create, name="request_create"),
    path("requests/<int:pk>/", views_requests.request_detail, name="request_detail"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("units/<int:pk>/targets/", views_dashboard.unit_targets_page, name="unit_targets"),
    path("targets/<int:pk>/link/", views_dashboard.target_link, name="target_link"),
    path("targets/<int:pk>/limits/", views_targets.target_limits, name="target_limits"),
    path("report.docx", views_documents.report_document, name="report_docx"),
    path("report.xlsx", views_documents.report_figures_xlsx, name="report_xlsx"),
]
