"""A script typed into any text field comes back escaped on every page that shows it.

The payload goes in through the pages where a user types it (API key name, progress note,
scenario name and note, appraisal reason: the round page shows it only where it disagrees
with the self-assessment) or, for the report's own fields, through the
workflow's model (values' text, comment and evidence, narrative, return reason, notices, the
audit reason); then every GET page is read as the office and as the unit's reporter.
"""

import pytest

from chiso.audit.trail import record

from .routes import KIND, site_routes, url_for

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def poisoned(client, demo_site) -> dict:
    from chiso.collection.models import Notice

    office = demo_site["users"]["office"]
    client.force_login(office)
    office_unit = demo_site["round"].province  # the office reports progress in its own name
    client.post(url_for_name("api_tokens", demo_site), {"name": PAYLOAD})
    client.post(
        url_for_name("tasks:add_progress", demo_site),
        {"unit": str(office_unit.pk), "status": "dang_thuc_hien", "text": PAYLOAD},
    )
    client.post(url_for_name("assessment:points", demo_site), {"kind": "appraised", "points": "1", "reason": PAYLOAD})
    client.post(
        url_for_name("simulator:index", demo_site),
        {
            "name": PAYLOAD,
            "unit": str(demo_site["round"].province.pk),
            "base_period_id": "2024",
            "target_period_id": "2025",
            "note": PAYLOAD,
        },
    )
    submission = demo_site["submission"]
    for field in ("return_reason", "results_text", "difficulties_text", "proposals_text", "note"):
        setattr(submission, field, PAYLOAD)
    submission.save()
    for value in submission.values.all():
        value.text = value.comment = value.raw = value.evidence_ref = PAYLOAD
        value.save()
        record(office, value, "value", "1", PAYLOAD, reason=PAYLOAD)
    Notice.objects.create(unit=submission.unit, submission=submission, text=PAYLOAD)
    return demo_site


def url_for_name(name: str, site: dict) -> str:
    route = next(r for r in site_routes() if r.name == name)
    return url_for(route, site["known"]) + site["known"].get("query", {}).get(name, "")


def pages(site: dict) -> list[str]:
    return [url_for_name(r.name, site) for r in site_routes() if KIND[r.name] == "page"]


@pytest.mark.parametrize("persona", ["office", "reporter"])
def test_no_page_sends_the_script_back_unescaped(client, poisoned, persona):
    client.force_login(poisoned["users"][persona])
    shown_on = []
    for url in pages(poisoned):
        html = client.get(url).content.decode()
        assert PAYLOAD not in html, url
        if ESCAPED in html:
            shown_on.append(url)
    assert shown_on, "the payload should be shown somewhere, escaped"


def test_each_poisoned_field_is_shown_escaped_where_it_belongs(client, poisoned):
    client.force_login(poisoned["users"]["office"])
    submission = poisoned["submission"]
    value = submission.values.first()
    expected = {
        url_for_name("api_tokens", poisoned): 1,
        url_for_name("tasks:detail", poisoned): 1,
        url_for_name("simulator:index", poisoned): 1,
        url_for_name("collection:submission", poisoned): 4,  # narrative ×3 and return reason at least
        f"/bao-cao-dinh-ky/{submission.pk}/gia-tri/{value.pk}/lich-su/": 1,
    }
    for url, at_least in expected.items():
        html = client.get(url).content.decode()
        assert html.count(ESCAPED) >= at_least, (url, html.count(ESCAPED))
