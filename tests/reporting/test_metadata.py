"""The metadata package: export, import, round trip, bad input, commands."""

import copy
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from lanhmanh.indicators.models import CategorySet, Indicator
from lanhmanh.reporting.demo import PACKAGE
from lanhmanh.reporting.metadata import MetadataError, export_package, import_package
from lanhmanh.reporting.models import ReportForm


@pytest.fixture
def national(db):
    import_package(PACKAGE.read_bytes())
    return json.loads(PACKAGE.read_bytes())


def _empty_configuration():
    ReportForm.objects.all().delete()
    Indicator.objects.update(previous=None)
    Indicator.objects.all().delete()
    CategorySet.objects.all().delete()


def test_the_national_package_builds_the_demo_forms(national):
    form = ReportForm.objects.get(code="xa-thang")
    assert form.rows.count() == 10
    assert [s.kind for s in form.sections.all()] == [
        *["figures"] * 4,
        "situation",
        "results",
        "difficulties",
        "proposals",
    ]
    assert form.rules.filter(kind="sum_of_parts", left="awareness_participants").exists()
    tips = form.rows.get(indicator__code="tips_received")
    assert tips.section.title == "2. Tiếp nhận, xử lý tin báo"


def test_importing_twice_changes_nothing(national):
    before = export_package()
    entries = LogEntry.objects.count()
    result = import_package(PACKAGE.read_bytes())
    assert result.created == [] and result.updated == []
    assert export_package() == before
    assert LogEntry.objects.count() == entries


def test_export_import_into_an_empty_database_export_gives_the_same_bytes(national):
    first = export_package()
    _empty_configuration()
    assert not Indicator.objects.exists()
    import_package(first)
    assert export_package() == first


def test_the_committed_package_is_what_the_catalogue_exports(national):
    """The demo's package and the migrated catalogue agree (or the demo would make new
    editions of national indicators): the package is the whole national catalogue, the
    computed indicators and breakdowns other modules add by migration included. After
    changing one, write it again with ``manage.py export_metadata`` on a migrated database."""
    assert export_package() == PACKAGE.read_bytes()


def on_a_form(data) -> dict:
    """The package's entry of the indicator on the first row of the first form (the
    package also holds computed indicators no form uses)."""
    row = data["forms"][0]["rows"][0]
    wanted = (row["indicator"], row["edition"])
    return next(i for i in data["indicators"] if (i["code"], i["edition"]) == wanted)


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: d.update(format="dhis2"), "không phải là gói cấu hình"),
        (lambda d: d.update(format_version=7), "phiên bản 7"),
        (
            lambda d: d["forms"][0]["rows"][0].update(indicator="no_such_indicator"),
            "no_such_indicator",
        ),
        (
            lambda d: d["forms"][0]["rules"][0].update(left="no_such_figure"),
            "no_such_figure",
        ),
        (lambda d: d["indicators"][0].update(previous=1), "vòng lặp"),
        (lambda d: d["indicators"][0].update(disaggregations=["nope"]), "nope"),
        (lambda d: on_a_form(d).update(valid_to="2020-01-01"), "hiệu lực"),
    ],
)
def test_a_bad_package_says_why_and_saves_nothing(national, mutate, expected):
    data = copy.deepcopy(national)
    data["forms"][0]["name"] = "Tên mới"
    data["category_sets"].append(
        {"code": "new_set", "name": "Mới", "options": [{"code": "a", "name": "A"}]}
    )
    mutate(data)
    before = export_package()
    with pytest.raises(MetadataError) as caught:
        import_package(json.dumps(data).encode())
    assert expected in " ".join(caught.value.messages)
    assert export_package() == before
    assert not CategorySet.objects.filter(code="new_set").exists()


def test_not_json_is_refused(db):
    with pytest.raises(MetadataError):
        import_package(b"\x00\x01 not json")


def test_the_commands_export_and_import(national, tmp_path):
    target = tmp_path / "package.json"
    call_command("export_metadata", str(target))
    assert target.read_bytes() == export_package()
    call_command("import_metadata", str(target))
    target.write_text('{"format": "other"}')
    with pytest.raises(CommandError):
        call_command("import_metadata", str(target))
