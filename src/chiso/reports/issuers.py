"""Who issues a document on a given day, and to whom it is sent (Nghị định 30/2020, Phụ lục I).

A province's DX report is issued by its DX office (Sở TT&TT, then Sở KH&CN after 1/3/2025); a
unit's report against its own plan (003 asks every district, after 1/7/2025 every commune, for
one; 004 is Tháp Mười's) is issued by that unit: its People's Committee, or the department
itself. The unit is read as the org-unit list holds it on the report's day (name, kind, parent),
so a district that was merged away is not printed as if it still existed.

The recipient lists are the seeds' own lines (file and line in the comments); where a body was
renamed after the seed was written, the list for a later day names its successor.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chiso.reports.content import DEPARTMENT_MERGER, dx_office, proper_name, province_name, province_of

# On 1 March 2025 the Ministry of Information and Communications merged into the Ministry of
# Science and Technology (Nghị quyết 176/2025/QH15 of 18/02/2025, in force 1/3/2025; Nghị định
# 55/2025/NĐ-CP), which took over the National Digital Transformation Agency (Cục Chuyển đổi số
# quốc gia). The provincial departments merged on the same day (content.DEPARTMENT_MERGER).
# Provisional: no seed prints a recipient list after these dates; the later lists are the seeds'
# lists with each body replaced by its successor under these laws (an inference, not a transcription).
MINISTRY_MERGER = DEPARTMENT_MERGER
# On 1 July 2025 districts were abolished and communes merged (Nghị quyết 202/2025/QH15): from
# then on a province's local reports come from communes and wards, not districts.
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)

# The administrative word that starts a local unit's name: "Huyện Tháp Mười" -> "Tháp Mười".
LOCAL_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Phường ", "Xã ", "Đặc khu ")


@dataclass(frozen=True)
class Issuer:
    """The header, signature and running-text name of the body that issues a document."""

    parent_body: str  # "UBND TỈNH ĐỒNG THÁP"; for a People's Committee "ỦY BAN NHÂN DÂN"
    name: str  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "HUYỆN THÁP MƯỜI"
    words: str  # in running text: "Sở Thông tin và Truyền thông", "Ủy ban nhân dân huyện Tháp Mười"
    symbol: str  # after "BC-" in the number: "STTTT", "UBND"
    place: str  # the date line's place name: "Đồng Tháp", "Tháp Mười"
    signer_authority: str
    signer_title: str
    recipients: tuple[str, ...]


class UnitGone(LookupError):
    """The unit did not exist on the report's day: its report cannot be issued in its name."""


def local_name(unit_name: str) -> str:
    """ "Huyện Tháp Mười" -> "Tháp Mười"; "Phường Cao Lãnh" -> "Cao Lãnh" (the place of the date line)."""
    for prefix in LOCAL_PREFIXES:
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


def in_text(unit_name: str) -> str:
    """ "Huyện Tháp Mười" -> "huyện Tháp Mười": the unit's name inside a sentence."""
    for prefix in LOCAL_PREFIXES:
        if unit_name.startswith(prefix):
            return prefix.lower() + unit_name[len(prefix) :]
    return unit_name


def unit_on(unit, day: datetime.date):
    """The unit as the org-unit list holds it on ``day``: itself while it exists, else the one
    unit that carries it on (a rename); a unit merged into several, or into none, is gone."""
    from chiso.collection.aggregation import carrier_of

    carrier = carrier_of(unit, day)
    if carrier.is_active_on(day) and carrier.type == unit.type:
        return carrier
    raise UnitGone(
        f"{unit.name} không còn tồn tại ngày {day:%d/%m/%Y} (đến {unit.valid_to:%d/%m/%Y}): "
        "hãy chọn ngày báo cáo trong thời gian đơn vị còn hoạt động"
        if unit.valid_to
        else f"{unit.name} chưa được thành lập ngày {day:%d/%m/%Y}: hãy chọn ngày báo cáo khác"
    )


def dx_office_issuer(unit, day: datetime.date) -> Issuer:
    """The province's DX office, issuing the province's periodic report (000)."""
    name, symbol = dx_office(day)
    return Issuer(
        parent_body=f"UBND TỈNH {province_name(province_of(unit)).upper()}",
        name=name,
        words=proper_name(name),
        symbol=symbol,
        place=province_name(province_of(unit)),
        signer_authority="KT. GIÁM ĐỐC",  # 000 l.518
        signer_title="PHÓ GIÁM ĐỐC",  # 000 l.527
        recipients=periodic_recipients(day),
    )


def unit_issuer(unit, day: datetime.date) -> Issuer:
    """The body that issues ``unit``'s own report on ``day``: its People's Committee for a
    district or commune (004), the department itself for a Sở, ban, ngành."""
    unit = unit_on(unit, day)
    province = province_name(province_of(unit))
    if unit.type in ("huyen", "xa"):
        return Issuer(
            parent_body="ỦY BAN NHÂN DÂN",
            name=unit.name.upper(),
            words=f"Ủy ban nhân dân {in_text(unit.name)}",  # 004 l.413-415
            symbol="UBND",
            place=local_name(unit.name),
            signer_authority="TM. ỦY BAN NHÂN DÂN",  # 004 l.418
            signer_title="CHỦ TỊCH",  # 004 l.420
            recipients=local_recipients(unit, day),
        )
    return Issuer(
        parent_body=f"UBND TỈNH {province.upper()}",
        name=unit.name.upper(),
        words=unit.name,
        symbol=department_symbol(unit.name),
        place=province,
        signer_authority=f"KT. {_head_title(unit.name)}",  # 000 l.518: "KT. GIÁM ĐỐC"
        signer_title=f"PHÓ {_head_title(unit.name)}",  # 000 l.527: "PHÓ GIÁM ĐỐC"
        recipients=(f"UBND tỉnh {province};", f"{_head_short(unit.name)};", "Lưu: VT."),
    )


def department_symbol(name: str) -> str:
    """The issuing body's letters in a document number: "Sở Tài chính" -> "STC".

    Nghị định 30 leaves the abbreviation to each body; the DX office's own ("STTTT", "SKHCN")
    comes from `dx_office`, others from the initials of the name's words without "và".
    """
    for office_day in (DEPARTMENT_MERGER - datetime.timedelta(days=1), DEPARTMENT_MERGER):
        office, symbol = dx_office(office_day)
        if name.upper() == office:
            return symbol
    words = [w for w in name.replace(",", " ").split() if w.lower() != "và"]
    return "".join(w[0].upper() for w in words)


def _level_word(unit_name: str) -> str:
    """ "Huyện Tháp Mười" -> "huyện", "Thành phố Cao Lãnh" -> "thành phố": the level in "UBND huyện"."""
    for prefix in LOCAL_PREFIXES:
        if unit_name.startswith(prefix):
            return prefix.strip().lower()
    return "xã" if unit_name else ""


def _head_title(name: str) -> str:
    return "CHÁNH VĂN PHÒNG" if name.startswith("Văn phòng") else "GIÁM ĐỐC"


def _head_short(name: str) -> str:
    return "CVP và các PCVP" if name.startswith("Văn phòng") else "GĐ và các PGĐ"


def periodic_recipients(day: datetime.date) -> tuple[str, ...]:
    """Nơi nhận of the province's periodic report, as 000 prints it (l.519-525) for its day.

    After 1/3/2025 the ministry lines name Bộ KH&CN (MINISTRY_MERGER); after 1/7/2025 the local
    level is the communes and wards (DISTRICTS_ABOLISHED).
    """
    ministry = "Bộ TT&TT" if day < MINISTRY_MERGER else "Bộ KH&CN"
    local = "UBND các huyện, thành phố;" if day < DISTRICTS_ABOLISHED else "UBND các xã, phường;"
    return (
        f"{ministry};",  # 000 l.519 "- Bộ TT&TT;"
        f"Cục CĐS Quốc gia thuộc {ministry};",  # 000 l.520
        "UBND Tỉnh;",  # 000 l.521
        "Các Sở, ngành Tỉnh;",  # 000 l.522
        local,  # 000 l.523
        "GĐ và các PGĐ Sở;",  # 000 l.524
        "Lưu: VT, CĐS&ATTT, TTCĐS.",  # 000 l.525
    )


def dti_recipients() -> tuple[str, ...]:
    """Nơi nhận of the DTI plan, as 001 prints it (l.198-203); the drafter's initials after "KGVX"
    ("(vttoan)") are left out: they name a person, not a recipient."""
    return (
        "Bộ Khoa học và Công nghệ;",  # 001 l.198
        "Tỉnh ủy, HĐND tỉnh;",  # 001 l.199
        "CT và các PCT UBND tỉnh;",  # 001 l.200
        "Như mục V;",  # 001 l.201
        "VPUB: CVP, các PCVP, TTPVHCC;",  # 001 l.202
        "Lưu: VT, KGVX.",  # 001 l.203 "- Lưu: VT, KGVX (vttoan)."
    )


def local_recipients(unit, day: datetime.date) -> tuple[str, ...]:
    """Nơi nhận of a district's or commune's report, after 004 (l.434-448): the province's DX office
    of the day first, then the unit's own leaders, steering committee, offices and communes."""
    office = proper_name(dx_office(day)[0])
    level = _level_word(unit.name)
    lines = [
        f"{office} tỉnh;",  # 004 l.434 "- Sở Thông tin và Truyền thông tỉnh;"
        f"CT các PCT UBND {level};",  # 004 l.436
        f"TV BCĐ Chuyển đổi số {level};",  # 004 l.438
        f"Tổ giúp việc CĐS {level};",  # 004 l.440
        f"Các ban, ngành {level};",  # 004 l.442
    ]
    if unit.type == "huyen":
        lines.append("UBND các xã, thị trấn;")  # 004 l.444
    lines += [
        "LĐVP;",  # 004 l.446
        "Lưu: VT, NC.",  # 004 l.448 "- Lưu: VT, NC(Dương – Thiên)." without the drafters' names
    ]
    return tuple(lines)


def report_day(unit, period_end: datetime.date, given: datetime.date | None) -> datetime.date:
    """The report's date: the one given; else today while the period runs, and the period's last
    day once it is over (the 11/2024 report is dated 30/11/2024, so it is issued by the Sở of
    that day, Sở TT&TT, not by today's); a unit that no longer exists then (a district after
    1/7/2025) reports as of the last day it can sign for."""
    from chiso.engine.periods import today

    if given is not None:
        return given
    day = min(today(), period_end)
    if unit.is_active_on(day) or unit.valid_to is None:
        return day
    return min(period_end, unit.valid_to)


def issuer_for(unit, day: datetime.date) -> Issuer:
    """A province's report comes from its DX office; any other unit's from that unit."""
    return dx_office_issuer(unit, day) if unit.type == "tinh" else unit_issuer(unit, day)
