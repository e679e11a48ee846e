"""Forms of the register: they collect input; the rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput
from lanhmanh.inspections.services.common import vnd

from .models import (
    AgeBand,
    Enforcement,
    Nationality,
    OffenderKind,
    OffenderRole,
    Outcome,
    Sex,
)

BEFORE_REFORM = _("trước 01/07/2025")
TO_CONFIRM = _("mức phạt cần xác nhận")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.is_current:
            return obj.full_name
        return f"{obj.full_name} ({BEFORE_REFORM})"


class ViolationTypeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        """The act, its decree and dates, the range the fine must fall in."""
        start = obj.valid_from.strftime("%d/%m/%Y") if obj.valid_from else "…"
        end = obj.valid_to.strftime("%d/%m/%Y") if obj.valid_to else "…"
        flag = f"; {TO_CONFIRM}" if obj.to_confirm else ""
        return (
            f"{obj.description} — {obj.decree} ({start}–{end}; "
            f"{vnd(obj.fine_min)}–{vnd(obj.fine_max)} ₫{flag})"
        )


def _choices(choices):
    return [("", _("— Chọn —")), *choices]


class DecisionForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Địa bàn vi phạm"), queryset=None, empty_label=_("— Chọn —"))
    act_date = forms.DateField(label=_("Ngày vi phạm"), widget=DateInput)
    violation_type = ViolationTypeField(
        label=_("Hành vi vi phạm"),
        queryset=None,
        empty_label=_("— Chọn —"),
        help_text=_("Xử lý theo nghị định có hiệu lực vào ngày vi phạm."),
    )
    offender_kind = forms.ChoiceField(label=_("Đối tượng"), choices=OffenderKind.choices)
    role = forms.ChoiceField(label=_("Vai trò"), choices=_choices(OffenderRole.choices))
    sex = forms.ChoiceField(label=_("Giới tính"), choices=_choices(Sex.choices), required=False)
    age_band = forms.ChoiceField(
        label=_("Độ tuổi"), choices=_choices(AgeBand.choices), required=False
    )
    nationality = forms.ChoiceField(
        label=_("Quốc tịch"), choices=_choices(Nationality.choices), required=False
    )
    establishment = forms.ModelChoiceField(label=_("Cơ sở vi phạm"), queryset=None, required=False)
    organisation_name = forms.CharField(
        label=_("Tên tổ chức vi phạm"), max_length=255, required=False
    )
    outcome = forms.ChoiceField(label=_("Hình thức xử lý"), choices=_choices(Outcome.choices))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Ngày ra quyết định"), widget=DateInput, required=False)
    issuing_agency = forms.ModelChoiceField(
        label=_("Cơ quan ra quyết định"), queryset=None, required=False
    )
    issuer_title = forms.CharField(
        label=_("Chức danh người ký"),
        max_length=120,
        required=False,
        help_text=_("Ví dụ: Trưởng Công an xã, Chủ tịch UBND xã."),
    )
    fine_vnd = forms.IntegerField(
        label=_("Số tiền phạt (đồng)"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
    )
    additional_measures = forms.CharField(
        label=_("Hình thức xử phạt bổ sung, biện pháp khắc phục"), max_length=255, required=False
    )
    referred_to = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=255, required=False)
    payment_due = forms.DateField(
        label=_("Hạn nộp phạt"),
        widget=DateInput,
        required=False,
        help_text=_("Để trống: 10 ngày sau ngày ra quyết định."),
    )
    paid_vnd = forms.IntegerField(
        label=_("Số tiền đã nộp (đồng)"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
    )
    paid_on = forms.DateField(label=_("Ngày nộp"), widget=DateInput, required=False)
    enforcement = forms.ChoiceField(
        label=_("Tình trạng thi hành"), choices=Enforcement.choices, initial=Enforcement.IN_PROGRESS
    )
    inspection = forms.ModelChoiceField(
        label=_("Lượt kiểm tra liên quan"), queryset=None, required=False
    )
    tip = forms.ModelChoiceField(label=_("Tin báo liên quan"), queryset=None, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    GROUPS = {
        "act": ("unit", "act_date", "violation_type", "offender_kind", "role"),
        "person": ("sex", "age_band", "nationality"),
        "organisation": ("establishment", "organisation_name"),
        "decision": (
            "outcome",
            "decision_number",
            "decision_date",
            "issuing_agency",
            "issuer_title",
            "fine_vnd",
            "additional_measures",
            "referred_to",
        ),
        "payment": ("payment_due", "paid_vnd", "paid_on", "enforcement"),
        "links": ("inspection", "tip"),
    }

    def __init__(
        self,
        *args,
        units,
        violation_types,
        agencies,
        establishments,
        inspections,
        tips,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["violation_type"].queryset = violation_types
        self.fields["issuing_agency"].queryset = agencies
        self.fields["establishment"].queryset = establishments
        self.fields["inspection"].queryset = inspections
        self.fields["tip"].queryset = tips

    def group(self, name):
        return [self[f] for f in self.GROUPS[name]]

    def act_fields(self):
        return self.group("act")

    def person_fields(self):
        return self.group("person")

    def organisation_fields(self):
        return self.group("organisation")

    def decision_fields(self):
        return self.group("decision")

    def payment_fields(self):
        return self.group("payment")

    def link_fields(self):
        return self.group("links")

    def service_values(self) -> dict:
        values = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        for name in ("organisation_name", "decision_number", "issuer_title",
                     "additional_measures", "referred_to"):  # fmt: skip
            values[name] = (values.get(name) or "").strip()
        return values


class ViolationTypeForm(BootstrapMixin, forms.Form):
    article = forms.CharField(label=_("Điều, khoản, điểm"), max_length=80)
    description = forms.CharField(label=_("Hành vi vi phạm"), max_length=300)
    fine_min = forms.IntegerField(label=_("Mức phạt tối thiểu (đồng)"), min_value=0)
    fine_max = forms.IntegerField(label=_("Mức phạt tối đa (đồng)"), min_value=0)
    warning_allowed = forms.BooleanField(label=_("Có thể phạt cảnh cáo"), required=False)
    valid_from = forms.DateField(label=_("Hiệu lực từ"), widget=DateInput, required=False)
    valid_to = forms.DateField(label=_("Hiệu lực đến"), widget=DateInput, required=False)
    to_confirm = forms.BooleanField(
        label=_("Mức phạt cần xác nhận"),
        required=False,
        help_text=_("Bỏ đánh dấu khi đã đối chiếu với văn bản nghị định."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
