"""The indicator catalogue and its breakdowns, as data.

A breakdown is a ``CategorySet`` (sex, age band, establishment type…) with its
``CategoryOption`` rows; a figure's disaggregation key is '' for the total, else
'<set code>:<option code>' ('sex:female'). An indicator names the sets it may be broken
down by (``disaggregations``, a list of set codes).

An indicator that has figures never changes meaning: editing its meaning makes a new
edition (a new row, ``previous`` pointing at the old one, the old one no longer
``current``); figures keep pointing at the edition they were entered against. Rows with
an ``owner`` belong to that province (or unit) and are seen only inside it; rows without
one are the national catalogue.
"""

from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.scoping import within
from lanhmanh.geography.models import AdministrativeUnit


class Measure(models.TextChoices):
    COUNT = "count", _("số lượng")
    PERCENT = "percent", _("tỷ lệ %")
    TIMES_PER_PERIOD = "times_per_period", _("số lần trong kỳ")
    AMOUNT = "amount", _("số tiền (đồng)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("cộng dồn")
    RATIO = "ratio", _("tỷ lệ (tổng tử số / tổng mẫu số)")
    LAST = "last", _("số liệu cuối kỳ")
    MAX = "max", _("số lớn nhất trong kỳ")


class Source(models.TextChoices):
    ENTERED = "entered", _("nhập qua biểu mẫu báo cáo")
    COMPUTED = "computed", _("tính từ dữ liệu nghiệp vụ")


class Topic(models.TextChoices):
    PROSTITUTION = "prostitution", _("Mại dâm")
    DRUGS = "drugs", _("Ma túy")
    TRAFFICKING = "trafficking", _("Mua bán người")
    GENERAL = "general", _("Chung")


def owned_visible_q(user, lookup: str = "owner", *, module=None, action=None) -> models.Q:
    """Rows of the national catalogue (no owner) and rows owned by a unit the user works
    in, above or below: a commune sees its province's indicators."""
    from lanhmanh.accounts.roles import Module
    from lanhmanh.accounts.scope import READ, scope_for

    scope = scope_for(user, module or Module.REPORTING, action=action or READ)
    if scope.everything:
        return models.Q()
    ancestors = set()
    for prefix in scope.prefixes:
        parts = prefix.strip("/").split("/")
        ancestors |= {"/".join(parts[: i + 1]) + "/" for i in range(len(parts))}
    q = models.Q(**{f"{lookup}__isnull": True})
    if scope.prefixes:
        q |= models.Q(**{f"{lookup}__path__in": sorted(ancestors)})
        q |= scope.q(f"{lookup}__path")
    return q


class OwnedQuerySet(models.QuerySet):
    def visible_to(self, user, *, module=None, action=None):
        # Same signature as ScopedQuerySet: get_visible_or_404 passes module and action.
        return self.filter(owned_visible_q(user, module=module, action=action))


class CategorySet(models.Model):
    """A breakdown: sex, age band, establishment type… and its options."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên phân tổ"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    owner = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị sở hữu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân tổ")
        verbose_name_plural = _("phân tổ")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class CategoryOption(models.Model):
    category_set = models.ForeignKey(CategorySet, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lựa chọn phân tổ")
        verbose_name_plural = _("lựa chọn phân tổ")
        ordering = ["category_set", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category_set", "code"], name="category_option_unique")
        ]

    def __str__(self):
        return self.name


class IndicatorQuerySet(OwnedQuerySet):
    def current(self):
        return self.filter(current=True)

    def active(self):
        return self.filter(active=True, current=True)

    def for_unit(self, unit):
        """National rows and those owned by ``unit``, a unit above it or a unit below it:
        what a report of ``unit`` may show."""
        parts = unit.path.strip("/").split("/")
        ancestors = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
        return self.filter(
            models.Q(owner__isnull=True)
            | models.Q(owner__path__in=ancestors)
            | within(unit, "owner__path")
        )


# The fields that say what an indicator means: changing one once figures exist makes a
# new edition. Name, English name, order and validity are edited in place.
MEANING_FIELDS = (
    "definition",
    "measure",
    "unit_of_measure",
    "numerator_label",
    "denominator_label",
    "aggregation",
    "source",
    "computation",
    "parameters",
    "disaggregations",
)


class Indicator(models.Model):
    """What is counted or measured to judge a target: a catalogue row, never code."""

    code = models.SlugField(_("mã"), max_length=60)
    name = models.CharField(_("tên chỉ số"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
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
    # A computed indicator's registered computation (blank: the one registered under its
    # own code) and the parameters passed to it (agency, team, level…).
    computation = models.SlugField(_("phép tính"), max_length=60, blank=True)
    parameters = models.JSONField(_("tham số"), default=dict, blank=True)
    disaggregations = models.JSONField(_("phân tổ"), default=list, blank=True)
    topic = models.CharField(
        _("lĩnh vực"), max_length=20, choices=Topic.choices, default=Topic.PROSTITUTION
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang sử dụng"), default=True)
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    owner = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị sở hữu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: chỉ số của danh mục quốc gia."),
    )
    edition = models.PositiveSmallIntegerField(_("lần ban hành"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("thay thế chỉ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_edition",
    )
    current = models.BooleanField(_("bản hiện hành"), default=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["order", "code", "edition"]
        constraints = [
            models.UniqueConstraint(fields=["code", "edition"], name="indicator_code_edition"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(current=True), name="indicator_code_current"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_ratio(self) -> bool:
        """Kept as numerator and denominator (a percentage), whatever its time aggregation."""
        return self.measure == Measure.PERCENT

    @property
    def is_stock(self) -> bool:
        return self.aggregation == Aggregation.LAST

    @property
    def computation_code(self) -> str:
        return self.computation or self.code

    def valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def clean(self):
        dims = list(self.disaggregations or [])
        known = set(CategorySet.objects.filter(code__in=dims).values_list("code", flat=True))
        unknown = [d for d in dims if d not in known]
        if unknown:
            message = _("Phân tổ không có trong danh mục: %(names)s") % {
                "names": ", ".join(unknown)
            }
            raise ValidationError({"disaggregations": message})
        if self.aggregation == Aggregation.RATIO and self.measure != Measure.PERCENT:
            raise ValidationError(_("Chỉ số tổng hợp theo tỷ lệ phải có đơn vị đo là tỷ lệ %."))
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc trước ngày bắt đầu áp dụng.")})
        if not isinstance(self.parameters, dict):
            raise ValidationError({"parameters": _("Tham số phải là một bảng tên → giá trị.")})


# --- breakdown options, read once per request ------------------------------------------

_OPTIONS: dict[str, list[tuple[str, str]]] | None = None
_NAMES: dict[str, str] = {}


def _load() -> dict[str, list[tuple[str, str]]]:
    global _OPTIONS
    if _OPTIONS is None:
        options: dict[str, list[tuple[str, str]]] = {}
        names = {}
        for s in CategorySet.objects.prefetch_related("options"):
            options[s.code] = [(o.code, o.name) for o in s.options.all()]
            names[s.code] = s.name
        _NAMES.clear()
        _NAMES.update(names)
        _OPTIONS = options
    return _OPTIONS


def forget_options(*_args, **_kwargs) -> None:
    """The breakdowns changed (or a new request starts): read them again when asked."""
    global _OPTIONS
    _OPTIONS = None


request_started.connect(forget_options, dispatch_uid="indicators_forget_options")
for _model in (CategorySet, CategoryOption):
    post_save.connect(forget_options, sender=_model, dispatch_uid=f"forget_{_model.__name__}_s")
    post_delete.connect(forget_options, sender=_model, dispatch_uid=f"forget_{_model.__name__}_d")


def category_options(code: str) -> list[tuple[str, str]]:
    """[(option code, label)] of the breakdown ``code``, in order ([] if unknown)."""
    return _load().get(code, [])


def category_name(code: str) -> str:
    _load()
    return _NAMES.get(code, code)


def disaggregation_keys(dimensions) -> list[str]:
    """The keys of every option of the given breakdowns, in order."""
    return [f"{dim}:{member}" for dim in dimensions for member, _label in category_options(dim)]


def disaggregation_label(key: str) -> str:
    """'sex:female' → 'Nữ'; '' → 'Tổng số'."""
    if not key:
        return str(_("Tổng số"))
    dim, _sep, member = key.partition(":")
    return dict(category_options(dim)).get(member, key)
