"""Units, lineage, forms, targets and sentences: the office's province only, every change audited."""

from __future__ import annotations

from django.urls import reverse

from chiso.audit.trail import history
from chiso.collection.models import FormAssignment, ReportForm
from chiso.frameworks.models import Target
from chiso.orgunits.models import OrgUnit
from chiso.reports.models import SentenceTemplate


def add_unit(client, parent, code="xa-tan-hoa"):
    return client.post(
        reverse("quan_tri:orgunits_orgunit_add"),
        {
            "name": "Xã Tân Hòa",
            "short_name": "",
            "code": code,
            "type": "xa",
            "parent": parent.pk,
            "valid_from": "",
            "valid_to": "",
            "note": "",
        },
    )


def typed(number) -> str:
    """A decimal as the page shows it (0,5): the items' numbers are localized."""
    return "" if number is None else str(number).replace(".", ",")


def form_post(report_form, assignments=(), **fields) -> dict:
    """The form's change page as posted: its fields, its items untouched, its assignments given."""
    items = list(report_form.items.all())
    data = {
        "name": report_form.name,
        "code": report_form.code,
        "framework": report_form.framework_id or "",
        "period_kind": report_form.period_kind,
        "deadline_rule": report_form.deadline_rule,
        "sections": report_form.sections,
        "active": "on",
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        "assignments-TOTAL_FORMS": len(assignments),
        "assignments-INITIAL_FORMS": 0,
        "assignments-MIN_NUM_FORMS": 0,
        "assignments-MAX_NUM_FORMS": 1000,
    }
    for i, item in enumerate(items):
        data |= {
            f"items-{i}-id": item.pk,
            f"items-{i}-form": report_form.pk,
            f"items-{i}-position": item.position,
            f"items-{i}-indicator": item.indicator_id,
            f"items-{i}-input_type": item.input_type,
            f"items-{i}-unit_label": item.unit_label,
            f"items-{i}-jump_warning": typed(item.jump_warning),
            f"items-{i}-min_value": typed(item.min_value),
            f"items-{i}-max_value": typed(item.max_value),
        }
        if item.required:
            data[f"items-{i}-required"] = "on"
    for i, unit in enumerate(assignments):
        data |= {
            f"assignments-{i}-form": report_form.pk,
            f"assignments-{i}-unit": unit.pk,
            f"assignments-{i}-first_period_id": "",
            f"assignments-{i}-last_period_id": "",
        }
    return data | fields


def change_form_url(report_form) -> str:
    return reverse("quan_tri:collection_reportform_change", args=[report_form.pk])


def test_the_office_adds_a_unit_below_its_province(office_client, units):
    add_unit(office_client, units["dong-thap"])
    assert OrgUnit.objects.get(code="xa-tan-hoa").parent == units["dong-thap"]


def test_the_office_cannot_add_a_unit_below_another_province(office_client, other_province):
    add_unit(office_client, other_province["province"])
    assert not OrgUnit.objects.filter(code="xa-tan-hoa").exists()


def test_the_office_cannot_add_a_province(office_client, units):
    add_unit(office_client, OrgUnit(pk=""))
    assert not OrgUnit.objects.filter(code="xa-tan-hoa").exists()


def test_the_office_does_not_list_a_unit_of_another_province(office_client, other_province):
    page = office_client.get(reverse("quan_tri:orgunits_orgunit_changelist")).content.decode()
    assert "Sở Khoa học và Công nghệ" in page
    assert "An Giang" not in page


def test_the_office_cannot_rename_a_unit_of_another_province(office_client, other_province):
    department = other_province["department"]
    office_client.post(
        reverse("quan_tri:orgunits_orgunit_change", args=[department.pk]),
        {"name": "Đổi tên", "code": department.code, "type": department.type, "parent": other_province["province"].pk},
    )
    assert OrgUnit.objects.get(pk=department.pk).name == "Sở KH&CN An Giang"


def test_a_unit_added_is_in_the_audit_trail(office_client, units):
    add_unit(office_client, units["dong-thap"])
    entry = history(OrgUnit.objects.get(code="xa-tan-hoa")).get()
    assert (entry.field, entry.username) == ("tạo mới", "vanphong")


def test_the_office_assigns_its_form_to_a_new_unit(office_client, form, units):
    commune = OrgUnit.objects.create(code="xa-my-an", name="Xã Mỹ An", type="xa", parent=units["dong-thap"])
    office_client.post(change_form_url(form), form_post(form, [commune]))
    assert FormAssignment.objects.filter(form=form, unit=commune).exists()


def test_the_assignment_is_in_the_audit_trail(office_client, form, units):
    commune = OrgUnit.objects.create(code="xa-my-an", name="Xã Mỹ An", type="xa", parent=units["dong-thap"])
    office_client.post(change_form_url(form), form_post(form, [commune]))
    assert "Xã Mỹ An" in history(form).get(field="giao mẫu báo cáo").new


def test_the_office_cannot_assign_its_form_to_another_province(office_client, form, other_province):
    office_client.post(change_form_url(form), form_post(form, [other_province["department"]]))
    assert not FormAssignment.objects.filter(unit=other_province["department"]).exists()


def test_a_deadline_rule_that_cannot_be_read_is_refused_in_vietnamese(office_client, form):
    page = office_client.post(change_form_url(form), form_post(form, deadline_rule="cuối tháng"))
    assert "Không hiểu hạn gửi" in page.content.decode()
    assert ReportForm.objects.get(pk=form.pk).deadline_rule == "18"


def test_a_deadline_change_is_in_the_audit_trail(office_client, form):
    office_client.post(change_form_url(form), form_post(form, deadline_rule="20"))
    entry = history(form).get(field="hạn gửi")
    assert (entry.old, entry.new) == ("18", "20")
    assert not history(form).filter(field="chỉ tiêu trong mẫu").exists()  # the items were not touched


def test_the_office_does_not_see_a_form_of_another_province(office_client, form, other_province):
    theirs = ReportForm.objects.create(
        code="bao-cao-an-giang", name="Báo cáo của An Giang", period_kind="month", deadline_rule="15"
    )
    FormAssignment.objects.create(form=theirs, unit=other_province["department"])
    page = office_client.get(reverse("quan_tri:collection_reportform_changelist")).content.decode()
    assert form.name in page
    assert "Báo cáo của An Giang" not in page


def test_the_office_sets_a_unit_target(office_client, form, units):
    indicator = form.items.get(indicator__code="I.8").indicator
    office_client.post(
        reverse("quan_tri:frameworks_target_add"),
        {"indicator": indicator.pk, "unit": units["so-khcn"].pk, "period_id": "2027", "text": "≥ 1.500"},
    )
    assert Target.objects.get(indicator=indicator, unit=units["so-khcn"]).text == "≥ 1.500"


def test_the_office_cannot_set_a_target_for_another_province(office_client, form, other_province):
    indicator = form.items.get(indicator__code="I.8").indicator
    office_client.post(
        reverse("quan_tri:frameworks_target_add"),
        {"indicator": indicator.pk, "unit": other_province["department"].pk, "period_id": "2027", "text": "1"},
    )
    assert not Target.objects.filter(unit=other_province["department"]).exists()


def test_the_office_writes_the_sentence_of_an_indicator_on_its_form(office_client, form):
    indicator = form.items.get(indicator__code="I.8").indicator
    office_client.post(
        reverse("quan_tri:reports_sentencetemplate_add"),
        {"indicator": indicator.pk, "text": "Đã trao đổi {value} văn bản qua mạng."},
    )
    assert SentenceTemplate.objects.get(indicator=indicator).text == "Đã trao đổi {value} văn bản qua mạng."


def test_a_sentence_with_an_unknown_blank_is_refused_in_vietnamese(office_client, form):
    indicator = form.items.get(indicator__code="I.8").indicator
    page = office_client.post(
        reverse("quan_tri:reports_sentencetemplate_add"), {"indicator": indicator.pk, "text": "Đạt {gia_tri}."}
    )
    assert "Câu mẫu dùng chỗ trống không có" in page.content.decode()
    assert not SentenceTemplate.objects.exists()


def test_the_office_home_links_the_layouts_page(office_client):
    page = office_client.get(reverse("quan_tri:index")).content.decode()
    assert reverse("reports:layouts") in page


def test_the_menu_shows_the_administration_to_the_office_only(client, people):
    client.force_login(people["office"])
    assert reverse("quan_tri:index") in client.get(reverse("collection:mine")).content.decode()
    client.force_login(people["reporter"])
    assert reverse("quan_tri:index") not in client.get(reverse("collection:mine")).content.decode()


def test_an_item_setting_changed_is_in_the_audit_trail(office_client, form):
    item = form.items.get(indicator__code="I.8")
    data = form_post(form)
    row = next(k for k, v in data.items() if k.endswith("-id") and v == item.pk).removesuffix("-id")
    page = office_client.post(change_form_url(form), data | {f"{row}-max_value": "2.000.000"})
    assert page.status_code == 302, page.context["errors"] if page.context else page
    entry = history(form).get(field="chỉ tiêu trong mẫu")
    assert "1.000.000" in entry.old  # written the Vietnamese way
    assert "2.000.000" in entry.new
    assert "giá trị lớn nhất" in entry.new


def test_a_unit_cannot_be_put_below_its_own_sub_unit(office_client, units):
    commune = OrgUnit.objects.create(code="xa-my-an", name="Xã Mỹ An", type="xa", parent=units["so-khcn"])
    page = office_client.post(
        reverse("quan_tri:orgunits_orgunit_change", args=[units["so-khcn"].pk]),
        {"name": "Sở Khoa học và Công nghệ", "code": "so-khcn", "type": "so_ban_nganh", "parent": commune.pk},
    )
    assert "không thể là chính đơn vị này" in page.content.decode()
    assert OrgUnit.objects.get(pk=units["so-khcn"].pk).parent == units["dong-thap"]


def test_the_office_does_not_list_a_merger_of_another_province(office_client, units, other_province):
    from chiso.orgunits.models import LineageEvent

    ours = LineageEvent.objects.create(kind="merge", date="2025-07-01", note="Hợp nhất của Đồng Tháp")
    ours.successors.set([units["so-khcn"]])
    theirs = LineageEvent.objects.create(kind="merge", date="2025-07-01", note="Sáp nhập của An Giang")
    theirs.successors.set([other_province["department"]])
    page = office_client.get(reverse("quan_tri:orgunits_lineageevent_changelist")).content.decode()
    assert "Hợp nhất của Đồng Tháp" in page
    assert "Sáp nhập của An Giang" not in page
