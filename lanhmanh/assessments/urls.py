from django.urls import path

from . import views
from .views import documents, frameworks

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("new/", views.assessment_create, name="assessment_create"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("<int:pk>/adjust/", views.answer_adjust, name="answer_adjust"),
    path("<int:pk>/return/", views.assessment_return, name="assessment_return"),
    path("<int:pk>/approve/", views.assessment_approve, name="assessment_approve"),
    path("<int:pk>/files/", views.document_add, name="document_add"),
    path("files/<int:pk>/", views.document_file, name="document_file"),
    path("<int:pk>/docx/", documents.assessment_docx_view, name="assessment_docx"),
    path("<int:pk>/xlsx/", documents.assessment_xlsx_view, name="assessment_xlsx"),
    path("list.docx", documents.classification_docx_view, name="classification_docx"),
    path("list.xlsx", documents.classification_xlsx_view, name="classification_xlsx"),
    path("units/<int:unit_pk>/", views.commune_history, name="commune_history"),
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/adopt/", frameworks.framework_adopt, name="framework_adopt"),
    path("classes/<int:pk>/edit/", frameworks.class_edit, name="class_edit"),
    path("criteria/<int:pk>/edit/", frameworks.criterion_edit, name="criterion_edit"),
]
