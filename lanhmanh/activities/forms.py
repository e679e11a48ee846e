"""Forms of the module: they collect and check input; the rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput

from .models import AttachmentKind, AudienceGroup, Channel, FundSource, MaterialKind


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.number or obj.plan.title[:40]} — {obj.text[:90]}"


class ActivityForm(BootstrapMixin, forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại hoạt động"), queryset=None)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=255)
    start_date = forms.DateField(label=_("Ngày bắt đầu"), widget=DateInput)
    end_date = forms.DateField(
        label=_("Ngày kết thúc"),
        widget=DateInput,
        required=False,
        help_text=_("Để trống nếu hoạt động diễn ra trong một ngày."),
    )
    unit = UnitChoiceField(label=_("Địa bàn"), queryset=None)
    place = forms.CharField(label=_("Thôn, tổ dân phố, địa điểm"), max_length=255, required=False)
    organiser = forms.ModelChoiceField(label=_("Cơ quan tổ chức"), queryset=None, required=False)
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"), queryset=None, required=False
    )
    on_prostitution = forms.BooleanField(label=_("Phòng, chống mại dâm"), required=False)
    on_drugs = forms.BooleanField(label=_("Phòng, chống ma túy"), required=False)
    on_trafficking = forms.BooleanField(label=_("Phòng, chống mua bán người"), required=False)
    channel = forms.ChoiceField(label=_("Hình thức"), choices=Channel.choices)
    audiences = forms.ModelMultipleChoiceField(
        label=_("Đối tượng tham gia"),
        queryset=AudienceGroup.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.IntegerField(label=_("Tổng số người tham gia"), min_value=0, initial=0)
    participants_male = forms.IntegerField(label=_("Nam"), min_value=0, required=False)
    participants_female = forms.IntegerField(label=_("Nữ"), min_value=0, required=False)
    participants_under_16 = forms.IntegerField(label=_("Dưới 16 tuổi"), min_value=0, required=False)
    participants_16_17 = forms.IntegerField(
        label=_("Từ 16 đến dưới 18 tuổi"), min_value=0, required=False
    )
    participants_18_29 = forms.IntegerField(
        label=_("Từ 18 đến dưới 30 tuổi"), min_value=0, required=False
    )
    participants_30_plus = forms.IntegerField(
        label=_("Từ 30 tuổi trở lên"), min_value=0, required=False
    )
    cost = forms.DecimalField(
        label=_("Kinh phí (đồng)"), min_value=0, max_digits=15, decimal_places=0, required=False
    )
    fund_source = forms.ChoiceField(
        label=_("Nguồn kinh phí"),
        choices=[("", "—"), *FundSource.choices],
        required=False,
    )
    budget_line = forms.ModelChoiceField(
        label=_("Dòng kinh phí của kế hoạch"), queryset=None, required=False
    )
    task = TaskChoiceField(label=_("Thực hiện nhiệm vụ"), queryset=None, required=False)
    notes = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    photo = forms.FileField(
        label=_("Ảnh hoạt động"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kinds, units, agencies, tasks, budget_lines, editing=False, **kw):
        super().__init__(*args, **kw)
        self.fields["kind"].queryset = kinds
        self.fields["unit"].queryset = units
        self.fields["organiser"].queryset = agencies
        self.fields["co_organisers"].queryset = agencies
        self.fields["task"].queryset = tasks
        self.fields["budget_line"].queryset = budget_lines
        self.materials = list(MaterialKind.objects.filter(is_active=True))
        for kind in self.materials:
            self.fields[f"material_{kind.code}"] = forms.IntegerField(
                label=kind.name, min_value=0, required=False
            )
        if editing:
            self.fields["version"].required = True
            del self.fields["photo"]
        else:
            del self.fields["version"]

    MAIN = ("kind", "title", "start_date", "end_date", "unit", "place", "channel", "participants")
    TOPICS = ("on_prostitution", "on_drugs", "on_trafficking")
    BREAKDOWN = (
        "participants_male",
        "participants_female",
        "participants_under_16",
        "participants_16_17",
        "participants_18_29",
        "participants_30_plus",
    )
    MORE = (
        "organiser",
        "co_organisers",
        "audiences",
        "task",
        "cost",
        "fund_source",
        "budget_line",
        "notes",
    )

    def group(self, names):
        return [self[n] for n in names if n in self.fields]

    def main_fields(self):
        return self.group(self.MAIN)

    def topic_fields(self):
        return self.group(self.TOPICS)

    def breakdown_fields(self):
        return self.group(self.BREAKDOWN)

    def more_fields(self):
        return self.group(self.MORE)

    def material_fields(self):
        return [self[f"material_{k.code}"] for k in self.materials]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("photo", None)
        data.pop("version", None)
        data["materials"] = {k: data.pop(f"material_{k.code}") or 0 for k in self.materials}
        data["fund_source"] = data.get("fund_source") or ""
        return data


class AttachmentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại tệp"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("Tệp (ảnh JPEG, PNG hoặc PDF, tối đa 8 MB)"))


class BudgetLineForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Nội dung chi"), max_length=255)
    source = forms.ChoiceField(label=_("Nguồn kinh phí"), choices=FundSource.choices)
    estimate = forms.DecimalField(
        label=_("Dự toán (đồng)"), min_value=1, max_digits=15, decimal_places=0
    )
