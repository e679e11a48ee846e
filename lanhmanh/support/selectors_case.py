"""What the case page shows: the case's rows, fetched for one of its workers."""

from . import access
from .models import (
    CaseWorker,
    ChildProtectionStep,
    ClientIdentity,
    Consent,
    NeedsAssessment,
    Referral,
    SupportService,
    Victim,
    VictimSupport,
)


def case_page(user, client) -> dict:
    victim = Victim.objects.visible_to(user).filter(client=client).first()
    return {
        "client": client,
        "workers": CaseWorker.objects.visible_to(user)
        .filter(client=client, until__isnull=True)
        .select_related("user"),
        "has_identity": not getattr(
            ClientIdentity.objects.filter(client=client).first(), "is_empty", True
        ),
        "consents": Consent.objects.visible_to(user)
        .filter(client=client)
        .select_related("provider"),
        "assessments": NeedsAssessment.objects.visible_to(user)
        .filter(client=client)
        .prefetch_related("needs"),
        "services": SupportService.objects.visible_to(user)
        .filter(client=client)
        .select_related("service_type", "provider"),
        "referrals": Referral.objects.visible_to(user)
        .filter(client=client)
        .select_related("service_type", "provider"),
        "victim": victim,
        "victim_supports": VictimSupport.objects.visible_to(user).filter(victim=victim)
        if victim
        else [],
        "child_steps": ChildProtectionStep.objects.visible_to(user).filter(client=client),
        "same_person_as": client.same_person_as,
        "can_write": client.is_open
        and not client.anonymised_on
        and access.may_write(user, client.unit),
        "is_supervisor": access.is_supervisor(user, client),
    }
