"""Entering values on the web: drafts, messages beside the field, one row in place, history."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from chiso.audit.trail import history
from chiso.collection.models import EnteredValue, Submission


def values_by_code(submission: Submission) -> dict[str, EnteredValue]:
    return {v.item.indicator.code: v for v in submission.values.select_related("item__indicator")}


def draft_post(submission: Submission, **typed: str) -> dict[str, str]:
    """POST data for the whole page: every row with its version, typed values by "code:field"."""
    data = {"submission_version": str(submission.version)}
    for value in values_by_code(submission).values():
        data[f"v{value.pk}-version"] = str(value.version)
    for key, text in typed.items():
        code, field = key.split("__")
        data[f"v{values_by_code(submission)[code.replace('_', '.')].pk}-{field}"] = text
    return data


def test_it_lists_the_users_submissions_and_not_other_units(
    client: Client, people, submission, other_submission
) -> None:
    client.force_login(people["reporter"])
    page = client.get(reverse("collection:mine")).content.decode()
    assert reverse("collection:submission", args=[submission.pk]) in page
    assert reverse("collection:submission", args=[other_submission.pk]) not in page


def test_it_saves_a_draft_read_the_vietnamese_way(client: Client, people, submission) -> None:
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        draft_post(submission, I_2__numerator="3.662", I_2__denominator="4.393", I_8__value="1.250", I_6__value="Có"),
    )
    assert response.status_code == 302
    values = values_by_code(submission)
    assert values["I.2"].numerator == 3662
    assert values["I.2"].denominator == 4393
    assert round(values["I.2"].number, 2) == Decimal("83.36")  # 004 (Tháp Mười 2023): 3.662/4.393 = 83,36%
    assert values["I.8"].number == 1250
    assert values["I.6"].yes_no is True


def test_it_shows_the_error_beside_the_field_and_stores_nothing(client: Client, people, submission) -> None:
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        draft_post(submission, I_2__numerator="5.000", I_2__denominator="4.393", I_8__value="1.250"),
    )
    assert response.status_code == 400
    assert "Tử số (5.000) không được lớn hơn mẫu số (4.393)." in response.content.decode()
    assert values_by_code(submission)["I.8"].number is None  # the good row was not stored either


def test_it_refuses_a_word_where_a_number_belongs(client: Client, people, submission) -> None:
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]), draft_post(submission, I_8__value="một nghìn")
    )
    assert "không đọc được số «một nghìn»" in response.content.decode()


def test_it_refuses_a_value_out_of_range(client: Client, people, submission) -> None:
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]), draft_post(submission, I_8__value="2.000.000")
    )
    assert "lớn hơn mức tối đa 1.000.000" in response.content.decode()


def test_it_saves_one_row_in_place_with_htmx(client: Client, people, submission) -> None:
    client.force_login(people["reporter"])
    value = values_by_code(submission)["I.8"]
    response = client.post(
        reverse("collection:save_row", args=[submission.pk, value.pk]),
        {f"v{value.pk}-version": "1", f"v{value.pk}-value": "12"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="row-{value.pk}"')
    assert "Đã lưu." in body
    value.refresh_from_db()
    assert value.number == 12
    assert value.version == 2


def test_it_records_each_value_change_visible_from_the_value(client: Client, people, submission) -> None:
    client.force_login(people["reporter"])
    url = reverse("collection:submission", args=[submission.pk])
    client.post(url, draft_post(submission, I_8__value="10"))
    client.post(url, draft_post(submission, I_8__value="12"))
    value = values_by_code(submission)["I.8"]
    assert [(e.old, e.new, e.username) for e in history(value)] == [("10", "12", "nhaplieu"), ("", "10", "nhaplieu")]
    page = client.get(reverse("collection:value_history", args=[submission.pk, value.pk])).content.decode()
    assert "nhaplieu" in page
    assert "12" in page


def test_a_form_with_a_mistyped_deadline_rule_does_not_break_the_list(client: Client, people, submission) -> None:
    from chiso.collection.models import ReportForm

    ReportForm.objects.create(code="sai-han", name="Mẫu ghi sai hạn", period_kind="month", deadline_rule="ngày 18")
    client.force_login(people["reporter"])
    response = client.get(reverse("collection:mine"))
    assert response.status_code == 200
    assert reverse("collection:submission", args=[submission.pk]) in response.content.decode()


def test_field_names_stay_plain_digits_when_ids_pass_one_thousand(client: Client, people, submission) -> None:
    """With Vietnamese number grouping on, id 1234 must not render as "1.234" in a field name."""
    for pk in list(submission.values.values_list("pk", flat=True)):
        EnteredValue.objects.filter(pk=pk).update(id=pk + 12000)
    client.force_login(people["reporter"])
    page = client.get(reverse("collection:submission", args=[submission.pk])).content.decode()
    big = values_by_code(submission)["I.8"].pk
    assert f'name="v{big}-value"' in page
