"""Records loaded from data/datasets/*.yaml (docs/data-format.md §3).

Every record belongs to the Dataset it came from, so reloading a file replaces exactly its
records. Org units and indicators are PROTECTed: a former unit's figures must outlive any
tidy-up of the unit list.
"""

from django.db import models
from django.utils import timezone

from chiso.engine import values as engine_values
from chiso.engine.evaluation import Status
from chiso.engine.scoring import ScoreKind
from chiso.frameworks.models import POINTS, Framework, Indicator, IndicatorGroup
from chiso.orgunits.models import OrgUnit


class Dataset(models.Model):
    """One loaded dataset file."""

    code = models.SlugField("mã", max_length=100, unique=True)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)
    loaded_at = models.DateTimeField("nạp lúc", default=timezone.now)
    file_sha256 = models.CharField("SHA-256 của tệp", max_length=64, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "bộ số liệu"
        verbose_name_plural = "bộ số liệu"

    def __str__(self) -> str:
        return self.code


def engine_choices(name: str, members) -> type[models.TextChoices]:
    """Django choices made from an engine enumeration: the values and the Vietnamese labels are
    the engine's, so a page, the admin and a report say the same word."""
    return models.TextChoices(name, [(m.name, (m.value, m.label)) for m in members])


ValueKind = engine_choices("ValueKind", engine_values.ValueKind)
PointsKind = engine_choices("PointsKind", ScoreKind)
Verdict = engine_choices("Verdict", Status)


class DatasetRecord(models.Model):
    """Fields every dataset record carries."""

    dataset = models.ForeignKey(Dataset, verbose_name="bộ số liệu", on_delete=models.CASCADE)
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)
    # The file's `raw:`: the original string when the cell had to be read.
    original = models.TextField("nguyên bản", blank=True)

    class Meta:
        abstract = True


class DataValue(DatasetRecord):
    """A value of an indicator for a unit and period, kept as printed beside its reading."""

    # The table keeps five indexes, each read by a page or a job (issue 17: every index is paid
    # by every bulk import): the primary key, datavalue_keyset, datavalue_period, the unique
    # constraint (which leads with the unit) and the dataset's foreign-key index (a dataset's
    # values in the admin's filter, a dataset reloaded or deleted: without it one scan of the
    # table each). The indicator and the unit have no index of their own:
    # - indexed by ``datavalue_keyset`` (which leads with it);
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ số", on_delete=models.PROTECT, db_index=False)
    # - indexed by ``datavalue_unique`` (which leads with it: a unit's values, of a period).
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, db_index=False
    )
    uncertain_unit = models.BooleanField("chưa rõ đơn vị", default=False)
    # Indexed by ``datavalue_period`` (a plain index: db_index=True would add, on PostgreSQL, a
    # second one for LIKE that no query uses and every bulk import pays for).
    period_id = models.CharField("kỳ", max_length=20)
    kind = models.CharField("loại", max_length=20, choices=ValueKind.choices)
    raw = models.TextField("giá trị (nguyên văn)")
    number = models.DecimalField("giá trị số", max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField("tử số", max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField("mẫu số", max_digits=20, decimal_places=6, null=True, blank=True)
    inputs = models.JSONField("đầu vào", default=dict, blank=True)

    class Meta:
        verbose_name = "giá trị"
        verbose_name_plural = "giá trị"
        # The order of the values' list (readings.STORED_KEY): the API reads a page after a row
        # as a range of this index (keyset paging), whatever the table's size.
        indexes = [
            models.Index(fields=["indicator", "period_id", "id"], name="datavalue_keyset"),
            models.Index(fields=["period_id"], name="datavalue_period"),
        ]
        constraints = [
            # NULL units stay distinct on purpose: two rows whose unit could not be read are
            # two different (unknown) units, not a duplicate.
            # Led by the unit and the period (a unit's page, its periodic report, its score),
            # so the unit needs no index of its own.
            models.UniqueConstraint(
                fields=["unit", "period_id", "indicator", "kind", "dataset"],
                name="datavalue_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(uncertain_unit=True),
                name="datavalue_unit_or_uncertain",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_id}: {self.raw}"


class WrittenEvaluation(DatasetRecord):
    """An evaluation written in the source ("Đạt", "Chưa đạt", …) against a target period."""

    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    period_id = models.CharField("kỳ", max_length=20)
    target_period_id = models.CharField("kỳ mục tiêu", max_length=20)
    written = models.TextField("đánh giá (nguyên văn)", blank=True)
    status = models.CharField("kết quả", max_length=20, choices=Verdict.choices, blank=True)

    class Meta:
        verbose_name = "đánh giá ghi trong văn bản"
        verbose_name_plural = "đánh giá ghi trong văn bản"

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_id}: {self.written}"


class ScoreRecord(DatasetRecord):
    """What every points record says: the data year, the year published, and who scored."""

    period_id = models.CharField("kỳ", max_length=20)
    published_year = models.PositiveSmallIntegerField("năm công bố", null=True, blank=True)
    kind = models.CharField("loại", max_length=20, choices=PointsKind.choices)

    class Meta:
        abstract = True


class IndicatorPoints(ScoreRecord):
    """Points of one sub-indicator for a unit, as self-assessed, appraised or published."""

    indicator = models.ForeignKey(Indicator, verbose_name="chỉ số", on_delete=models.PROTECT)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT)
    uncertain_unit = models.BooleanField("chưa rõ đơn vị", default=False)
    points = models.DecimalField("điểm", **POINTS)
    max_points_printed = models.DecimalField("điểm tối đa (in)", null=True, blank=True, **POINTS)
    cause = models.TextField("nguyên nhân", blank=True)
    solution = models.TextField("giải pháp", blank=True)
    lead = models.TextField("cơ quan chủ trì", blank=True)

    class Meta:
        verbose_name = "điểm chỉ số thành phần"
        verbose_name_plural = "điểm chỉ số thành phần"

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_id}: {self.points}"


class PillarPoints(ScoreRecord):
    """Points and rank of one pillar (main index) for a unit."""

    group = models.ForeignKey(IndicatorGroup, verbose_name="trụ cột", on_delete=models.PROTECT)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    points = models.DecimalField("điểm", **POINTS)
    rank = models.CharField("xếp hạng (nguyên văn)", max_length=50, blank=True)

    class Meta:
        verbose_name = "điểm trụ cột"
        verbose_name_plural = "điểm trụ cột"

    def __str__(self) -> str:
        return f"{self.group.code} {self.period_id}: {self.points}"


class TotalPoints(ScoreRecord):
    """A unit's total and overall rank as printed; points may be missing when only a rank is."""

    framework = models.ForeignKey(Framework, verbose_name="bộ chỉ số", on_delete=models.PROTECT)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    points = models.DecimalField("điểm", null=True, blank=True, **POINTS)
    rank = models.CharField("xếp hạng (nguyên văn)", max_length=50, blank=True)

    class Meta:
        verbose_name = "tổng điểm"
        verbose_name_plural = "tổng điểm"

    def __str__(self) -> str:
        return f"{self.unit} {self.period_id}: {self.points} ({self.rank})"


class WrittenSummary(DatasetRecord):
    """A summary line as printed, e.g. "Vượt 16/46 chỉ tiêu; Đạt 20/46 …", with its counts."""

    framework = models.ForeignKey(Framework, verbose_name="bộ chỉ số", null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    period_id = models.CharField("kỳ", max_length=20)
    target_period_id = models.CharField("kỳ mục tiêu", max_length=20)
    text = models.TextField("nội dung (nguyên văn)")
    counts = models.JSONField("số lượng", default=dict, blank=True)

    class Meta:
        verbose_name = "tóm tắt kết quả"
        verbose_name_plural = "tóm tắt kết quả"

    def __str__(self) -> str:
        return f"{self.unit} {self.period_id}"


class Rollup(models.Model):
    """How a parent's figure (a ``DataValue`` of the province) was made from its units' figures.

    The figure itself is an ordinary value of the parent, so every reader sees it beside the
    transcribed ones; this record says by which rule, from which form, which units it covers
    and which it still waits for ("2/5 đơn vị"), and whether it is made of example data.
    """

    value = models.OneToOneField(DataValue, verbose_name="giá trị", on_delete=models.CASCADE, related_name="rollup")
    form_code = models.CharField("mẫu báo cáo", max_length=100)
    rule = models.CharField("cách tổng hợp", max_length=10, choices=Indicator.Aggregation.choices)
    covered = models.JSONField("đơn vị đã tính", default=list, blank=True)
    missing = models.JSONField("đơn vị chưa có", default=list, blank=True)
    example = models.BooleanField("số liệu mẫu", default=False)
    made_at = models.DateTimeField("tổng hợp lúc", default=timezone.now)

    class Meta:
        verbose_name = "số liệu tổng hợp"
        verbose_name_plural = "số liệu tổng hợp"

    def __str__(self) -> str:
        return f"{self.value} ({self.coverage})"

    @property
    def expected(self) -> int:
        return len(self.covered) + len(self.missing)

    @property
    def coverage(self) -> str:
        """ "2/5 đơn vị": how many of the expected units the figure covers."""
        return f"{len(self.covered)}/{self.expected} đơn vị"


class UnitScore(models.Model):
    """A unit's DTI score of a period and kind, kept so pages and rankings read it instead of
    scoring again (chiso.observations.stored_scores keeps it current when its inputs change).

    ``pillars`` holds each pillar's points as exact decimal text (a merged province's average
    may have more decimals than ``points``, the total kept for ordering); ``source`` says how
    the score was made, in the order `observations.scores.unit_score` tries them.
    """

    class Source(models.TextChoices):
        PILLARS = "pillars", "Điểm trụ cột đã công bố"
        MERGED = "merged", "Trung bình các tỉnh cũ"
        ROUND = "round", "Điểm thẩm định / công bố trong đợt"
        VALUES = "values", "Tính từ giá trị chỉ số thành phần"

    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, verbose_name="bộ chỉ số", on_delete=models.CASCADE, related_name="+")
    period_id = models.CharField("kỳ", max_length=20)
    kind = models.CharField("loại", max_length=20, choices=PointsKind.choices)
    source = models.CharField("cách tính", max_length=10, choices=Source.choices)
    points = models.DecimalField("tổng điểm", **POINTS)
    max_points = models.DecimalField("điểm tối đa", **POINTS)
    pillars = models.JSONField("điểm trụ cột", default=dict)
    computed_at = models.DateTimeField("tính lúc", default=timezone.now)
    inputs_version = models.CharField("phiên bản bộ chỉ số", max_length=16, blank=True)

    class Meta:
        verbose_name = "điểm DTI đã tính"
        verbose_name_plural = "điểm DTI đã tính"
        constraints = [
            models.UniqueConstraint(fields=["unit", "framework", "period_id", "kind"], name="unitscore_unique"),
        ]
        indexes = [models.Index(fields=["framework", "period_id", "kind", "points"], name="unitscore_ranking")]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_id} ({self.kind}): {self.points}"


FigureOrigin = engine_choices("FigureOrigin", engine_values.Origin)


class KeptVerdict(models.Model):
    """A figure's verdict against its target, kept so pages and lists read it instead of judging
    again (chiso.observations.kept_verdicts keeps it current when its inputs change).

    The verdict is the engine's (`engine.values.judge`, through `observations.readings`), of a
    figure transcribed from a document, rolled up from approved reports, or entered in an
    approved report: its status and reason, the figure and last period's figure it was judged
    on, the target that applied (its period and wording), and ``inputs_version``, a fingerprint
    of that wording and of the framework's definition: a row made under another one is stale.
    """

    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="+")
    period_id = models.CharField("kỳ", max_length=20)
    origin = models.CharField("nguồn số liệu", max_length=20, choices=FigureOrigin.choices)
    kind = models.CharField("loại", max_length=20, choices=ValueKind.choices)
    figure_text = models.TextField("số liệu", blank=True)
    previous_text = models.TextField("số liệu kỳ trước", blank=True)
    target_period_id = models.CharField("kỳ của mục tiêu", max_length=20)
    target_text = models.TextField("mục tiêu (nguyên văn)")
    status = models.CharField("kết quả", max_length=20, choices=Verdict.choices)
    reason = models.TextField("lý do", blank=True)
    computed_at = models.DateTimeField("đánh giá lúc", default=timezone.now)
    inputs_version = models.CharField("phiên bản mục tiêu và bộ chỉ số", max_length=16, blank=True)

    class Meta:
        verbose_name = "kết quả đánh giá đã lưu"
        verbose_name_plural = "kết quả đánh giá đã lưu"
        # Not unique: a unit may report one indicator on two forms, or two documents may give
        # the same figure; each figure is judged.
        indexes = [
            models.Index(fields=["period_id", "status", "indicator", "unit"], name="keptverdict_period"),
            models.Index(fields=["unit", "period_id"], name="keptverdict_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator} {self.period_id}: {self.get_status_display()}"
