"""Every indicator the bundled forms collect says how the province's figure is made from its units'."""

import pytest

from chiso.collection.demo import DTI_FRAMEWORK, DTI_ITEMS, FORM_ITEMS
from chiso.datafiles import BUNDLED_DATA, read_file
from chiso.engine.aggregation import NONE, RULES

# The frameworks of the demo's monthly form and of the DTI self-assessment round.
COLLECTED = ("cds-dong-thap-2021-2025", DTI_FRAMEWORK)


def indicators(code: str):
    model = read_file(BUNDLED_DATA / "frameworks" / f"{code}.yaml").model
    return {i.code: i for g in model.groups for i in g.indicators}


@pytest.mark.parametrize("code", COLLECTED)
def test_every_indicator_of_a_collected_framework_declares_a_rule(code):
    undeclared = [c for c, i in indicators(code).items() if i.aggregation == NONE or i.aggregation not in RULES]
    assert undeclared == []


def test_a_share_collected_as_a_fraction_adds_numerators_and_denominators():
    plan, dti = indicators("cds-dong-thap-2021-2025"), indicators(DTI_FRAMEWORK)
    fractions = [plan[c] for c, kind, _ in FORM_ITEMS if kind == "fraction"]
    fractions += [dti[c] for c, kind, _ in DTI_ITEMS if kind == "fraction"]
    assert {i.aggregation for i in fractions} == {"ratio"}


def test_a_count_on_the_monthly_form_adds_up():
    plan = indicators("cds-dong-thap-2021-2025")
    counts = [plan[c] for c, kind, _ in FORM_ITEMS if kind == "number"]
    assert counts
    assert {i.aggregation for i in counts} == {"sum"}
