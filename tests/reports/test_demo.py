"""`chiso demo` seeds the editable causes and solutions of 001 Phụ lục I once."""

from chiso.reports.demo import seed_improvement_notes


def test_causes_and_solutions_are_seeded_for_the_merged_province_once(seed_data, db):
    from chiso.reports.models import ImprovementNote

    assert seed_improvement_notes() == 27  # the 27 rows of 001 Phụ lục I that print a cause
    assert seed_improvement_notes() == 0
    assert set(ImprovementNote.objects.values_list("unit__code", flat=True)) == {"dong-thap"}
