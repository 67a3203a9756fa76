"""Names in self-introductions, sign-offs and staff mentions never reach a theme output.

Issue 21, item 6 (self-introductions and sign-offs) and staff first names ("spoke to X",
"X from support", "thanks to X").

Through the real output path (``run_themes`` and ``write_theme_outputs``; ``run_weekly`` and
the theme registry) with a fast encoder: keywords, labels, representative comments,
themes.csv and the registry's names.
"""

from __future__ import annotations

import pandas as pd
import pytest

from passives_lib import run_weekly
from passives_lib.config import config_from_dict
from passives_lib.core._privacy import mask_personal_data
from passives_lib.pipeline._theme_run import run_themes, write_theme_outputs
from passives_lib.store.registry._registry import ThemeRegistry
from passives_lib.themes import ThemeModel
from tests.tiny_embedding import TinyEncoder

INTRODUCED = [
    "Zebediah Quuxley here, the engineer never came",
    "Regards, Zebediah Quuxley. The engineer never came",
    "This is Zebediah Quuxley: the engineer never came to fit the router",
    "Mr Quuxley again, the engineer never came, again",
    "The engineer never came. Kind regards, Zebediah Quuxley",
    "I spoke to Zebediah twice and the engineer never came",
    "The engineer never came, ask for Zebediah at reception",
    "Thanks to Gwendolyn for trying, the engineer never came",
    "Gwendolyn from support was kind but the engineer never came",
]
OTHERS = [
    "the engineer never came",
    "engineer never came and nobody called",
    "great price for the speed",
    "good price, fast speed",
    "the price is fair for the speed",
]
SECRET = ("zebediah", "quuxley", "gwendolyn")

# The masking rules for self-introductions and sign-offs come with issue 25 (branch
# `privacy`); until they are merged these tests are expected to fail, and then must pass.
pytestmark = pytest.mark.xfail(
    "Zebediah" in mask_personal_data("Zebediah Quuxley here, the engineer never came"),
    reason="mask_personal_data does not mask 'X here' yet (issue 25)",
    strict=True,
)


def comments() -> list[str]:
    return [text for _ in range(6) for text in INTRODUCED + OTHERS]


def leaks(texts: list[str]) -> list[str]:
    return [t for t in texts if any(word in str(t).lower() for word in SECRET)]


def theme_texts(themes: pd.DataFrame) -> list[str]:
    texts = list(themes["label"])
    for column in ("keywords", "representative_comments"):
        texts += [text for values in themes[column] for text in values]
    return texts


def test_themes_csv_and_the_model_output_show_no_introduced_name(tmp_path):
    path = tmp_path / "comments.csv"
    pd.DataFrame({"text": comments()}).to_csv(path, index=False)
    run = run_themes(path, text_column="text", model=ThemeModel(embedding_model=TinyEncoder()))
    assert len(run.themes) >= 1
    assert leaks(theme_texts(run.themes)) == []
    assert leaks(theme_texts(run.model.themes_)) == []
    quotes = [q for values in run.themes["representative_comments"] for q in values]
    assert any("engineer never came" in q for q in quotes)  # the quote is kept, masked

    written = write_theme_outputs(run, tmp_path / "out")
    table = pd.read_csv(written["themes"], dtype=str, keep_default_na=False)
    assert leaks(table.to_numpy().ravel().tolist()) == []


def test_the_registry_and_the_weekly_outputs_show_no_introduced_name(tmp_path):
    rows = [
        {"respondent_id": f"r{i}", "score": i % 11, "comment": text, "responded_at": "2026-03-04"}
        for i, text in enumerate(comments())
    ]
    path = tmp_path / "survey.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    columns = {c: c for c in ("respondent_id", "score", "comment", "responded_at")}
    config = config_from_dict(
        {"columns": columns, "dates": "iso", "plan": {"ledger": str(tmp_path / "l.sqlite")}}
    )
    run = run_weekly(path, config, plan=False, model=ThemeModel(embedding_model=TinyEncoder()))
    theme_run = run.theme_run()
    assert leaks(theme_texts(theme_run.themes)) == []
    assert leaks(list(theme_run.assignments["theme_label"])) == []
    assert leaks([q for quotes in run.findings.findings["quotes"] for q in quotes]) == []
    with ThemeRegistry(config.plan.ledger) as registry:
        registry_texts = registry.themes()
    assert len(registry_texts) >= 1
    names = list(registry_texts["name"]) + list(registry_texts["label"])
    assert leaks(names + [k for ks in registry_texts["keywords"] for k in ks]) == []
