from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin

from .importer.readers import MSG_EMPTY, MSG_LEGACY_DOC
from .models import Comparator, Measure, PlanKind

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
ERR_TOO_LARGE = _("Tệp quá lớn: tối đa 50 MB.")
ERR_BAD_EXTENSION = _("Chỉ nhận tệp .docx, .pdf, .txt hoặc .md.")
ACCEPTED = (".docx", ".pdf", ".txt", ".md")
BEFORE_REFORM = _("trước 01/07/2025")
DROP = _("Bỏ")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Văn bản kế hoạch"), error_messages={"empty": _(MSG_EMPTY)})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(ERR_TOO_LARGE)
        if upload.name.lower().endswith(".doc"):
            # the commonest wrong file: say how to make it readable
            raise forms.ValidationError(_(MSG_LEGACY_DOC))
        if not upload.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(ERR_BAD_EXTENSION)
        return upload


class ReviewForm(BootstrapMixin, forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị ban hành"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=PlanKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=60)
    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    signer = forms.CharField(label=_("Người ký"), required=False, max_length=120)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("— Chọn đơn vị —"))] + [
            (u.pk, self.unit_label(u)) for u in units
        ]

    @staticmethod
    def unit_label(unit) -> str:
        """'Huyện Lục Nam — Tỉnh Bắc Giang (trước 01/07/2025)': the old and the new
        province of the same name must not look alike in the list."""
        label = f"{unit} — {unit.parent}" if unit.parent_id else str(unit)
        if not unit.is_current:
            label = f"{label} ({BEFORE_REFORM})"
        return label


class TargetForm(BootstrapMixin, forms.Form):
    quote = forms.CharField(label=_("Chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}))
    # Blank first choices keep the empty extra row unchanged, so it is not validated.
    comparator = forms.ChoiceField(
        label=_("So sánh"), choices=[("", _("— so sánh —")), *Comparator.choices]
    )
    value = forms.DecimalField(label=_("Giá trị"), required=False, min_value=0)
    low = forms.DecimalField(label=_("Từ"), required=False, min_value=0)
    high = forms.DecimalField(label=_("Đến"), required=False, min_value=0)
    unit = forms.ChoiceField(
        label=_("Đơn vị đo"), choices=[("", _("— đơn vị đo —")), *Measure.choices]
    )
    agency = forms.CharField(label=_("Cơ quan"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "low", "high", "agency"):
            self.fields[name].widget.attrs["placeholder"] = self.fields[name].label

    def clean(self):
        data = super().clean()
        if data.get("comparator") == Comparator.BETWEEN:
            if data.get("low") is None or data.get("high") is None:
                raise forms.ValidationError(_("Chỉ tiêu dạng khoảng cần giá trị từ và đến."))
            if data["low"] > data["high"]:
                raise forms.ValidationError(_("Giá trị 'từ' phải nhỏ hơn hoặc bằng 'đến'."))
        elif data.get("value") is None and data.get("comparator"):
            raise forms.ValidationError(_("Chỉ tiêu cần một giá trị."))
        if data.get("unit") == Measure.PERCENT:
            for key in ("value", "low", "high"):
                if data.get(key) is not None and data[key] > 100:
                    raise forms.ValidationError(_("Tỷ lệ không được vượt quá 100%."))
        return data


class ReviewFormSet(forms.BaseFormSet):
    """Rows the reviewer may drop: the drop box is a Bootstrap check box named «Bỏ»."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = DROP
            form.fields["DELETE"].widget.attrs.update({"class": "form-check-input"})


TargetFormSet = forms.formset_factory(TargetForm, formset=ReviewFormSet, extra=1, can_delete=True)


class TaskForm(BootstrapMixin, forms.Form):
    """One task the importer read: kept or dropped, with its lead agency's name corrected.

    The task is named by its place in the draft; its text stays as the document has it.
    """

    index = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    lead = forms.CharField(label=_("Cơ quan chủ trì"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].widget.attrs.update(
            placeholder=self.fields["lead"].label, **{"class": "form-control form-control-sm"}
        )


TaskFormSet = forms.formset_factory(TaskForm, formset=ReviewFormSet, extra=0, can_delete=True)
