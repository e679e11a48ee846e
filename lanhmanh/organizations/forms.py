"""Forms for agencies, standing agencies and inspection teams. They only collect and
check input; the rules live in ``services``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput

from .models import Agency, Sector, TeamRole
from .services import MEMBER_AGENCY_OUTSIDE_TEAM


class AgencyForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên cơ quan"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=60, required=False)
    sector = forms.ModelChoiceField(
        label=_("Ngành"), queryset=Sector.objects.all(), empty_label=_("— Chọn ngành —")
    )
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)


class StandingAgencyForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan thường trực"), queryset=Agency.objects.none(), empty_label=None
    )
    valid_from = forms.DateField(label=_("Từ ngày"), widget=DateInput())

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(unit=unit, is_active=True)
        self.fields["valid_from"].initial = timezone.localdate()


class TeamForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên đội"), max_length=255)
    decision_number = forms.CharField(
        label=_("Số quyết định thành lập"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ: 1234/QĐ-UBND"),
    )
    established_on = forms.DateField(label=_("Ngày thành lập"), required=False, widget=DateInput())
    dissolved_on = forms.DateField(label=_("Ngày giải thể"), required=False, widget=DateInput())


class TeamMemberForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan cử"),
        queryset=Agency.objects.none(),
        empty_label=_("— Chọn cơ quan —"),
        # A choice outside the list is an agency outside the team's units.
        error_messages={"invalid_choice": MEMBER_AGENCY_OUTSIDE_TEAM},
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=TeamRole.choices, initial=TeamRole.MEMBER)
    card_number = forms.CharField(label=_("Số thẻ kiểm tra"), max_length=40, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].label_from_instance = lambda a: f"{a} — {a.unit}"
