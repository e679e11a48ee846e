"""`manage.py import_plan FILE --dry-run --json` for each seed, on the real map of the
provinces the seeds come from: what it prints, and that it saves nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lanhmanh.plans.models import Plan
from tests.plans.test_importer_gold import GOLD, SEEDS, key, target_found


def run(*args):
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"][:3] for g in GOLD])
def test_dry_run_json_reads_each_seed_and_saves_nothing(real_map, db, gold):
    result = json.loads(run(str(SEEDS / gold["file"]), "--dry-run", "--json"))
    assert result["kind"] == gold["kind"]
    assert gold["title_contains"] in result["title"]
    assert result["year"] == gold["year"]
    assert (result["number"], result["date"]) == (gold["number"], gold["date"])
    assert result["signer"] == gold["signer"]
    assert set(result["topics"]) == set(gold["topics"])
    unit = result["unit"]
    assert key(unit["name"]) == key(gold["unit"]["name"])
    assert unit["level"] == gold["unit"]["level"]
    # The unit as it was on the document's date: a pre-2025 code.
    assert unit["path"].startswith("2004/")
    assert unit["path"].rstrip("/").endswith(unit["code"])
    for basis in gold["bases"]:
        assert basis in result["bases"]
    for target in gold["targets"]:
        assert target_found(result["targets"], target), target["quote"]
    found_agencies = {key(a) for a in result["agencies"]}
    for agency in gold["agencies"]:
        assert any(key(agency) in f or f in key(agency) for f in found_agencies), agency
    assert Plan.objects.count() == 0


def test_without_dry_run_a_draft_plan_is_saved_on_the_historical_unit(real_map, db):
    out = run(str(SEEDS / "001_e05ab88ee75a19c0.txt"))
    plan = Plan.objects.get()
    assert "Đã lưu kế hoạch dự thảo" in out
    assert plan.unit.path.startswith("2004/01/")  # quận Ba Đình of Hà Nội, before 2025
    assert plan.unit.level == "district"
    assert plan.targets.count() >= 9


def test_a_missing_file_is_a_clear_error(real_map, db, tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run(str(tmp_path / "khong-co.txt"))


def test_an_unreadable_file_is_a_clear_error_and_saves_nothing(real_map, db, tmp_path):
    doc = tmp_path / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(CommandError):
        run(str(doc))
    assert Plan.objects.count() == 0


def test_a_text_that_is_not_a_plan_is_a_clear_error_and_saves_nothing(real_map, db, tmp_path):
    menu = tmp_path / "thuc-don.txt"
    menu.write_text("Thực đơn tuần này: thứ Hai phở bò, thứ Ba bún chả.\n", encoding="utf-8")
    for args in (["--dry-run", "--json"], []):
        with pytest.raises(CommandError, match="Không nhận ra kế hoạch"):
            run(str(menu), *args)
    assert Plan.objects.count() == 0
