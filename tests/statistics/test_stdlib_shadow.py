"""The `statistics` app must not hide the standard library module of the same name."""

import subprocess
import sys
from pathlib import Path

from django.db.models import StdDev

import pytest

import statistics
from statistics.models import PoliceForce

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_import_statistics_finds_the_app_package():
    assert Path(statistics.__file__).parent == PROJECT_ROOT / "statistics"


def test_standard_library_functions_resolve_through_the_package():
    assert statistics.median([3, 1, 2]) == 2
    assert statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]) == 2.0
    assert "median" in dir(statistics)


def test_unknown_names_still_raise_attribute_error():
    with pytest.raises(AttributeError):
        statistics.no_such_function  # noqa: B018


def test_from_import_works_from_the_project_root():
    code = "from statistics import median, pstdev; print(median([1, 5, 9]), pstdev([1, 1]))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["5", "0.0"]


@pytest.mark.django_db
def test_stddev_aggregate_runs_on_the_database():
    """On SQLite, Django implements StdDev with the standard library's statistics.pstdev."""
    PoliceForce.objects.exclude(slug__in=["wiltshire", "hampshire"]).delete()
    result = PoliceForce.objects.aggregate(spread=StdDev("id"))
    ids = list(PoliceForce.objects.values_list("id", flat=True))
    assert result["spread"] == pytest.approx(statistics.pstdev(ids))
