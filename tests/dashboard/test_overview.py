"""The overview shows the province's DTI position from the published figures of 001."""

from decimal import Decimal

from chiso.dashboard import overview
from chiso.orgunits.models import OrgUnit


def test_the_merged_province_shows_610_42_index_0_6104_rank_27_of_34(client, office):
    client.force_login(office)
    page = client.get("/").content.decode()
    assert 'data-testid="dti-total">610,42<' in page  # (596,03 + 624,80) / 2
    assert 'data-testid="dti-index">0,6104<' in page
    assert 'data-testid="dti-rank">27/34<' in page  # 001 section II, line 29


def test_the_trend_carries_the_former_provinces_and_the_2025_projection(office):
    province = OrgUnit.objects.get(code="dong-thap")
    trend = {(p.period_id, p.kind): p.score.total for p in overview.dti_trend(province)}
    assert trend[("2025", "projected")] == Decimal("817.41")  # 001 Bảng 2
    former = {
        u.code: overview.dti_trend(u)[0].score.total
        for u in OrgUnit.objects.filter(code__in=["dong-thap-cu", "tien-giang-cu"])
    }
    assert former == {"dong-thap-cu": Decimal("624.8"), "tien-giang-cu": Decimal("596.03")}  # 001 Bảng 1


def test_the_biggest_losses_come_first_from_phu_luc_i(office):
    losses = overview.biggest_losses(OrgUnit.objects.get(code="dong-thap"), "2024")
    # 001 Phụ lục I: 8.2 at 6.87/50 and 6.6 at 9.84/50 lose the most.
    assert [(x.indicator.code, x.lost) for x in losses[:2]] == [("8.2", Decimal("43.13")), ("6.6", Decimal("40.16"))]


def test_the_november_2024_reports_count_on_time_late_and_missing(office):
    round_ = overview.current_submissions()
    assert round_.period_id == "2024-11"
    assert round_.total == 30
    assert round_.counts["late"] + round_.counts["missing"] == len(round_.pending)


def test_every_pillar_links_to_its_indicators(client, office):
    client.force_login(office)
    page = client.get("/").content.decode()
    assert page.count('href="/bo-chi-so/dti-tinh-2025/#nhom-') == 8


def test_the_overview_names_only_the_first_units_not_on_time_and_counts_them_all(office):
    """A ministry-wide period has thousands of late reports: the overview shows the first few
    and counts them all (000 Phụ lục VII: 11 late of 30)."""
    round_ = overview.current_submissions(shown=5)
    names = [s.unit.name for s, _ in round_.pending]
    assert len(set(names)) == 5
    assert round_.pending_count == round_.counts["late"] + round_.counts["missing"]
    assert round_.counts["late"] == 11
    assert all(t != "on_time" for _, t in round_.pending)
