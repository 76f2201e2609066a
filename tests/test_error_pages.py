"""The site's own pages for errors, as the demo and production serve them (debugging off)."""

import pytest


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def test_an_unknown_address_gets_the_vietnamese_404_without_a_list_of_routes(client, production, db):
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page
    assert "URLconf" not in page
    assert "tu-danh-gia-dti" not in page


def test_the_favicon_address_leads_to_the_site_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/chiso/favicon.svg")


def test_every_page_names_its_icon(client, db):
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert 'rel="icon"' in page
