"""Two users save the same value at once: the second is refused, naming who changed it and when."""

from django.test import Client
from django.urls import reverse

from chiso.collection.models import EnteredValue


def test_the_second_of_two_saves_from_the_same_version_is_refused(people, submission) -> None:
    value = submission.values.get(item__indicator__code="I.8")
    url = reverse("collection:submission", args=[submission.pk])
    reporter, approver = Client(), Client()
    reporter.force_login(people["reporter"])
    approver.force_login(people["approver"])
    # Both opened the page at version 1.
    reporter.post(url, {f"v{value.pk}-version": "1", f"v{value.pk}-value": "1.250"})
    response = approver.post(url, {f"v{value.pk}-version": "1", f"v{value.pk}-value": "1.300"}, follow=True)
    value.refresh_from_db()
    assert value.number == 1250
    assert value.version == 2
    message = [str(m) for m in response.context["messages"]][0]
    assert message.startswith("Chỉ tiêu I.8 vừa được nhaplieu sửa lúc ")
    assert "giá trị hiện tại là «1.250»" in message
    assert "chưa được lưu" in message


def test_a_refused_save_stores_none_of_the_other_rows_either(people, submission) -> None:
    values = {v.item.indicator.code: v for v in submission.values.select_related("item__indicator")}
    url = reverse("collection:submission", args=[submission.pk])
    first, second = Client(), Client()
    first.force_login(people["reporter"])
    second.force_login(people["approver"])
    first.post(url, {f"v{values['I.8'].pk}-version": "1", f"v{values['I.8'].pk}-value": "10"})
    second.post(
        url,
        {
            f"v{values['I.6'].pk}-version": "1",
            f"v{values['I.6'].pk}-value": "Có",
            f"v{values['I.8'].pk}-version": "1",
            f"v{values['I.8'].pk}-value": "20",
        },
    )
    assert EnteredValue.objects.get(pk=values["I.6"].pk).yes_no is None


def test_an_htmx_row_save_shows_the_refusal_in_the_row(people, submission) -> None:
    value = submission.values.get(item__indicator__code="I.8")
    url = reverse("collection:save_row", args=[submission.pk, value.pk])
    first, second = Client(), Client()
    first.force_login(people["reporter"])
    second.force_login(people["approver"])
    first.post(url, {f"v{value.pk}-version": "1", f"v{value.pk}-value": "10"}, HTTP_HX_REQUEST="true")
    body = second.post(
        url, {f"v{value.pk}-version": "1", f"v{value.pk}-value": "20"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "vừa được nhaplieu sửa lúc" in body
    assert EnteredValue.objects.get(pk=value.pk).number == 10
