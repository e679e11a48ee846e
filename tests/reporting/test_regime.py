"""The reporting regime as data: breakdowns, indicator editions, province catalogues,
forms with written sections and editions, validation rules, texts that roll up."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from lanhmanh.core.concurrency import StaleVersion
from lanhmanh.indicators.models import (
    CategorySet,
    Indicator,
    disaggregation_keys,
    disaggregation_label,
)
from lanhmanh.indicators.registry import Value, register, unregister
from lanhmanh.indicators.services import category_set_save, indicator_create, indicator_update
from lanhmanh.indicators.values import indicator_value
from lanhmanh.reporting import rules as rule_messages
from lanhmanh.reporting.models import ReportForm, Status, SubmissionText
from lanhmanh.reporting.periods import first_half, month
from lanhmanh.reporting.report_docx import report_docx, topics_phrase
from lanhmanh.reporting.selectors import forms_for
from lanhmanh.reporting.services import (
    submission_create,
    submission_save_values,
    submission_submit,
)
from lanhmanh.reporting.setup import report_form_save
from tests.reporting.helpers import make_form, report
from tests.reporting.test_documents import docx_text

JAN = month(2026, 1)
H1 = first_half(2026)
TODAY = datetime.date(2026, 3, 1)


def save(submission, values, user, **extra):
    return submission_save_values(
        submission=submission, values=values, version=submission.version, user=user, **extra
    )


# Breakdowns


def test_breakdowns_are_rows_with_their_options(db):
    assert disaggregation_keys(["sex"]) == ["sex:male", "sex:female"]
    assert disaggregation_label("age_group:under_16") == "Dưới 16 tuổi"
    codes = set(CategorySet.objects.values_list("code", flat=True))
    assert {"sex", "age_group", "establishment_type", "service_type", "channel"} <= codes
    assert "audience" in codes


def test_a_province_adds_a_breakdown_and_cannot_drop_an_option_with_figures(world):
    channel = category_set_save(
        user=world.th_admin,
        code="kenh",
        name="Kênh",
        options=[("loa", "Loa"), ("mang", "Mạng xã hội")],
    )
    assert channel.owner == world.thanh_hoa
    assert disaggregation_keys(["kenh"]) == ["kenh:loa", "kenh:mang"]
    assert not CategorySet.objects.visible_to(world.bn_coordinator).filter(code="kenh").exists()
    assert CategorySet.objects.visible_to(world.hac_thanh_officer).filter(code="kenh").exists()
    with pytest.raises(PermissionDenied):
        category_set_save(
            user=world.th_leader, code="x", name="X", options=[("a", "A"), ("b", "B")]
        )
    form = make_form(rows=[("awareness_participants", ["sex"], True)])
    report(world.th_admin, form, world.hac_thanh, JAN, {"awareness_participants": "3"})
    sex = CategorySet.objects.get(code="sex")
    report(
        world.th_admin,
        form,
        world.quang_ngoc,
        JAN,
        {"awareness_participants": "3", "awareness_participants|sex:male": "1"},
    )
    with pytest.raises(ValidationError):
        category_set_save(
            user=world.national,
            category_set=sex,
            code="sex",
            name="Giới tính",
            options=[("female", "Nữ"), ("other", "Khác")],
            version=sex.version,
        )
    assert disaggregation_keys(["sex"]) == ["sex:male", "sex:female"]


# Indicators


def test_a_province_indicator_is_seen_inside_the_province_only(world):
    indicator = indicator_create(
        user=world.th_admin,
        code="th_khach_moi",
        name="Số lượt khách được nhắc nhở",
        measure="count",
        disaggregations=["sex"],
        topic="general",
    )
    assert indicator.owner == world.thanh_hoa
    assert Indicator.objects.visible_to(world.hac_thanh_officer).filter(pk=indicator.pk).exists()
    assert not Indicator.objects.visible_to(world.bn_coordinator).filter(pk=indicator.pk).exists()
    assert Indicator.objects.visible_to(world.bn_coordinator).filter(code="tips_received").exists()
    with pytest.raises(PermissionDenied):  # the national catalogue is the national admin's
        indicator_update(
            indicator=Indicator.objects.get(code="tips_received"), user=world.th_admin, name="x"
        )
    assert LogEntry.objects.get_for_object(indicator).exists()


def test_changing_the_meaning_of_an_indicator_with_figures_makes_a_new_edition(world):
    form = make_form(rows=[("awareness_activities", [], True)])
    old = Indicator.objects.get(code="awareness_activities")
    report(world.th_admin, form, world.hac_thanh, JAN, {"awareness_activities": "4"})
    renamed = indicator_update(indicator=old, user=world.national, name="Số lần tuyên truyền")
    assert renamed.pk == old.pk  # a new name is not a new meaning
    new = indicator_update(
        indicator=renamed,
        user=world.national,
        definition="Chỉ tính các buổi có biên bản.",
        on=TODAY,
    )
    old.refresh_from_db()
    assert new.pk != old.pk and new.edition == 2 and new.previous == old
    assert not old.current and old.valid_to == TODAY - datetime.timedelta(days=1)
    assert new.valid_from == TODAY
    # Old figures keep their edition; the code now names the new one, without figures yet.
    assert indicator_value(old, world.thanh_hoa, JAN.window).numerator == 4
    assert indicator_value("awareness_activities", world.thanh_hoa, JAN.window).no_data
    with pytest.raises(StaleVersion):  # refused with both versions (a 409 page)
        indicator_update(indicator=new, user=world.national, version=0, name="cũ")


def test_a_computed_indicator_gets_the_parameters_of_its_row(world):
    seen = {}

    @register("test_team_count", parameters=("team",))
    def team_count(*, paths, window, disaggregation=None, team=None):
        seen["team"] = team
        return Value(Decimal(7))

    try:
        indicator = indicator_create(
            user=world.national,
            code="team_inspections_th",
            name="Số lượt kiểm tra của đội tỉnh",
            measure="count",
            source="computed",
            computation="test_team_count",
            parameters={"team": world.th_team.pk},
        )
        assert indicator_value(indicator, world.thanh_hoa, JAN.window).numerator == 7
        assert seen == {"team": world.th_team.pk}
        with pytest.raises(ValidationError):
            indicator_create(
                user=world.national,
                code="bad_param",
                name="x",
                measure="count",
                source="computed",
                computation="test_team_count",
                parameters={"agency": 1},
            )
    finally:
        unregister("test_team_count")


def test_a_maximum_takes_each_units_largest_figure(world):
    indicator = indicator_create(
        user=world.national, code="peak", name="Đỉnh", measure="count", aggregation="max"
    )
    form = make_form(rows=[("peak", [], True)])
    report(world.th_admin, form, world.hac_thanh, month(2026, 1), {"peak": "5"})
    report(world.th_admin, form, world.hac_thanh, month(2026, 2), {"peak": "9"})
    report(world.th_admin, form, world.quang_ngoc, month(2026, 2), {"peak": "2"})
    window = first_half(2026).window
    assert indicator_value(indicator, world.thanh_hoa, window).numerator == 11


def test_drugs_and_trafficking_indicators_are_in_the_catalogue(db):
    topics = dict(Indicator.objects.values_list("code", "topic"))
    assert topics["drug_users_managed"] == "drugs"
    assert topics["drug_free_communes_share"] == "drugs"
    assert topics["trafficking_victims_received"] == "trafficking"


# Forms


def _half_year_form(world, **extra):
    indicator = indicator_create(
        user=world.th_admin,
        code="th_nguoi_ho_tro",
        name="Số người được hỗ trợ",
        measure="count",
        disaggregations=["sex"],
        topic="trafficking",
    )
    return report_form_save(
        user=world.th_admin,
        code="th-6thang",
        fields={
            "name": "Báo cáo 6 tháng của xã",
            "periodicity": "first_half",
            "unit_level": "commune",
            "reporter": "committee",
            "deadline_days": 3,
            "recipients": ["parent_committee"],
            "active": True,
        },
        rows=[{"indicator": indicator, "disaggregations": ["sex"], "required": True}],
        sections=[
            {"kind": "situation", "title": "Tình hình"},
            {"kind": "proposals", "title": "Đề xuất"},
        ],
        rules=[
            {
                "kind": "sum_of_parts",
                "left": "th_nguoi_ho_tro",
                "right": "sex",
                "severity": "error",
                "message": "",
            }
        ],
        **extra,
    )


def test_a_province_form_is_due_from_its_communes_only(world):
    form = _half_year_form(world)
    assert form.owner == world.thanh_hoa and form.topics == ["trafficking"]
    assert form in forms_for(world.hac_thanh)
    assert form not in forms_for(world.luc_nam)
    assert form not in forms_for(world.thanh_hoa)
    assert not ReportForm.objects.visible_to(world.bn_coordinator).filter(pk=form.pk).exists()


def test_a_form_refuses_rules_on_missing_figures_and_indicators_out_of_validity(world):
    old = Indicator.objects.get(code="broadcasts")
    old.valid_to = datetime.date(2025, 12, 31)
    old.save()
    with pytest.raises(ValidationError) as caught:
        report_form_save(
            user=world.national,
            code="bad",
            fields={"name": "x", "periodicity": "month", "unit_level": "commune"},
            rows=[{"indicator": old, "disaggregations": []}],
            sections=[],
            rules=[
                {"kind": "at_most", "left": "broadcasts", "right": "nothing", "severity": "error"}
            ],
            on=TODAY,
        )
    text = " ".join(caught.value.messages)
    assert "broadcasts" in text and "nothing" in text
    assert not ReportForm.objects.filter(code="bad").exists()


def test_the_rule_refuses_a_total_that_is_not_the_sum_then_the_report_goes_through(world):
    form = _half_year_form(world)
    s = submission_create(form=form, unit=world.hac_thanh, period=H1, user=world.hac_thanh_officer)
    values = {"th_nguoi_ho_tro": "95", "th_nguoi_ho_tro|sex:male": "40"}
    values["th_nguoi_ho_tro|sex:female"] = "50"
    with pytest.raises(ValidationError) as caught:
        save(s, values, world.hac_thanh_officer)
    message = caught.value.message_dict["th_nguoi_ho_tro"][0]
    assert message == str(
        rule_messages.SUM_MISMATCH
        % {"total": "95", "set": "giới tính", "parts": "40 + 50", "sum": "90"}
    )
    assert not s.values.exists()
    [situation, proposals] = form.sections.all()
    values["th_nguoi_ho_tro"] = "90"
    save(
        s,
        values,
        world.hac_thanh_officer,
        texts={situation.pk: "Ổn định.", proposals.pk: "Thêm kinh phí."},
    )
    s.refresh_from_db()
    submission_submit(submission=s, user=world.hac_thanh_officer)
    assert s.status == Status.SUBMITTED
    assert dict(s.texts.values_list("section__kind", "text")) == {
        "situation": "Ổn định.",
        "proposals": "Thêm kinh phí.",
    }


def test_a_warning_needs_an_explanation_to_submit(world):
    form = make_form(rows=[("tips_received", [], True), ("tips_handled_in_time", [], True)])
    form.rules.create(
        kind="at_most", left="tips_handled_in_time", right="tips_received", severity="warning"
    )
    s = submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.hac_thanh_officer)
    result = save(s, {"tips_received": "2", "tips_handled_in_time": "3"}, world.hac_thanh_officer)
    assert result.warnings
    s.refresh_from_db()
    with pytest.raises(ValidationError):
        submission_submit(submission=s, user=world.hac_thanh_officer)
    rule = form.rules.get()
    save(s, {}, world.hac_thanh_officer, explanations={rule.pk: "Hai tin của kỳ trước."})
    s.refresh_from_db()
    submission_submit(submission=s, user=world.hac_thanh_officer)


def test_editing_a_form_in_use_makes_a_new_edition_and_old_reports_keep_theirs(world):
    form = _half_year_form(world)
    s = submission_create(form=form, unit=world.hac_thanh, period=H1, user=world.hac_thanh_officer)
    new = report_form_save(
        user=world.th_admin,
        code=form.code,
        form=form,
        version=form.version,
        fields={
            "name": "Báo cáo 6 tháng (sửa đổi)",
            "periodicity": "first_half",
            "unit_level": "commune",
            "deadline_days": 5,
        },
        rows=[],
        sections=[{"kind": "results", "title": "Kết quả"}],
        rules=[],
    )
    form.refresh_from_db()
    s.refresh_from_db()
    assert new.pk != form.pk and new.edition == 2 and new.previous == form and not form.current
    assert s.form == form and [x.title for x in s.form.sections.all()] == ["Tình hình", "Đề xuất"]
    assert list(forms_for(world.hac_thanh).filter(code=form.code)) == [new]


# Written sections roll up


def test_the_provinces_report_starts_from_its_communes_texts_and_the_docx_has_them(world):
    commune_form = _half_year_form(world)
    for unit, text in (
        (world.hac_thanh, "Hạc Thành ổn định."),
        (world.quang_ngoc, "Quảng Ngọc có điểm nóng."),
    ):
        s = submission_create(form=commune_form, unit=unit, period=H1, user=world.th_admin)
        situation = s.form.sections.get(kind="situation")
        save(s, {"th_nguoi_ho_tro": "1"}, world.th_admin, texts={situation.pk: text})
        s.refresh_from_db()
        submission_submit(submission=s, user=world.th_admin)
    text, _rows = docx_text(report_docx(world.thanh_hoa, H1))
    assert "Phường Hạc Thành: Hạc Thành ổn định." in text
    assert "Xã Quảng Ngọc: Quảng Ngọc có điểm nóng." in text
    assert "mua bán người" in text.split("Kính gửi")[0]
    province_form = report_form_save(
        user=world.th_admin,
        code="tinh-6thang",
        fields={
            "name": "Báo cáo 6 tháng của tỉnh",
            "periodicity": "first_half",
            "unit_level": "province",
        },
        rows=[],
        sections=[{"kind": "situation", "title": "Tình hình"}],
        rules=[],
    )
    own = submission_create(
        form=province_form, unit=world.thanh_hoa, period=H1, user=world.th_admin
    )
    [prefilled] = SubmissionText.objects.filter(submission=own)
    assert "Hạc Thành ổn định." in prefilled.text and "Quảng Ngọc có điểm nóng." in prefilled.text


def test_the_title_names_every_topic_of_the_report():
    assert topics_phrase(["prostitution"]) == "mại dâm"
    assert topics_phrase(["drugs", "prostitution", "trafficking"]) == (
        "tệ nạn ma túy, mại dâm, mua bán người"
    )


def test_a_team_178_reports_on_its_own_form(world, client_for):
    from django.urls import reverse

    from lanhmanh.reporting.selectors import period_due

    form = report_form_save(
        user=world.th_admin,
        code="doi-178-quy",
        fields={
            "name": "Báo cáo quý của đội kiểm tra liên ngành 178",
            "periodicity": "quarter",
            "unit_level": "province",
            "reporter": "team",
        },
        rows=[{"indicator": Indicator.objects.get(code="establishments_surveyed")}],
        sections=[{"kind": "results", "title": "Kết quả kiểm tra"}],
        rules=[],
    )
    client = client_for(world.th_admin)
    page = client.get(reverse("reporting:my_reports"))
    [line] = [line for line in page.context["due"] if line["form"] == form]
    assert line["team"] == world.th_team
    period = period_due(form)
    response = client.post(
        reverse("reporting:submission_open"),
        {
            "form": form.pk,
            "unit": world.thanh_hoa.pk,
            "team": world.th_team.pk,
            "period": period.key,
        },
    )
    assert response.status_code == 302
    submission = form.submissions.get()
    assert submission.team == world.th_team and submission.agency is None
    with pytest.raises(ValidationError):
        submission_create(form=form, unit=world.thanh_hoa, period=period, user=world.th_admin)
    outsider = client_for(world.bn_coordinator).post(
        reverse("reporting:submission_open"),
        {
            "form": form.pk,
            "unit": world.thanh_hoa.pk,
            "team": world.th_team.pk,
            "period": period.key,
        },
    )
    assert outsider.status_code == 404


def test_rows_grouped_in_figure_sections_show_under_their_headings(world):
    from lanhmanh.reporting.forms import FigureSheet

    form = report_form_save(
        user=world.national,
        code="nhom",
        fields={"name": "Có nhóm", "periodicity": "month", "unit_level": "commune"},
        rows=[
            {"indicator": Indicator.objects.get(code="tips_received"), "group": "A. Tin báo"},
            {
                "indicator": Indicator.objects.get(code="tips_handled_in_time"),
                "group": "A. Tin báo",
            },
            {"indicator": Indicator.objects.get(code="broadcasts"), "group": "B. Truyền thông"},
        ],
        sections=[{"kind": "results", "title": "Kết quả"}],
        rules=[],
    )
    assert [(s.kind, s.title) for s in form.sections.all()] == [
        ("figures", "A. Tin báo"),
        ("figures", "B. Truyền thông"),
        ("results", "Kết quả"),
    ]
    s = submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.national)
    headings = [c.heading for c in FigureSheet(s).cells]
    assert headings == ["A. Tin báo", "", "B. Truyền thông"]
