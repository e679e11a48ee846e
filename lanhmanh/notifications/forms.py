from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class EmailPreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Gửi thư cho tôi khi"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
