"""`chiso demo`: open the 2026 DTI round of Đồng Tháp once the DTI data is loaded."""

from __future__ import annotations


def demo_step() -> list[str]:
    from chiso.assessment.rounds import RoundError, open_round

    try:
        opened = open_round(2026, "dong-thap")
    except RoundError as error:
        return [f"Tự đánh giá DTI: chưa mở đợt 2026 ({error})."]
    return [
        opened.lines()[0],
        f"  {len(opened.unmapped)} chỉ số chưa xác định được cơ quan chủ trì (văn phòng giao trên trang đợt).",
        "  Xem tại /tu-danh-gia-dti/2026/dong-thap/",
    ]
