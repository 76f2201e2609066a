"""A user never approves what they submitted, whatever grants they hold.

An office clerk who is also the department's leader (a quản trị grant on the province and a
lãnh đạo grant on Sở KH&CN) may sign the report off, and may approve other reports, but the
report they sent needs another reviewer.
"""

import pytest
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.collection import workflow
from chiso.collection.models import Submission, SubmissionStatus


@pytest.fixture
def leader_in_the_office(people, units):
    """The department's leader, who also holds the office's quản trị grant."""
    Grant.objects.create(user=people["approver"], unit=units["dong-thap"], role=Role.ADMIN)
    return people["approver"]


def test_the_submitter_cannot_approve_their_own_report(leader_in_the_office, filled):
    workflow.submit(leader_in_the_office, filled)
    with pytest.raises(workflow.WorkflowError, match="không tự phê duyệt được"):
        workflow.approve(leader_in_the_office, filled)
    assert Submission.objects.get(pk=filled.pk).status == SubmissionStatus.SUBMITTED


def test_the_approve_button_says_why_the_submitter_may_not_approve(client, leader_in_the_office, filled):
    workflow.submit(leader_in_the_office, filled)
    client.force_login(leader_in_the_office)
    response = client.post(reverse("collection:approve", args=[filled.pk]), follow=True)
    assert "không tự phê duyệt được" in response.content.decode()
    assert Submission.objects.get(pk=filled.pk).status == SubmissionStatus.SUBMITTED


def test_a_superuser_who_submitted_cannot_approve_either(people, filled, django_user_model):
    root = django_user_model.objects.create_superuser("quantri", password="Mat-khau-2026!")
    workflow.submit(root, filled)
    with pytest.raises(workflow.WorkflowError, match="không tự phê duyệt được"):
        workflow.approve(root, filled)


def test_another_reviewer_approves_what_the_leader_submitted(people, leader_in_the_office, filled):
    workflow.submit(leader_in_the_office, filled)
    workflow.approve(people["office"], filled)
    assert Submission.objects.get(pk=filled.pk).status == SubmissionStatus.APPROVED
