"""The shared form partials (templates/core/): a field's label names its input, and the
input is described by its help and its errors, which carry the ids it points at."""

import re

from django import forms
from django.template.loader import render_to_string


class Sample(forms.Form):
    name = forms.CharField(label="Tên cơ quan", help_text="Như trong quyết định thành lập")
    active = forms.BooleanField(label="Đang hoạt động", required=False)


def ids_described(html):
    return re.search(r'aria-describedby="([^"]+)"', html).group(1).split()


def test_a_field_with_an_error_is_labelled_and_described():
    form = Sample(data={"name": ""})
    html = render_to_string("core/_field.html", {"field": form["name"]})
    assert '<label class="form-label" for="id_name">' in html
    assert 'id="id_name"' in html
    assert 'aria-invalid="true"' in html
    assert ids_described(html) == ["id_name_helptext", "id_name_error"]
    for described in ids_described(html):
        assert f'id="{described}"' in html
    assert "Trường này là bắt buộc" in html or "This field is required" in html


def test_a_valid_field_points_at_its_help_only():
    html = render_to_string("core/_field.html", {"field": Sample()["name"]})
    assert ids_described(html) == ["id_name_helptext"]
    assert "aria-invalid" not in html
    assert 'id="id_name_error"' not in html


def test_a_checkbox_keeps_its_label_beside_it():
    html = render_to_string("core/_field.html", {"field": Sample()["active"]})
    assert '<label class="form-check-label" for="id_active">Đang hoạt động</label>' in html


def test_form_errors_say_what_is_wrong():
    form = Sample(data={"name": ""})
    form.is_valid()
    html = render_to_string("core/_form_errors.html", {"form": form})
    assert 'role="alert"' in html
    assert "Vui lòng kiểm tra lại các ô được đánh dấu." in html
