"""Forms of the module. Choices come from the view (what the user may pick inside the
unit); what a form cannot check is checked again by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import VersionField
from lanhmanh.core.forms import BootstrapMixin, DateInput

from .models import (
    Commendation,
    CommitteeMember,
    Decision,
    Meeting,
    Recommendation,
    SupervisionVisit,
)


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def labelled_by_choices(field) -> None:
    """Each checkbox of a multiple choice is named by its own label, not the field's."""
    field.widget.attrs.pop("aria-label", None)


class Versioned(forms.Form):
    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["version"] = VersionField(initial=version)


class MemberForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = [
            "full_name",
            "position",
            "committee_role",
            "agency",
            "follows",
            "follows_note",
            "joined_on",
            "decision",
        ]
        widgets = {"joined_on": DateInput(), "follows": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, agencies, places, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["follows"].queryset = places
        self.fields["follows"].label_from_instance = lambda unit: unit.full_name
        if version is not None:
            self.fields["version"] = VersionField(initial=version)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        follows = list(data.pop("follows", []))
        return {"follows": follows, **data}


class LeaveForm(BootstrapMixin, Versioned):
    left_on = forms.DateField(label=_("Ngày thôi tham gia"), widget=DateInput())
    left_reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)


class MeetingForm(BootstrapMixin, forms.ModelForm):
    minutes_file = forms.FileField(label=_("Biên bản (PDF hoặc ảnh)"), required=False)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "held_on",
            "title",
            "place",
            "chaired_by",
            "attendees",
            "other_attendees",
            "review_year",
            "minutes",
        ]
        widgets = {
            "held_on": DateInput(),
            "attendees": forms.CheckboxSelectMultiple(),
            "other_attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, members, version=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        labelled_by_choices(self.fields["attendees"])
        if editing:
            del self.fields["minutes_file"]
        if version is not None:
            self.fields["version"] = VersionField(initial=version)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["attendees"] = list(data.get("attendees") or [])
        return data


class MeetingUnitForm(BootstrapMixin, forms.Form):
    unit = UnitChoice(label=_("Đơn vị"), queryset=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AttachmentForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Biên bản (PDF hoặc ảnh)"))


class DecisionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "lead", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput()}

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = agencies


class TaskForm(BootstrapMixin, forms.Form):
    plan = forms.ModelChoiceField(label=_("Đưa vào kế hoạch"), queryset=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        newest = plans.first()
        if newest is not None:
            self.fields["plan"].initial = newest.pk


class VisitForm(BootstrapMixin, forms.ModelForm):
    supervised_unit = UnitChoice(label=_("Đơn vị được giám sát"), queryset=None)

    class Meta:
        model = SupervisionVisit
        fields = ["supervised_unit", "visited_on", "members", "other_members", "findings"]
        widgets = {
            "visited_on": DateInput(),
            "members": forms.CheckboxSelectMultiple(),
            "other_members": forms.Textarea(attrs={"rows": 2}),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, places, members, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervised_unit"].queryset = places
        self.fields["members"].queryset = members
        labelled_by_choices(self.fields["members"])
        if version is not None:
            del self.fields["supervised_unit"]
            self.fields["version"] = VersionField(initial=version)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["members"] = list(data.get("members") or [])
        return data


class RecommendationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_date": DateInput()}


class AnswerForm(BootstrapMixin, Versioned):
    answer = forms.CharField(
        label=_("Trả lời của đơn vị"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answered_on = forms.DateField(label=_("Ngày trả lời"), widget=DateInput())
    done = forms.BooleanField(label=_("Đã thực hiện xong kiến nghị"), required=False)


RECIPIENT_HELP = _(
    "Chọn đơn vị, cơ quan hoặc đội được khen ở ô tương ứng bên dưới; khen cá nhân thì nhập "
    "họ tên và chức vụ."
)


class CommendationForm(BootstrapMixin, forms.ModelForm):
    recipient_unit = UnitChoice(label=_("Đơn vị được khen"), queryset=None, required=False)

    class Meta:
        model = Commendation
        fields = [
            "review_year",
            "review",
            "recipient_kind",
            "recipient_unit",
            "recipient_agency",
            "recipient_team",
            "person_name",
            "person_position",
            "reason",
            "award",
            "level",
            "decision_number",
            "decision_date",
        ]
        widgets = {"decision_date": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, places, agencies, teams, reviews, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_unit"].queryset = places
        self.fields["recipient_agency"].queryset = agencies
        self.fields["recipient_team"].queryset = teams
        self.fields["review"].queryset = reviews
        self.fields["recipient_kind"].help_text = RECIPIENT_HELP
        if version is not None:
            self.fields["version"] = VersionField(initial=version)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class UnitPickForm(MeetingUnitForm):
    """Which unit's committee a new record belongs to."""
