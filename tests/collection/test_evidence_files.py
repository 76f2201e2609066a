"""An evidence file stays in storage only if the save that names it commits.

The file is written before the row is updated, so every way a save can be refused or rolled back
(a stale version, a later row that is stale, a failure after the values in the page's
transaction) must take the file away again; a save that commits keeps exactly its file. Each test
runs with the files on the local disk and in S3-compatible object storage (`file_store`).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chiso.collection import workflow
from chiso.collection.entry import StaleEdit, ValueInput
from chiso.collection.models import EnteredValue, Submission
from chiso.observations.models import Dataset
from chiso.tasks.models import Task

PDF = b"%PDF-1.4 bien ban kiem chung"


@pytest.fixture
def media(file_store):
    return file_store


def files_in(media) -> list[str]:
    return media.names()


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")


def values_by_code(submission: Submission) -> dict[str, EnteredValue]:
    return {v.item.indicator.code: v for v in submission.values.select_related("item__indicator")}


def someone_else_saves(submission: Submission, people, code: str, typed: str) -> None:
    value = values_by_code(submission)[code]
    inputs = {value.pk: (ValueInput(value=typed), value.version)}
    workflow.save_draft(people["approver"], submission, inputs)


def test_a_stale_save_leaves_no_evidence_file(people, submission, media) -> None:
    value = values_by_code(submission)["I.8"]
    read_version = value.version
    someone_else_saves(submission, people, "I.8", "1.250")
    with pytest.raises(StaleEdit):
        workflow.save_draft(
            people["reporter"],
            submission,
            {value.pk: (ValueInput(value="1.300"), read_version)},
            evidence={value.pk: upload()},
        )
    assert files_in(media) == []
    assert not EnteredValue.objects.get(pk=value.pk).evidence_file


def test_a_later_stale_row_takes_away_the_file_of_an_earlier_row(people, submission, media) -> None:
    values = values_by_code(submission)
    stale_version = values["I.8"].version
    someone_else_saves(submission, people, "I.8", "1.250")
    inputs = {
        values["I.2"].pk: (ValueInput(numerator="3.662", denominator="4.393"), values["I.2"].version),
        values["I.8"].pk: (ValueInput(value="1.300"), stale_version),
    }
    with pytest.raises(StaleEdit):
        workflow.save_draft(people["reporter"], submission, inputs, evidence={values["I.2"].pk: upload()})
    assert files_in(media) == []
    assert not EnteredValue.objects.get(pk=values["I.2"].pk).evidence_file


def test_bad_input_in_another_row_writes_no_evidence_file(client, people, submission, media) -> None:
    values = values_by_code(submission)
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        {
            f"v{values['I.2'].pk}-version": "1",
            f"v{values['I.2'].pk}-numerator": "3.662",
            f"v{values['I.2'].pk}-denominator": "4.393",
            f"v{values['I.2'].pk}-evidence_file": upload(),
            f"v{values['I.8'].pk}-version": "1",
            f"v{values['I.8'].pk}-value": "một nghìn",
        },
    )
    assert response.status_code == 400
    assert files_in(media) == []


def test_a_failure_after_the_values_in_the_page_save_leaves_no_file(
    client, people, units, form, submission, media
) -> None:
    form.includes_tasks = True
    form.save()
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="ke-hoach-cds-2026"),
        code="1",
        description="Triển khai nền tảng số dùng chung",
        deadline_kind="ongoing",
    )
    task.lead_units.add(units["so-khcn"])
    value = values_by_code(submission)["I.8"]
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        {
            f"v{value.pk}-version": "1",
            f"v{value.pk}-value": "1.250",
            f"v{value.pk}-evidence_file": upload(),
            f"task-{task.pk}-status": "khong-co-tinh-trang-nay",
            f"task-{task.pk}-text": "Đã chạy thử.",
        },
        follow=True,
    )
    assert "Chưa lưu: Tình trạng không hợp lệ." in [str(m) for m in response.context["messages"]]
    value.refresh_from_db()
    assert (value.number, value.evidence_file.name) == (None, "")  # the values were rolled back …
    assert files_in(media) == []  # … and so was the file


def test_a_committed_save_keeps_exactly_its_file_and_it_downloads(client, people, submission, media) -> None:
    value = values_by_code(submission)["I.8"]
    client.force_login(people["reporter"])
    client.post(
        reverse("collection:submission", args=[submission.pk]),
        {f"v{value.pk}-version": "1", f"v{value.pk}-value": "1.250", f"v{value.pk}-evidence_file": upload()},
    )
    value.refresh_from_db()
    assert value.number == 1250
    assert files_in(media) == [value.evidence_file.name]
    response = client.get(reverse("collection:evidence", args=[submission.pk, value.pk]))
    assert b"".join(response.streaming_content) == PDF
