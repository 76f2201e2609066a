"""Drafts the office edits before a document is issued, for the web page and the command line.

A draft is drafted from the data (periodic.build_periodic, dti_plan.build_dti), cut into
sections — the opening, each heading of the body with the paragraphs under it, the closing —
and every save, restore and redraft stores the sections as a new numbered version. The tables,
appendices and charts are not edited: an export builds the document from the data again and puts
the draft's texts in place of the drafted ones. Redrafting never replaces an edited section
without the office's choice (`redraft`).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from chiso.reports.content import Block, Document, table_marker
from chiso.reports.models import DraftVersion, ReportDraft

INTRO, BODY, CLOSING = "intro", "body", "closing"
KEEP, TAKE_NEW = "mine", "new"  # the office's answer for one edited section on a redraft
MARKER = re.compile(r"^\[\[chiso:bang:(?P<key>[^\]]+)\]\]$")
PLACE = re.compile(r"^\[Vị trí (?P<label>.+)\]$")


class DraftRefused(Exception):
    """The draft cannot be made, saved or exported as asked; the message says why, in Vietnamese."""


class StaleEdit(DraftRefused):
    """The text edited was an older version than the draft's newest one (saved meanwhile)."""


@dataclass(frozen=True)
class Section:
    """One editable part of a draft: a heading (kept with its level) and the paragraphs under it,
    one paragraph a line.

    >>> Section("mo-dau", "", 0, "Thực hiện Kế hoạch số 15/KH-UBND…", INTRO).paragraphs
    ['Thực hiện Kế hoạch số 15/KH-UBND…']
    """

    key: str
    heading: str
    level: int
    text: str
    part: str = BODY

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)

    @property
    def title(self) -> str:
        """How the page names the section."""
        return self.heading or {INTRO: "Phần mở đầu", CLOSING: "Phần kết"}.get(self.part, "Đoạn đầu phần nội dung")

    def as_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Section:
        return cls(**data)


@dataclass(frozen=True)
class Letterhead:
    """What the office writes on the document: number, date, signer and recipients."""

    number: str
    date: datetime.date
    signer_name: str
    recipients: list[str]

    def as_json(self) -> dict:
        return {**dataclasses.asdict(self), "date": self.date.isoformat()}

    @classmethod
    def from_json(cls, data: dict) -> Letterhead:
        return cls(data["number"], datetime.date.fromisoformat(data["date"]), data["signer_name"], data["recipients"])

    @classmethod
    def of(cls, draft: ReportDraft) -> Letterhead:
        return cls(draft.number, draft.date, draft.signer_name, draft.recipient_lines)


@dataclass(frozen=True)
class Choice:
    """Which document: the periodic report of a framework for a period, or the DTI plan of a year."""

    kind: str
    unit: str  # the code of the unit whose figures are reported
    framework: str = ""
    period_id: str = ""
    year: int | None = None
    compared_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Difference:
    """An edited section whose newly drafted text differs from the edit ("" when it is gone)."""

    key: str
    title: str
    mine: str
    new: str


@dataclass(frozen=True)
class Redraft:
    """What a redraft did: the sections that need the office's choice, and the version saved
    (None when it stopped to ask)."""

    differences: list[Difference]
    version: DraftVersion | None


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an edited text: one a line, blank lines and trailing spaces dropped.

    >>> paragraphs("Dòng một.  \\r\\n\\r\\n  Dòng hai.")
    ['Dòng một.', 'Dòng hai.']
    """
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _clean(text: str) -> str:
    return "\n".join(paragraphs(text))


# --- from a document to sections and back --------------------------------------------------------


def sections_of(document: Document) -> list[Section]:
    """The editable sections of a drafted document, in order."""
    labels = {a.key: a.label for a in document.appendices}
    groups: list[tuple[Block | None, list[str]]] = []
    for block in document.body:
        if block.level > 0:
            groups.append((block, []))
        else:
            if not groups:
                groups.append((None, []))
            groups[-1][1].append(_shown(block.text, labels))
    keys = {"mo-dau", "ket-thuc"}
    return [
        Section("mo-dau", "", 0, _clean("\n".join(document.intro)), INTRO),
        *(
            Section(
                _key(head.text if head else "dau-noi-dung", keys),
                head.text if head else "",
                head.level if head else 0,
                _clean("\n".join(lines)),
            )
            for head, lines in groups
        ),
        Section("ket-thuc", "", 0, _clean(document.closing), CLOSING),
    ]


def _key(heading: str, taken: set[str]) -> str:
    """A stable key for a section from its heading, so a redraft finds the same section again."""
    base = slugify(heading)[:60] or "muc"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def _shown(text: str, labels: dict[str, str]) -> str:
    """A table's place in the text as the office reads it: "[Vị trí Bảng 1]"."""
    found = MARKER.match(text.strip())
    if found and found["key"] in labels:
        return f"[Vị trí {labels[found['key']]}]"
    return text


def _stored(line: str, keys: dict[str, str]) -> str:
    found = PLACE.match(line)
    if found and found["label"] in keys:
        return table_marker(keys[found["label"]])
    return line


def with_sections(document: Document, sections: list[Section]) -> Document:
    """The document with the draft's texts in place of the drafted ones (tables and charts kept)."""
    keys = {a.label: a.key for a in document.appendices}
    body: list[Block] = []
    for s in sections:
        if s.part != BODY:
            continue
        if s.heading:
            body.append(Block(s.heading, s.level))
        body += [Block(_stored(p, keys)) for p in s.paragraphs]
    return dataclasses.replace(
        document,
        intro=[p for s in sections if s.part == INTRO for p in s.paragraphs],
        body=body,
        # The closing is one paragraph in the layout: lines the office split it into are joined.
        closing=" ".join(p for s in sections if s.part == CLOSING for p in s.paragraphs),
    )


# --- building from the data ----------------------------------------------------------------------


def build(draft: ReportDraft) -> Document:
    """The document drafted from the data with the draft's number, date, signer and recipients."""
    from django.core.exceptions import ObjectDoesNotExist

    from chiso.engine.errors import EngineError
    from chiso.reports.commands import _missing
    from chiso.reports.dti_plan import DtiOptions, build_dti
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    day, number, signer = draft.date, draft.number, draft.signer_name
    try:
        if draft.kind == "periodic":
            document = build_periodic(
                PeriodicOptions(
                    period=draft.period_id,
                    framework=draft.framework,
                    unit=draft.unit.code,
                    date=day,
                    number=number,
                    signer_name=signer,
                )
            )
        else:
            units = list(draft.compared_units) or None
            document = build_dti(
                DtiOptions(
                    unit=draft.unit.code, year=draft.year or 0, units=units, date=day, number=number, signer_name=signer
                )
            )
    except (ObjectDoesNotExist, LookupError, EngineError) as error:
        raise DraftRefused(
            f"Không lập được văn bản: {_missing(error, {'unit': draft.unit.code, 'framework': draft.framework})}."
        ) from None
    if draft.recipient_lines:
        document.header.recipients = draft.recipient_lines
    return document


def flag_messages(document: Document) -> list[str]:
    """The printed evaluations the figures contradict, as the office reads them."""
    return [getattr(f, "message", str(f)) for f in getattr(document, "flags", [])]


# --- the office's acts ---------------------------------------------------------------------------


def create(choice: Choice, letterhead: Letterhead, province, user) -> ReportDraft:
    """Draft the chosen document from the data and keep it as version 1.

    Empty recipients take the document's usual ones. Raises DraftRefused (nothing stored)."""
    from chiso.orgunits.models import OrgUnit

    if not choice.unit:
        raise DraftRefused("Không lập được văn bản: kỳ đã chọn chưa có số liệu của bộ chỉ tiêu; hãy chọn đơn vị.")
    unit = OrgUnit.objects.filter(code=choice.unit).first()
    if unit is None:
        raise DraftRefused(f"Không lập được văn bản: không có đơn vị «{choice.unit}».")
    draft = ReportDraft(
        province=province,
        kind=choice.kind,
        unit=unit,
        framework=choice.framework,
        period_id=choice.period_id,
        year=choice.year,
        compared_units=list(choice.compared_units),
        number=letterhead.number,
        date=letterhead.date,
        signer_name=letterhead.signer_name,
        recipients="\n".join(letterhead.recipients),
        created_by=user,
    )
    document = build(draft)
    draft.recipients = draft.recipients or "\n".join(document.header.recipients)
    sections = sections_of(document)
    _remember_drafting(draft, document, sections)
    with transaction.atomic():
        draft.save()
        _add_version(draft, sections, DraftVersion.Change.DRAFTED, user)
    return draft


def _remember_drafting(draft: ReportDraft, document: Document, sections: list[Section]) -> None:
    draft.title = (
        f"{document.header.doc_type.capitalize()} {document.header.title[:1].lower()}{document.header.title[1:]}"
    )
    draft.generated = [s.as_json() for s in sections]
    draft.generated_at = timezone.now()
    draft.flags = flag_messages(document)


def _add_version(draft: ReportDraft, sections: list[Section], change: str, user, note: str = "") -> DraftVersion:
    last = draft.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return DraftVersion.objects.create(
        draft=draft,
        number=last + 1,
        sections=[s.as_json() for s in sections],
        letterhead=Letterhead.of(draft).as_json(),
        change=change,
        note=note,
        author=user,
    )


def latest(draft: ReportDraft) -> DraftVersion:
    version = draft.versions.order_by("-number").first()
    assert version is not None, "a draft is stored with its first version"
    return version


def sections_in(version: DraftVersion) -> list[Section]:
    return [Section.from_json(s) for s in version.sections]


def save_edit(
    draft: ReportDraft, base: int, headings: dict[str, str], texts: dict[str, str], letterhead: Letterhead, user
) -> DraftVersion | None:
    """Save the office's edit of version `base` as a new version (None when nothing changed).

    Sections the form did not send keep their text; a heading left empty keeps the drafted one.
    Raises StaleEdit when a newer version was saved meanwhile (nothing stored)."""
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        current = latest(draft)
        if current.number != base:
            raise _stale(current.number, base)
        old = sections_in(current)
        new = [
            dataclasses.replace(
                s,
                heading=(headings.get(s.key) or "").strip() or s.heading,
                text=_clean(texts[s.key]) if s.key in texts else s.text,
            )
            for s in old
        ]
        if new == old and letterhead == Letterhead.of(draft):
            return None
        _set_letterhead(draft, letterhead)
        draft.save()
        edited = [s.title for s, o in zip(new, old, strict=True) if s != o]
        note = "Sửa: " + "; ".join(edited) if edited else "Sửa số, ngày, người ký hoặc nơi nhận"
        return _add_version(draft, new, DraftVersion.Change.EDITED, user, note[:300])


def _stale(newest: int, base: int) -> StaleEdit:
    return StaleEdit(
        f"Dự thảo đã có phiên bản {newest} được lưu sau phiên bản {base} bạn đang sửa; "
        "chưa có gì được lưu. Hãy mở lại dự thảo và làm lại trên phiên bản mới nhất."
    )


def _set_letterhead(draft: ReportDraft, letterhead: Letterhead) -> None:
    draft.number = letterhead.number
    draft.date = letterhead.date
    draft.signer_name = letterhead.signer_name
    draft.recipients = "\n".join(letterhead.recipients)


def restore(draft: ReportDraft, number: int, user) -> DraftVersion:
    """Make an earlier version the newest again (its text and letterhead), as a new version."""
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        earlier = draft.versions.filter(number=number).first()
        if earlier is None:
            raise DraftRefused(f"Dự thảo không có phiên bản {number}.")
        if earlier.letterhead:
            _set_letterhead(draft, Letterhead.from_json(earlier.letterhead))
            draft.save()
        return _add_version(
            draft, sections_in(earlier), DraftVersion.Change.RESTORED, user, f"Khôi phục phiên bản {number}"
        )


def edited_keys(draft: ReportDraft, sections: list[Section]) -> set[str]:
    """The sections whose text or heading differs from the last drafting from the data."""
    drafted = {s["key"]: Section.from_json(s) for s in draft.generated}
    return {s.key for s in sections if drafted.get(s.key) != s}


def redraft(draft: ReportDraft, user, choices: dict[str, str] | None = None, base: int | None = None) -> Redraft:
    """Draft the text from the data again.

    A section the office has not edited takes the new text. An edited section whose new text
    differs is a Difference: without `choices` nothing is saved and the differences are returned
    for the office to choose; with them, each section takes the new text only when its choice is
    TAKE_NEW — a section without a choice keeps the edit. `base` is the version the office
    answered about: a newer one saved meanwhile refuses the redraft (StaleEdit), as does one saved
    while the document was being drafted."""
    document = build(draft)
    new = sections_of(document)
    current = latest(draft)
    if base is not None and current.number != base:
        raise _stale(current.number, base)
    mine = sections_in(current)
    edited = edited_keys(draft, mine)
    by_key = {s.key: s for s in mine}
    new_keys = {s.key for s in new}
    differences = [_difference(by_key[s.key], s) for s in new if s.key in edited and by_key[s.key] != s] + [
        Difference(s.key, s.title, s.text, "") for s in mine if s.key in edited and s.key not in new_keys
    ]
    if differences and choices is None:
        return Redraft(differences, None)
    take = {d.key for d in differences if (choices or {}).get(d.key) == TAKE_NEW}
    merged = _merge(mine, new, edited - take)
    with transaction.atomic():
        locked = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        if latest(locked).number != current.number:
            raise _stale(latest(locked).number, current.number)
        _remember_drafting(draft, document, new)
        draft.save(update_fields=["title", "generated", "generated_at", "flags"])
        kept = len(differences) - len(take)
        note = f"Giữ {kept} mục đã sửa, lấy {len(take)} mục mới" if differences else ""
        version = _add_version(draft, merged, DraftVersion.Change.REDRAFTED, user, note)
    return Redraft(differences, version)


def _difference(mine: Section, new: Section) -> Difference:
    """What the office compares; the headings too when the edit changed the heading."""
    if mine.heading == new.heading:
        return Difference(mine.key, mine.title, mine.text, new.text)
    return Difference(mine.key, mine.title, f"{mine.heading}\n{mine.text}", f"{new.heading}\n{new.text}")


def _merge(mine: list[Section], new: list[Section], keep: set[str]) -> list[Section]:
    """The new sections, with the kept edits in place of theirs; a kept section the new drafting
    no longer has stays after the section it followed."""
    by_key = {s.key: s for s in mine}
    merged = [by_key[s.key] if s.key in keep and s.key in by_key else s for s in new]
    for i, s in enumerate(mine):
        if s.key in keep and s.key not in {m.key for m in merged}:
            before = next((p.key for p in reversed(mine[:i]) if p.key in {m.key for m in merged}), None)
            at = next((j + 1 for j, m in enumerate(merged) if m.key == before), 0)
            merged.insert(at, s)
    return merged


def document_of(draft: ReportDraft) -> Document:
    """The document as the draft's newest version has it, ready to render."""
    return with_sections(build(draft), sections_in(latest(draft)))


def export_docx(draft: ReportDraft) -> bytes:
    """The edited draft as .docx, in the province's layout."""
    from chiso.reports.documents import render
    from chiso.reports.layout_fields import LayoutRejected
    from chiso.reports.template_store import current_layout

    try:
        return render(document_of(draft), current_layout(draft.kind, draft.province))
    except LayoutRejected as rejected:
        raise DraftRefused(
            f"Mẫu văn bản đang dùng không dựng được văn bản: {rejected}. Văn phòng chuyển đổi số cần tải "
            "lên mẫu khác ở trang Mẫu văn bản."
        ) from None


def export_pdf(draft: ReportDraft) -> bytes:
    """The edited draft as PDF through LibreOffice; raises pdf.PdfUnavailable without it."""
    from chiso.reports.pdf import docx_bytes_to_pdf

    return docx_bytes_to_pdf(export_docx(draft))


def file_name(draft: ReportDraft) -> str:
    """The download's name without extension: "du-thao-bao-cao-cds-2024-11"."""
    if draft.kind == "periodic":
        return f"du-thao-bao-cao-cds-{draft.period_id}"
    return f"du-thao-ke-hoach-dti-{draft.unit.code}-{(draft.year or 0) + 1}"
