"""The overview's DTI position is read from the kept scores (observations.stored_scores), not
scored again: a kept row altered behind the engine's back is what the page shows."""

from chiso.observations.models import UnitScore


def test_the_overview_shows_the_kept_total_of_the_merged_province(client, office):
    row = UnitScore.objects.get(unit__code="dong-thap", period_id="2024", kind="published")
    row.pillars = dict.fromkeys(row.pillars, "12.5")  # 8 pillars: 100 points
    row.points = 100
    row.save()
    client.force_login(office)
    page = client.get("/").content.decode()
    assert 'data-testid="dti-total">100,00<' in page
    assert 'data-testid="dti-rank">27/34<' in page  # the rank 001 prints stays the printed one
    assert "trung bình chỉ số chính của các tỉnh cũ" in page
