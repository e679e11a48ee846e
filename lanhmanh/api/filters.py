"""Query-string filters of the API lists. They narrow a queryset that is already scoped."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.params import MAX_ID
from lanhmanh.geography.models import AdministrativeUnit, Kind, Level, Scheme
from lanhmanh.organizations.models import Agency, InspectionTeam


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number a database column holds; anything else is a 400, never a
    query the database refuses."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UnitFilter(django_filters.FilterSet):
    scheme = django_filters.ChoiceFilter(choices=Scheme.choices)
    level = django_filters.ChoiceFilter(choices=Level.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    # A plain number, not a model choice: an unknown or forbidden parent gives an empty
    # list, not an error that would tell the two apart.
    parent = IdFilter(field_name="parent_id")
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tên (không dấu)"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Có hiệu lực vào ngày"))

    class Meta:
        model = AdministrativeUnit
        fields = ["scheme", "level", "kind", "parent"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class AgencyFilter(django_filters.FilterSet):
    unit = IdFilter(field_name="unit_id")
    sector = django_filters.CharFilter(field_name="sector__code")
    is_active = django_filters.BooleanFilter()
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tên (không dấu)"))

    class Meta:
        model = Agency
        fields = ["unit", "sector", "is_active"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class TeamFilter(django_filters.FilterSet):
    unit = IdFilter(field_name="unit_id")

    class Meta:
        model = InspectionTeam
        fields = ["unit"]
