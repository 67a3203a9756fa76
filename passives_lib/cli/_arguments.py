"""Argument types shared by the ``passives`` commands."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from passives_lib.core import FIRST_YEAR, LAST_YEAR, MAX_WEEKS, is_iso_week


def iso_week_argument(text: str) -> str:
    """An ISO week argument such as ``2026-W46`` that exists (years 1900 to 2200)."""
    if not is_iso_week(text):
        raise argparse.ArgumentTypeError(
            f"expected an ISO week like 2026-W46 that exists, between {FIRST_YEAR} and "
            f"{LAST_YEAR}, got {text!r}"
        )
    return text


def iso_date_argument(text: str) -> date:
    """A date argument such as ``2026-11-20``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-20, got {text!r}") from None


def positive_int_argument(text: str) -> int:
    """A whole number >= 1, such as ``--capacity 20``."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def weeks_argument(text: str) -> int:
    """A number of weeks from 1 to 520, such as ``--lookback-weeks 13``."""
    value = positive_int_argument(text)
    if value > MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of weeks between 1 and {MAX_WEEKS}, got {text!r}"
        )
    return value


def ledger_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--config`` and ``--ledger`` to a command that works on the ledger."""
    parser.add_argument("--config", type=Path, help="YAML config (plan.ledger)")
    parser.add_argument(
        "--ledger",
        help="contact ledger: SQLite path or SQLAlchemy URL "
        "(default: plan.ledger from the config, else reports/ledger.sqlite)",
    )


def ledger_location(args: argparse.Namespace) -> str:
    """The ledger a command works on: ``--ledger``, else the config's ``plan.ledger``."""
    from passives_lib.config import load_config  # pydantic: not for --help

    return args.ledger or load_config(args.config).plan.ledger
