"""The DTI scores the API hands to the IOC are the published ones (001 Bảng 1, Bảng 2)."""

import pytest
from django.contrib.auth.models import User

from chiso.api.tokens import issue
from tests.fixtures.personas import auth


@pytest.fixture
def key(db):
    return issue(User.objects.create_user("ioc"), "IOC")[1]


def test_the_merged_province_scores_the_average_of_its_former_provinces(client, seed_data, key):
    body = client.get("/api/dti-scores/dong-thap/2024", **auth(key)).json()
    assert (body["total"], body["index"], body["rank"]) == (610.415, 0.6104, "27/34")


def test_the_2025_projection_is_bang_2(client, seed_data, key):
    body = client.get("/api/dti-scores/dong-thap/2025?kind=projected", **auth(key)).json()
    assert body["total"] == 817.41


def test_an_unknown_unit_is_a_404_in_vietnamese(client, seed_data, key):
    response = client.get("/api/dti-scores/khong-co/2024", **auth(key))
    assert response.status_code == 404
    assert "«khong-co»" in response.json()["message"]
