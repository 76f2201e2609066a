"""What a load did, for the operator."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def count(self, outcome: str, what: str, n: int = 1) -> None:
        bucket = getattr(self, outcome)
        bucket[what] = bucket.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "skipped": self.skipped,
        }

    def text(self) -> str:
        labels = {
            "framework": "khung chỉ số",
            "indicator": "chỉ số",
            "unit": "đơn vị",
            "lineage": "sự kiện sáp nhập/đổi tên",
            "dataset": "bộ số liệu",
            "record": "bản ghi số liệu",
            "group": "nhóm chỉ số",
            "target": "mục tiêu",
            "task": "nhiệm vụ",
            "project": "dự án",
            "project_group": "nhóm dự án",
        }
        lines = [f"Đã đọc {len(self.files)} tệp."]
        for outcome, word in (("created", "Thêm mới"), ("updated", "Cập nhật"), ("unchanged", "Không đổi")):
            bucket = getattr(self, outcome)
            if bucket:
                lines.append(f"{word}: " + ", ".join(f"{n} {labels.get(k, k)}" for k, n in bucket.items()))
        lines += [f"Bỏ qua: {s}" for s in self.skipped]
        if not self.changed:
            lines.append("Cơ sở dữ liệu đã có đúng dữ liệu này: không thay đổi gì.")
        return "\n".join(lines)
