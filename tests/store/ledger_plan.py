"""What the ledger tests share: the week they plan and how they write a plan."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from passives_lib.store.ledger import _schema as _ledger_schema

REPO = Path(__file__).resolve().parents[2]
WEEK = "2026-W27"
MONDAY = datetime(2026, 6, 29, 9, 0)  # recorded_at of the week-27 plan

CURRENT = _ledger_schema.SCHEMA_VERSION


def plan(*rows: tuple) -> pd.DataFrame:
    """Assignments from (respondent_id, list[, assignee]) tuples."""
    return pd.DataFrame(
        [(r[0], r[1], r[2] if len(r) > 2 else None) for r in rows],
        columns=["respondent_id", "list", "assignee"],
    )
