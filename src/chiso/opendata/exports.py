"""Open data as files: CSV that Excel opens in Vietnamese, and JSON for machines."""

from __future__ import annotations

import csv
import io

from chiso.frameworks.models import Framework
from chiso.opendata.catalogue import ORIGIN_LABELS, IndicatorMetadata, OpenValue, metadata
from chiso.reports.exports import neutralise  # the one CSV formula guard (CSV injection)

CSV_COLUMNS = (
    "ma_chi_so",
    "ten_chi_so",
    "dinh_nghia",
    "don_vi_do",
    "ma_don_vi",
    "ten_don_vi",
    "ky",
    "gia_tri",
    "gia_tri_so",
    "muc_tieu",
    "danh_gia",
    "nguon_goc",
    "nguon",
    "cap_nhat",
)


def indicator_metadata(framework: Framework, values: list[OpenValue]) -> dict[str, IndicatorMetadata]:
    codes = {v.indicator_code for v in values}
    return {i.code: metadata(i) for i in framework.indicators.select_related("framework") if i.code in codes}


def to_csv(framework: Framework, values: list[OpenValue]) -> str:
    """The values as CSV text with a UTF-8 byte-order mark, so Excel reads the Vietnamese."""
    meta = indicator_metadata(framework, values)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for v in values:
        m = meta[v.indicator_code]
        writer.writerow(
            [
                neutralise(str(c))
                for c in (
                    v.indicator_code,
                    m.name,
                    m.definition,
                    m.measure,
                    v.unit_code,
                    v.unit_name,
                    v.period_id,
                    v.value,
                    v.number,
                    v.target,
                    v.evaluation,
                    ORIGIN_LABELS[v.origin],
                    v.source,
                    v.updated_at.isoformat(),
                )
            ]
        )
    return out.getvalue()


def to_json(framework: Framework, period_id: str, values: list[OpenValue]) -> dict:
    """The values with the framework's and each indicator's metadata."""
    meta = indicator_metadata(framework, values)
    return {
        "framework": {
            "code": framework.code,
            "name": framework.name,
            "legal_basis": framework.legal_basis,
            "issuer": framework.issuer,
        },
        "period": period_id,
        "indicators": [
            {
                "code": m.code,
                "name": m.name,
                "definition": m.definition,
                "measure": m.measure,
                "legal_basis": m.legal_basis,
            }
            for m in meta.values()
        ],
        "values": [
            {
                "indicator": v.indicator_code,
                "unit": v.unit_code,
                "unit_name": v.unit_name,
                "period": v.period_id,
                "value": v.value,
                "number": v.number or None,
                "target": v.target or None,
                "evaluation": v.evaluation or None,
                "origin": v.origin,
                "origin_label": ORIGIN_LABELS[v.origin],
                "source": v.source,
                "updated_at": v.updated_at.isoformat(),
            }
            for v in values
        ],
    }
