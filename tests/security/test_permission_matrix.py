"""The permission matrix over every route of the site and every role.

Each write route is POSTed, with a body that would succeed for a permitted user, by every
persona whose role does not allow it: the answer is 403 (404 where the object is private to its
owner, an API key) and not one row of the database changes. The collection routes are walked by
tests/collection/test_permissions.py with the same rule (their views declare their action);
this module checks that they are all declared and walks every other write route.
"""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from tests.collection.test_permissions import snapshot

from .routes import KIND, site_routes, url_for

# Who may POST to each write route outside collection; everyone else is refused.
ALLOWED = {
    "assessment:points": {"office"},
    "assessment:assign": {"office"},
    # in Sở KH&CN's name: its own people; the office reports only in its own unit's name
    "tasks:add_progress": {"reporter", "approver"},
    "reports:layout_upload": {"office"},
    # the office of the draft's province makes, edits, restores and redrafts its drafts
    "reports:draft_create": {"office"},
    "reports:draft_save": {"office"},
    "reports:draft_restore": {"office"},
    "reports:draft_redraft": {"office"},
    "simulator:save": {"office"},  # the office, or the scenario's creator (here the office)
    "api_revoke": {"office"},  # the key's owner
    "simulator:index": {"office"},  # a page whose form POSTs a new scenario
    "jobs:start_report": {"office"},  # the province's office starts its background report
    "jobs:retry": {"office"},  # and retries it
}
PERSONAS = ("office", "reporter", "approver", "viewer", "outsider")


def docx_bytes() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("{{ title }}")
    document.save(out)
    return out.getvalue()


def body(name: str, site: dict) -> dict:
    """A POST that changes something when a permitted user sends it."""
    return {
        "assessment:points": {"kind": "appraised", "points": "20", "reason": "Thẩm định lại"},
        "assessment:assign": {"indicator": "8.3", "unit": "so-khcn"},
        "tasks:add_progress": {"unit": str(site["task_unit"].pk), "status": "dang_thuc_hien", "text": "Đã triển khai"},
        "reports:layout_upload": {"kind": "periodic", "file": SimpleUploadedFile("mau.docx", docx_bytes())},
        "simulator:save": {"v:3.3": "95%", "peers": ""},
        "api_revoke": {},
        "simulator:index": {
            "name": "Kịch bản mới",
            "unit": str(site["round"].province.pk),
            "base_period_id": "2024",
            "target_period_id": "2025",
            "note": "",
        },
        "jobs:start_report": {"period": "2024-11"},
        "jobs:retry": {},
        "reports:draft_create": {
            "du-thao-kind": "periodic",
            "du-thao-period": "2024-11",
            "du-thao-framework": "cds-dong-thap-2021-2025",
            "du-thao-number": "125/BC-STTTT",
            "du-thao-date": "25/11/2024",
            "du-thao-signer_name": "Nguyễn Văn An",
            "du-thao-recipients": "UBND Tỉnh;",
        },
        "reports:draft_save": {
            "phien_ban": "1",
            "number": "125/BC-STTTT",
            "date": "25/11/2024",
            "signer_name": "Nguyễn Văn An",
            "recipients": "UBND Tỉnh;",
            "noi-dung-mo-dau": "Văn phòng viết lại phần mở đầu.",
        },
        "reports:draft_restore": {"phien_ban": "1"},
        "reports:draft_redraft": {"phien_ban": "1"},
    }[name]


@pytest.fixture
def site(demo_site) -> dict:
    from chiso.tasks.progress import responsible_units

    task = demo_site["task"]
    demo_site["task_unit"] = next(u for u in responsible_units(task) if u.code == "so-khcn")
    return demo_site


def _sign_in(client, user, unchanged: dict | None) -> dict:
    """Sign ``user`` in and return the database as it is then (what `snapshot` returns).

    ``unchanged`` is the snapshot just taken and found equal to the one before it; signing in
    writes only the users' ``last_login`` (and a session, which no snapshot holds), so the users'
    table is read again and the other 50-odd tables are not (a snapshot takes ~0.1 s).
    """
    client.force_login(user)
    if unchanged is None:
        return snapshot()
    return {**unchanged, User._meta.label: list(User.objects.order_by("pk").values())}


def write_routes() -> list[str]:
    return sorted(ALLOWED)


def test_every_route_is_classified_and_every_write_route_has_a_rule():
    routes = site_routes()
    assert {r.name for r in routes} == set(KIND), "describe the new route in tests/security/routes.py"
    for route in routes:
        if KIND[route.name] != "write":
            continue
        if route.name.startswith("collection:"):
            # walked by tests/collection/test_permissions.py (declared action, or outsider-only)
            assert route.action or route.name == "collection:notice_read", route.name
        else:
            assert route.name in ALLOWED, f"{route.name}: who may write here?"


@pytest.mark.parametrize("name", write_routes())
def test_each_wrong_role_is_refused_and_changes_nothing_and_the_right_one_writes(client, site, name):
    """One row of the matrix: every refused persona gets 403 with no row changed; then the same
    POST by a permitted persona is stored, so the refusals are about the role, not the body."""
    route = next(r for r in site_routes() if r.name == name)
    url = url_for(route, site["known"])
    refused = [p for p in PERSONAS if p not in ALLOWED[name]]
    after = None
    for persona in refused:
        before = _sign_in(client, site["users"][persona], after)
        response = client.post(url, body(name, site))
        expected = (404,) if name == "api_revoke" else (403,)
        assert response.status_code in expected, (name, persona, response.status_code)
        after = snapshot()
        assert after == before, (name, persona)
    before = _sign_in(client, site["users"][sorted(ALLOWED[name])[0]], after)
    response = client.post(url, body(name, site))
    assert response.status_code in (200, 302), (name, response.status_code)
    assert snapshot() != before, name


def test_the_simulator_recompute_stores_nothing_for_anyone(client, site):
    route = next(r for r in site_routes() if r.name == "simulator:recompute")
    after = None
    for persona in PERSONAS:
        before = _sign_in(client, site["users"][persona], after)
        client.post(url_for(route, site["known"]), {"v:3.3": "95%"})
        after = snapshot()
        assert after == before, persona
