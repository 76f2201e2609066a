"""The words of the DTI plan (001): its legal basis, aims, assessment and assignments.

The tables are built in dti_plan; this module writes the text around them.
"""

from __future__ import annotations

from chiso.reports.content import Block, table_marker


def intro(fw, place: str, year: int) -> list[str]:
    basis = f"Căn cứ {fw.legal_basis} của {fw.issuer} về {fw.name};" if fw.legal_basis else ""
    return [
        line
        for line in (
            basis,
            (
                f"Với mục tiêu tiếp tục nâng cao chỉ số chuyển đổi số (DTI) cấp tỉnh, Ủy ban nhân dân tỉnh ban hành "
                f"Kế hoạch nâng cao chỉ số chuyển đổi số trên địa bàn tỉnh {place} năm {year + 1}, cụ thể như sau:"
            ),
        )
        if line
    ]


def body(fw, place: str, options, rank: str, bang1, bang2, pl1, pl2) -> list[Block]:
    year = options.year
    below = pl1.items if pl1.items is not None else sum(1 for r in pl1.rows if not r.heading)
    blocks = [
        Block("I. MỤC ĐÍCH, YÊU CẦU", 1),
        Block(
            f"Đánh giá kết quả, hạn chế, nguyên nhân của các chỉ số thành phần chưa đạt điểm tối đa "
            f"của chỉ số chuyển đổi số năm {year - 1}, ước kết quả năm {year} và đề ra giải pháp, phân "
            f"công rõ trách nhiệm thực hiện trong năm {year + 1}."
        ),
        Block("II. ĐÁNH GIÁ HIỆN TRẠNG, GIẢI PHÁP THỰC HIỆN CHỈ SỐ DTI", 1),
        Block(
            f"Theo kết quả chỉ số đánh giá chuyển đổi số (DTI) năm {year - 1} gồm {fw.groups.count()} chỉ "
            f"số chính và {fw.indicators.count()} chỉ số thành phần"
            + (f", tỉnh {place} xếp hạng {rank}" if rank else "")
            + ". Kết quả từng chỉ số chính như sau:"
        ),
        Block(table_marker(bang1.key)),
        Block(f"Dự kiến kết quả chỉ số chuyển đổi số năm {year} của tỉnh {place}:"),
        Block(table_marker(bang2.key)),
        Block(
            f"Có {below} chỉ số thành phần chưa đạt điểm tối đa (chi tiết {pl1.label})."
            if below
            else f"Không có chỉ số thành phần nào chưa đạt điểm tối đa ({pl1.label})."
        ),
        Block(f"III. NỘI DUNG THỰC HIỆN NÂNG CAO CHỈ SỐ DTI NĂM {year + 1} (chi tiết {pl2.label})", 1),
        Block("IV. KINH PHÍ THỰC HIỆN", 1),
        Block(
            "Nguồn kinh phí thực hiện kế hoạch: sử dụng từ nguồn ngân sách nhà nước theo phân cấp quản lý "
            "ngân sách và các nguồn vốn hợp pháp khác (nếu có)."
        ),
        Block("V. TỔ CHỨC THỰC HIỆN", 1),
        Block(
            f"Các cơ quan, đơn vị chủ trì thực hiện các nhiệm vụ tại {pl2.label}; cung cấp đầy đủ số liệu "
            f"theo chỉ tiêu được giao và gửi về Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân "
            f"dân tỉnh, Bộ Khoa học và Công nghệ theo quy định."
        ),
    ]
    return blocks


def closing(place: str, year: int) -> str:
    return (
        "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị các cơ quan, đơn vị, địa phương "
        "phản ánh về Sở Khoa học và Công nghệ để phối hợp giải quyết; trường hợp vượt thẩm quyền, Sở "
        "Khoa học và Công nghệ tổng hợp báo cáo và đề xuất, trình Ủy ban nhân dân tỉnh xem xét, quyết định./."
    )
