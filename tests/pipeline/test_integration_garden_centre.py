"""Real data: a French garden-centre NPS survey loaded through a config."""

import csv
import json
from collections import Counter

import pytest

from passives_lib import load_config, load_survey, nps_table
from passives_lib.cli import main
from tests.conftest import REPO, shared_file

CONFIG = REPO / "tests" / "configs" / "garden_centre_fr.yml"


@pytest.fixture(scope="module")
def export():
    return shared_file("garden_centre_nps_fr/nps.csv")


def independent_counts(path) -> tuple[Counter, int, int]:
    """Categories computed with the csv module alone, applying the same rules by hand.

    A negative basket amount (an optional column) is blanked with a warning; the response and
    its score are kept.
    """
    with open(path, encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    counts: Counter = Counter()
    rejected = 0
    for record in records:
        score = record["nps"].strip()
        if not score:
            rejected += 1
            continue
        value = int(score)
        counts["detractor" if value <= 6 else "passive" if value <= 8 else "promoter"] += 1
    return counts, rejected, len(records)


def _negative_baskets(path) -> int:
    with open(path, encoding="utf-8", newline="") as stream:
        return sum(
            1
            for record in csv.DictReader(stream)
            if record["nps"].strip()
            and record["CaTicket"].strip()
            and float(record["CaTicket"]) < 0
        )


def test_counts_and_nps_match_an_independent_computation(export):
    loaded = load_survey(export, load_config(CONFIG))
    counts, rejected, total = independent_counts(export)
    assert loaded.rows_read == total
    assert loaded.rows_rejected == rejected
    assert loaded.rows_accepted == sum(counts.values())
    negative = loaded.warnings["reason"].str.startswith("lifetime_value is negative")
    assert negative.sum() == _negative_baskets(export)
    observed = loaded.responses["category"].astype(str).value_counts().to_dict()
    assert observed == dict(counts)
    n = sum(counts.values())
    expected_nps = 100 * (counts["promoter"] - counts["detractor"]) / n
    assert nps_table(loaded.responses).iloc[0]["nps"] == pytest.approx(expected_nps)


def test_french_comments_survive_intact(export):
    loaded = load_survey(export, load_config(CONFIG))
    comments = loaded.responses["comment"]
    assert comments.str.contains("très", regex=False).any()
    assert comments.str.contains("conseillère", regex=False).any()
    assert (comments != "").sum() > 3000


def test_validate_cli_on_real_data(export, tmp_path, capsys):
    code = main(
        ["validate", str(export), "--config", str(CONFIG), "--json", "--out", str(tmp_path)]
    )
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert summary["rows_read"] == summary["rows_accepted"] + summary["rows_rejected"]
    assert summary["rejection_reasons"]["score is blank"] > 0
    assert summary["by_week"] == []
    assert (tmp_path / "nps.rejected.csv").is_file()
