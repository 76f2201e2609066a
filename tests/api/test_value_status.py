"""GET /api/values says which document figures are published and which are the office's working
figures: a self-assessment or a projection is never labelled «published»."""

import pytest

from chiso.frameworks.models import Indicator
from chiso.observations.models import Dataset, DataValue
from tests.fixtures.personas import auth


@pytest.fixture
def document_figures(form, units):
    indicator = Indicator.objects.get(framework=form.framework, code="I.8")
    dataset = Dataset.objects.create(code="tu-danh-gia-2026")
    for kind, raw in (("reported", "1.200"), ("self_assessed", "1.300"), ("projected", "1.400")):
        DataValue.objects.create(
            dataset=dataset, indicator=indicator, unit=units["so-khcn"], period_id="2026", kind=kind, raw=raw
        )


def _statuses(client, key, query: str = "") -> dict[str, str]:
    answer = client.get(f"/api/values?period=2026{query}", **auth(key))
    assert answer.status_code == 200
    return {v["kind"]: v["status"] for v in answer.json()["items"] if v["origin"] == "document"}


@pytest.mark.usefixtures("document_figures")
def test_only_a_published_documents_figure_is_labelled_published(client, keys):
    assert _statuses(client, keys["viewer"]) == {
        "reported": "published",
        "self_assessed": "working",
        "projected": "working",
    }


@pytest.mark.usefixtures("document_figures")
def test_asking_for_published_figures_leaves_the_working_ones_out(client, keys):
    assert _statuses(client, keys["viewer"], "&status=published") == {"reported": "published"}
