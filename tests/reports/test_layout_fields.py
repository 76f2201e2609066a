"""An uploaded layout is data: anything beyond the documented fields is refused at upload and at
every render, and no layout can run code, loop without end or print without bound."""

from __future__ import annotations

import io
import os
import time

import pytest
from docx import Document as open_docx

from chiso.reports import layout_fields
from chiso.reports.documents import render
from chiso.reports.layout_fields import LayoutRejected, check_source
from chiso.reports.layouts import default_layout
from chiso.reports.template_store import TemplateRefused, accept_upload, current_layout, sample_document

pytestmark = pytest.mark.django_db

# Each is a way out of a template into Python, or a way to make a render cost without bound.
ATTRIBUTE_WALKS = [
    "{{ title.__class__.__mro__ }}",
    "{{ title.__class__.__base__.__subclasses__() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].environ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ body.append }}",
    "{{ date.replace(year=1) }}",
    "{{ date.__class__ }}",
    "{{ ''.__class__ }}",
    "{{ title['__class__'] }}",
    "{{ title|attr('__class__') }}",
    "{{ config }}",
    "{{ request }}",
    "{% for c in charts %}{{ c.image.tpl }}{% endfor %}",
    "{% for b in body %}{{ b.__dict__ }}{% endfor %}",
    "{% for b in body %}{{ loop.cycle }}{% endfor %}",
]
LOOPS = [
    "{% for a in range(100000000) %}x{% endfor %}",
    "{% for a in body %}{% for b in body %}{{ b.text }}{% endfor %}{% endfor %}",
    "{% for a in title %}{{ a }}{% endfor %}",
    "{% for a in body recursive %}{{ loop(body) }}{% endfor %}",
    "{% for a in body if a.level %}{{ a.text }}{% endfor %}",
    "{% for a in [1] * 100000000 %}x{% endfor %}",
]
OUTPUT_BOMBS = [
    "{{ title * 100000000 }}",
    "{{ 'x' * 10 ** 9 }}",
    "{{ (title ~ title) * 99999999 }}",
    "{{ body|join * 999999 }}",
    "{{ '%s' % title }}",
    "{{ body|map('upper')|list }}",
]
OTHER_COMMANDS = [
    "{% set x = title %}{{ x }}",
    "{% macro m() %}x{% endmacro %}{{ m() }}",
    "{% include 'x.docx' %}",
    "{% import 'x' as y %}",
    "{% filter upper %}{{ title }}{% endfilter %}",
    "{% with x = title %}{{ x }}{% endwith %}",
    "{% autoescape false %}{{ title }}{% endautoescape %}",
    "{{ title|safe }}",
]


def layout_with(text: str) -> bytes:
    doc = open_docx(io.BytesIO(default_layout()))
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def province(merger):
    return merger["dong-thap"]


@pytest.mark.parametrize("source", ATTRIBUTE_WALKS + LOOPS + OUTPUT_BOMBS + OTHER_COMMANDS)
def test_a_construct_beyond_the_fields_is_rejected_in_vietnamese(source):
    with pytest.raises(LayoutRejected) as refused:
        check_source(source)
    message = str(refused.value)
    assert message
    assert not message.isascii()


@pytest.mark.parametrize("source", ATTRIBUTE_WALKS[:4] + LOOPS[:2] + OUTPUT_BOMBS[:2] + OTHER_COMMANDS[:2])
def test_an_upload_using_more_than_the_fields_is_refused_and_the_layout_in_use_stays(source, province):
    start = time.monotonic()
    with pytest.raises(TemplateRefused, match="không được dùng"):
        accept_upload("periodic", "mau-doc.docx", layout_with(source), province=province)
    assert time.monotonic() - start < 10  # refused from the text, never by running it
    assert current_layout("periodic", province) == default_layout()


def test_a_layout_cannot_run_a_command_on_the_server(tmp_path, province):
    marker = tmp_path / "da-chay"
    payload = "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') }}".replace(
        "MARKER", str(marker)
    )
    with pytest.raises(TemplateRefused):
        accept_upload("periodic", "mau-doc.docx", layout_with(payload), province=province)
    with pytest.raises(LayoutRejected):
        render(sample_document(), layout_with(payload))
    assert not marker.exists()


def test_a_layout_stored_before_the_rule_is_refused_when_used(province):
    """The check holds at every render, not only at upload."""
    from chiso.reports.models import ReportTemplate

    ReportTemplate.objects.create(
        kind="periodic", content=layout_with("{{ title.__class__ }}"), file_name="cu.docx", province=province
    )
    with pytest.raises(LayoutRejected, match="title.__class__"):
        render(sample_document(), current_layout("periodic", province))


def test_the_documented_fields_and_plain_commands_are_accepted(province):
    text = (
        "{{ title|upper }} {{ date.day }}/{{ date.month }}/{{ date.year }} {{ recipients|join(', ') }}"
        "{% for b in body %}{% if loop.first and b.level == 1 %}[{{ b.text }}]{% endif %}{% endfor %}"
        "{% for c in charts %}{{ c.caption }}{% else %}không có biểu đồ{% endfor %}"
    )
    accept_upload("periodic", "mau-tot.docx", layout_with(text), province=province)
    paragraphs = [
        p.text
        for p in open_docx(io.BytesIO(render(sample_document(), current_layout("periodic", province)))).paragraphs
    ]
    assert "VĂN BẢN MẪU 2/1/2025 Lưu: VT.[I. MỤC]không có biểu đồ" in paragraphs


def test_a_render_stops_when_its_output_runs_over_the_budget(monkeypatch):
    monkeypatch.setattr(layout_fields, "MAX_OUTPUT_CHARS", 5_000)
    with pytest.raises(LayoutRejected, match="quá lớn"):
        render(sample_document(), default_layout())


def test_a_render_stops_when_it_runs_over_its_time(monkeypatch):
    monkeypatch.setattr(layout_fields, "MAX_SECONDS", -1.0)
    with pytest.raises(LayoutRejected, match="quá lâu"):
        render(sample_document(), default_layout())


def test_a_package_that_unpacks_to_far_more_than_a_layout_is_refused(province):
    import zipfile

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(default_layout())) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/rong.bin", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(TemplateRefused, match="giải nén vượt"):
        accept_upload("periodic", "mau-bom.docx", buffer.getvalue(), province=province)


def test_a_layout_of_one_province_is_not_used_by_another(merger):
    accept_upload("periodic", "mau-dt.docx", layout_with("Dòng của Đồng Tháp"), province=merger["dong-thap"])
    other = merger["tien-giang-cu"]
    assert current_layout("periodic", other) == default_layout()
    assert current_layout("periodic", None) == default_layout()


def test_an_upload_without_a_province_is_refused():
    with pytest.raises(TemplateRefused, match="chưa thuộc tỉnh"):
        accept_upload("periodic", "mau.docx", default_layout(), province=None)


def test_no_environment_value_can_be_printed(province):
    os.environ.setdefault("CHISO_TEST_SECRET", "bi-mat")
    with pytest.raises(TemplateRefused):
        accept_upload("periodic", "mau.docx", layout_with("{{ environ }}{{ os.environ }}"), province=province)
