"""Forms of the module: they collect and check input; the rules live in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin, DateInput
from lanhmanh.geography.models import AdministrativeUnit, Level

from .models import Category, Channel, Status, Urgency
from .services import MAX_TEXT, TIP_TOO_LONG

CATEGORY_HELP = {
    Category.ESTABLISHMENT: _("Nhà nghỉ, khách sạn, karaoke, massage, quán cà phê…"),
    Category.PUBLIC_PLACE: _("Đường phố, công viên, bến xe…"),
    Category.TRAFFICKING: _("Lừa bán, giữ người, ép buộc làm việc"),
    Category.ONLINE: _("Trang mạng, nhóm chat, ứng dụng hẹn hò"),
    Category.OTHER: _("Việc khác"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks their number, size and content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def commune_label(unit: AdministrativeUnit) -> str:
    parent = unit.parent.full_name if unit.parent_id else ""
    return f"{unit.full_name}, {parent}" if parent else unit.full_name


def current_communes():
    # The current map is public: the public form offers every commune of the country.
    return AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)


def commune_search(query: str, limit: int = 30):
    """Communes whose name (or province's name) matches, without caring for diacritics."""
    words = query.split(",")
    qs = current_communes().search(words[0].strip()).select_related("parent")
    if len(words) > 1 and words[1].strip():
        qs = qs.filter(parent__in=AdministrativeUnit.objects.current().search(words[1].strip()))
    return list(qs.order_by("name", "parent__name")[:limit])


class CommuneField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return commune_label(obj)


class PlaceFields(forms.Form):
    """Where and when: shared by the public form and the operator's."""

    commune_query = forms.CharField(
        label=_("Tìm xã, phường"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("Gõ tên, ví dụ: quang ngoc")}
        ),
    )
    commune = CommuneField(
        label=_("Xã, phường nơi xảy ra"),
        queryset=current_communes(),
        error_messages={
            "required": _("Hãy chọn xã, phường nơi xảy ra sự việc."),
            "invalid_choice": _("Hãy chọn một xã, phường theo bản đồ hành chính hiện hành."),
        },
    )
    address = forms.CharField(
        label=_("Địa chỉ, tên địa điểm (nếu biết)"), max_length=255, required=False
    )
    latitude = forms.DecimalField(
        label=_("Vĩ độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "19.807"}),
    )
    longitude = forms.DecimalField(
        label=_("Kinh độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "105.776"}),
    )
    happened_on = forms.DateField(label=_("Ngày xảy ra"), required=False, widget=DateInput())
    when_note = forms.CharField(
        label=_("Thời gian (mô tả)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: tối thứ Bảy hằng tuần")}),
    )

    def limit_communes(self, data, queryset=None):
        """Offer the communes matching the search, plus the one chosen: never the whole
        country's 3,000 communes in one list on a phone."""
        queryset = queryset if queryset is not None else current_communes()
        self.fields["commune"].queryset = queryset
        query = (data or {}).get("commune_query", "") if data is not None else ""
        chosen = (data or {}).get("commune", "") if data is not None else ""
        found = commune_search(query) if query.strip() else []
        if str(chosen).isdigit():
            found = list(queryset.filter(pk=chosen).select_related("parent")) + [
                u for u in found if str(u.pk) != str(chosen)
            ]
        placeholder = _("— Gõ tên xã, phường ở ô trên rồi chọn —") if not found else "—"
        self.fields["commune"].widget.choices = [("", placeholder)] + [
            (u.pk, commune_label(u)) for u in found
        ]


class ContactFields(forms.Form):
    contact_name = forms.CharField(label=_("Họ tên"), max_length=100, required=False)
    contact_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.EmailField(label=_("Thư điện tử"), required=False)

    def contact(self) -> dict:
        return {
            "name": self.cleaned_data.get("contact_name", ""),
            "phone": self.cleaned_data.get("contact_phone", ""),
            "email": self.cleaned_data.get("contact_email", ""),
        }


class PublicTipForm(BootstrapMixin, PlaceFields, ContactFields):
    description = forms.CharField(
        label=_("Bạn thấy gì? Hãy kể lại sự việc"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Hãy kể lại sự việc (ít nhất 10 ký tự)."),
            "max_length": TIP_TOO_LONG,
        },
    )
    category = forms.ChoiceField(
        label=_("Việc này thuộc loại nào?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        initial=Category.OTHER,
    )
    attachments = MultipleFileField(
        label=_("Ảnh hoặc tệp PDF (không bắt buộc, tối đa 3 tệp, mỗi tệp 5 MB)")
    )
    # Left empty by people; robots fill every field they find.
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    field_order = [
        "description",
        "category",
        "commune_query",
        "commune",
        "address",
        "happened_on",
        "when_note",
        "latitude",
        "longitude",
        "attachments",
        "contact_name",
        "contact_phone",
        "contact_email",
        "website",
    ]

    def __init__(self, data=None, files=None, **kwargs):
        super().__init__(data, files, **kwargs)
        self.limit_communes(data)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # Each choice has its own label; one aria-label on them all would hide it.
        self.fields["category"].widget.attrs.pop("aria-label", None)
        self.fields["category"].choices = [
            (value, f"{label} ({CATEGORY_HELP[value]})") for value, label in Category.choices
        ]


class ReceiptConfirmForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    saved = forms.BooleanField(
        label=_("Tôi đã lưu mã số này"),
        error_messages={"required": _("Hãy lưu mã số rồi đánh dấu vào ô này.")},
    )


class ReceiptLookupForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu (16 chữ số)"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": "0000 0000 0000 0000",
            }
        ),
    )


class SenderMessageForm(BootstrapMixin, forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Trả lời hoặc bổ sung thông tin"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(label=_("Ảnh hoặc tệp PDF (không bắt buộc)"))


class OperatorTipForm(BootstrapMixin, PlaceFields, ContactFields):
    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    source_body = forms.CharField(
        label=_("Cơ quan chuyển đến (nếu có)"), max_length=255, required=False
    )
    received_at = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    category = forms.ChoiceField(label=_("Loại tin"), choices=Category.choices)
    description = forms.CharField(
        label=_("Nội dung tin"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = MultipleFileField(label=_("Ảnh hoặc tệp PDF (không bắt buộc)"))

    field_order = ["channel", "source_body", "received_at", "category", "description"]

    def __init__(self, data=None, files=None, *, communes, **kwargs):
        super().__init__(data, files, **kwargs)
        self.limit_communes(data, communes)


class TriageForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    category = forms.ChoiceField(label=_("Loại tin"), choices=Category.choices)
    urgency = forms.ChoiceField(label=_("Mức độ khẩn"), choices=Urgency.choices)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị xử lý"), queryset=AdministrativeUnit.objects.none()
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan xử lý"), queryset=None, required=False)
    team = forms.ModelChoiceField(label=_("Đội kiểm tra"), queryset=None, required=False)
    handlers = forms.ModelMultipleChoiceField(
        label=_("Cán bộ được phân công"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, agencies, teams, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["agency"].queryset = agencies
        self.fields["team"].queryset = teams
        self.fields["handlers"].queryset = handlers
        # Each box is labelled by its person's name, not by the field's label.
        self.fields["handlers"].widget.attrs.pop("aria-label", None)
        self.fields["handlers"].widget.attrs["class"] = "form-check-input"


class StatusForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=Status.choices)
    outcome = forms.CharField(
        label=_("Kết quả xử lý"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    transferred_to = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=255, required=False)


class ExtendForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.DateField(label=_("Gia hạn đến ngày"), widget=DateInput())


class AskForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Câu hỏi cho người báo tin"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LinkForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    establishment = forms.ModelChoiceField(
        label=_("Cơ sở liên quan"), queryset=None, required=False
    )
    hotspot = forms.ModelChoiceField(label=_("Tụ điểm liên quan"), queryset=None, required=False)
    case_reference = forms.CharField(
        label=_("Hồ sơ hỗ trợ, vụ án liên quan (số, tên)"), max_length=255, required=False
    )

    def __init__(self, *args, establishments, hotspots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments
        self.fields["hotspot"].queryset = hotspots
