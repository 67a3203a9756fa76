"""A small dated export with passives of every kind, and its theme table, for the explorer."""

import pandas as pd

from passives_lib.config import STRATEGIES
from passives_lib.outreach._explorer import PassivesExplorer
from passives_lib.survey import add_classification

XSS = "<img src=x onerror=alert(1)>"


def responses(dated: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "e", "f", "g"],
            "score": [8, 7, 8, 7, 8, 10, 3],
            "comment": [
                "=SUM(A1:A9) too pricey",
                XSS,
                "mail me at jo@example.com",
                "slow delivery",
                "",
                "love it",
                "awful",
            ],
            "responded_at": pd.to_datetime(
                [
                    "2026-01-05",
                    "2026-01-12",
                    "2026-01-19",
                    "2026-01-12",
                    "2026-01-05",
                    "2026-01-05",
                    "2026-01-12",
                ]
            ),
            "segment": ["Enterprise", "Enterprise", "SMB", "SMB", "Consumer", "Enterprise", "SMB"],
            "lifetime_value": [100.0, 90000.0, 500.0, 2000.0, 50.0, 1e6, 1e6],
            "contact_status": [
                "not_contacted",
                "contacted",
                "not_contacted",
                "no_answer",
                "not_contacted",
                "not_contacted",
                "not_contacted",
            ],
        }
    )
    if not dated:
        frame = frame.drop(columns="responded_at")
    return add_classification(frame)


def themes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "f", "g"],
            "theme_id": [0, 1, 1, 0, 0, 1],
            "theme_label": [
                "delivery / slow",
                "website / login",
                "website / login",
                "delivery / slow",
                "delivery / slow",
                "website / login",
            ],
            "theme_keywords": [
                ["delivery", "slow"],
                ["website", "login"],
                ["website", "login"],
                ["delivery", "slow"],
                ["delivery", "slow"],
                ["website", "login"],
            ],
            "theme_effort": ["low", "high", "high", "low", "low", "high"],
        }
    )


def ids(frame: pd.DataFrame) -> set[str]:
    """The respondent ids in a frame."""
    return set(frame["respondent_id"])


def set_weights(explorer: PassivesExplorer, **weights: float) -> None:
    """Set every strategy slider: the given weights, 0 for the others."""
    for name in STRATEGIES:
        explorer.sliders[name].value = weights.get(name, 0.0)
