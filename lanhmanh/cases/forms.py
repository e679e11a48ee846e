"""Forms of the case screens: the facts of a case (counts, links) and a stage reached."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput

from .models import AGE_BANDS, CriminalCase, Stage

COUNT_FIELDS = [
    "defendants_male",
    "defendants_female",
    *[f"defendants_{band}" for band in AGE_BANDS],
    "victims",
    "victims_children",
]


class CaseForm(BootstrapMixin, forms.ModelForm):
    """New case (with its unit and date reported) or the edit of one (without them)."""

    class Meta:
        model = CriminalCase
        fields = [
            "unit",
            "reference",
            "summary",
            "articles",
            "reported_on",
            *COUNT_FIELDS,
            "ring_broken",
            "tip",
            "establishment",
            "hotspot",
        ]
        widgets = {
            "reported_on": DateInput(),
            "articles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, units=None, articles=None, origins=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"], self.fields["reported_on"]
        else:
            self.fields["unit"].queryset = units
            self.fields["reported_on"].initial = timezone.localdate()
        self.fields["articles"].queryset = articles
        for name, queryset in (origins or {}).items():
            self.fields[name].queryset = queryset
        for name in COUNT_FIELDS:
            # An empty count is none: most cases have no child victim and no young defendant.
            self.fields[name].required = False
            self.fields[name].widget.attrs.update(min=0, inputmode="numeric")
        # Checkboxes stay checkboxes (BootstrapMixin styles selects and inputs).
        self.fields["articles"].widget.attrs["class"] = ""

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in COUNT_FIELDS:
            data[name] = data.get(name) or 0
        return data

    def clean(self):
        cleaned = super().clean()
        for name in COUNT_FIELDS:
            if cleaned.get(name) is None:
                cleaned[name] = 0
        return cleaned


class AdvanceForm(BootstrapMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Giai đoạn"), choices=Stage.choices)
    on = forms.DateField(label=_("Ngày"), widget=DateInput())
    mobile_trial = forms.BooleanField(label=_("Xét xử lưu động"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        upcoming = case.next_stage if case else None
        if upcoming:
            self.fields["stage"].initial = upcoming
        self.fields["on"].initial = timezone.localdate()
        if upcoming != Stage.TRIED:
            del self.fields["mobile_trial"]


class CaseFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Giai đoạn"), choices=[("", _("Tất cả")), *Stage.choices], required=False
    )
