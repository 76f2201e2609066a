"""How deep `GET /api/values` may be entered by `offset`: up to MAX_KEYED_OFFSET rows, deeper is a
422 in Vietnamese that names the field (the page's `next` reaches every later page), and the API
document says the bound."""

from chiso.api.paging import MAX_KEYED_OFFSET
from tests.fixtures.personas import auth


def test_an_offset_up_to_the_bound_is_a_page(client, keys):
    response = client.get(f"/api/values?limit=5&offset={MAX_KEYED_OFFSET}", **auth(keys["office"]))
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_an_offset_past_the_bound_is_refused_in_vietnamese(client, keys):
    response = client.get(f"/api/values?limit=5&offset={MAX_KEYED_OFFSET + 1}", **auth(keys["office"]))
    assert response.status_code == 422
    detail = response.json()["details"][0]
    assert detail["field"] == "offset"
    assert detail["message"] == f"không được lớn hơn {MAX_KEYED_OFFSET}"


def test_the_api_document_gives_the_bound_and_the_way_on(client):
    document = client.get("/api/openapi.json").json()
    (offset,) = (p for p in document["paths"]["/api/values"]["get"]["parameters"] if p["name"] == "offset")
    assert offset["schema"]["maximum"] == MAX_KEYED_OFFSET
    assert "next" in offset["description"]
