"""``manage.py expire_uploads``: delete upload previews past their time (run it daily)."""

from django.core.management.base import BaseCommand

from lanhmanh.inspections.importing import establishment_imports_expire
from lanhmanh.plans.plan_imports import plan_imports_expire


class Command(BaseCommand):
    help = "Delete register previews after a day, unreviewed plan imports after a week."

    def handle(self, *args, **options):
        registers = establishment_imports_expire()
        plans = plan_imports_expire()
        self.stdout.write(f"Expired: {registers} register previews, {plans} plan imports.")
