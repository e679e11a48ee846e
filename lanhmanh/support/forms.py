"""Forms of the module. They collect and check input; the rules live in ``services``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput

from .models import (
    AgeBand,
    ChildStep,
    ClosureReason,
    ConsentMethod,
    ConsentPurpose,
    Group,
    IdentifyingBody,
    ModelKind,
    ModelStatus,
    OutreachKind,
    ReferralStatus,
    Regime,
    ServiceType,
    Sex,
    TeamKind,
)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def _today():
    return timezone.localdate()


def _services():
    return ServiceType.objects.filter(is_active=True)


class IdentityFields(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    id_number = forms.CharField(label=_("Số CCCD, giấy tờ tùy thân"), max_length=40, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)

    IDENTITY = ("full_name", "phone", "id_number", "address")

    def identity(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.IDENTITY}


class CaseOpenForm(BootstrapMixin, IdentityFields):
    unit = UnitChoiceField(label=_("Xã, phường"), queryset=None, empty_label=_("— Chọn —"))
    opened_on = forms.DateField(label=_("Ngày mở ca"), widget=DateInput(), initial=_today)
    group = forms.ChoiceField(label=_("Nhóm đối tượng"), choices=Group.choices)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900)
    birth_month = forms.IntegerField(
        label=_("Tháng sinh (nếu biết)"), required=False, min_value=1, max_value=12
    )
    age_band = forms.ChoiceField(
        label=_("Nhóm tuổi (khi không biết năm sinh)"),
        choices=[("", "—"), *AgeBand.choices],
        required=False,
    )
    is_child = forms.BooleanField(label=_("Trẻ em (dưới 16 tuổi)"), required=False)
    mother_given_name = forms.CharField(
        label=_("Tên (không họ) của mẹ"),
        max_length=40,
        required=False,
        help_text=_("Chỉ dùng để tạo mã định danh, không lưu."),
    )
    father_given_name = forms.CharField(
        label=_("Tên (không họ) của cha"),
        max_length=40,
        required=False,
        help_text=_("Chỉ dùng để tạo mã định danh, không lưu."),
    )
    duplicate = forms.ChoiceField(
        label=_("Mã định danh trùng"),
        choices=[
            ("", "—"),
            ("same", _("Cùng một người: liên kết với ca đã có")),
            ("different", _("Người khác: mở ca riêng")),
        ],
        required=False,
    )

    field_order = [
        "unit", "opened_on", "group", "sex", "birth_year", "birth_month", "age_band",
        "is_child", "mother_given_name", "father_given_name",
        "full_name", "phone", "id_number", "address", "duplicate",
    ]  # fmt: skip

    def __init__(self, *args, units=None, show_duplicate=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not show_duplicate:
            del self.fields["duplicate"]


class CaseUpdateForm(BootstrapMixin, IdentityFields):
    group = forms.ChoiceField(label=_("Nhóm đối tượng"), choices=Group.choices)
    is_child = forms.BooleanField(label=_("Trẻ em (dưới 16 tuổi)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput())


class PlanForm(BootstrapMixin, forms.Form):
    plan = forms.CharField(
        label=_("Kế hoạch hỗ trợ (mục tiêu, việc cần làm, thời hạn)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput())


class CloseForm(BootstrapMixin, forms.Form):
    closed_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput(), initial=_today)
    reason = forms.ChoiceField(label=_("Lý do"), choices=[("", "—"), *ClosureReason.choices])
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 3}))


class WorkerForm(BootstrapMixin, forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập của nhân viên công tác xã hội"))


class ConsentForm(BootstrapMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Đồng ý cho"), choices=ConsentPurpose.choices)
    provider = forms.ModelChoiceField(
        label=_("Cơ sở được chuyển gửi"), queryset=None, required=False
    )
    agency_name = forms.CharField(label=_("Cơ quan được chia sẻ"), max_length=200, required=False)
    given_on = forms.DateField(label=_("Ngày đồng ý"), widget=DateInput(), initial=_today)
    method = forms.ChoiceField(label=_("Hình thức"), choices=ConsentMethod.choices)
    witness_name = forms.CharField(label=_("Người làm chứng"), max_length=120, required=False)
    document = forms.FileField(label=_("Phiếu đồng ý đã ký (PDF, ảnh)"), required=False)

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class WithdrawForm(BootstrapMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Ngày rút lại"), widget=DateInput(), initial=_today)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


class AssessmentForm(BootstrapMixin, forms.Form):
    assessed_on = forms.DateField(label=_("Ngày đánh giá"), widget=DateInput(), initial=_today)
    needs = forms.ModelMultipleChoiceField(
        label=_("Nhu cầu"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = _services()


class ServiceForm(BootstrapMixin, forms.Form):
    service_type = forms.ModelChoiceField(label=_("Dịch vụ"), queryset=None)
    given_on = forms.DateField(label=_("Ngày cung cấp"), widget=DateInput(), initial=_today)
    provider = forms.ModelChoiceField(
        label=_("Cơ sở cung cấp (nếu có)"), queryset=None, required=False
    )
    cost = forms.DecimalField(label=_("Chi phí (đồng)"), required=False, decimal_places=0)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = _services()
        self.fields["provider"].queryset = providers


class ReferralForm(BootstrapMixin, forms.Form):
    provider = forms.ModelChoiceField(label=_("Cơ sở nhận"), queryset=None)
    service_type = forms.ModelChoiceField(label=_("Dịch vụ"), queryset=None)
    sent_on = forms.DateField(label=_("Ngày chuyển gửi"), widget=DateInput(), initial=_today)
    follow_up_on = forms.DateField(label=_("Ngày theo dõi"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = _services()
        self.fields["provider"].queryset = providers


class ReferralUpdateForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ReferralStatus.choices)
    status_on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=_today)
    follow_up_on = forms.DateField(
        label=_("Ngày theo dõi tiếp"), widget=DateInput(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput())


class ExportForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do xuất dữ liệu cá nhân"), max_length=255)


class VictimForm(BootstrapMixin, forms.Form):
    identified_by = forms.ChoiceField(label=_("Cơ quan xác định"), choices=IdentifyingBody.choices)
    identified_on = forms.DateField(label=_("Ngày xác định là nạn nhân"), widget=DateInput())
    identification_basis = forms.CharField(
        label=_("Căn cứ xác định"), required=False, widget=forms.Textarea({"rows": 3})
    )
    received_on = forms.DateField(label=_("Ngày tiếp nhận"), widget=DateInput(), required=False)
    reception_facility = forms.CharField(label=_("Nơi tiếp nhận"), max_length=200, required=False)
    returned_from_abroad = forms.BooleanField(label=_("Từ nước ngoài trở về"), required=False)
    country = forms.CharField(label=_("Nước trở về từ"), max_length=80, required=False)
    border_gate = forms.CharField(label=_("Cửa khẩu"), max_length=120, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)


class VictimSupportForm(BootstrapMixin, forms.Form):
    regime = forms.ChoiceField(label=_("Chế độ hỗ trợ"), choices=Regime.choices)
    given_on = forms.DateField(label=_("Ngày hỗ trợ"), widget=DateInput(), initial=_today)
    amount = forms.DecimalField(label=_("Số tiền (đồng)"), required=False, decimal_places=0)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ChildStepForm(BootstrapMixin, forms.Form):
    step = forms.ChoiceField(label=_("Bước"), choices=ChildStep.choices)
    on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=_today)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ProviderForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Địa bàn"), queryset=None, empty_label=_("— Chọn —"))
    name = forms.CharField(label=_("Tên cơ sở"), max_length=200)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    contact_person = forms.CharField(label=_("Người liên hệ"), max_length=120, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    services = forms.ModelMultipleChoiceField(
        label=_("Dịch vụ cung cấp"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["services"].queryset = _services()


class ModelForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị quản lý"), queryset=None, empty_label=_("— Chọn —"))
    name = forms.CharField(label=_("Tên mô hình"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại mô hình"), choices=ModelKind.choices)
    units_covered = forms.ModelMultipleChoiceField(
        label=_("Địa bàn triển khai"), queryset=None, required=False
    )
    started_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DateInput())
    ended_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput(), required=False)
    managing_agency = forms.ModelChoiceField(
        label=_("Cơ quan quản lý"), queryset=None, required=False
    )
    participants = forms.IntegerField(label=_("Số người tham gia"), min_value=0, initial=0)
    funding_source = forms.CharField(label=_("Nguồn kinh phí"), max_length=200, required=False)
    budget = forms.DecimalField(label=_("Kinh phí (đồng)"), required=False, decimal_places=0)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ModelStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, units=None, communes=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["units_covered"].queryset = communes
        self.fields["managing_agency"].queryset = agencies


class TeamForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Xã, phường"), queryset=None, empty_label=_("— Chọn —"))
    kind = forms.ChoiceField(label=_("Loại"), choices=TeamKind.choices)
    name = forms.CharField(label=_("Tên"), max_length=200)
    established_on = forms.DateField(label=_("Ngày thành lập"), widget=DateInput())
    dissolved_on = forms.DateField(label=_("Ngày giải thể"), widget=DateInput(), required=False)
    leader_name = forms.CharField(label=_("Người phụ trách"), max_length=120, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    members = forms.IntegerField(label=_("Số thành viên"), min_value=0, initial=0)
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class OutreachForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Xã, phường"), queryset=None, empty_label=_("— Chọn —"))
    held_on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=_today)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=OutreachKind.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    sex_workers_female = forms.IntegerField(label=_("Người bán dâm nữ"), min_value=0, initial=0)
    sex_workers_male = forms.IntegerField(label=_("Người bán dâm nam"), min_value=0, initial=0)
    victims_female = forms.IntegerField(label=_("Nạn nhân nữ"), min_value=0, initial=0)
    victims_male = forms.IntegerField(label=_("Nạn nhân nam"), min_value=0, initial=0)
    at_risk_female = forms.IntegerField(label=_("Người có nguy cơ, nữ"), min_value=0, initial=0)
    at_risk_male = forms.IntegerField(label=_("Người có nguy cơ, nam"), min_value=0, initial=0)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
