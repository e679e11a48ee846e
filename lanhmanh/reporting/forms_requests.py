"""The form of an ad hoc report request; the rules are the service's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput
from lanhmanh.indicators.models import Indicator
from lanhmanh.organizations.models import Agency

from .models import ReportForm

ALL_UNITS_HELP = _("Gửi tất cả đơn vị trực thuộc có cấp báo cáo của biểu mẫu (hoặc cấp xã).")


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class UnitsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class ReportRequestForm(BootstrapMixin, forms.Form):
    unit = UnitField(label=_("Đơn vị yêu cầu"), queryset=None, empty_label=None)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan yêu cầu (hoặc Ban Chỉ đạo)"),
        queryset=None,
        required=False,
        empty_label=_("— Ủy ban nhân dân —"),
    )
    title = forms.CharField(label=_("Nội dung yêu cầu"), max_length=255)
    form = forms.ModelChoiceField(
        label=_("Biểu mẫu"),
        queryset=ReportForm.objects.filter(active=True, sector__isnull=True),
        required=False,
        empty_label=_("— Không dùng biểu mẫu: chọn chỉ số —"),
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Hoặc các chỉ số"),
        queryset=Indicator.objects.filter(source="entered"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    window_start = forms.DateField(label=_("Số liệu từ ngày"), widget=DateInput())
    window_end = forms.DateField(label=_("Số liệu đến ngày"), widget=DateInput())
    deadline = forms.DateField(label=_("Hạn gửi"), widget=DateInput())
    all_units = forms.BooleanField(
        label=_("Tất cả đơn vị trực thuộc"), required=False, help_text=ALL_UNITS_HELP
    )
    units = UnitsField(
        label=_("Đơn vị được yêu cầu"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, asking_units, below, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = asking_units
        self.fields["agency"].queryset = (
            Agency.objects.filter(unit__in=asking_units, is_active=True)
            .select_related("unit")
            .order_by("unit__path", "name")
        )
        self.fields["units"].queryset = below
