import argparse
from datetime import date

import pytest

from passives_lib.cli._arguments import (
    iso_date_argument,
    iso_week_argument,
    positive_int_argument,
)
from passives_lib.core._weeks import is_iso_week


@pytest.mark.parametrize("text", ["2026-W46", "2026-W53", "2020-W01"])
def test_iso_weeks_that_exist_pass(text):
    assert iso_week_argument(text) == text and is_iso_week(text)


@pytest.mark.parametrize("text", ["2025-W53", "2026-W00", "2026-46", "W46", "", "2026-W4"])
def test_iso_weeks_that_do_not_exist_are_refused(text):
    with pytest.raises(argparse.ArgumentTypeError, match="ISO week like 2026-W46"):
        iso_week_argument(text)
    assert not is_iso_week(text)


def test_dates():
    assert iso_date_argument("2026-11-20") == date(2026, 11, 20)
    with pytest.raises(argparse.ArgumentTypeError, match="2026-11-20"):
        iso_date_argument("20/11/2026")


@pytest.mark.parametrize(("text", "value"), [("1", 1), ("13", 13)])
def test_positive_whole_numbers(text, value):
    assert positive_int_argument(text) == value


@pytest.mark.parametrize("text", ["0", "-3", "x", "1.5"])
def test_other_numbers_are_refused(text):
    with pytest.raises(argparse.ArgumentTypeError, match=">= 1"):
        positive_int_argument(text)
