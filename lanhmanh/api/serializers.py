"""How units, agencies and teams look in the API. Read-only: writes go through services."""

from rest_framework import serializers

from lanhmanh.geography.models import AdministrativeUnit, ChangeKind, UnitChange
from lanhmanh.organizations.models import (
    Agency,
    InspectionTeam,
    Sector,
    StandingAgency,
    TeamMember,
)


class UnitBriefSerializer(serializers.ModelSerializer):
    """A unit named from another object: enough to show it and follow it."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "scheme", "code", "name", "full_name", "kind", "level"]


class UnitSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = AdministrativeUnit
        fields = [
            "id",
            "scheme",
            "code",
            "name",
            "full_name",
            "kind",
            "level",
            "parent",
            "path",
            "valid_from",
            "valid_to",
        ]


class _ChangeSerializer(serializers.ModelSerializer):
    # 'change_kind', not 'kind': a unit has a kind too, and one name for two choice sets
    # would make the OpenAPI enums ambiguous.
    change_kind = serializers.ChoiceField(source="kind", choices=ChangeKind.choices, read_only=True)

    class Meta:
        model = UnitChange
        fields = ["unit", "change_kind", "partial", "effective_on", "legal_basis"]


class SuccessorSerializer(_ChangeSerializer):
    unit = UnitBriefSerializer(source="successor", read_only=True)


class PredecessorSerializer(_ChangeSerializer):
    unit = UnitBriefSerializer(source="predecessor", read_only=True)


class UnitDetailSerializer(UnitSerializer):
    """A unit with what it was formed from and what it became.

    The view prefetches the changes into ``visible_changes_in``/``visible_changes_out``,
    already limited to units the user may see.
    """

    parent = UnitBriefSerializer(read_only=True)
    successors = SuccessorSerializer(source="visible_changes_out", many=True, read_only=True)
    predecessors = PredecessorSerializer(source="visible_changes_in", many=True, read_only=True)

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "successors", "predecessors"]


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["code", "name"]


class AgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name"]


class AgencySerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    sector = SectorSerializer(read_only=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "is_active", "unit", "sector"]


class StandingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = StandingAgency
        fields = ["valid_from", "valid_to"]


class AgencyDetailSerializer(AgencySerializer):
    standing_periods = StandingPeriodSerializer(source="standing_roles", many=True, read_only=True)

    class Meta(AgencySerializer.Meta):
        fields = [*AgencySerializer.Meta.fields, "standing_periods"]


class TeamSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)

    class Meta:
        model = InspectionTeam
        fields = ["id", "name", "unit", "decision_number", "established_on", "dissolved_on"]


class TeamMemberSerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(read_only=True)

    class Meta:
        model = TeamMember
        fields = ["id", "full_name", "role", "card_number", "agency"]


class TeamDetailSerializer(TeamSerializer):
    members = TeamMemberSerializer(many=True, read_only=True)

    class Meta(TeamSerializer.Meta):
        fields = [*TeamSerializer.Meta.fields, "members"]
