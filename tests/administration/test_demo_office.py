"""The demo's office user («vanphong», quản trị) opens every page of the administration."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

PAGES = [
    "index",
    "auth_user_changelist",
    "auth_user_add",
    "orgunits_orgunit_changelist",
    "orgunits_lineageevent_changelist",
    "collection_reportform_changelist",
    "frameworks_indicator_changelist",
    "frameworks_target_changelist",
    "reports_sentencetemplate_changelist",
]


@pytest.mark.parametrize("name", PAGES)
def test_the_demo_office_opens_the_administration_page(client, demo_data, db, name):
    client.force_login(User.objects.get(username="vanphong"))
    assert client.get(reverse(f"quan_tri:{name}")).status_code == 200


def test_the_demo_office_opens_its_monthly_form(client, demo_data, db):
    from chiso.collection.models import ReportForm

    client.force_login(User.objects.get(username="vanphong"))
    form = ReportForm.objects.filter(assignments__isnull=False).first()
    page = client.get(reverse("quan_tri:collection_reportform_change", args=[form.pk]))
    assert page.status_code == 200
    assert 'name="_save"' in page.content.decode()  # editable, not only readable
