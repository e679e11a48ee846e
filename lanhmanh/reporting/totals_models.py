"""Approved totals kept up to date: the sums of the approved figures of every unit's
subtree, by indicator and period, maintained by the approve and reopen services in the
same transaction (``lanhmanh/reporting/totals.py``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.indicators.models import Indicator


class ApprovedTotal(models.Model):
    """The approved total figures (no disaggregation) of one indicator for one period,
    summed over the reports of the units strictly below the unit at ``path`` (a unit's
    own reports are read from the submissions: they are few). ``path`` may be a scheme's
    root ('2025/'), the nation, which is no unit. ``reports`` counts the submissions."""

    path = models.CharField(max_length=255)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    numerator = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    denominator = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    reports = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("tổng số liệu đã duyệt")
        verbose_name_plural = _("tổng số liệu đã duyệt")
        constraints = [
            models.UniqueConstraint(
                fields=["path", "indicator", "period_start", "period_end"],
                name="approved_total_unique",
            )
        ]

    def __str__(self):
        return f"{self.path} {self.indicator_id} {self.period_start}–{self.period_end}"
