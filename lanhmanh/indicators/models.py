from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import DISAGGREGATIONS


class Measure(models.TextChoices):
    COUNT = "count", _("số lượng")
    PERCENT = "percent", _("tỷ lệ %")
    TIMES_PER_PERIOD = "times_per_period", _("số lần trong kỳ")
    AMOUNT = "amount", _("số tiền (đồng)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("cộng dồn")
    RATIO = "ratio", _("tỷ lệ (tổng tử số / tổng mẫu số)")
    LAST = "last", _("số liệu cuối kỳ")


class Source(models.TextChoices):
    ENTERED = "entered", _("nhập qua biểu mẫu báo cáo")
    COMPUTED = "computed", _("tính từ dữ liệu nghiệp vụ")


class Topic(models.TextChoices):
    PROSTITUTION = "prostitution", _("Mại dâm")
    DRUGS = "drugs", _("Ma túy")
    TRAFFICKING = "trafficking", _("Mua bán người")
    GENERAL = "general", _("Chung")


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Indicator(models.Model):
    """What is counted or measured to judge a target: a catalogue row, never code."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=255)
    definition = models.TextField(_("định nghĩa"), blank=True)
    measure = models.CharField(_("đơn vị đo"), max_length=20, choices=Measure.choices)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    numerator_label = models.CharField(_("tử số"), max_length=255, blank=True)
    denominator_label = models.CharField(_("mẫu số"), max_length=255, blank=True)
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=10, choices=Source.choices, default=Source.ENTERED
    )
    disaggregations = models.JSONField(_("phân tổ"), default=list, blank=True)
    topic = models.CharField(
        _("lĩnh vực"), max_length=20, choices=Topic.choices, default=Topic.PROSTITUTION
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang sử dụng"), default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_ratio(self) -> bool:
        """Kept as numerator and denominator (a percentage), whatever its time aggregation."""
        return self.measure == Measure.PERCENT

    @property
    def is_stock(self) -> bool:
        return self.aggregation == Aggregation.LAST

    def clean(self):
        unknown = [d for d in self.disaggregations or [] if d not in DISAGGREGATIONS]
        if unknown:
            message = _("Phân tổ không có trong danh mục: %(names)s") % {
                "names": ", ".join(unknown)
            }
            raise ValidationError({"disaggregations": message})
        if self.aggregation == Aggregation.RATIO and self.measure != Measure.PERCENT:
            raise ValidationError(_("Chỉ số tổng hợp theo tỷ lệ phải có đơn vị đo là tỷ lệ %."))


def disaggregation_keys(dimensions) -> list[str]:
    """The keys of every member of the given dimensions, in catalogue order."""
    return [f"{dim}:{member}" for dim in dimensions for member, _label in DISAGGREGATIONS[dim]]


def disaggregation_label(key: str) -> str:
    """'sex:female' → 'Nữ'; '' → 'Tổng số'."""
    if not key:
        return str(_("Tổng số"))
    dim, _sep, member = key.partition(":")
    return dict(DISAGGREGATIONS.get(dim, [])).get(member, key)
