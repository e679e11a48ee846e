"""Ad hoc report requests: a unit, one of its agencies or its steering committee asks the
units below it for a report on a form (or on a few indicators) for a window of its own,
by a deadline. Each unit asked answers with an ordinary submission of the request's
form for the ad hoc period of the window (key 'adhoc-<start>-<end>'), so the figures
count in the values like any report and the entry screen is the same."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency

from .periods import Period, ad_hoc


class ReportRequestQuerySet(ScopedQuerySet):
    # The asking unit's scope: its coordinators and readers follow the answers. The units
    # asked see the request as a line of their reports due (``addressed_to``).
    scope_path = "unit__path"
    scope_module = Module.REPORTING

    def addressed_to(self, units):
        return self.filter(units__in=units).distinct()


class ReportRequest(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị yêu cầu"),
        on_delete=models.PROTECT,
        related_name="report_requests",
    )
    # An agency of the asking unit, or its steering committee (an agency of the sector
    # 'steering_committee'); empty: the people's committee itself.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_requests",
    )
    title = models.CharField(_("nội dung yêu cầu"), max_length=255)
    form = models.ForeignKey(
        "reporting.ReportForm",
        verbose_name=_("biểu mẫu"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    deadline = models.DateField(_("hạn gửi"))
    units = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("đơn vị được yêu cầu"), related_name="requests_received"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu báo cáo đột xuất")
        verbose_name_plural = _("yêu cầu báo cáo đột xuất")
        ordering = ["-deadline", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reporting:request_detail", args=[self.pk])

    @property
    def period(self) -> Period:
        return ad_hoc(self.window_start, self.window_end)

    @property
    def asked_by(self) -> str:
        return str(self.agency) if self.agency_id else str(self.unit)
