"""Forms of the configuration screens: breakdowns, indicators, report forms, packages.
They only read what was typed; the services check and save."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput
from lanhmanh.indicators.models import Aggregation, CategorySet, Measure, Source, Topic

OPTIONS_HELP = _("Mỗi dòng một lựa chọn: mã | tên | tên tiếng Anh (không bắt buộc).")
BAD_PARAMETERS = _('Tham số phải là JSON dạng {"tên": giá trị}.')


class CategorySetForm(BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("Mã"), max_length=40)
    name = forms.CharField(label=_("Tên phân tổ"), max_length=120)
    name_en = forms.CharField(label=_("Tên tiếng Anh"), max_length=120, required=False)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=0, required=False)
    options = forms.CharField(
        label=_("Các lựa chọn"), widget=forms.Textarea(attrs={"rows": 6}), help_text=OPTIONS_HELP
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_options(self):
        rows = []
        for line in self.cleaned_data["options"].splitlines():
            if line.strip():
                rows.append([part.strip() for part in line.split("|")])
        return rows

    @staticmethod
    def initial_for(category_set) -> dict:
        lines = [
            " | ".join(p for p in (o.code, o.name, o.name_en) if p)
            for o in category_set.options.all()
        ]
        return {
            "code": category_set.code,
            "name": category_set.name,
            "name_en": category_set.name_en,
            "order": category_set.order,
            "options": "\n".join(lines),
            "version": category_set.version,
        }


class IndicatorForm(BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("Mã"), max_length=60)
    name = forms.CharField(label=_("Tên chỉ số"), max_length=255)
    name_en = forms.CharField(label=_("Tên tiếng Anh"), max_length=255, required=False)
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices)
    definition = forms.CharField(
        label=_("Định nghĩa"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    measure = forms.ChoiceField(label=_("Đơn vị đo"), choices=Measure.choices)
    unit_of_measure = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    numerator_label = forms.CharField(label=_("Tử số"), max_length=255, required=False)
    denominator_label = forms.CharField(label=_("Mẫu số"), max_length=255, required=False)
    aggregation = forms.ChoiceField(label=_("Cách tổng hợp"), choices=Aggregation.choices)
    disaggregations = forms.MultipleChoiceField(
        label=_("Phân tổ"), required=False, widget=forms.CheckboxSelectMultiple
    )
    source = forms.ChoiceField(label=_("Nguồn số liệu"), choices=Source.choices)
    computation = forms.SlugField(label=_("Phép tính"), max_length=60, required=False)
    parameters = forms.CharField(
        label=_("Tham số của phép tính (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('Ví dụ: {"team": 12} hoặc {"level": "commune"}.'),
    )
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), required=False, widget=DateInput)
    valid_to = forms.DateField(label=_("Áp dụng đến ngày"), required=False, widget=DateInput)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=100, required=False)
    active = forms.BooleanField(label=_("Đang sử dụng"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        sets = CategorySet.objects.visible_to(user) if user else CategorySet.objects.all()
        self.fields["disaggregations"].choices = [(s.code, s.name) for s in sets]
        # Each box is named by its own label, not by the field's.
        self.fields["disaggregations"].widget.attrs = {"class": "form-check-input"}

    def clean_parameters(self):
        raw = (self.cleaned_data.get("parameters") or "").strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise forms.ValidationError(BAD_PARAMETERS) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(BAD_PARAMETERS)
        return value

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["order"] = data.get("order") or 0
        return data

    @staticmethod
    def initial_for(indicator) -> dict:
        fields = [
            "code",
            "name",
            "name_en",
            "topic",
            "definition",
            "measure",
            "unit_of_measure",
            "numerator_label",
            "denominator_label",
            "aggregation",
            "disaggregations",
            "source",
            "computation",
            "valid_from",
            "valid_to",
            "order",
            "active",
            "version",
        ]
        initial = {f: getattr(indicator, f) for f in fields}
        initial["parameters"] = (
            json.dumps(indicator.parameters, ensure_ascii=False) if indicator.parameters else ""
        )
        return initial


# --- report forms ------------------------------------------------------------------------


class ReportFormSettings(BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("Mã biểu"), max_length=40)
    name = forms.CharField(label=_("Tên biểu mẫu"), max_length=255)
    description = forms.CharField(
        label=_("Hướng dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    periodicity = forms.ChoiceField(label=_("Kỳ báo cáo"))
    unit_level = forms.ChoiceField(label=_("Cấp báo cáo"))
    reporter = forms.ChoiceField(label=_("Ai báo cáo"))
    sector = forms.ModelChoiceField(
        label=_("Ngành (nếu cơ quan báo cáo)"), required=False, queryset=None
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Chỉ các đơn vị (để trống: mọi đơn vị của cấp)"), required=False, queryset=None
    )
    deadline_days = forms.IntegerField(
        label=_("Hạn gửi (số ngày sau ngày chốt số liệu)"), min_value=1, initial=3
    )
    recipients = forms.MultipleChoiceField(
        label=_("Nơi nhận"), required=False, widget=forms.CheckboxSelectMultiple
    )
    active = forms.BooleanField(label=_("Đang sử dụng"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, **kwargs):
        from lanhmanh.geography.models import AdministrativeUnit, Level
        from lanhmanh.organizations.models import Sector

        from .models import Recipient, Reporter
        from .periods import PeriodKind

        super().__init__(*args, **kwargs)
        self.fields["periodicity"].choices = PeriodKind.choices
        self.fields["unit_level"].choices = Level.choices
        self.fields["reporter"].choices = Reporter.choices
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["units"].queryset = (
            units if units is not None else AdministrativeUnit.objects.none()
        )
        self.fields["recipients"].choices = Recipient.choices
        self.fields["recipients"].widget.attrs = {"class": "form-check-input"}

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("code", "version", "units"):
            data.pop(key, None)
        data["deadline_offsets"] = {}
        return data


class RowForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Chỉ số"), queryset=None, required=False)
    disaggregations = forms.MultipleChoiceField(
        label=_("Phân tổ"), required=False, widget=forms.CheckboxSelectMultiple
    )
    required = forms.BooleanField(label=_("Bắt buộc"), required=False)
    group = forms.CharField(label=_("Nhóm (tiêu đề phần số liệu)"), max_length=255, required=False)

    def __init__(self, *args, indicators=None, sets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["disaggregations"].choices = sets
        self.fields["disaggregations"].widget.attrs = {"class": "form-check-input"}
        self.fields["group"].widget.attrs = {
            "class": "form-control form-control-sm",
            "aria-label": str(self.fields["group"].label),
        }


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    title = forms.CharField(label=_("Tiêu đề"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        from .models import SectionKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *SectionKind.choices]
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["title"].widget.attrs["class"] = "form-control form-control-sm"


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kiểm tra"), required=False)
    left = forms.CharField(label=_("Số liệu (mã chỉ số)"), max_length=110, required=False)
    right = forms.CharField(
        label=_("So với (mã chỉ số hoặc phân tổ)"), max_length=110, required=False
    )
    severity = forms.ChoiceField(label=_("Mức độ"), required=False)
    message = forms.CharField(label=_("Thông báo"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        from .models import RuleKind, Severity

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *RuleKind.choices]
        self.fields["severity"].choices = Severity.choices
        for name, field in self.fields.items():
            css = "form-select" if name in ("kind", "severity") else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"
            field.widget.attrs["aria-label"] = str(field.label)


RowFormSet = forms.formset_factory(RowForm, extra=3)
SectionFormSet = forms.formset_factory(SectionForm, extra=2)
RuleFormSet = forms.formset_factory(RuleForm, extra=2)


class PackageUploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Gói cấu hình (.json)"), widget=forms.ClearableFileInput(attrs={"accept": ".json"})
    )
