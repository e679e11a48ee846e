from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from lanhmanh.core import views as core_views
from lanhmanh.core.health import healthz

urlpatterns = [
    path("", core_views.home, name="home"),
    path("search/", core_views.search, name="search"),
    path("healthz", healthz, name="healthz"),
    path("login/", login_not_required(auth_views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("units/", include("lanhmanh.geography.urls")),
    path("organizations/", include("lanhmanh.organizations.urls")),
    path("accounts/", include("lanhmanh.accounts.urls")),
    path("plans/", include("lanhmanh.plans.urls")),
    path("reporting/", include("lanhmanh.reporting.urls")),
    path("inspections/", include("lanhmanh.inspections.urls")),
    path("tips/", include("lanhmanh.tips.urls")),
    path("support/", include("lanhmanh.support.urls")),
    path("activities/", include("lanhmanh.activities.urls")),
    path("overview/", include("lanhmanh.overview.urls")),
    path("cases/", include("lanhmanh.cases.urls")),
    path("assessments/", include("lanhmanh.assessments.urls")),
    path("committees/", include("lanhmanh.committees.urls")),
    path("sanctions/", include("lanhmanh.sanctions.urls")),
    path("api/", include("lanhmanh.api.urls")),
    path("audit/", include("lanhmanh.audit.urls")),
    path("notifications/", include("lanhmanh.notifications.urls")),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
]
