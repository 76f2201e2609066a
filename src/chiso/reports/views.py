"""The report page: choose a document, see its summary and charts, download .docx/.xlsx/.csv;
and the office's page for the .docx layouts."""

from __future__ import annotations

import base64
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.accounts.permissions import is_office, require, unit_ids_for
from chiso.engine.errors import EngineError
from chiso.engine.numbers import format_number
from chiso.engine.periods import today
from chiso.reports.forms import ReportForm, TemplateUploadForm
from chiso.reports.layout_fields import LayoutRejected

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
DRAFT_PREFIX = "du-thao"  # the draft form shares the report page with the preview's fields


def _require_reader(user) -> None:
    if not (is_office(user) or unit_ids_for(user, "view")):
        raise PermissionDenied("Bạn chưa được phân quyền xem văn bản báo cáo.")


def _require_province_reader(user, form: ReportForm) -> None:
    """403 unless ``user`` may view the province the document reports on: the chosen one, or
    for a periodic report without one, the province whose figures it would use (then fixed in
    the form, so the document and its layout are that province's)."""
    from chiso.orgunits.models import OrgUnit
    from chiso.reports.periodic import default_unit

    args = form.build_args()
    code = args.get("unit")
    if not code and form.cleaned_data["kind"] == "periodic":
        try:
            code = form.cleaned_data["unit"] = default_unit(args["framework"], args["period"])
        except LookupError:
            return  # no figures at all: the build says so
    province = OrgUnit.objects.filter(code=code).first() if code else None
    if province is not None:
        require(user, "view", province)


def _document(form: ReportForm):
    from chiso.reports.dti_plan import DtiOptions, build_dti
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    args = form.build_args()
    if form.cleaned_data["kind"] == "periodic":
        return build_periodic(PeriodicOptions(**args))
    return build_dti(DtiOptions(**args))


def _build(request, form):
    try:
        return _document(form), None
    except (ObjectDoesNotExist, LookupError, EngineError) as error:
        from chiso.reports.commands import _missing

        return None, f"Không lập được văn bản: {_missing(error, form.cleaned_data)}"


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    return _report_page(request, ReportForm(request.GET or None))


def _report_page(request: HttpRequest, form: ReportForm, *, status: int = 200, **context) -> HttpResponse:
    """The report page; the office also finds the form to make a draft and its province's drafts."""
    from chiso.reports.forms import DraftForm
    from chiso.reports.models import ReportDraft

    _require_reader(request.user)
    document, error, charts = None, context.pop("error", None), []
    if form.is_bound and form.is_valid() and error is None:
        _require_province_reader(request.user, form)
        document, error = _build(request, form)
        if document is not None:
            charts = [(c.caption, base64.b64encode(c.png).decode()) for c in document.charts]
            charts += [
                (a.chart.caption, base64.b64encode(a.chart.png).decode())
                for a in document.appendices
                if a.chart is not None
            ]
    office = is_office(request.user)
    return render(
        request,
        "reports/report_page.html",
        {
            "form": form,
            "document": document,
            "error": error,
            "charts": charts,
            "query": request.GET.urlencode(),
            "office": office,
            "draft_form": context.pop("draft_form", None)
            or (DraftForm(initial={"date": today(), **_selection(form)}, prefix=DRAFT_PREFIX) if office else None),
            "drafts": ReportDraft.objects.filter(province=_office_province(request))[:20] if office else [],
        },
        status=status,
    )


def _selection(form: ReportForm) -> dict:
    """The document chosen on the page, to start the draft form with."""
    if not form.is_bound:
        return {}
    return {k: v for k, v in form.data.items() if k in ("kind", "period", "framework", "unit", "year")}


@login_required
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The document as .docx, its appendices as .xlsx, or one appendix as .csv."""
    from chiso.reports.documents import render as render_docx
    from chiso.reports.exports import appendices_xlsx, appendix_csv
    from chiso.reports.template_store import current_layout

    _require_reader(request.user)
    if fmt not in ("docx", "xlsx", "csv"):
        return HttpResponse(
            "Chỉ tải được .docx, .xlsx hoặc .csv.", status=404, content_type="text/plain; charset=utf-8"
        )
    form = ReportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            "Lựa chọn chưa hợp lệ: "
            + "; ".join(
                f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}" for k, v in form.errors.items()
            ),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    _require_province_reader(request.user, form)
    document, error = _build(request, form)
    if document is None:
        return HttpResponse(error, status=404, content_type="text/plain; charset=utf-8")
    name = _file_name(form)
    if fmt == "docx":
        try:
            body, ctype = render_docx(document, current_layout(document.kind, _layout_province(request, form))), DOCX
        except LayoutRejected as rejected:
            return HttpResponse(
                f"Mẫu văn bản đang dùng không dựng được văn bản: {rejected}. Văn phòng chuyển đổi "
                "số cần tải lên mẫu khác ở trang Mẫu văn bản.",
                status=422,
                content_type="text/plain; charset=utf-8",
            )
    elif fmt == "xlsx":
        body, ctype = appendices_xlsx(document.appendices), XLSX
    else:
        key = request.GET.get("appendix", "")
        chosen = [a for a in document.appendices if a.key == key]
        if not chosen:
            return HttpResponse(f"Không có phụ lục «{key}».", status=404, content_type="text/plain; charset=utf-8")
        body, ctype, name = appendix_csv(chosen[0]), "text/csv; charset=utf-8", f"{name}-phu-luc-{key}"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _layout_province(request: HttpRequest, form: ReportForm):
    """The province whose layout a document uses: the chosen unit's, else the reader's."""
    from chiso.dashboard.overview import province_of
    from chiso.reports.template_store import province_of_unit

    return province_of_unit(form.cleaned_data.get("unit")) or province_of(request.user)


def _office_province(request: HttpRequest):
    from chiso.dashboard.overview import province_of

    return province_of(request.user)


def _file_name(form: ReportForm) -> str:
    d = form.cleaned_data
    if d["kind"] == "periodic":
        return f"bao-cao-cds-{d['period']}"
    return f"ke-hoach-dti-{d['unit']}-{d['year'] + 1}"


@login_required
def layouts_page(request: HttpRequest) -> HttpResponse:
    from chiso.reports.models import ReportTemplate

    if not is_office(request.user):
        raise PermissionDenied("Chỉ Văn phòng chuyển đổi số (quản trị) được quản lý mẫu văn bản.")
    return render(
        request,
        "reports/layouts.html",
        {
            "form": TemplateUploadForm(),
            "province": _office_province(request),
            "history": ReportTemplate.objects.filter(province=_office_province(request)).defer("content")[:20],
            "kinds": ReportTemplate.Kind.choices,
        },
    )


@login_required
def layout_download(request: HttpRequest, kind: str) -> HttpResponse:
    from chiso.reports.template_store import current_layout, current_name

    if not is_office(request.user):
        raise PermissionDenied("Chỉ Văn phòng chuyển đổi số (quản trị) được tải mẫu văn bản.")
    province = _office_province(request)
    response = HttpResponse(current_layout(kind, province), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{current_name(kind, province)}"'
    return response


@login_required
@require_POST
def layout_upload(request: HttpRequest) -> HttpResponse:
    from chiso.reports.template_store import TemplateRefused, accept_upload

    if not is_office(request.user):
        raise PermissionDenied("Chỉ Văn phòng chuyển đổi số (quản trị) được tải lên mẫu văn bản.")
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa chọn loại văn bản hoặc tệp mẫu .docx.")
        return redirect("reports:layouts")
    upload = form.cleaned_data["file"]
    limit = settings.CHISO_UPLOAD_MAX_BYTES
    if upload.size > limit:  # refused before it is read, as every other upload
        messages.error(
            request,
            f"Tệp «{upload.name}» nặng {format_number(Decimal(upload.size) / 1048576, 1)} MB, "
            f"vượt giới hạn {format_number(Decimal(limit) / 1048576, 1)} MB. Mẫu đang dùng được giữ nguyên.",
        )
        return redirect("reports:layouts")
    try:
        accept_upload(form.cleaned_data["kind"], upload.name, upload.read(), request.user, _office_province(request))
    except TemplateRefused as refusal:
        messages.error(request, f"{refusal} Mẫu đang dùng được giữ nguyên.")
    else:
        messages.success(request, f"Đã dùng mẫu mới «{upload.name}».")
    return redirect("reports:layouts")


# --- drafts the office edits before export (chiso.reports.drafts) ---------------------------------


def _plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied("Chỉ Văn phòng chuyển đổi số (quản trị) được lập và sửa dự thảo văn bản.")


def _draft(request: HttpRequest, pk: int):
    """The draft, for the office of its province only (another province's office gets 403)."""
    from chiso.reports.models import ReportDraft

    draft = get_object_or_404(ReportDraft.objects.select_related("province", "unit"), pk=pk)
    _require_office(request.user)
    require(request.user, "manage", draft.province)
    return draft


def _draft_page(request: HttpRequest, draft, *, status: int = 200, **context) -> HttpResponse:
    """The draft page: letterhead, notices, every section editable, versions, redraft, export."""
    from chiso.reports import drafts
    from chiso.reports.forms import LetterheadForm

    version = drafts.latest(draft)
    sections = drafts.sections_in(version)
    edited = drafts.edited_keys(draft, sections)
    posted = context.pop("texts", {})
    form = context.pop("form", None) or LetterheadForm(
        initial={
            "number": draft.number,
            "date": draft.date,
            "signer_name": draft.signer_name,
            "recipients": draft.recipients,
        }
    )
    return render(
        request,
        "reports/draft_page.html",
        {
            "draft": draft,
            "version": version,
            "form": form,
            "sections": [(s, posted.get(s.key, s.text), s.key in edited, _rows(s.text)) for s in sections],
            "versions": draft.versions.select_related("author").defer("sections"),
            **context,
        },
        status=status,
    )


def _rows(text: str) -> int:
    """A textarea tall enough for its text (about 140 characters a line on the page)."""
    return min(40, 2 + sum(len(line) // 140 + 1 for line in text.splitlines()))


@login_required
@require_POST
def draft_create(request: HttpRequest) -> HttpResponse:
    from chiso.reports import drafts
    from chiso.reports.forms import DraftForm

    _require_office(request.user)
    form = DraftForm(request.POST, prefix=DRAFT_PREFIX)
    if not form.is_valid():
        return _report_page(request, ReportForm(), draft_form=form, status=400)
    _require_province_reader(request.user, form)
    province = _office_province(request)
    if province is None:
        raise PermissionDenied("Không xác định được tỉnh của Văn phòng chuyển đổi số.")
    require(request.user, "manage", province)
    try:
        draft = drafts.create(form.choice(), form.letterhead(), province, request.user)
    except drafts.DraftRefused as refused:
        return _report_page(request, ReportForm(), draft_form=form, status=422, error=str(refused))
    messages.success(request, "Đã lập dự thảo từ số liệu (phiên bản 1). Sửa từng mục rồi bấm «Lưu dự thảo».")
    return redirect("reports:draft", pk=draft.pk)


@login_required
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _draft_page(request, _draft(request, pk))


@login_required
@require_POST
def draft_save(request: HttpRequest, pk: int) -> HttpResponse:
    from chiso.reports import drafts
    from chiso.reports.forms import LetterheadForm

    draft = _draft(request, pk)
    keys = [s.key for s in drafts.sections_in(drafts.latest(draft))]
    texts = {k: request.POST[f"noi-dung-{k}"] for k in keys if f"noi-dung-{k}" in request.POST}
    headings = {k: request.POST[f"tieu-de-{k}"] for k in keys if f"tieu-de-{k}" in request.POST}
    form = LetterheadForm(request.POST)
    base = request.POST.get("phien_ban", "")
    if not base.isdigit():
        return _draft_page(
            request, draft, status=400, texts=texts, error="Thiếu số phiên bản đang sửa; hãy mở lại dự thảo."
        )
    if not form.is_valid():
        return _draft_page(request, draft, status=400, texts=texts, form=form, error="Dự thảo chưa được lưu.")
    try:
        saved = drafts.save_edit(draft, int(base), headings, texts, form.letterhead(), request.user)
    except drafts.StaleEdit as stale:
        return _draft_page(request, draft, status=409, texts=texts, form=form, error=str(stale))
    if saved is None:
        messages.info(request, "Không có gì thay đổi; dự thảo giữ nguyên.")
    else:
        messages.success(request, f"Đã lưu phiên bản {saved.number}.")
    return redirect("reports:draft", pk=draft.pk)


@login_required
@require_POST
def draft_restore(request: HttpRequest, pk: int) -> HttpResponse:
    from chiso.reports import drafts

    draft = _draft(request, pk)
    number = request.POST.get("phien_ban", "")
    if not number.isdigit():
        return _draft_page(request, draft, status=400, error="Chưa chọn phiên bản cần khôi phục.")
    try:
        restored = drafts.restore(draft, int(number), request.user)
    except drafts.DraftRefused as refused:
        return _draft_page(request, draft, status=404, error=str(refused))
    messages.success(request, f"Đã khôi phục phiên bản {number} thành phiên bản {restored.number}.")
    return redirect("reports:draft", pk=draft.pk)


@login_required
@require_POST
def draft_redraft(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft again from the data; edited sections that would change are shown for a choice."""
    from chiso.reports import drafts

    draft = _draft(request, pk)
    choices, base = None, request.POST.get("phien_ban", "")
    if "tra_loi" in request.POST:  # the office answered the question about its edits
        every = request.POST.get("tat_ca")
        keys = [s.key for s in drafts.sections_in(drafts.latest(draft))]
        choices = {k: every or request.POST.get(f"chon-{k}", drafts.KEEP) for k in keys}
        if any(c not in (drafts.KEEP, drafts.TAKE_NEW) for c in choices.values()):
            return _draft_page(
                request, draft, status=400, error="Lựa chọn không hợp lệ: chỉ giữ bản đã sửa hoặc lấy bản mới."
            )
    try:
        result = drafts.redraft(draft, request.user, choices, int(base) if base.isdigit() else None)
    except drafts.StaleEdit as stale:
        return _draft_page(request, draft, status=409, error=str(stale))
    except drafts.DraftRefused as refused:
        return _draft_page(request, draft, status=422, error=str(refused))
    if result.version is None:
        return _draft_page(request, draft, differences=result.differences)
    note = f" ({result.version.note})" if result.version.note else ""
    messages.success(request, f"Đã lập lại từ số liệu: phiên bản {result.version.number}{note}.")
    return redirect("reports:draft", pk=draft.pk)


@login_required
def draft_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The edited draft as .docx or PDF."""
    from chiso.reports import drafts
    from chiso.reports.pdf import PdfUnavailable, soffice

    draft = _draft(request, pk)
    if fmt not in ("docx", "pdf"):
        return _plain("Dự thảo chỉ tải được dạng .docx hoặc .pdf.", 404)
    if fmt == "pdf" and soffice() is None:  # the CLI's message names the package; a web reader needs none
        return _plain("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải dự thảo dạng .docx.", 503)
    try:
        body, ctype = (drafts.export_docx(draft), DOCX) if fmt == "docx" else (drafts.export_pdf(draft), PDF)
    except drafts.DraftRefused as refused:
        return _plain(str(refused), 422)
    except PdfUnavailable as unavailable:
        return _plain(f"Không xuất được PDF: {unavailable}.", 503)
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{drafts.file_name(draft)}.{fmt}"'
    return response
