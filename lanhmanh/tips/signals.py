"""An unannounced inspection recorded 'on a tip' names the tip's number in its reason;
the tip then shows the inspection it led to (the inspections module knows nothing of
tips)."""

import re

from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.dispatch import receiver

from lanhmanh.inspections.models import Inspection, Trigger

REFERENCE = re.compile(r"\bTB-\d{4}-\d{5}\b")


@receiver(post_save, sender=Inspection, dispatch_uid="tips_inspection_link")
def link_inspection_to_tip(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.trigger != Trigger.TIP:
        return
    from .models import Tip
    from .services import tip_inspection_link

    for reference in REFERENCE.findall(instance.trigger_note or ""):
        tip = Tip.objects.filter(reference=reference, inspection__isnull=True).first()
        if tip is None:
            continue
        try:
            tip_inspection_link(tip=tip, inspection=instance)
        except ValidationError:
            continue  # a tip of another area: the number was mistyped
