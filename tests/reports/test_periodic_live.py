"""The month's report built from what units entered: a month with nothing approved yet, and a
report about a unit that is not a province."""

import datetime

from chiso.engine.periods import parse_period
from chiso.orgunits.models import OrgUnit
from chiso.reports.periodic import PeriodicOptions, build_periodic, no_figures_sentence
from tests.fixtures.personas import PERIOD


def build(**options):
    return build_periodic(PeriodicOptions(period=PERIOD, date=datetime.date(2026, 11, 25), **options))


def test_a_month_without_an_approved_figure_says_so_in_one_sentence(submission):
    document = build()
    texts = [b.text for b in document.body]
    assert texts[1] == no_figures_sentence(parse_period(PERIOD))
    assert not any("Chưa có số liệu trong kỳ" in t for t in texts)


def test_a_month_without_an_approved_figure_still_lists_who_reported(submission):
    log = build().appendices[-1]
    assert [r.cells[1].text for r in log.rows[:2]] == ["Sở Khoa học và Công nghệ", "Sở Tài chính"]


def test_a_commune_is_named_by_its_own_title(submission, units):
    OrgUnit.objects.create(code="phuong-cao-lanh", name="Phường Cao Lãnh", type="xa", parent=units["dong-thap"])
    document = build(unit="phuong-cao-lanh")
    # A commune reports in its own name (issue 16, item 6): its People's Committee and its place.
    assert "Ủy ban nhân dân phường Cao Lãnh báo cáo" in document.intro[0]
    assert "tỉnh Phường" not in document.intro[0] + document.closing
    assert document.header.place == "Cao Lãnh"
