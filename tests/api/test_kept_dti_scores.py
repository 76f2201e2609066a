"""GET /api/dti-scores reads the kept total and, where no rank is printed, ranks the unit among
its peers by the kept totals (observations.stored_scores)."""

import pytest
from django.contrib.auth.models import User

from chiso.api.tokens import issue
from chiso.observations import stored_scores
from chiso.observations.models import UnitScore
from tests.fixtures.personas import auth


@pytest.fixture
def key(kept_provinces, db):
    """An IOC key over three synthetic provinces of three communes (2025, seed 5) with their
    scores kept, made once per test process (tests/fixtures/contents.py)."""
    return issue(User.objects.create_user("ioc"), "IOC")[1]


def test_a_province_without_a_printed_rank_gets_its_place_by_the_kept_totals(client, key):
    ranking = stored_scores.ranking("dti-tinh-2025", "2025", "self_assessed", stored_scores.provinces())
    last = UnitScore.objects.select_related("unit").get(unit_id=ranking[-1].unit_id, period_id="2025")
    body = client.get(f"/api/dti-scores/{last.unit.code}/2025", **auth(key)).json()
    assert (body["rank"], body["total"]) == ("3/3", float(last.points))


def test_an_altered_kept_row_is_what_the_api_shows(client, key):
    ranking = stored_scores.ranking("dti-tinh-2025", "2025", "self_assessed", stored_scores.provinces())
    last = UnitScore.objects.select_related("unit").get(unit_id=ranking[-1].unit_id, period_id="2025")
    last.pillars = dict.fromkeys(last.pillars, "125")
    last.points = 1000
    last.save()
    body = client.get(f"/api/dti-scores/{last.unit.code}/2025", **auth(key)).json()
    assert (body["rank"], body["total"]) == ("1/3", 1000.0)
