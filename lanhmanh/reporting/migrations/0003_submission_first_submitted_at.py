from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce


def first_sendings(apps, schema_editor):
    """A report sent before this field existed was first sent at its earliest 'sent'
    event (its history), or, without one, at its last sending."""
    Submission = apps.get_model("reporting", "Submission")
    SubmissionEvent = apps.get_model("reporting", "SubmissionEvent")
    earliest = (
        SubmissionEvent.objects.filter(submission=OuterRef("pk"), action="submitted")
        .order_by()
        .values("submission")
        .annotate(at=Min("at"))
        .values("at")
    )
    Submission.objects.filter(submitted_at__isnull=False).update(
        first_submitted_at=Coalesce(Subquery(earliest), "submitted_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_reminder_sent"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="first_submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="gửi lần đầu lúc"),
        ),
        migrations.RunPython(first_sendings, migrations.RunPython.noop),
    ]
