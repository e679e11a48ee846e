"""Forms to edit a plan (header, bases, targets, tasks), derive it for a unit below, and
record a task's progress. They collect and check input; the writes are in ``services``."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import add_version
from lanhmanh.core.forms import BootstrapMixin, DateInput

from .models import Plan, PlanBasis, Target, Task, TaskStatus, Topic
from .services import PLAN_FIELDS, TARGET_FIELDS, TASK_FIELDS, plan_issue_errors

ERR_AGENCY_NOT_OF_UNIT = _("Hãy chọn một cơ quan của đơn vị ban hành.")
ERR_YEAR_RANGE = _("Năm phải trong khoảng 1990 đến 2100.")
ERR_NEGATIVE = _("Giá trị không được âm.")


def agency_choices(agencies) -> dict[bool, list]:
    """The options of the agency fields, read once for all the rows of a formset (each
    row's select would otherwise query them again): by 'multiple'."""
    return {
        False: list(forms.ModelChoiceField(agencies).choices),
        True: list(forms.ModelMultipleChoiceField(agencies).choices),
    }


def _limit_agencies(form, agencies, choices, names):
    for name in names:
        field = form.fields[name]
        field.queryset = agencies
        if choices is not None:
            field.widget.choices = choices[isinstance(field, forms.ModelMultipleChoiceField)]


class PlanForm(BootstrapMixin, forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Lĩnh vực"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Plan
        # The fields plan_update() writes: one list for the form and the service.
        fields = list(PLAN_FIELDS)
        widgets = {
            "issued_on": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"issuing_agency": {"invalid_choice": ERR_AGENCY_NOT_OF_UNIT}}

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_agency"].queryset = agencies
        self.fields["issuing_agency"].empty_label = _("— Ủy ban nhân dân —")
        for name in ("year_from", "year_to"):
            self.fields[name].validators += [
                MinValueValidator(1990, ERR_YEAR_RANGE),
                MaxValueValidator(2100, ERR_YEAR_RANGE),
            ]
            self.fields[name].widget.attrs.update({"min": 1990, "max": 2100})

    def clean(self):
        data = super().clean()
        # The service checks it again; here it shows with the other mistakes at once.
        for name, error in plan_issue_errors(
            status=data.get("status"), number=data.get("number"), issued_on=data.get("issued_on")
        ).items():
            if name not in self.errors:
                self.add_error(name, error)
        return data


class BasisForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PlanBasis
        fields = ["reference", "issued_on", "issuer"]
        widgets = {"issued_on": DateInput()}
        labels = {"reference": _("Số, ký hiệu (kế hoạch trong hệ thống hoặc văn bản khác)")}


def _row_version(form):
    """A saved row posts the version it was shown at (required); a new row has none."""
    if form.instance.pk:
        add_version(form, form.instance)


class TargetForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = list(TARGET_FIELDS)
        widgets = {"statement": forms.Textarea(attrs={"rows": 2}), "deadline": DateInput()}
        error_messages = {"agency": {"invalid_choice": ERR_AGENCY_NOT_OF_UNIT}}

    def __init__(self, *args, agencies, agency_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_agencies(self, agencies, agency_choices, ("agency",))
        for name in ("value", "low", "high", "baseline"):
            self.fields[name].validators.append(MinValueValidator(0, ERR_NEGATIVE))
            self.fields[name].widget.attrs.update({"min": 0, "step": "any"})
            if self.initial.get(name) is not None:
                self.initial[name] = _plain(self.initial[name])
        _row_version(self)


class TaskForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = list(TASK_FIELDS)
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_date": DateInput(),
            "coordinating": forms.SelectMultiple(attrs={"size": 4}),
        }
        error_messages = {
            "lead": {"invalid_choice": ERR_AGENCY_NOT_OF_UNIT},
            "coordinating": {"invalid_choice": ERR_AGENCY_NOT_OF_UNIT},
        }

    def __init__(self, *args, agencies, agency_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_agencies(self, agencies, agency_choices, ("lead", "coordinating"))
        self.fields["coordinating"].help_text = _("Giữ Ctrl (hoặc ⌘) để chọn nhiều cơ quan.")
        _row_version(self)


class RowFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # The 'delete' box is added after the form styled its fields.
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


def _formset(form, model, prefix):
    formset = forms.modelformset_factory(
        model, form=form, formset=RowFormSet, extra=1, can_delete=True
    )
    return formset, prefix


def _plain(value):
    """12.00 → '12', 92.60 → '92.6': numbers as officials write them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


BasisFormSet, BASES = _formset(BasisForm, PlanBasis, "b")
TargetFormSet, TARGETS = _formset(TargetForm, Target, "t")
TaskFormSet, TASKS = _formset(TaskForm, Task, "k")


class DeriveForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị thực hiện"), queryset=None, empty_label=_("— Chọn đơn vị —")
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: (
            f"{u} — {u.parent}" if u.parent_id else str(u)
        )


class TaskUpdateForm(BootstrapMixin, forms.Form):
    written_on = forms.DateField(label=_("Ngày"), widget=DateInput())
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TaskStatus.choices)
    text = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["written_on"].initial = timezone.localdate()
        self.fields["status"].initial = (
            TaskStatus.IN_PROGRESS if task.status == TaskStatus.NOT_STARTED else task.status
        )
