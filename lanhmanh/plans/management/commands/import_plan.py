"""Read a plan document and print what was read (--dry-run --json) or save a draft plan."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.geography.resolve import units_matching
from lanhmanh.plans.importer import DocumentReadError, parse_plan, plan_check, read_document
from lanhmanh.plans.services import plan_create_from_draft, plan_year

ERR_NO_UNIT = "Không xác định được đơn vị ban hành '{name}'. Hãy chỉ rõ bằng --unit-path."
ERR_MANY_UNITS = "Có nhiều đơn vị tên '{name}': {choices}. Hãy chỉ rõ bằng --unit-path."


class Command(BaseCommand):
    help = "Đọc một văn bản kế hoạch (.docx, .pdf, .txt, .md) và lưu thành kế hoạch dự thảo."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đọc, không lưu.")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")
        parser.add_argument("--unit-path", help="Đường dẫn đơn vị ban hành, vd. 2004/38/")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = read_document(path.read_bytes(), path.name)
            draft = parse_plan(text)
            plan_check(draft)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        except DocumentReadError as exc:
            raise CommandError(str(exc)) from exc
        result = draft.to_dict()
        result["warnings"] = list(draft.warnings)
        unit, unit_error = self._unit(result, options.get("unit_path"))
        if unit is not None:
            result["unit"] = {
                **(result.get("unit") or {}),
                "code": unit.code,
                "path": unit.path,
                "level": unit.level,
            }
        if options["dry_run"]:
            if unit_error:
                result["warnings"].append(unit_error)
            self._print(result, options["json"])
            return
        if unit is None:
            raise CommandError(unit_error)
        plan = plan_create_from_draft(draft=result, unit=unit, source_text=text)
        self.stdout.write(f"Đã lưu kế hoạch dự thảo #{plan.pk}: {plan}")

    def _unit(self, result, unit_path):
        from lanhmanh.geography.models import AdministrativeUnit

        if unit_path:
            unit = AdministrativeUnit.objects.filter(path=unit_path).first()
            return unit, None if unit else ERR_NO_UNIT.format(name=unit_path)
        info = result.get("unit") or {}
        name = info.get("name") or ""
        day = (
            datetime.date.fromisoformat(result["date"])
            if result.get("date")
            else datetime.date(plan_year(result), 12, 31)
        )
        found = units_matching(
            name=name, level=info.get("level"), parent_name=info.get("parent"), on=day
        )
        if len(found) == 1:
            return found[0], None
        if not found:
            return None, ERR_NO_UNIT.format(name=name)
        choices = ", ".join(f"{u} ({u.path})" for u in found)
        return None, ERR_MANY_UNITS.format(name=name, choices=choices)

    def _print(self, result, as_json):
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1, default=str))
            return
        self.stdout.write(f"{result.get('kind')}: {result.get('title')}")
        self.stdout.write(f"Đơn vị: {result.get('unit')}  Năm: {result.get('year')}")
        self.stdout.write(f"Chỉ tiêu: {len(result.get('targets') or [])}")
        self.stdout.write(f"Nhiệm vụ: {len(result.get('tasks') or [])}")
        for warning in result["warnings"]:
            self.stdout.write(self.style.WARNING(f"! {warning}"))
