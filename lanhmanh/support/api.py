"""The module's API: counts only, suppressed like every other output."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access, selectors
from .views.counts import _year


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    # A count, or '<5' for 1 to 4.
    cells = serializers.ListField(child=serializers.CharField())


class TableSerializer(serializers.Serializer):
    title = serializers.CharField()
    header = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)


class CountsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    tables = TableSerializer(many=True)


class CountsView(APIView):
    """Counts of the year over the user's units; 1 to 4 are '<5'. No person-level data
    is served by the API."""

    @extend_schema(responses=CountsSerializer)
    def get(self, request):
        if not access.may_read_counts(request.user):
            raise Http404
        year = _year(request)
        tables = selectors.overview(request.user, year)
        return Response(
            {
                "year": year,
                "tables": [
                    {
                        "title": t.title,
                        "header": t.header,
                        "rows": [{"label": label, "cells": cells} for label, cells in t.rows],
                    }
                    for t in tables
                ],
            }
        )
