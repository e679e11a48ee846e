"""Read-only API views. Every queryset starts from ``visible_to(request.user)``: a row
outside the user's scope is missing from lists and a 404 on its own. Every read is in the
audit trail (``AuditedReadMixin``)."""

from django.db.models import Prefetch
from rest_framework import viewsets

from lanhmanh.accounts.scope import scope_for
from lanhmanh.geography.models import AdministrativeUnit, UnitChange
from lanhmanh.organizations.models import Agency, InspectionTeam, TeamMember

from . import serializers
from .audit import AuditedReadMixin
from .filters import AgencyFilter, TeamFilter, UnitFilter


class UnitViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Administrative units, before and after the 1 July 2025 reform."""

    filterset_class = UnitFilter

    def get_queryset(self):
        units = AdministrativeUnit.objects.visible_to(self.request.user)
        if self.action != "retrieve":
            return units
        user = self.request.user
        # The other side of a change is shown only where the user may see it: a commune
        # split between two provinces must not reveal the neighbour's unit.
        return units.select_related("parent").prefetch_related(
            Prefetch(
                "changes_out",
                queryset=UnitChange.objects.filter(scope_for(user).q("successor__path"))
                .select_related("successor")
                .order_by("successor__path"),
                to_attr="visible_changes_out",
            ),
            Prefetch(
                "changes_in",
                queryset=UnitChange.objects.filter(scope_for(user).q("predecessor__path"))
                .select_related("predecessor")
                .order_by("predecessor__path"),
                to_attr="visible_changes_in",
            ),
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.UnitDetailSerializer
        return serializers.UnitSerializer


class AgencyViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Agencies (departments, offices, unions) of the units in scope."""

    filterset_class = AgencyFilter

    def get_queryset(self):
        agencies = Agency.objects.visible_to(self.request.user).select_related("unit", "sector")
        if self.action == "retrieve":
            agencies = agencies.prefetch_related("standing_roles")
        return agencies

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.AgencyDetailSerializer
        return serializers.AgencySerializer


class TeamViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Inter-agency inspection teams (team 178)."""

    filterset_class = TeamFilter

    def get_queryset(self):
        teams = InspectionTeam.objects.visible_to(self.request.user).select_related("unit")
        if self.action == "retrieve":
            teams = teams.prefetch_related(
                Prefetch(
                    "members",
                    queryset=TeamMember.objects.select_related("agency").order_by(
                        "role", "full_name"
                    ),
                )
            )
        return teams

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.TeamDetailSerializer
        return serializers.TeamSerializer
