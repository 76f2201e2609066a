"""The machine description printed above every benchmark table carries Python's speed, so two
tables are compared only when they came from equally fast machines."""

import re

import pytest

from chiso.bench.machine import describe, python_speed_ms


def test_python_s_speed_is_a_positive_time():
    assert 0 < python_speed_ms(loops=10_000, repeats=2) < 10_000


@pytest.mark.django_db  # the description names the database server, which it asks
def test_the_description_gives_the_speed_in_vietnamese_milliseconds():
    lines = dict(describe())
    (label,) = (label for label in lines if label.startswith("Tốc độ Python"))
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d)? ms", lines[label])
