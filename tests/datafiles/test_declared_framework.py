"""A dataset that declares indicators of a plan not at hand names that plan for its readers."""

from chiso.datafiles.reading import declared_framework
from chiso.datafiles.schema import DatasetFile

INDICATOR = {"code": "tthc-tren-phan-mem", "name": "TTHC được xử lý trên phần mềm", "measure": "percent"}


def test_the_declared_framework_takes_the_name_the_dataset_gives_it():
    dataset = DatasetFile(
        dataset="thap-muoi-2023",
        framework="cds-thap-muoi-2023",
        indicators=[INDICATOR],
        framework_name="Chỉ tiêu chuyển đổi số huyện Tháp Mười năm 2023",
    )
    assert declared_framework(dataset).name == "Chỉ tiêu chuyển đổi số huyện Tháp Mười năm 2023"


def test_without_a_name_the_declared_framework_is_named_after_its_dataset():
    dataset = DatasetFile(dataset="thap-muoi-2023", indicators=[INDICATOR])
    assert declared_framework(dataset).name == "Chỉ tiêu khai báo trong bộ số liệu thap-muoi-2023"
