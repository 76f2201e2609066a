"""The overview's summary is reused for CHISO_OVERVIEW_SECONDS, but an approval shows at once."""

import re

from django.urls import reverse

from chiso.collection import workflow
from tests.dashboard.test_off_target import BELOW_TARGET
from tests.dashboard.test_off_target import overview_section as below_target
from tests.fixtures.personas import fill


def test_an_approval_shows_on_the_overview_at_once(
    client, people, submission, settings, django_capture_on_commit_callbacks
):
    settings.CHISO_OVERVIEW_SECONDS = 3600
    fill(submission, people["reporter"], BELOW_TARGET)
    workflow.submit(people["approver"], submission)
    assert "I.2." not in below_target(client, people["office"])  # the summary is now kept an hour
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(people["office"], submission)
    assert "I.2." in below_target(client, people["office"])


def test_reopening_an_approved_report_shows_on_the_overview_at_once(
    client, people, submission, settings, django_capture_on_commit_callbacks
):
    settings.CHISO_OVERVIEW_SECONDS = 3600
    fill(submission, people["reporter"], BELOW_TARGET)
    workflow.submit(people["approver"], submission)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(people["office"], submission)
    assert "I.2." in below_target(client, people["office"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reopen(people["office"], submission, "Sai số liệu I.2")
    assert "I.2." not in below_target(client, people["office"])


def test_a_change_not_yet_committed_leaves_the_summary_as_it_was(client, people, submission, settings):
    """The mark changes only once the approval commits: read earlier, by another server, the old
    figures would be summed again and kept under the new mark."""
    settings.CHISO_OVERVIEW_SECONDS = 3600
    fill(submission, people["reporter"], BELOW_TARGET)
    workflow.submit(people["approver"], submission)
    below_target(client, people["office"])
    workflow.approve(people["office"], submission)  # the test's transaction never commits
    assert "I.2." not in below_target(client, people["office"])


def report_counts(client, user) -> dict[str, int]:
    """The overview's cards of the period's reports: {"late": 1, …}."""
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    return {key: int(n) for key, n in re.findall(r'data-testid="submissions-(\w+)">(\d+)<', page)}


def test_a_report_sent_shows_in_the_overview_counts_at_once(
    client, people, submission, settings, django_capture_on_commit_callbacks
):
    """Sending (and returning) changes no figure, only the counts of reports: they are kept in
    the same summary and must not wait CHISO_OVERVIEW_SECONDS either."""
    settings.CHISO_OVERVIEW_SECONDS = 3600
    fill(submission, people["reporter"], BELOW_TARGET)
    before = report_counts(client, people["office"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(people["approver"], submission)  # after its deadline (18/11/2026): late
    after = report_counts(client, people["office"])
    assert after["late"] == before["late"] + 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_for_changes(people["office"], submission, "Thiếu minh chứng")
    assert report_counts(client, people["office"])["returned"] == before.get("returned", 0) + 1
