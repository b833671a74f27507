import pytest

from tests.factories import FigureFactory, MeasureFactory


@pytest.fixture
def offences(wiltshire, hampshire):
    """The reference story's measure and four figures."""
    measure = MeasureFactory(name="Online child sex offences recorded", slug="online-offences")
    for force, period, value in [
        (wiltshire, "2018/19", 77),
        (wiltshire, "2019/20", 63),
        (hampshire, "2018/19", 131),
        (hampshire, "2019/20", 247),
    ]:
        FigureFactory(measure=measure, force=force, period=period, value=value)
    return measure
