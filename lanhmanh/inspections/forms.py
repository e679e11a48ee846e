"""Forms of the module. They collect and check input; the rules live in ``services``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput
from lanhmanh.core.uploads import ESTABLISHMENT_REGISTER, check_document, check_size
from lanhmanh.organizations.models import Agency

from .models import (
    BusinessType,
    CheckResult,
    EstablishmentStatus,
    HotspotStatus,
    InspectionKind,
    RiskLevel,
    Sanction,
    Trigger,
    ViolationType,
)
from .services.common import vnd
from .services.inspections import violation_errors

SANCTION_REQUIRED = _("Chọn hình thức xử lý.")


BEFORE_REFORM = _("trước 01/07/2025")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.is_current:
            return obj.full_name
        return f"{obj.full_name} ({BEFORE_REFORM})"


class EstablishmentForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Xã, phường"), queryset=None, empty_label=_("— Chọn —"))
    business_type = forms.ModelChoiceField(
        label=_("Loại hình"),
        queryset=BusinessType.objects.filter(is_active=True),
        empty_label=_("— Chọn —"),
    )
    name = forms.CharField(label=_("Tên cơ sở"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    licence_number = forms.CharField(
        label=_("Số giấy chứng nhận đăng ký kinh doanh, giấy phép"), max_length=60, required=False
    )
    licence_date = forms.DateField(label=_("Ngày cấp"), required=False, widget=DateInput())
    owner_name = forms.CharField(
        label=_("Chủ cơ sở, người quản lý (theo giấy phép)"), max_length=120, required=False
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    risk_level = forms.ChoiceField(
        label=_("Mức độ nguy cơ"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            # A commune of before the reform takes an establishment known then: the date
            # says when (the service checks it falls in the commune's life).
            self.fields["status_since"] = forms.DateField(
                label=_("Hoạt động từ ngày"),
                required=False,
                widget=DateInput(),
                help_text=_("Bắt buộc khi chọn xã, phường trước 01/07/2025."),
            )
            self.fields["status_since"].widget.attrs["class"] = "form-control"


class StatusChangeForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng mới"), choices=EstablishmentStatus.choices)
    since = forms.DateField(label=_("Từ ngày"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class CommitmentForm(BootstrapMixin, forms.Form):
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DateInput(), initial=timezone.localdate)
    signed_by = forms.CharField(label=_("Người ký"), max_length=120)
    document_number = forms.CharField(label=_("Số văn bản cam kết"), max_length=60, required=False)
    document = forms.FileField(
        label=_("Bản cam kết (tệp PDF hoặc ảnh)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    valid_until = forms.DateField(label=_("Hiệu lực đến"), required=False, widget=DateInput())

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            check_document(document)
        return document


class ImportUploadForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(
        label=_("Địa bàn của danh sách"), queryset=None, empty_label=_("— Chọn —")
    )
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload.size, ESTABLISHMENT_REGISTER)  # before reading it into memory
        return upload

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PlanForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    period_start = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    establishments = forms.ModelMultipleChoiceField(
        label=_("Cơ sở cần kiểm tra"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, establishments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishments"].queryset = establishments


class PlanApprovalForm(BootstrapMixin, forms.Form):
    approved_by = forms.CharField(label=_("Người phê duyệt (Chủ tịch UBND)"), max_length=120)
    approved_on = forms.DateField(
        label=_("Ngày phê duyệt"), widget=DateInput(), initial=timezone.localdate
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        card = f" — {obj.card_number}" if obj.card_number else ""
        return f"{obj.full_name} ({obj.get_role_display()}, {obj.agency}){card}"


class InspectionForm(BootstrapMixin, forms.Form):
    started_at = forms.DateTimeField(
        label=_("Thời gian kiểm tra"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    kind = forms.ChoiceField(label=_("Hình thức"), choices=InspectionKind.choices)
    plan = forms.ModelChoiceField(
        label=_("Kế hoạch kiểm tra"), queryset=None, required=False, empty_label=_("— Không —")
    )
    trigger = forms.ChoiceField(
        label=_("Lý do kiểm tra đột xuất"),
        choices=[("", _("— Không —")), *Trigger.choices],
        required=False,
    )
    trigger_note = forms.CharField(label=_("Chi tiết lý do"), max_length=255, required=False)
    members_present = MemberChoiceField(
        label=_("Thành viên có mặt"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    few_members_confirmed = forms.BooleanField(
        label=_("Xác nhận: có mặt dưới 3 thành viên"), required=False
    )
    findings = forms.CharField(
        label=_("Kết quả kiểm tra"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    record_number = forms.CharField(label=_("Số biên bản"), max_length=60, required=False)
    remedial_measures = forms.CharField(
        label=_("Biện pháp khắc phục"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up_due = forms.DateField(label=_("Hạn kiểm tra lại"), required=False, widget=DateInput())

    def __init__(self, *args, team, plans, checklist_items, follow_up=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A follow-up is reached from the first inspection's page, never chosen here.
        self.fields["kind"].choices = [
            (value, label)
            for value, label in InspectionKind.choices
            if (value == InspectionKind.FOLLOW_UP) == follow_up
        ]
        self.fields["members_present"].queryset = team.members.select_related("agency")
        members = self.fields["members_present"].widget
        members.attrs["class"] = "form-check-input"
        # Each checkbox is named by its own label (the member), not by the field's.
        members.attrs.pop("aria-label", None)
        self.fields["plan"].queryset = plans
        self.checklist_items = list(checklist_items)
        for item in self.checklist_items:
            self.fields[f"check_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=CheckResult.choices,
                initial=CheckResult.NOT_CHECKED,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def checklist_fields(self):
        return [self[f"check_{item.pk}"] for item in self.checklist_items]

    def checklist_groups(self) -> list[tuple[str, list]]:
        """The checklist's fields under their areas (prostitution, public order, …), in
        the version's order."""
        groups: list[tuple[str, list]] = []
        for item in self.checklist_items:
            if not groups or groups[-1][0] != item.get_area_display():
                groups.append((item.get_area_display(), []))
            groups[-1][1].append(self[f"check_{item.pk}"])
        return groups

    def main_fields(self):
        return [f for f in self if not f.name.startswith("check_")]

    def checks(self) -> dict:
        return {item: self.cleaned_data[f"check_{item.pk}"] for item in self.checklist_items}


class ViolationTypeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        """What, on what legal basis, and the fine range the amount must fall in."""
        fines = f"{vnd(obj.fine_min)}–{vnd(obj.fine_max)} ₫"
        return f"{obj.description} — {obj.article}, {obj.decree} ({fines})"


class ViolationForm(BootstrapMixin, forms.Form):
    violation_type = ViolationTypeField(
        label=_("Hành vi vi phạm"), queryset=ViolationType.objects.all(), empty_label=_("— Chọn —")
    )
    # No preselected sanction: an untouched extra row must stay empty, or the formset
    # would take it for a violation with no type.
    sanction = forms.ChoiceField(
        label=_("Hình thức xử lý"), choices=[("", _("— Chọn —")), *Sanction.choices], required=False
    )
    fine_vnd = forms.IntegerField(
        label=_("Số tiền phạt (đồng)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
    )
    decision_number = forms.CharField(
        label=_("Số quyết định xử phạt"), max_length=60, required=False
    )
    referred_to = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=255, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, on=None, **kwargs):
        self.on = on
        super().__init__(*args, **kwargs)
        # Only what an establishment can commit, under the decree in force on the
        # inspection's date (today until a date is given): a buyer's or seller's act is a
        # sanction decision of that person, recorded in the enforcement register.
        self.fields["violation_type"].queryset = ViolationType.objects.of_organisations().in_force(
            on or timezone.localdate()
        )

    def clean(self):
        data = super().clean()
        if self.errors or not data.get("violation_type"):
            return data
        if not data.get("sanction"):
            self.add_error("sanction", SANCTION_REQUIRED)
            return data
        errors = violation_errors(
            violation_type=data["violation_type"],
            sanction=data["sanction"],
            fine_vnd=data.get("fine_vnd"),
            referred_to=data.get("referred_to", ""),
            on=self.on,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return data


ViolationFormSet = forms.formset_factory(ViolationForm, extra=2, max_num=20)


class HotspotForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Xã, phường"), queryset=None, empty_label=_("— Chọn —"))
    name = forms.CharField(label=_("Tên, địa điểm"), max_length=255)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    latitude = forms.DecimalField(
        label=_("Vĩ độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("Kinh độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    communes = forms.ModelMultipleChoiceField(
        label=_("Trải qua cả các xã, phường"),
        queryset=None,
        required=False,
        help_text=_("Khi tụ điểm nằm trên địa bàn nhiều xã, phường (một đoạn đường, bãi biển)."),
    )
    suspected = forms.BooleanField(
        label=_("Mới là điểm nghi, chưa xác nhận"),
        required=False,
        help_text=_("Xác nhận hoặc loại bỏ sau khi xác minh, bằng nút “Đổi tình trạng”."),
    )
    on = forms.DateField(label=_("Phát hiện ngày"), widget=DateInput(), initial=timezone.localdate)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan phát hiện"), queryset=None, required=False, empty_label=_("— Không —")
    )

    def __init__(self, *args, units, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["communes"].queryset = units
        self.fields["agency"].queryset = agencies


class HotspotPatrolForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label=_("Ngày tuần tra"), widget=DateInput(), initial=timezone.localdate)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan tuần tra"), queryset=None, empty_label=_("— Chọn —")
    )
    observed = forms.CharField(
        label=_("Tình hình ghi nhận"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    activity_seen = forms.BooleanField(
        label=_("Phát hiện dấu hiệu hoạt động mại dâm"), required=False
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class HotspotStatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng mới"), choices=HotspotStatus.choices)
    on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=timezone.localdate)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("— Không —"),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
