"""Kept verdicts (observations.kept_verdicts): equal to the verdict judged now, made again when an
approval, a reopening or a target edit changes their inputs, reproduced by a rebuild, checked by
`check`, and rebuilt and checked by `chiso scores`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.urls import reverse

from chiso.accounts.models import Role
from chiso.assessment.commands import scores
from chiso.collection import workflow
from chiso.engine.evaluation import Status
from chiso.engine.values import Origin
from chiso.frameworks.models import Target
from chiso.observations import kept_verdicts
from chiso.observations.models import KeptVerdict
from chiso.observations.readings import entered_verdicts, figures
from tests.observations.conftest import enter, person, set_target

pytestmark = pytest.mark.django_db

NOVEMBER, DECEMBER = "2026-11", "2026-12"


FIELDS = ("origin", "kind", "figure_text", "previous_text", "target_period_id", "target_text", "status", "reason")


def kept(**where) -> dict[tuple, list[tuple]]:
    rows: dict[tuple, list[tuple]] = {}
    for unit_id, indicator_id, period_id, *rest in KeptVerdict.objects.filter(**where).values_list(
        "unit_id", "indicator_id", "period_id", *FIELDS
    ):
        rows.setdefault((unit_id, indicator_id, period_id), []).append(tuple(rest))
    return {key: sorted(found) for key, found in rows.items()}


def shown(period_id: str) -> dict[tuple, list[tuple]]:
    """Every figure of the period with a verdict as its own page judges it, without this module."""
    rows: dict[tuple, list[tuple]] = {}
    for f in figures(periods=[period_id], approved=True):
        if f.verdict is not None and f.unit is not None:
            rows.setdefault((f.unit.pk, f.indicator.pk, period_id), []).append(
                (
                    f.origin.value,
                    f.kind,
                    f.text,
                    f.previous_text,
                    f.target_period_id,
                    f.target_text,
                    f.verdict.status.value,
                    f.verdict.reason,
                )
            )
    return {key: sorted(found) for key, found in rows.items()}


def entered(period_id: str) -> dict[tuple, tuple]:
    """The approved entered figures' verdicts as the overview's list judges them."""
    return {
        (v.unit_id, v.indicator_id): (v.target_period_id, v.evaluation.status.value, v.evaluation.reason)
        for v in entered_verdicts(period_id)
    }


# --- the bundled Đồng Tháp data and the demo's approved reports ----------------------------------


def test_the_load_and_the_demo_s_approvals_kept_every_verdict_as_judged_now(demo_data, db):
    assert KeptVerdict.objects.filter(origin=Origin.TRANSCRIBED.value).exists()  # the documents' figures
    assert KeptVerdict.objects.filter(origin=Origin.ROLLED_UP.value).exists()  # the demo's approvals
    assert kept_verdicts.check() == []


def test_a_rebuild_keeps_every_figure_s_verdict_as_the_read_paths_judge_it(demo_data, db):
    done = kept_verdicts.rebuild()
    periods = kept_verdicts.verdict_periods()
    assert done.periods == periods
    assert len(periods) >= 2
    assert done.rows == KeptVerdict.objects.count() > 100
    every = {}
    for period_id in periods:
        every |= shown(period_id)
        assert kept(period_id=period_id) == shown(period_id)
        assert {
            (k[0], k[1]): (r[4], r[6], r[7]) for k, found in kept(period_id=period_id).items() for r in found
            if r[0] == Origin.ENTERED.value
        } == entered(period_id)  # fmt: skip
    # Every figure of the data with a target and a unit has its verdict kept, no more.
    assert kept() == every
    assert sum(len(found) for found in every.values()) == done.rows


def test_a_rebuild_reproduces_the_same_rows_and_tells_its_progress(demo_data, db):
    before = kept()
    calls = []
    kept_verdicts.rebuild(progress=lambda done, total: calls.append((done, total)))
    assert kept() == before
    n = len(kept_verdicts.verdict_periods())
    assert calls == [(i, n) for i in range(1, n + 1)]


def test_a_rebuild_of_one_period_leaves_the_others_rows_alone(demo_data, db):
    first, *others = kept_verdicts.verdict_periods()
    untouched = dict(KeptVerdict.objects.exclude(period_id=first).values_list("pk", "computed_at"))
    kept_verdicts.rebuild([first])
    assert dict(KeptVerdict.objects.exclude(period_id=first).values_list("pk", "computed_at")) == untouched
    assert others
    assert untouched


def alone() -> list[KeptVerdict]:
    """Kept rows that are their figure's only verdict, one per unit, indicator and period, in order."""
    rows = list(KeptVerdict.objects.select_related("unit", "indicator").order_by("pk"))
    count: dict[tuple, int] = {}
    for r in rows:
        count[r.unit_id, r.indicator_id, r.period_id] = count.get((r.unit_id, r.indicator_id, r.period_id), 0) + 1
    return [r for r in rows if count[r.unit_id, r.indicator_id, r.period_id] == 1]


def test_check_finds_a_tampered_row_and_a_rebuild_mends_it(demo_data, db):
    row = next(r for r in alone() if r.status != Status.NOT_MET.value)
    KeptVerdict.objects.filter(pk=row.pk).update(status=Status.NOT_MET.value)
    found = kept_verdicts.check()
    assert [(d.unit_code, d.indicator_code, d.period_id) for d in found] == [
        (row.unit.code, row.indicator.code, row.period_id)
    ]
    assert found[0].kept == "Chưa đạt"
    assert found[0].now == Status(row.status).label
    assert found[0].text == (
        f"{row.unit.code}, chỉ tiêu {row.indicator.code} kỳ {row.period_id}: "
        f"đã lưu «Chưa đạt», đánh giá lại được «{Status(row.status).label}»"
    )
    kept_verdicts.rebuild()
    assert kept_verdicts.check() == []


def test_check_finds_a_missing_a_left_over_and_a_stale_row(demo_data, db):
    first, second, third, fourth = alone()[:4]
    KeptVerdict.objects.filter(pk=fourth.pk).update(figure_text="999")
    first.delete()
    KeptVerdict.objects.filter(pk=second.pk).update(inputs_version="0" * 16)
    KeptVerdict.objects.create(
        unit=third.unit, indicator=third.indicator, period_id="2001-01", origin="transcribed", kind="reported",
        target_period_id="2001", target_text="100%", status=Status.MET.value, reason="",
    )  # fmt: skip
    texts = sorted(d.text for d in kept_verdicts.check())
    missing = f"{first.unit.code}, chỉ tiêu {first.indicator.code} kỳ {first.period_id}"
    stale = f"{second.unit.code}, chỉ tiêu {second.indicator.code} kỳ {second.period_id}"
    left_over = f"{third.unit.code}, chỉ tiêu {third.indicator.code} kỳ 2001-01"
    changed = f"{fourth.unit.code}, chỉ tiêu {fourth.indicator.code} kỳ {fourth.period_id}"
    assert texts == sorted(
        [
            f"{missing}: chưa lưu, đánh giá lại được «{Status(first.status).label}»",
            f"{stale}: lưu theo mục tiêu hoặc bộ chỉ số cũ",
            f"{left_over}: đã lưu «Đạt» nhưng không còn số liệu có mục tiêu để đánh giá",
            f"{changed}: đã lưu «{Status(fourth.status).label}» nhưng số liệu, mục tiêu hoặc lý do nay đã khác",
        ]
    )
    kept_verdicts.rebuild()
    assert kept_verdicts.check() == []
    assert not KeptVerdict.objects.filter(period_id="2001-01").exists()


def test_chiso_scores_check_and_rebuild_cover_the_verdicts(demo_data, db):
    runner = CliRunner()
    result = runner.invoke(scores, ["check"])
    assert result.exit_code == 0, result.output
    assert "Kết quả đánh giá đã lưu khớp với đánh giá lại." in result.output
    KeptVerdict.objects.filter(pk=KeptVerdict.objects.order_by("pk").values("pk")[:1]).delete()
    result = runner.invoke(scores, ["check"])
    assert result.exit_code == 1
    assert "1 kết quả đánh giá đã lưu khác đánh giá lại (chạy «chiso scores rebuild» để sửa):" in result.output
    assert "chưa lưu, đánh giá lại được" in result.output
    result = runner.invoke(scores, ["rebuild"])
    assert result.exit_code == 0, result.output
    assert f"Đã lưu {KeptVerdict.objects.count()} kết quả đánh giá so với mục tiêu (kỳ: " in result.output
    assert runner.invoke(scores, ["check"]).exit_code == 0


# --- a small province: approvals, reopenings and target edits ------------------------------------


@pytest.fixture
def office_user(province):
    return person("vanphong", province.units["dong-thap"], Role.ADMIN)


def approve(province, office_user, unit: str, period_id: str, **by_code):
    submission = enter(province, unit, period_id, status="submitted", **by_code)
    workflow.approve(office_user, submission)
    return submission


def verdict_of(province, unit: str, code: str, period_id: str) -> tuple[str, str] | None:
    row = KeptVerdict.objects.filter(
        unit=province.units[unit], indicator=province.indicators[code], period_id=period_id
    ).first()
    return None if row is None else (row.get_status_display(), row.target_text)


def test_an_approval_keeps_the_verdict_and_a_reopening_removes_it(province, office_user):
    set_target(province, "I.8", "2026", "Tối thiểu 100")
    submission = approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "80"})
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
    workflow.reopen(office_user, submission, "Sửa số liệu")
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) is None
    submission.refresh_from_db()
    approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "120"})
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Vượt", "Tối thiểu 100")
    assert kept_verdicts.check() == []


def test_an_approval_writes_only_the_rows_of_the_unit_and_its_province(province, office_user):
    set_target(province, "I.8", "2026", "Tối thiểu 100")
    approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "80"})
    approve(province, office_user, "cao-lanh", NOVEMBER, I_8={"number": "90"})
    sa_dec = KeptVerdict.objects.get(unit=province.units["sa-dec"], period_id=DECEMBER)
    before = dict(KeptVerdict.objects.filter(period_id=NOVEMBER).values_list("pk", "computed_at"))
    approve(province, office_user, "cao-lanh", DECEMBER, I_8={"number": "150"})
    # November's rows are not judged against December's figures: left as they were; so is the
    # other unit's row of December.
    assert dict(KeptVerdict.objects.filter(period_id=NOVEMBER).values_list("pk", "computed_at")) == before
    assert KeptVerdict.objects.get(pk=sa_dec.pk).computed_at == sa_dec.computed_at
    assert verdict_of(province, "cao-lanh", "I.8", DECEMBER) == ("Vượt", "Tối thiểu 100")
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
    assert kept_verdicts.check() == []


def test_approving_last_month_updates_this_month_s_maintain_verdict(province, office_user):
    set_target(province, "I.8", "2026", "Duy trì")
    approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "100"})
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa có cơ sở đánh giá", "Duy trì")
    approve(province, office_user, "sa-dec", NOVEMBER, I_8={"number": "120"})
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Duy trì")
    assert kept_verdicts.check() == []


def target_page(client, office_user, target: Target | None = None, **fields):
    """The office's target page (quản trị) posted: a new target, or ``target`` changed."""
    client.force_login(office_user)
    data = {"indicator": "", "unit": "", "period_id": "", "text": "", "lead": "", "deadline": "", "note": ""}
    if target is not None:
        data |= {"indicator": target.indicator_id, "unit": target.unit_id or "", "period_id": target.period_id}
        data |= {"text": target.text}
    data |= fields
    url = (
        reverse("quan_tri:frameworks_target_change", args=[target.pk])
        if target is not None
        else reverse("quan_tri:frameworks_target_add")
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_target_edit_judges_its_figures_again(client, province, office_user):
    set_target(province, "I.8", "2026", "Tối thiểu 100")
    set_target(province, "I.2", "2026", "Từ 50% trở lên")
    approve(
        province,
        office_user,
        "sa-dec",
        DECEMBER,
        I_8={"number": "80"},
        I_2={"numerator": "60", "denominator": "100", "number": "60"},
    )
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
    other = dict(KeptVerdict.objects.exclude(indicator=province.indicators["I.8"]).values_list("pk", "computed_at"))
    target = Target.objects.get(indicator=province.indicators["I.8"], period_id="2026")
    target_page(client, office_user, target, text="Tối thiểu 50")
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Vượt", "Tối thiểu 50")
    # Only the edited target's indicator was judged again.
    assert dict(KeptVerdict.objects.exclude(indicator=province.indicators["I.8"]).values_list("pk", "computed_at")) == (
        other
    )
    assert other
    target_page(client, office_user, target, period_id="2027")  # moved to a year without figures
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) is None
    assert kept_verdicts.check() == []


def test_a_unit_s_own_target_added_and_moved_to_another_unit(client, province, office_user):
    set_target(province, "I.8", "2026", "Tối thiểu 100")
    approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "80"})
    approve(province, office_user, "cao-lanh", DECEMBER, I_8={"number": "80"})
    sa_dec, cao_lanh = province.units["sa-dec"], province.units["cao-lanh"]
    target_page(
        client, office_user, indicator=province.indicators["I.8"].pk, unit=sa_dec.pk, period_id="2026-12",
        text="Tối thiểu 70",
    )  # fmt: skip
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Vượt", "Tối thiểu 70")
    assert verdict_of(province, "cao-lanh", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
    # The same target given to the other unit: the first is judged against the province's again.
    target_page(client, office_user, Target.objects.get(unit=sa_dec), unit=cao_lanh.pk)
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
    assert verdict_of(province, "cao-lanh", "I.8", DECEMBER) == ("Vượt", "Tối thiểu 70")
    assert kept_verdicts.check() == []


def test_inside_deferred_approvals_are_judged_once_on_leaving(province, office_user):
    set_target(province, "I.8", "2026", "Tối thiểu 100")
    with kept_verdicts.deferred():
        approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "80"})
        approve(province, office_user, "cao-lanh", DECEMBER, I_8={"number": "120"})
        assert not KeptVerdict.objects.exists()
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
    assert verdict_of(province, "cao-lanh", "I.8", DECEMBER) == ("Vượt", "Tối thiểu 100")
    assert KeptVerdict.objects.filter(unit=province.units["dong-thap"], origin=Origin.ROLLED_UP.value).exists()
    assert kept_verdicts.check() == []


def test_a_failed_deferred_block_judges_nothing(province, office_user):
    set_target(province, "I.8", "2026", "Tối thiểu 100")

    def approve_then_fail():
        with kept_verdicts.deferred():
            approve(province, office_user, "sa-dec", DECEMBER, I_8={"number": "80"})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        approve_then_fail()
    assert not KeptVerdict.objects.exists()
    kept_verdicts.values_changed([province.units["sa-dec"].pk], DECEMBER)  # judged again outside
    assert verdict_of(province, "sa-dec", "I.8", DECEMBER) == ("Chưa đạt", "Tối thiểu 100")
